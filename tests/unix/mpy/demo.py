# The tapblink demo (modules/tapblink) end to end on the unix port: taps are scheduled edges
# (with bounce), Ctrl-C is simgpio.interrupt(), the LED's level changes are logged with the
# virtual time. The intervals run() prints are checked against demo.py.exp.
import time

import simgpio
import tapblink
from machine import Pin
from mpytest import eq, raises

LED = Pin("LED")


def tap(t0, at, hold=60):
    for dt, level in ((0, 0), (1, 1), (3, 0), (hold, 1), (hold + 2, 0), (hold + 4, 1)):
        simgpio.schedule("BUTTON", level, time.ticks_add(t0, at + dt))


def led_log(t0):
    return [(time.ticks_diff(t, t0), v) for t, v in simgpio.log("LED", True)]


def released():
    eq(simgpio.irq("BUTTON"), 0, "run() released the button's IRQ")
    eq(simgpio.timers(), 0, "no timer left armed")
    eq(LED.value(), 0, "LED off after run()")


def run_demo(taps, stop, **kwargs):
    t0 = time.ticks_ms()
    for at in taps:
        tap(t0, at)
    simgpio.interrupt(time.ticks_add(t0, stop))
    tapblink.run(**kwargs)
    eq(time.ticks_diff(time.ticks_ms(), t0), stop, "run() returned at Ctrl-C")
    released()
    return led_log(t0)


# A: the default rate before the first press; the press is the beat (the LED toggles at it
# and the new rate counts from it); an interval longer than cap_ms blinks at cap_ms but
# prints raw.
print("A")
log = run_demo([1000, 1300, 1600, 5000], 7500)
want = [(0, 1), (500, 0), (1000, 1)]  # default 500 ms, first press only starts the count
want += [(1300, 0), (1600, 1)]  # toggle at the press, 300 ms from it; 1600 is on the beat
want += [(t, (t // 300) % 2) for t in range(1900, 5000, 300)]  # 300 ms, in step
want += [(5000, 1), (7000, 0)]  # 3400 ms capped at 2000 from the press; Ctrl-C: already off
eq(log, want, "A: LED")

# B: a faster tap shows at once: the long delay (due at 4100) is not slept out.
print("B")
log = run_demo([100, 2100, 2250], 2600, default_ms=1000)
want = [(0, 1), (1000, 0), (2000, 1)]  # default 1000 ms; the press at 2100 is within
# min(1000, 2000) // 4 of the toggle at 2000: no toggle, 2000 ms from the press (4100)
want += [(2250, 0), (2400, 1), (2550, 0)]  # 150 ms: toggle at the press, then every 150
eq(log, want, "B: LED")

# C: run() again in the same process (re-init after deinit), with a custom cap and default.
print("C")
log = run_demo([220, 530, 930], 1400, cap_ms=250, default_ms=100)
want = [(t, (t // 100 + 1) % 2) for t in range(0, 501, 100)]  # 100 ms default
want += [(530, 1), (780, 0), (930, 1), (1180, 0)]  # 310 and 400 ms, capped at 250
eq(log, want, "C: LED")

# D: bad arguments raise before anything is claimed.
print("D")
raises(ValueError, tapblink.run, cap_ms=0, contains="cap_ms")
raises(TypeError, tapblink.run, default_ms="fast", contains="default_ms")
raises(ValueError, tapblink.run, button="NOPE", contains="NOPE")
eq(simgpio.irq("BUTTON"), 0, "nothing claimed by failed runs")

# E: across the 2**30 ms ticks wrap (at +700): intervals and the LED schedule stay right.
print("E")
simgpio.elapse(2**30 - 700 - time.ticks_ms())
log = run_demo([100, 500, 900], 1400, default_ms=300)
eq(time.ticks_ms(), 700, "the run crossed the wrap")
# 300 ms default; the 400 ms interval toggles at the press (500), counted on across the wrap.
eq(log, [(0, 1), (300, 0), (500, 1), (900, 0), (1300, 1), (1400, 0)], "E: LED")
print("OK")

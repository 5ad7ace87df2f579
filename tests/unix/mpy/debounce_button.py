# The real debounce binding and C core on simulated pins: edges at exact ticks, bounce
# included; the window timer runs on the virtual clock. Button is on "BUTTON" (pull-up,
# pressed = low), as on the board.
# expect stderr: Uncaught exception in IRQ callback handler
# expect stderr: MemoryError
import time

import debounce
import simgpio
from machine import Pin
from mpytest import eq, raises, true

PRESS, RELEASE = debounce.PRESS, debounce.RELEASE
eq((PRESS, RELEASE), (1, 0), "PRESS/RELEASE constants")


def at(t0, *steps):
    """Apply (dt, level) steps at t0 + dt with simgpio.set()."""
    for dt, level in steps:
        simgpio.set("BUTTON", level, time.ticks_add(t0, dt))


def drain(b):
    out = []
    while True:
        ev = b.get()
        if ev is None:
            return out
        out.append(ev)


def rel(events, t0):
    return [(k, time.ticks_diff(ms, t0)) for k, ms, _ in events]


# Defaults: pull-up, active low; released when nothing drives the pin.
b = debounce.Button("BUTTON")
eq(repr(Pin("BUTTON")), "Pin(GPIO15, mode=IN, pull=PULL_UP)", "Button configured the pin")
eq((b.value(), b.any(), b.get(), b.debounce_ms, b.overflows), (0, 0, None, 20, 0), "fresh")
eq(simgpio.irq("BUTTON"), Pin.IRQ_FALLING | Pin.IRQ_RISING, "IRQ on both edges")
true(type(b.flag) is debounce.Flag, "default flag is a debounce.Flag (its poll in C)")

# A bouncy press and a bouncy release: one event each, stamped at the first edge.
t0 = time.ticks_ms()
at(t0, (100, 0), (101, 1), (102, 0), (104, 1), (105, 0))
eq(b.any(), 1, "one event while the window is open")
eq(simgpio.timers(), 1, "the window timer is armed")
simgpio.advance(time.ticks_add(t0, 119))
eq(simgpio.timers(), 1, "window still open at +19 ms")
simgpio.advance(time.ticks_add(t0, 120))
eq(simgpio.timers(), 0, "window closed at +20 ms, level unchanged: idle")
at(t0, (300, 1), (301, 0), (303, 1))
simgpio.advance(time.ticks_add(t0, 400))
evs = drain(b)
eq(rel(evs, t0), [(PRESS, 100), (RELEASE, 300)], "bouncy press and release")
eq([us for _, _, us in evs], [ms * 1000 & (2**30 - 1) for _, ms, _ in evs], "ticks_us")
eq(b.value(), 0, "released")

# A release inside the window is seen at the window's end, stamped with its first edge.
t0 = time.ticks_ms()
at(t0, (10, 0), (18, 1))
eq(rel(drain(b), t0), [(PRESS, 10)], "release not yet reported inside the window")
simgpio.advance(time.ticks_add(t0, 30))
eq(rel(drain(b), t0), [(RELEASE, 18)], "reported at window end with the edge's time")
eq(simgpio.timers(), 1, "and a new window started")
simgpio.advance(time.ticks_add(t0, 50))
eq(simgpio.timers(), 0, "which ends quietly")

# A glitch shorter than the window, ending where it started: nothing.
t0 = time.ticks_ms()
at(t0, (5, 1))  # already released: no edge at all
at(t0, (10, 1))
eq(b.any(), 0, "same level again: no event")

# The ring: max_events events, the newest dropped and counted.
b.deinit()
b = debounce.Button("BUTTON", max_events=4, debounce_ms=0)
t0 = time.ticks_ms()
for i in range(6):
    at(t0, (10 * i + 1, 0), (10 * i + 5, 1))
eq(simgpio.timers(), 0, "debounce_ms=0: no window")
eq((b.any(), b.overflows), (4, 8), "4 kept, 8 dropped")
eq(rel(drain(b), t0), [(PRESS, 1), (RELEASE, 5), (PRESS, 11), (RELEASE, 15)], "oldest kept")
at(t0, (100, 0))
eq(rel(drain(b), t0), [(PRESS, 100)], "room again after get()")

# deinit: idempotent, releases IRQ and window timer, the pin can be used again.
at(t0, (200, 1))
b.deinit()
b.deinit()
eq((simgpio.irq("BUTTON"), simgpio.timers()), (0, 0), "deinit released IRQ and timer")
raises(ValueError, b.any, contains="deinitialized")
raises(ValueError, b.get, contains="deinitialized")
raises(ValueError, b.value, contains="deinitialized")
eq((b.debounce_ms, b.overflows), (0, 8), "attributes stay readable")
with debounce.Button(Pin(15)) as b2:
    t0 = time.ticks_ms()
    at(t0, (1, 0))
    eq(simgpio.timers(), 1, "window open")
eq((simgpio.irq(15), simgpio.timers()), (0, 0), "context exit mid-window cancels the timer")
simgpio.elapse(100)
raises(ValueError, b2.any, contains="deinitialized")

# Errors name the argument and leave nothing registered.
at(time.ticks_ms(), (1, 1))
raises(ValueError, debounce.Button, 30, contains="pin")
raises(ValueError, debounce.Button, "NOPE", contains="pin")
raises(TypeError, debounce.Button, 1.5, contains="pin")
raises(ValueError, debounce.Button, "BUTTON", debounce_ms=1001, contains="debounce_ms")
raises(TypeError, debounce.Button, "BUTTON", debounce_ms="20", contains="debounce_ms")
raises(ValueError, debounce.Button, "BUTTON", max_events=0, contains="max_events")
raises(ValueError, debounce.Button, "BUTTON", pull=7, contains="pull")
raises(TypeError, debounce.Button, "BUTTON", pull="up", contains="pull")
raises(TypeError, debounce.Button, "BUTTON", active_low="yes", contains="active_low")
raises(TypeError, debounce.Button, "BUTTON", flag=object(), contains="flag")
eq(simgpio.irq("BUTTON"), 0, "failed constructions registered nothing")
b = debounce.Button("GP15")
c = debounce.Button(15)  # a new Button takes the pin over, as Pin.irq() replaces a handler
raises(ValueError, b.value, contains="deinitialized")
eq(repr(b), "Button(GPIO15, deinit)", "repr of the old one")
eq(repr(c), "Button(GPIO15, value=0, debounce_ms=20)", "repr of the new one")
eq(simgpio.irq(15), Pin.IRQ_FALLING | Pin.IRQ_RISING, "the new Button has the IRQ")
b.deinit()  # the old one's deinit() leaves the new owner alone
eq(simgpio.irq(15), Pin.IRQ_FALLING | Pin.IRQ_RISING, "still the new Button's")
c.deinit()

# active_low=False with a pull-down: pressed is high, and the start state is read.
b = debounce.Button(15, active_low=False)
eq(repr(Pin(15)), "Pin(GPIO15, mode=IN, pull=PULL_DOWN)", "active high: pull-down")
eq(b.value(), 1, "pin driven high at construction: starts pressed")
t0 = time.ticks_ms()
at(t0, (0, 0), (10, 1), (100, 0))
simgpio.advance(time.ticks_add(t0, 200))
eq(rel(drain(b), t0), [(RELEASE, 0), (PRESS, 10), (RELEASE, 100)], "active high events")
t0 = time.ticks_ms()
at(t0, (10, 1), (100, 0))
simgpio.advance(time.ticks_add(t0, 200))
eq(rel(drain(b), t0), [(PRESS, 10), (RELEASE, 100)], "active high events")
b.deinit()
simgpio.set(15, 1)


# Any object with set() is a flag; it is called from the IRQ with the heap locked.
class Counter:
    def __init__(self):
        self.n = 0

    def set(self):
        self.n += 1


c = Counter()
b = debounce.Button(15, flag=c, debounce_ms=0)
true(b.flag is c, "flag kept")
t0 = time.ticks_ms()
at(t0, (1, 0), (2, 1), (3, 0))
eq(c.n, 3, "set() once per event")


class Allocates:
    def set(self):
        self.log = [1, 2, 3]  # MemoryError: heap locked in the IRQ


b.deinit()
b = debounce.Button(15, flag=Allocates(), debounce_ms=0)
at(t0, (10, 1))
eq(b.any(), 1, "a failing flag.set() loses no event (the error is printed)")
b.deinit()

# Two Buttons share a flag; each keeps its own events.
simgpio.set(14, 1)
b1 = debounce.Button("GP14")
b2 = debounce.Button("BUTTON", flag=b1.flag)
true(b2.flag is b1.flag, "shared flag")
t0 = time.ticks_ms()
at(t0, (1, 0))
simgpio.set(14, 0, time.ticks_add(t0, 3))
simgpio.advance(time.ticks_add(t0, 50))
eq((rel(drain(b1), t0), rel(drain(b2), t0)), ([(PRESS, 3)], [(PRESS, 1)]), "per-pin events")
b1.deinit()
b2.deinit()

print("OK")

# Ticks wrap through the binding on the unix port (test_reliability_wrap.py). What
# tests/unix already covers (first-edge stamps, the demo, 10,000 cycles across the wrap) is
# not repeated; this covers the window's side: a window armed before the 2**30 ms wrap that
# ends after it, events stamped at the window's end with the first edge of the last burst
# (after the wrap), and ticks_us, which wraps every 2**30 us (17.9 minutes), through the binding.
import asyncio
import time

import buttons
import debounce
import simgpio


def eq(got, want, what):
    if got != want:
        raise AssertionError("%s: got %r, want %r" % (what, got, want))


def true(cond, what):
    if not cond:
        raise AssertionError(what)


PERIOD = 2**30


def at(t):
    return t % PERIOD


def goto(t_ms):
    # Forward to ticks value t_ms (however far: elapse() takes any span).
    simgpio.elapse((t_ms - time.ticks_ms()) % PERIOD)


def drain(b):
    out = []
    ev = b.get()
    while ev is not None:
        out.append(ev)
        ev = b.get()
    return out


# A. A tap shorter than the window, across the ms wrap: press 5 ms before it, bounce, the
# release's first edge 1 ms after it (4 ms of quiet before it), bouncing until +3; the window
# (armed before the wrap) ends after it and stamps the release with that first edge.
simgpio.elapse(PERIOD - 100 - time.ticks_ms())
b = debounce.Button("BUTTON", debounce_ms=20)
for dt, level in ((-5, 0), (-4, 1), (-3, 0), (1, 1), (2, 0), (3, 1)):
    simgpio.set("BUTTON", level, at(PERIOD + dt))
eq(simgpio.timers(), 1, "window armed across the wrap")
goto(PERIOD + 40)  # the release starts a new window at +15: over at +35
evs = drain(b)
eq([(k, ms) for k, ms, _ in evs], [(1, PERIOD - 5), (0, 1)], "events across the wrap")
eq(time.ticks_diff(evs[1][1], evs[0][1]), 6, "tap length across the wrap")
eq(simgpio.timers(), 0, "no timer left")

# B. A press held through the wrap: the window armed 1 ms before it ends after it with the
# level unchanged (no event); the release 50 ms later is stamped at its first edge.
goto(PERIOD * 2 - 200)
simgpio.set("BUTTON", 0, at(-1))
simgpio.set("BUTTON", 1, at(-1 + 50))
goto(100)
evs = drain(b)
eq([(k, ms) for k, ms, _ in evs], [(1, PERIOD - 1), (0, 49)], "held press across the wrap")
eq(time.ticks_diff(evs[1][1], evs[0][1]), 50, "held press length")
eq(b.value(), 0, "released")
b.deinit()

# C. ticks_us across its own wrap (at 1073741.824 ms of virtual time, modulo 2**30 ms).
now = simgpio.ticks_ms()
us_wrap_ms = 1073741  # ticks_us = 1073741000 here: 824 us before the wrap
simgpio.elapse((us_wrap_ms - now) % PERIOD - 10)
t_press = time.ticks_ms()
true(time.ticks_us() > PERIOD - 20000, "near the ticks_us wrap: %d" % time.ticks_us())
b = debounce.Button("BUTTON", debounce_ms=0)
simgpio.set("BUTTON", 0, time.ticks_add(t_press, 10))
simgpio.set("BUTTON", 1, time.ticks_add(t_press, 11))
evs = drain(b)
eq(len(evs), 2, "press and release")
true(evs[1][2] < evs[0][2], "ticks_us wrapped between them: %r" % (evs,))
eq(time.ticks_diff(evs[1][2], evs[0][2]), 1000, "us interval across the us wrap")
eq(time.ticks_diff(evs[1][1], evs[0][1]), 1, "ms interval")
b.deinit()


# D. The awaitables across the ms wrap with a window-stamped release: pressed() and
# released() give the edge times, ticks_diff gives the tap length.
async def tap_length():
    btn = buttons.Button("BUTTON")
    base = time.ticks_ms()
    sched = ((10, 0), (11, 1), (12, 0), (14, 1), (15, 0), (16, 1))
    for dt, level in sched:
        simgpio.schedule("BUTTON", level, time.ticks_add(base, dt))
    t0 = await btn.pressed()
    t1 = await btn.released()
    btn.deinit()
    return base, t0, t1


simgpio.elapse((PERIOD - time.ticks_ms()) % PERIOD - 13)
base, t0, t1 = asyncio.run(tap_length())
eq(time.ticks_diff(t0, base), 10, "press time")
true(t1 < t0, "the release is after the wrap: %d %d" % (t0, t1))
# The release begins at +14 (2 ms of quiet after the press's bounce) and bounces until +16.
eq(time.ticks_diff(t1, t0), 4, "tap length across the wrap (stamped at the first edge)")
print("OK")

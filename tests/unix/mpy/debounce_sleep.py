# debounce.sleep_until(t) on the real binding and asyncio loop, virtual time: the task resumes
# in millisecond t exactly (never before, never after), a due t completes at once, cancelling
# cancels the alarm, the ticks wrap, bad input, running out of alarm slots.
import asyncio
import time

import debounce
import simgpio
from mpytest import eq, raises, true

SLOTS = 8  # DEBOUNCE_SLEEP_SLOTS (usercmodules/debounce/debounce_port.h)

eq(simgpio.timers(), 0, "no timer armed before the first sleep")


class Rand:
    # A small LCG: MicroPython's unix port has `random`, but the sequence must not depend on it.
    def __init__(self, seed):
        self.x = seed

    def below(self, n):
        self.x = (self.x * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.x >> 8) % n


async def exact_wakes(rnd, n):
    # Random deadlines 1..300 ms ahead; each await ends in its millisecond, its alarm gone.
    late = []
    for _ in range(n):
        t = time.ticks_add(time.ticks_ms(), 1 + rnd.below(300))
        aw = debounce.sleep_until(t)
        await aw
        late.append(time.ticks_diff(time.ticks_ms(), t))
        true(repr(aw).endswith(" done>"), "done: %r" % aw)
    eq(simgpio.timers(), 0, "no alarm left armed")
    return late


eq(set(asyncio.run(exact_wakes(Rand(1), 200))), {0}, "every wake in its millisecond")


async def counter(box):
    while True:
        box[0] += 1
        await asyncio.sleep_ms(0)


async def due_at_once():
    # A t that has come (now, or behind by ticks_diff) completes without yielding: no other
    # task runs and no time passes; nothing is armed.
    box = [0]
    c = asyncio.create_task(counter(box))
    await asyncio.sleep_ms(0)
    n, t0 = box[0], time.ticks_ms()
    for back in (0, 1, 5, 2**29):
        aw = debounce.sleep_until(
            time.ticks_add(t0, -back) if back < 2**29 else (t0 + back) % 2**30
        )
        await aw
        eq(repr(aw), "<sleep_until %d done>" % ((t0 - back) % 2**30), "due: %d back" % back)
    out = (box[0] - n, time.ticks_diff(time.ticks_ms(), t0), simgpio.timers())
    c.cancel()
    return out


eq(asyncio.run(due_at_once()), (0, 0, 0), "due: no yield, no time, nothing armed")


async def sleeper(t, log):
    await debounce.sleep_until(t)
    log.append((t, time.ticks_ms()))


async def cancels():
    out = []
    t0 = time.ticks_ms()
    # task.cancel() while armed: the alarm is cancelled (throw()).
    aw = debounce.sleep_until(time.ticks_add(t0, 50))

    async def wait_on(a):
        await a

    task = asyncio.create_task(wait_on(aw))
    await asyncio.sleep_ms(1)
    out.append((repr(aw).split()[-1], simgpio.timers()))
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        out.append(("cancelled", repr(aw).split()[-1], simgpio.timers()))
    # A wait_for timeout cancels it too.
    try:
        await asyncio.wait_for_ms(debounce.sleep_until(time.ticks_add(t0, 100)), 10)
    except asyncio.TimeoutError:
        out.append(("timeout", time.ticks_diff(time.ticks_ms(), t0), simgpio.timers()))
    # close() of the coroutine that awaits it (what tapblink.run() does after Ctrl-C).
    log = []
    task = asyncio.create_task(sleeper(time.ticks_add(t0, 200), log))
    await asyncio.sleep_ms(1)
    task.coro.close()
    out.append(("closed", simgpio.timers()))
    # A cancelled alarm never rings: nothing wakes at its time, and slots are free again.
    await asyncio.sleep_ms(300)
    out.append(("later", log, simgpio.timers()))
    return out


eq(
    asyncio.run(cancels()),
    [
        ("armed>", 1),
        ("cancelled", "done>", 0),
        ("timeout", 11, 0),
        ("closed", 0),
        ("later", [], 0),
    ],
    "cancel, wait_for timeout, close",
)


async def many(rnd):
    # More sleepers than alarm slots, random deadlines: the first SLOTS get an alarm, the rest
    # fall back to asyncio's timer queue; every one wakes in its own millisecond, in order.
    log = []
    t0 = time.ticks_ms()
    ts = [time.ticks_add(t0, 1 + rnd.below(100)) for _ in range(SLOTS + 4)]
    aws = [debounce.sleep_until(t) for t in ts]

    async def wait_on(a, t):
        await a
        log.append((t, time.ticks_ms()))

    for a, t in zip(aws, ts):
        asyncio.create_task(wait_on(a, t))
    await asyncio.sleep_ms(0)
    states = [repr(a).split()[-1] for a in aws]
    await asyncio.sleep_ms(200)
    return states, log, sorted((time.ticks_diff(t, t0), t) for t in ts), simgpio.timers()


states, log, want, armed = asyncio.run(many(Rand(7)))
eq(states, ["armed>"] * SLOTS + ["fallback>"] * 4, "slots, then the fallback")
eq(
    sorted(log, key=lambda e: time.ticks_diff(e[0], log[0][0])),
    [(t, t) for _, t in want],
    "all exact",
)
eq(armed, 0, "all slots free again")

# Across the 2**30 ms ticks wrap: 50 ms before it, sleeps of 1..120 ms land exactly.
simgpio.elapse((2**30 - 50 - time.ticks_ms()) % 2**30)
eq(time.ticks_ms(), 2**30 - 50, "near the wrap")
late = asyncio.run(exact_wakes(Rand(3), 40))
eq(set(late), {0}, "exact across the wrap")
true(time.ticks_ms() < 2**29, "the wrap was crossed")


async def to_zero():
    simgpio.elapse((2**30 - 5 - time.ticks_ms()) % 2**30)
    await debounce.sleep_until(0)
    return time.ticks_ms()


eq(asyncio.run(to_zero()), 0, "t = 0 right after the wrap")

# A random mix of sleeps and cancels (seeded): every finished sleep woke in its millisecond,
# every cancelled one never woke, no alarm is left.


async def mix(rnd, n):
    woke, cancelled = [], []
    for _ in range(n):
        t = time.ticks_add(time.ticks_ms(), 1 + rnd.below(40))
        task = asyncio.create_task(sleeper(t, woke))
        if rnd.below(3) == 0:
            await asyncio.sleep_ms(rnd.below(time.ticks_diff(t, time.ticks_ms())))
            task.cancel()
            cancelled.append(t)
        await asyncio.sleep_ms(rnd.below(50))
    await asyncio.sleep_ms(100)
    return woke, cancelled


woke, cancelled = asyncio.run(mix(Rand(11), 300))
true(all(t == w for t, w in woke), "mix: every wake exact")
true(len(woke) + len(cancelled) == 300 and len(cancelled) > 50, "mix: %d woke" % len(woke))
eq(simgpio.timers(), 0, "mix: no alarm left")

# Bad input: TypeError / ValueError naming t, raised at the call, nothing armed.
for bad in (1.5, True, "5", None, [1]):
    raises(TypeError, debounce.sleep_until, bad, contains="t must be an int, not")
for bad in (-1, 2**30, 2**40, -(2**40)):
    raises(ValueError, debounce.sleep_until, bad, contains="t must be 0..1073741823")
raises(TypeError, debounce.sleep_until)
eq(simgpio.timers(), 0, "bad input armed nothing")
print("OK")

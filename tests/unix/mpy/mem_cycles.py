# 10,000 press/release cycles leave the GC heap where it was (within 256 bytes),
# And every interval is right although the run crosses the 2**30 ms ticks wrap.
# Measured after gc.collect() with gc.mem_alloc(), at the same point of a cycle each time.
import asyncio
import gc
import time

import buttons
import debounce
import simgpio
from mpytest import eq, mem_used, true

CYCLES = 10000
WARMUP = 100
PERIOD = 50  # ms from press to press; held for 25 ms, with a bounce on each edge
SLACK = 256  # bytes


def schedule_tap(at):
    for dt, level in ((0, 0), (1, 1), (2, 0), (25, 1), (26, 0), (27, 1)):
        simgpio.schedule("BUTTON", level, time.ticks_add(at, dt))


def start_near_wrap(span_ms):
    # Start so that the wrap falls in the middle of the run.
    simgpio.elapse((2**30 - span_ms // 2 - time.ticks_ms()) % 2**30)


# 1. The binding alone: edges, windows, get().
start_near_wrap(CYCLES * PERIOD)
b = debounce.Button("BUTTON", max_events=4)
t = time.ticks_add(time.ticks_ms(), 10)
base = None
wrapped = False
for i in range(WARMUP + CYCLES):
    schedule_tap(t)
    simgpio.advance(time.ticks_add(t, PERIOD - 1))
    press, release = b.get(), b.get()
    if press is None or release is None or b.get() is not None:
        raise AssertionError("cycle %d: events %r %r" % (i, press, release))
    if press[1] != t or time.ticks_diff(release[1], t) != 25:
        raise AssertionError("cycle %d at %d: got %r %r" % (i, t, press, release))
    wrapped = wrapped or press[1] < PERIOD
    t = time.ticks_add(t, PERIOD)
    if i == WARMUP - 1:
        base = mem_used()
grown = mem_used() - base
true(wrapped, "binding run crossed the wrap")
eq(b.overflows, 0, "no event dropped")
b.deinit()
print("binding: %d cycles, heap %+d bytes" % (CYCLES, grown))
true(abs(grown) <= SLACK, "binding: heap grew by %d bytes" % grown)


# 2. The whole path: IRQ -> ring -> ThreadSafeFlag -> asyncio dispatcher -> queue -> task.
async def consumer():
    btn = buttons.Button("BUTTON")
    first = time.ticks_add(time.ticks_ms(), 10)
    schedule_tap(first)
    last = None
    n = 0
    base = None
    wrapped = False
    bad = 0
    async for t in btn.presses():
        if n < WARMUP + CYCLES:
            schedule_tap(time.ticks_add(t, PERIOD))
        if last is not None:
            bad += time.ticks_diff(t, last) != PERIOD
            wrapped = wrapped or t < last
        last = t
        n += 1
        if n == WARMUP:
            base = mem_used()
        if n == WARMUP + CYCLES:
            grown = mem_used() - base
            break
    await btn.released()
    btn.deinit()
    return n, bad, wrapped, grown, btn.overflows


gc.collect()
start_near_wrap(CYCLES * PERIOD)
n, bad, wrapped, grown, overflows = asyncio.run(consumer())
eq((n, bad, overflows), (WARMUP + CYCLES, 0, 0), "asyncio: presses, wrong intervals, drops")
true(wrapped, "asyncio run crossed the wrap")
print("asyncio: %d cycles, heap %+d bytes" % (CYCLES, grown))
true(abs(grown) <= SLACK, "asyncio: heap grew by %d bytes" % grown)
print("OK")

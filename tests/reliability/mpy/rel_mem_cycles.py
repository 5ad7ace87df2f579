# Heap after 10,000 press/release cycles on the firmware (test_reliability_mem.py):
# the whole path (IRQ -> ring -> ThreadSafeFlag -> dispatcher -> queue -> task) through
# buttons.Button, the test pressing the button with bounce. gc.mem_free() after a collect
# at the same point of a cycle, after WARMUP cycles and at the end, must agree within SLACK.
import asyncio
import gc
import time

import buttons

WARMUP = 100
CYCLES = 10000
PERIOD = 50  # ms from press to press, as the test drives them


async def main():
    btn = buttons.Button("BUTTON")
    n = 0
    base = None
    wrong = 0
    last = None
    print("GO", time.ticks_ms())
    while n < WARMUP + CYCLES:
        t0 = await btn.pressed()
        t1 = await btn.released()
        if last is not None and time.ticks_diff(t0, last) != PERIOD:
            wrong += 1
        if time.ticks_diff(t1, t0) != PERIOD // 2:
            wrong += 1
        last = t0
        n += 1
        if n == WARMUP:
            gc.collect()
            base = gc.mem_free()
    gc.collect()
    end = gc.mem_free()
    overflows = btn.overflows
    btn.deinit()
    return n, wrong, overflows, base, end


print("RESULT", repr(asyncio.run(main())))

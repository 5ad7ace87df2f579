# GC and chatter (test_reliability_gc_chatter.py): for RUN_MS the event loop runs
# Gc.collect() in a tight loop (making garbage as it goes) next to the demo's own blink task
# (tapblink._Blinker, half-period BLINK_MS), while the test drives chatter on two pins:
#   GP14: a Button with debounce_ms=0 (every level change is an event), never drained;
#   GP15 (BUTTON): a Button with the default 20 ms window, never drained.
# Prints GO when it starts, then the rings' contents, counters, the GC loop's count and the
# longest time one pass of it kept the CPU (the blink task's tolerance is derived from it).
import asyncio
import gc
import queue
import time

import debounce
import tapblink
from machine import Pin

RUN_MS = 2300
BLINK_MS = 50

raw = debounce.Button(14, debounce_ms=0, max_events=64)
win = debounce.Button("BUTTON", max_events=16)
led = Pin("LED", Pin.OUT)
blinker = tapblink._Blinker(led, queue.Queue(), BLINK_MS, None)  # no button: no long press


async def main(end):
    blinker.task = asyncio.create_task(blinker.run())
    loops = 0
    most = [0, 0]
    hold_us = 0  # the longest this loop kept the CPU from the blink task (GC, IRQs included)
    while time.ticks_diff(end, time.ticks_ms()) > 0:
        t = time.ticks_us()
        gc.collect()
        junk = [bytearray(32) for _ in range(8)]  # noqa: F841 (garbage for the next collect)
        loops += 1
        most[0] = max(most[0], raw.any())
        most[1] = max(most[1], win.any())
        hold_us = max(hold_us, time.ticks_diff(time.ticks_us(), t))
        await asyncio.sleep_ms(0)
    blinker.task.cancel()
    return loops, most, hold_us


def drain(b):
    out = []
    ev = b.get()
    while ev is not None:
        out.append(ev)
        ev = b.get()
    return out


print("GO", time.ticks_us())
loops, most, hold_us = asyncio.run(main(time.ticks_add(time.ticks_ms(), RUN_MS)))
led.value(0)
for name, b in (("RAW", raw), ("WIN", win)):
    print(name, repr((b.any(), b.overflows, b.value(), drain(b))))
    b.deinit()
print("GC", repr((loops, most, hold_us)))
print("DONE")

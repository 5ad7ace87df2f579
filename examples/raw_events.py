"""The C module alone: print every debounced press and release with its timestamps.

No asyncio task is woken unless something happens: the loop waits on the button's flag (a
debounce.Flag, which the interrupt sets and asyncio polls in C). get_into() reads each event
into the same list: draining the ring allocates nothing. Ctrl-C stops it and releases the pin,
so it can be run again at once (`mpremote run examples/raw_events.py`).
"""

import asyncio

import debounce


async def main(b):
    ev = [0, 0, 0]  # kind, ticks_ms, ticks_us
    dropped = 0
    while True:
        await b.flag.wait()
        while b.get_into(ev):
            print("press" if ev[0] == debounce.PRESS else "release", ev[1], ev[2])
        if b.overflows != dropped:  # only new losses, once
            print("dropped", b.overflows - dropped, "events: read faster or raise max_events")
            dropped = b.overflows


# MicroPython raises Ctrl-C's KeyboardInterrupt inside asyncio's loop, not in main(): a
# `with` or `finally` around asyncio.run() (not inside main()) is what runs then.
with debounce.Button("BUTTON", debounce_ms=20, max_events=32) as b:
    try:
        asyncio.run(main(b))
    finally:
        asyncio.new_event_loop()  # forget the task Ctrl-C left waiting

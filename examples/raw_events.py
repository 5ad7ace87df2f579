"""The C module alone: print every debounced press and release with its timestamps.

No asyncio task is woken unless something happens: the loop waits on the button's
ThreadSafeFlag, which the interrupt sets. Ctrl-C stops it and releases the pin, so it can be
run again at once (`mpremote run examples/raw_events.py`).
"""

import asyncio

import debounce


async def main(b):
    dropped = 0
    while True:
        await b.flag.wait()
        while b.any():
            ev = b.get()
            if ev is None:
                break
            kind, ms, us = ev
            print("press" if kind == debounce.PRESS else "release", ms, us)
        if b.overflows != dropped:  # only new losses, once
            print("dropped", b.overflows - dropped, "events: read faster or raise depth")
            dropped = b.overflows


# MicroPython raises Ctrl-C's KeyboardInterrupt inside asyncio's loop, not in main(): a
# `with` or `finally` around asyncio.run() (not inside main()) is what runs then.
with debounce.Button("BUTTON", debounce_ms=20, depth=32) as b:
    try:
        asyncio.run(main(b))
    finally:
        asyncio.new_event_loop()  # forget the task Ctrl-C left waiting

"""The C module alone: print every debounced press and release with its timestamps.

No asyncio task is woken unless something happens: the loop waits on the button's
ThreadSafeFlag, which the interrupt sets.
"""

import asyncio

import debounce


async def main():
    with debounce.Button("BUTTON", debounce_ms=20, depth=32) as b:
        while True:
            await b.flag.wait()
            while b.any():
                ev = b.get()
                if ev is None:
                    break
                kind, ms, us = ev
                print("press" if kind == debounce.PRESS else "release", ms, us)
            if b.overflows:
                print("dropped", b.overflows, "events: read faster or raise depth")


asyncio.run(main())

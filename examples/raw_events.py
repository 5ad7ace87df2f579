"""The C module alone: print every debounced press and release with its timestamps.

No asyncio task is woken unless something happens: the loop waits on the button's flag (a
debounce.Flag, which the interrupt sets and asyncio polls in C). get_into() reads each event
into the same list: draining the ring allocates nothing.
"""

import asyncio

import debounce


async def main():
    ev = [0, 0, 0]  # kind, ticks_ms, ticks_us
    with debounce.Button("BUTTON", debounce_ms=20, depth=32) as b:
        while True:
            await b.flag.wait()
            while b.get_into(ev):
                print("press" if ev[0] == debounce.PRESS else "release", ev[1], ev[2])
            if b.overflows:
                print("dropped", b.overflows, "events: read faster or raise depth")


asyncio.run(main())

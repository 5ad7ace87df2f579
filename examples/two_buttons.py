"""Two buttons on one flag: print which one was pressed and how long after the other.

Wire a second button from GP14 to GND. Copy this file to the board as /main.py
(`mpremote cp examples/two_buttons.py :main.py`) or run it with `mpremote run`.
"""

import asyncio
import time

import buttons


async def watch(name, button, last):
    async for t in button.presses():
        if last[0] is not None:
            print("%s after %d ms" % (name, time.ticks_diff(t, last[0])))
        last[0] = t


async def main(left, right):
    last = [None]
    await asyncio.gather(watch("left", left, last), watch("right", right, last))


left, right = buttons.group("GP14", "BUTTON")
# Ctrl-C raises KeyboardInterrupt inside asyncio's loop, not in main(): clean up out here.
try:
    asyncio.run(main(left, right))
finally:
    left.deinit()
    right.deinit()
    asyncio.new_event_loop()  # forget the tasks Ctrl-C left waiting

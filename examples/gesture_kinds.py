"""Gestures on the board's button: click, double click, long press, repeat while held.

Prints each gesture as it is recognised. Hold the button: LONG after 0.8 s, then REPEAT
every 150 ms from 1.2 s on until you let go. Copy to the board as /main.py
(`mpremote cp examples/gesture_kinds.py :main.py`) or run it with `mpremote run`.
"""

import asyncio
import time

import buttons

NAMES = {
    buttons.CLICK: "click",
    buttons.DOUBLE: "double click",
    buttons.LONG: "long press",
    buttons.REPEAT: "repeat",
    buttons.LONG_RELEASE: "released after a long press",
}


async def main(b):
    t0 = time.ticks_ms()
    gestures = b.gestures(
        double_ms=200, long_ms=800, repeat_delay_ms=1200, repeat_ms=150, suppress=True
    )
    async for kind, t, count in gestures:
        # t is the gesture's own time (from the interrupt stamps), not when we got here.
        print("%8d ms  %s (%d)" % (time.ticks_diff(t, t0), NAMES[kind], count))


b = buttons.Button("BUTTON")
# Ctrl-C raises KeyboardInterrupt inside asyncio's loop, not in main(): clean up out here.
try:
    asyncio.run(main(b))
finally:
    b.deinit()
    asyncio.new_event_loop()  # forget the task Ctrl-C left waiting

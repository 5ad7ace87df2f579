# Button.gestures() on the real binding and asyncio: two buttons sharing one flag (group()),
# each with its own timings and its own task, and a third task on pressed() of a third button
# of the group. Times are exact (virtual time).
import asyncio
import time

import buttons
import simgpio
from mpytest import eq

T0 = time.ticks_ms()


def at(pin, script):
    for t, level in script:
        simgpio.schedule(pin, level, time.ticks_add(T0, t))


async def collect(g, out):
    async for kind, t, n in g:
        out.append((kind, time.ticks_diff(t, T0), n))


async def main():
    b14, b15, b16 = buttons.group(14, "BUTTON", 16)
    at(14, [(100, 0), (180, 1), (300, 0), (380, 1)])  # a double click
    at("BUTTON", [(100, 0), (1300, 1), (1400, 0), (1450, 1)])  # long, then a click
    at(16, [(150, 0), (200, 1), (900, 0), (950, 1)])
    a, b, c = [], [], []
    tasks = [
        asyncio.create_task(collect(b14.gestures(suppress=True), a)),
        asyncio.create_task(collect(b15.gestures(long_ms=800, double_ms=100), b)),
    ]

    async def plain():
        while True:
            c.append(time.ticks_diff(await b16.pressed(), T0))

    tasks.append(asyncio.create_task(plain()))
    await asyncio.sleep_ms(3000)
    for t in tasks:
        t.cancel()
    await asyncio.sleep_ms(0)
    eq(a, [(buttons.DOUBLE, 680, 2)], "b14: one DOUBLE when its window closed")
    eq(
        b,
        [(buttons.LONG, 900, 1), (buttons.LONG_RELEASE, 1300, 1), (buttons.CLICK, 1450, 1)],
        "b15: its own timings",
    )
    eq(c, [150, 900], "b16: pressed() beside the gestures, on the same flag")
    for x in (b14, b15, b16):
        x.deinit()
    eq(simgpio.timers(), 0, "no window timer left")


asyncio.run(main())
print("OK")

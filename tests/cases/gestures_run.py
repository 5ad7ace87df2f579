# Runs one gesture case (tests/cases/gestures/*.json) on MicroPython (unix port, firmware) or
# on CPython's fakes: run(params, end_ms, ready) makes a Button on "BUTTON", starts
# b.gestures(**params), calls ready(t0) (the runner then drives the button relative to t0),
# and returns every gesture seen until t0 + end_ms as [kind name, t - t0, count].
import asyncio
import time

import buttons

NAMES = {
    buttons.PRESS: "PRESS",
    buttons.CLICK: "CLICK",
    buttons.DOUBLE: "DOUBLE",
    buttons.LONG: "LONG",
    buttons.REPEAT: "REPEAT",
    buttons.LONG_RELEASE: "LONG_RELEASE",
}


def run(params, end_ms, ready):
    b = buttons.Button("BUTTON")
    got = []

    async def consume(g, t0):
        async for kind, t, n in g:
            got.append([NAMES[kind], time.ticks_diff(t, t0), n])

    async def main():
        g = b.gestures(**params)
        t0 = time.ticks_ms()
        ready(t0)
        task = asyncio.create_task(consume(g, t0))
        await asyncio.sleep_ms(time.ticks_diff(time.ticks_add(t0, end_ms), time.ticks_ms()))
        task.cancel()
        await asyncio.sleep_ms(0)

    try:
        asyncio.run(main())
    finally:
        b.deinit()
    return got

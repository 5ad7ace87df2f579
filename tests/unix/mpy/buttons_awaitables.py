# expect stderr: a second call waits for its presses; each goes to only one of them
# modules/buttons.py on the real binding, the real asyncio loop and ThreadSafeFlag: several
# buttons, a shared flag, several waiters, cancellation, presses while the task is busy.
import asyncio
import time

import buttons
import simgpio
from mpytest import eq, raises, true

T0 = time.ticks_ms()


def ms(t):
    return time.ticks_diff(t, T0)


def tap(pin, at, hold=40):
    """A press at T0+at held for `hold` ms, with a bounce on each edge."""
    for dt, level in ((0, 0), (1, 1), (2, 0), (hold, 1), (hold + 1, 0), (hold + 3, 1)):
        simgpio.schedule(pin, level, time.ticks_add(T0, at + dt))


async def settle():
    """Let every scheduled edge happen and the last window close."""
    while simgpio.scheduled():
        await asyncio.sleep_ms(10)
    await asyncio.sleep_ms(50)


async def sleep_until(at):
    await asyncio.sleep_ms(time.ticks_diff(time.ticks_add(T0, at), time.ticks_ms()))


async def one_button():
    b = buttons.Button("BUTTON")
    tap("BUTTON", 100)
    t = await b.pressed()
    eq(ms(t), 100, "pressed() gives the press's IRQ time")
    eq(ms(time.ticks_ms()), 100, "the waiting task ran in the same ms as the edge")
    eq(ms(await b.released()), 140, "released()")
    # Presses while the task is busy (blocking, the loop does not run): none is lost, the
    # flag's merged sets notwithstanding.
    tap("BUTTON", 200)
    tap("BUTTON", 300)
    tap("BUTTON", 400)
    time.sleep_ms(500)
    got = []
    for _ in range(3):
        got.append(ms(await b.pressed()))
    eq(got, [200, 300, 400], "presses while busy, in order")
    got = []
    for _ in range(3):
        got.append(ms(await b.released()))
    eq(got, [240, 340, 440], "releases too")
    # async for over presses()
    for at in (700, 800, 900):
        tap("BUTTON", at)
    seen = []
    async for t in b.presses():
        seen.append(ms(t))
        if len(seen) == 3:
            break
    eq(seen, [700, 800, 900], "presses()")
    b.deinit()
    eq(simgpio.irq("BUTTON"), 0, "deinit released the IRQ")
    raises(ValueError, b.raw.any, contains="deinitialized")


async def cancellation():
    await settle()
    b = buttons.Button("BUTTON")
    base = ms(time.ticks_ms())
    waiter = asyncio.create_task(b.pressed())
    await asyncio.sleep_ms(10)
    waiter.cancel()
    await asyncio.sleep_ms(0)
    true(waiter.done(), "cancelled waiter is done")
    tap("BUTTON", base + 50)
    await sleep_until(base + 200)
    eq(ms(await b.pressed()), base + 50, "the press after a cancelled wait is not lost")
    # Several waiters on one button: oldest first, each press to exactly one.
    results = []

    async def waiter_task(n):
        results.append((n, ms(await b.pressed())))

    tasks = [asyncio.create_task(waiter_task(n)) for n in range(3)]
    await asyncio.sleep_ms(1)
    for i in range(3):
        tap("BUTTON", base + 300 + 100 * i)
    await sleep_until(base + 700)
    eq(results, [(0, base + 300), (1, base + 400), (2, base + 500)], "waiters, oldest first")
    true(all(t.done() for t in tasks), "all waiters done")
    b.deinit()


async def several_buttons():
    await settle()
    base = ms(time.ticks_ms()) + 100
    simgpio.set(14, 1)
    for shared in (False, True):
        if shared:
            a, b = buttons.group("GP14", "BUTTON")
            true(a.flag is b.flag, "group() shares one flag")
        else:
            a, b = buttons.Button("GP14"), buttons.Button("BUTTON")
            true(a.flag is not b.flag, "separate flags")
        log = []

        async def watch(name, btn, n, log):
            for _ in range(n):
                log.append((name, ms(await btn.pressed())))

        tasks = [asyncio.create_task(watch(n, x, 2, log)) for n, x in (("a", a), ("b", b))]
        await asyncio.sleep_ms(0)
        tap("GP14", base + 10)
        tap("BUTTON", base + 10)  # same ms on both pins
        tap("BUTTON", base + 100)
        tap("GP14", base + 150)
        await sleep_until(base + 300)
        want = [("a", base + 10), ("b", base + 10), ("b", base + 100), ("a", base + 150)]
        eq(sorted(log, key=lambda e: (e[1], e[0])), want, "shared=%s events" % shared)
        true(all(t.done() for t in tasks), "both watchers got both presses")
        a.deinit()
        b.deinit()
        base += 400


asyncio.run(one_button())
asyncio.run(cancellation())
asyncio.run(several_buttons())
eq((simgpio.irq(14), simgpio.irq(15), simgpio.timers()), (0, 0, 0), "all released")
print("OK")

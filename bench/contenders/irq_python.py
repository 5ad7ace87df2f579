# Contender (b) of the tapblink benchmark: the best pure-Python interrupt button we could
# write, on stock MicroPython APIs only (no `debounce`, no `buttons`, no frozen `queue`).
# Same behaviour as the demo: print each interval between presses (raw), blink the LED
# with a half-period of the last interval capped at 2000 ms, 500 ms before the first one.
#
# - A hard Pin.irq on BOTH edges (release bounce must not look like a press).
# - An edge is accepted at once when the line was quiet for QUIET_US before it and the
#   level differs from the debounced state: the press is stamped with the IRQ's own ticks,
#   not with a poll's. Edges inside the quiet period only move the quiet period on.
# - A change that happens inside a quiet period (a 10 ms tap's release) is settled by the
#   task once the line has been quiet for QUIET_US (the "window end").
# - Press stamps go into a preallocated array ring; the handler allocates nothing and
#   wakes the task through an asyncio.ThreadSafeFlag.
# - The LED behaves as the demo's: a new delay re-times the running half-period, counted
#   from the last toggle (the LED toggles at once if that moment is past), so steady tapping
#   stays in step; the newest delay wins. The blink task is replaced at a press (one task
#   created per press, nothing per toggle) and schedules on absolute ticks (no drift).
import asyncio
from array import array
from time import ticks_add, ticks_diff, ticks_ms, ticks_us

from machine import Pin, disable_irq, enable_irq

QUIET_US = 20_000  # as tapblink's debounce_ms=20
DEPTH = 16
CAP_MS = 2000
DEFAULT_MS = 500

led = Pin(25, Pin.OUT)
button = Pin(15, Pin.IN, Pin.PULL_UP)
flag = asyncio.ThreadSafeFlag()
stamps = array("i", [0] * DEPTH)  # ticks_ms of accepted presses, a ring
st = array("i", [0, 0, ticks_us() - QUIET_US, 0, 0])  # written, read, last edge us/ms, down
W, R, LAST_US, LAST_MS, DOWN = 0, 1, 2, 3, 4


def _accept(down, t_ms):
    # Called with interrupts off (from the handler, or by the task around it).
    st[DOWN] = down
    if down:
        stamps[st[W] % DEPTH] = t_ms
        st[W] += 1
    flag.set()


def _edge(pin):
    now = ticks_us()
    t_ms = ticks_ms()
    quiet = ticks_diff(now, st[LAST_US]) >= QUIET_US
    st[LAST_US] = now
    st[LAST_MS] = t_ms
    if quiet:
        down = 1 - pin.value()
        if down != st[DOWN]:
            _accept(down, t_ms)


def _settle():
    # Window end: the line has been quiet for QUIET_US; take its level if it changed.
    s = disable_irq()
    if ticks_diff(ticks_us(), st[LAST_US]) >= QUIET_US:
        down = 1 - button.value()
        if down != st[DOWN]:
            _accept(down, st[LAST_MS])
    enable_irq(s)


last_toggle = array("i", [0])


async def blink(half):
    while True:
        due = ticks_add(last_toggle[0], half)
        wait = ticks_diff(due, ticks_ms())
        if wait > 0:
            await asyncio.sleep_ms(wait)
            last_toggle[0] = due
        else:
            last_toggle[0] = ticks_ms()  # the new delay is already over: at once
        led.toggle()


async def main():
    led.value(1)
    last_toggle[0] = ticks_ms()
    task = asyncio.create_task(blink(DEFAULT_MS))
    last = None
    button.irq(_edge, Pin.IRQ_FALLING | Pin.IRQ_RISING, hard=True)
    try:
        while True:
            await flag.wait()
            while True:
                new = None
                while st[R] != st[W]:
                    t = stamps[st[R] % DEPTH]
                    st[R] += 1
                    if last is not None:
                        new = ticks_diff(t, last)
                    last = t
                if new is not None:
                    task.cancel()  # the newest delay wins, at once
                    task = asyncio.create_task(blink(max(1, min(new, CAP_MS))))
                    await asyncio.sleep_ms(0)  # let the LED show it before printing
                    print(new)
                # Wait out the quiet period, then settle a change made inside it.
                wait = (QUIET_US - ticks_diff(ticks_us(), st[LAST_US]) + 999) // 1000
                if wait > 0:
                    await asyncio.sleep_ms(wait)
                    continue
                _settle()
                if st[R] == st[W]:
                    break
    finally:
        button.irq(None)
        task.cancel()
        led.value(0)


asyncio.run(main())

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
# - The LED follows the demo's rule: the press is the beat. The task woken by the flag
#   toggles the LED itself (no hand-off to another task first) unless the LED toggled at
#   most min(old, new) // 4 ms before the press, and the new half-period counts from the
#   press's IRQ stamp (from now if that is already over). The blink task is re-timed by
#   cancelling its sleep (a "poke": no task created per press, nothing allocated per
#   toggle) and schedules on absolute ticks (no drift).
import asyncio
from array import array
from time import ticks_add, ticks_diff, ticks_ms, ticks_us

from machine import Pin, disable_irq, enable_irq
from micropython import const

_QUIET_US = const(20_000)  # as tapblink's debounce_ms=20 (const: no lookup in the IRQ)
_DEPTH = const(16)
_CAP_MS = const(2000)
_DEFAULT_MS = const(500)

led = Pin(25, Pin.OUT)
button = Pin(15, Pin.IN, Pin.PULL_UP)
flag = asyncio.ThreadSafeFlag()
stamps = array("i", [0] * _DEPTH)  # ticks_ms of accepted presses, a ring
st = array("i", [0, 0, ticks_us() - _QUIET_US, 0, 0])  # written, read, last edge us/ms, down
_W = const(0)  # st: presses written,
_R = const(1)  # read,
_LAST_US = const(2)  # the last edge's ticks_us
_LAST_MS = const(3)  # and ticks_ms,
_DOWN = const(4)  # the debounced level
# The LED: the rhythm counts from _BEAT, _TOGGLED is the last toggle, _HALF the half-period;
# _RUNNING: the blink task is in its loop; _POKED: a cancel of its sleep is pending.
ls = array("i", [0, 0, _DEFAULT_MS, 0, 0])
_BEAT = const(0)
_TOGGLED = const(1)
_HALF = const(2)
_RUNNING = const(3)
_POKED = const(4)
ivs = array("i", [0] * _DEPTH)  # the intervals of one drain, printed after the LED


def _accept(down, t_ms):
    # Called with interrupts off (from the handler, or by the task around it).
    st[_DOWN] = down
    if down:
        stamps[st[_W] % _DEPTH] = t_ms
        st[_W] += 1
    flag.set()


def _edge(pin, st=st, ticks_us=ticks_us, ticks_ms=ticks_ms, ticks_diff=ticks_diff):
    # Runs at every edge, bounce and chatter included: locals (default arguments) and
    # consts instead of global lookups.
    now = ticks_us()
    t_ms = ticks_ms()
    quiet = ticks_diff(now, st[_LAST_US]) >= _QUIET_US
    st[_LAST_US] = now
    st[_LAST_MS] = t_ms
    if quiet:
        down = 1 - pin.value()
        if down != st[_DOWN]:
            _accept(down, t_ms)


def _settle():
    # Window end: the line has been quiet for QUIET_US; take its level if it changed.
    s = disable_irq()
    if ticks_diff(ticks_us(), st[_LAST_US]) >= _QUIET_US:
        down = 1 - button.value()
        if down != st[_DOWN]:
            _accept(down, st[_LAST_MS])
    enable_irq(s)


async def blink():
    ls[_RUNNING] = 1
    while True:
        due = ticks_add(ls[_BEAT], ls[_HALF])
        wait = ticks_diff(due, ticks_ms())
        if wait > 0:
            try:
                await asyncio.sleep_ms(wait)
            except asyncio.CancelledError:
                if not ls[_POKED]:
                    ls[_RUNNING] = 0
                    raise  # a real cancellation
                ls[_POKED] = 0
                continue  # re-timed by a press: count from its beat
        else:
            due = ticks_ms()  # too late for this beat (a long GC): toggle now
        led.toggle()
        ls[_BEAT] = ls[_TOGGLED] = due


def _press(t, interval, task):
    # The press is the beat (the demo's rule), t its IRQ stamp.
    new = _CAP_MS if interval < 0 or interval > _CAP_MS else max(1, interval)
    if ticks_diff(t, ls[_TOGGLED]) > min(ls[_HALF], new) // 4:
        led.toggle()
        ls[_TOGGLED] = t
    now = ticks_ms()
    ls[_BEAT] = t if ticks_diff(ticks_add(t, new), now) > 0 else now
    ls[_HALF] = new
    if ls[_RUNNING] and not ls[_POKED]:
        ls[_POKED] = 1
        task.cancel()  # wakes the blink task from its sleep to re-time it


async def main():
    led.value(1)
    ls[_BEAT] = ls[_TOGGLED] = ticks_ms()
    task = asyncio.create_task(blink())
    last = None
    button.irq(_edge, Pin.IRQ_FALLING | Pin.IRQ_RISING, hard=True)
    try:
        while True:
            await flag.wait()
            while True:
                n = 0
                while st[_R] != st[_W] and n < _DEPTH:
                    t = stamps[st[_R] % _DEPTH]
                    st[_R] += 1
                    if last is not None:
                        ivs[n] = ticks_diff(t, last)
                        n += 1
                    last = t
                if n:
                    _press(last, ivs[n - 1], task)  # the newest press wins, at once
                    for i in range(n):
                        print(ivs[i])
                # Wait out the quiet period, then settle a change made inside it.
                wait = (_QUIET_US - ticks_diff(ticks_us(), st[_LAST_US]) + 999) // 1000
                if wait > 0:
                    await asyncio.sleep_ms(wait)
                    continue
                _settle()
                if st[_R] == st[_W]:
                    break
    finally:
        button.irq(None)
        task.cancel()
        led.value(0)


asyncio.run(main())

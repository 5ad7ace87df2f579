"""Gestures (click, double click, long press, repeat) from a button's interrupt stamps.

    import asyncio, buttons

    async def main():
        b = buttons.Button("BUTTON")
        async for kind, t, n in b.gestures(double_ms=300, long_ms=1000):
            if kind == buttons.LONG:
                print("long press at", t)

Two parts, one job each:

- Machine: a pure, clock-agnostic state machine over (edge kind, ticks_ms stamp). It is
  fed the debounced edges in stamp order and told when its one deadline has come; it
  never reads a clock. docs/gestures.md is its specification.
- Gestures: the async iterator over one Button. It takes the button's press and release
  events (the same events pressed()/released() hand out: see contracts) and, only while a
  deadline is pending (a press that may become long, a repeat, a suppressed click), starts
  one small task that sleeps until that deadline (debounce.sleep_until: a hardware alarm at
  the start of that millisecond), computed from the IRQ stamps (not from when the task
  ran), and cancels the wait there. While nothing happens it waits on the
  button like pressed() does: no task wakes up.
"""

import asyncio
from time import ticks_add, ticks_diff, ticks_ms

from _argcheck import check_flag, check_int
from debounce import sleep_until

RELEASE = 0  # = debounce.RELEASE
PRESS = 1  # = debounce.PRESS; reported only with presses=True
CLICK = 2  # a click ended (count: its number in the sequence; 2 is DOUBLE)
DOUBLE = 3
LONG = 4  # held for long_ms (stamp: press + long_ms)
REPEAT = 5  # held on: press + repeat_delay_ms + (count - 1) * repeat_ms
LONG_RELEASE = 6  # the release of a long press

MAX_MS = 3600000  # longest time accepted (ticks_ms arithmetic is good to 2**29 ms)

_IDLE = 0  # released, no click pending
_DOWN = 1  # pressed, not yet long
_UP = 2  # released after a click; the double window is open
_HELD = 3  # pressed, long
_STALE = 4  # pressed before we started: its release is ignored


def _check_ms(name, value, none_ok=False):
    if value is None and none_ok:
        return
    check_int(name, value, 1, MAX_MS)


class Machine:
    """The gesture state machine. Feed edges in stamp order with edge(); when deadline()
    (a ticks_ms value, or None) has come and no edge stamped before it is pending, call
    expire(). Gestures are appended to `out` as (kind, ticks_ms, count)."""

    def __init__(
        self,
        double_ms=300,
        long_ms=1000,
        repeat_delay_ms=None,
        repeat_ms=None,
        suppress=False,
        presses=False,
    ):
        _check_ms("double_ms", double_ms)
        _check_ms("long_ms", long_ms)
        _check_ms("repeat_delay_ms", repeat_delay_ms, True)
        _check_ms("repeat_ms", repeat_ms, True)
        suppress = check_flag("suppress", suppress)
        presses = check_flag("presses", presses)
        if double_ms > long_ms:
            raise ValueError("double_ms must be <= long_ms")
        if repeat_ms is None:
            if repeat_delay_ms is not None:
                raise ValueError("repeat_delay_ms needs repeat_ms")
        elif repeat_delay_ms is None:
            repeat_delay_ms = long_ms + repeat_ms
        elif repeat_delay_ms < long_ms:
            raise ValueError("repeat_delay_ms must be >= long_ms")
        self.double_ms = double_ms
        self.long_ms = long_ms
        self.repeat_delay_ms = repeat_delay_ms
        self.repeat_ms = repeat_ms
        self.suppress = suppress
        self.presses = presses
        self.reset(False)

    def reset(self, pressed):
        """Forget any gesture in progress; `pressed`: the button is down now."""
        self.state = _STALE if pressed else _IDLE
        self.count = 0  # presses in this sequence so far
        self.t_press = 0
        self.t_release = 0
        self.repeats = 0

    def down(self):
        """True when the next edge is a release."""
        s = self.state
        return s == _DOWN or s == _HELD or s == _STALE

    def deadline(self):
        s = self.state
        if s == _DOWN:
            return ticks_add(self.t_press, self.long_ms)
        if s == _UP:
            return ticks_add(self.t_release, self.double_ms) if self.suppress else None
        if s == _HELD and self.repeat_ms is not None:
            return ticks_add(self.t_press, self.repeat_delay_ms + self.repeats * self.repeat_ms)
        return None

    def expire(self, out):
        """The deadline has come: fire it."""
        t = self.deadline()
        s = self.state
        if s == _DOWN:
            self.state = _HELD
            out.append((LONG, t, self.count))
        elif s == _UP:
            self.state = _IDLE
            out.append((DOUBLE if self.count == 2 else CLICK, t, self.count))
        elif s == _HELD:
            self.repeats += 1
            out.append((REPEAT, t, self.repeats))

    def edge(self, kind, t, out):
        """A debounced edge stamped t; deadlines at or before t fire first."""
        while True:
            d = self.deadline()
            if d is None or ticks_diff(t, d) < 0:
                break
            self.expire(out)
        s = self.state
        if kind:  # press
            if s == _UP and 0 <= ticks_diff(t, self.t_release) < self.double_ms:
                self.count += 1
            elif s == _IDLE or s == _UP:
                self.count = 1
            else:
                return  # a second press without a release: not possible, ignored
            self.state = _DOWN
            self.t_press = t
            self.repeats = 0
            if self.presses:
                out.append((PRESS, t, self.count))
        elif s == _DOWN:
            self.t_release = t
            self.state = _UP
            if not self.suppress:
                out.append((DOUBLE if self.count == 2 else CLICK, t, self.count))
        elif s == _HELD:
            self.state = _IDLE
            out.append((LONG_RELEASE, t, self.count))
        elif s == _STALE:
            self.state = _IDLE


class Gestures:
    """`async for kind, t, count in button.gestures(...)` (see buttons.Button.gestures)."""

    def __init__(self, button, machine):
        self._button = button
        self._m = machine
        self._out = []
        self._fired = False  # the deadline alarm cancelled our wait
        self._task = None
        self._overflows = 0
        self._sync()

    def _sync(self):
        # Start from a known level: discard what is queued, read the debounced state, and
        # retry if an edge came meanwhile. Events strictly alternate from here on.
        b = self._button
        b._events(PRESS)
        b._events(RELEASE)
        while True:
            b.clear()
            pressed = b.value() == 1
            if not b.raw.any():
                break
        self._m.reset(pressed)
        self._overflows = b.overflows

    def __aiter__(self):
        return self

    async def __anext__(self):
        out = self._out
        m = self._m
        while not out:
            kind = RELEASE if m.down() else PRESS
            d = m.deadline()
            if d is None:
                t = await self._take(kind)
            else:
                t = None
                if ticks_diff(d, ticks_ms()) > 0:
                    t = await self._take_until(kind, d)
                if t is None:
                    # Due. An edge stamped before the deadline may be waiting already (it
                    # came as the alarm rang, or we were busy): the stamps decide the order.
                    t = self._take_nowait(kind)
                    if t is None:
                        m.expire(out)
                        continue
            if self._button.overflows != self._overflows:
                self._sync()  # an event was dropped: the pairing is lost, start afresh
                continue
            m.edge(kind, t, out)
        return out.pop(0)

    def _take(self, kind):
        b = self._button
        return b.pressed() if kind else b.released()

    async def _alarm(self, d):
        # A hardware alarm wakes it at the start of millisecond d (debounce_sleep.c), where
        # asyncio.sleep_ms could end up to 1 ms later.
        await sleep_until(d)
        self._fired = True
        self._task.cancel()

    async def _take_until(self, kind, d):
        # The next edge of `kind`, or None once ticks_ms d has come. The waiting call is
        # cancelled at the deadline: buttons keeps the event of a cancelled call.
        self._fired = False
        self._task = asyncio.current_task()
        alarm = asyncio.create_task(self._alarm(d))
        try:
            t = await self._take(kind)
        except asyncio.CancelledError:
            if not self._fired:
                alarm.cancel()
                raise  # a real cancellation
            return None
        if not self._fired:
            alarm.cancel()
        return t

    def _take_nowait(self, kind):
        # An edge of `kind` already queued (and not promised to another call), or None.
        b = self._button
        events = b._events(kind)
        return b._group_or_raise().take_nowait(events)

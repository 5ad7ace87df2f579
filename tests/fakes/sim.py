"""A virtual clock and an asyncio event loop that runs on it.

Time only moves when every task is waiting: the loop then jumps straight to
the next asyncio timer or the next scheduled "hardware" event (a button
edge, a debounce window timer, ...), whichever comes first. Tests are
instant and exact, and the same run gives the same result every time.

Hardware events run only while the loop is idle, as interrupts do on a board
whose asyncio loop is sleeping in select.poll. That is also where a
simulated Ctrl-C (KeyboardInterrupt) is raised.
"""

import asyncio
import heapq
import selectors

TICKS_PERIOD = 1 << 30  # MicroPython's ticks_ms/ticks_us period
TICKS_MAX = TICKS_PERIOD - 1


class Idle(Exception):
    """Every task waits forever and no hardware event is scheduled."""


class Clock:
    """Virtual time in integer microseconds, plus scheduled hardware events.

    `now_us` never wraps; the ticks functions mask it as MicroPython does.
    `start_ms` lets a test start close to the 2**30 ticks wrap.
    """

    def __init__(self, start_ms=0, busy_us=0):
        self.now_us = start_ms * 1000
        # CPU time one asyncio loop iteration costs when it does not sleep (0:
        # free). A program that never sleeps (e.g. sleep_ms(0) in a loop) needs
        # it, or virtual time would stand still.
        self.busy_us = busy_us
        self._events = []  # heap of (t_us, seq, fn)
        self._seq = 0

    @property
    def now_ms(self):
        return self.now_us // 1000

    def at_us(self, t_us, fn):
        """Run fn() (a hardware event) when virtual time reaches t_us."""
        if t_us < self.now_us:
            raise ValueError("t_us is in the past")
        self._seq += 1
        heapq.heappush(self._events, (t_us, self._seq, fn))

    def at_ms(self, t_ms, fn):
        self.at_us(t_ms * 1000, fn)

    def after_ms(self, dt_ms, fn):
        self.at_us(self.now_us + dt_ms * 1000, fn)

    def next_event_us(self):
        return self._events[0][0] if self._events else None

    def cancel(self, fn):
        """Remove every pending event whose callable is fn."""
        self._events = [e for e in self._events if e[2] is not fn]
        heapq.heapify(self._events)

    def advance_us(self, t_us):
        """Run every hardware event up to t_us (in order), then set now = t_us."""
        while self._events and self._events[0][0] <= t_us:
            t, _, fn = heapq.heappop(self._events)
            self.now_us = t
            fn()
        self.now_us = max(self.now_us, t_us)

    def advance_ms(self, dt_ms):
        self.advance_us(self.now_us + dt_ms * 1000)

    # MicroPython's time functions on this clock (exact semantics, 2**30 wrap).

    def ticks_ms(self):
        return (self.now_us // 1000) & TICKS_MAX

    def ticks_us(self):
        return self.now_us & TICKS_MAX


def ticks_add(ticks, delta):
    """time.ticks_add as in MicroPython (extmod/modtime.c)."""
    if not isinstance(ticks, int) or not isinstance(delta, int):
        raise TypeError("can't convert to int")
    if not -TICKS_PERIOD // 2 < delta < TICKS_PERIOD // 2:
        raise OverflowError("ticks interval overflow")
    return (ticks + delta) & TICKS_MAX


def ticks_diff(end, start):
    """time.ticks_diff as in MicroPython: signed, in -2**29 .. 2**29-1."""
    if not isinstance(end, int) or not isinstance(start, int):
        raise TypeError("can't convert to int")
    diff = (end - start) & TICKS_MAX
    return diff - TICKS_PERIOD if diff >= TICKS_PERIOD // 2 else diff


class _Selector(selectors.BaseSelector):
    # Never reports I/O; "waiting" moves the virtual clock instead.

    def __init__(self, clock):
        self._clock = clock
        self._map = {}

    def register(self, fileobj, events, data=None):
        key = selectors.SelectorKey(fileobj, id(fileobj), events, data)
        self._map[fileobj] = key
        return key

    def unregister(self, fileobj):
        return self._map.pop(fileobj)

    def get_map(self):
        return self._map

    def close(self):
        self._map.clear()

    def select(self, timeout=None):
        clock = self._clock
        if timeout is not None and timeout <= 0:
            # Callbacks are ready: no time passes and no interrupt runs, unless
            # the loop's own work is given a cost.
            if clock.busy_us:
                clock.advance_us(clock.now_us + clock.busy_us)
            return []
        nxt = clock.next_event_us()
        if timeout is None:
            if nxt is None:
                raise Idle("every task waits and no hardware event is scheduled")
            target = nxt
        else:
            target = clock.now_us + max(1, round(timeout * 1e6))
            if nxt is not None and nxt < target:
                target = nxt
        clock.advance_us(target)
        return []


class VirtualLoop(asyncio.SelectorEventLoop):
    """asyncio loop on a Clock. Records every callback it runs in `activity`."""

    def __init__(self, clock):
        super().__init__(selector=_Selector(clock))
        self.clock = clock
        self._clock_resolution = 1e-7
        self.activity = []  # (now_us, callback repr) of every callback run

    def time(self):
        return self.clock.now_us / 1e6

    def _log(self, callback):
        loop = self

        def logged(*args):
            loop.activity.append((loop.clock.now_us, getattr(callback, "__qualname__", "?")))
            return callback(*args)

        return logged

    def call_soon(self, callback, *args, context=None):
        return super().call_soon(self._log(callback), *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        return super().call_at(when, self._log(callback), *args, context=context)


class VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    """Makes asyncio.run() (and new_event_loop()) use a VirtualLoop on clock."""

    def __init__(self, clock):
        super().__init__()
        self.clock = clock
        self.loops = []

    def new_event_loop(self):
        loop = VirtualLoop(self.clock)
        self.loops.append(loop)
        return loop


def sleep_ms(clock):
    """asyncio.sleep_ms for CPython with MicroPython's rounding.

    MicroPython wakes the task when ticks_ms() reaches ticks_ms() + t, so the
    sleep ends on a millisecond boundary.
    """

    def sleep_ms(t):
        due_us = (clock.now_us // 1000 + max(0, t)) * 1000
        return asyncio.sleep((due_us - clock.now_us) / 1e6)

    return sleep_ms

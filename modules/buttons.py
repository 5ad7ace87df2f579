"""Awaitable buttons for asyncio, over tapblink's C module `debounce`.

    import asyncio, buttons

    async def main():
        b = buttons.Button("BUTTON")          # GP15 to GND, internal pull-up
        t = await b.pressed()                 # ticks_ms of the next press
        t = await b.released()                # ... of the next release
        async for t in b.presses():           # every press, in order
            print(t)

    asyncio.run(main())

The timestamps are the interrupt's `time.ticks_ms()` at the debounced edge
(not the time your task ran): compare them with `time.ticks_diff()`.

Several buttons may share one flag (`buttons.group("GP14", "GP15")`, or pass
`flag=other.flag`), and several tasks may wait on the same button or on
different ones. Each event goes to exactly one waiting call, oldest waiter
first; none is lost or duplicated, and cancelling a waiting task loses nothing
(the event stays for the next call).

Design (why it looks like this)
-------------------------------
The C module queues each debounced edge in a per-button ring and sets the
button's flag, an asyncio.ThreadSafeFlag, from the interrupt. That flag has
two limits: only ONE task may wait on it, and several set() calls before the
waiter runs merge into one wake-up. So tasks cannot wait on the flag
themselves. Instead:

- one dispatcher task per flag waits on it; when woken it drains the rings of
  ALL buttons sharing that flag (each ring oldest first), so merged sets lose
  nothing;
- it hands each event to the button's per-kind asyncio queue (the frozen
  `queue.Queue`: FIFO waiters, cancellation-safe, woken through asyncio.Event);
- pressed()/released()/presses() just `await queue.get()`.

While nothing happens, the dispatcher is parked on the flag (polled by the
asyncio loop's `select.poll`, which sleeps until an interrupt) and the waiting
tasks are parked on Events: no task wakes up. An event costs one dispatcher
wake-up plus one wake-up of the task that receives it.

Which events are kept: a kind (press or release) is kept from the first call
that asks for it (pressed()/presses() for presses, released() for releases);
what happened before that first call is discarded, so the first
`await b.pressed()` returns the NEXT press, and from then on no press is
missed even while your task is busy. At most `depth` events per kind wait to
be taken; more are dropped (newest first, like the C ring) and counted in
`overflows`. `clear()` discards what is waiting.

The dispatcher is started by the first wait, inside the running event loop,
and restarted if the loop changed (a new asyncio.run() or new_event_loop()).
It ends when the last button of its flag is deinitialized. Do not wait on
`button.flag` yourself: the dispatcher is its one waiter.
"""

import asyncio
from queue import Queue, QueueFull

import debounce

PRESS = debounce.PRESS
RELEASE = debounce.RELEASE

_dispatchers = {}  # id(flag) -> _Dispatcher


def _loop_token():
    # Something that changes when the event loop is replaced.
    try:
        return asyncio.get_running_loop()  # CPython
    except AttributeError:
        return asyncio.core._io_queue  # MicroPython: new_event_loop() replaces it


class _Dispatcher:
    # The one task allowed to wait on a flag; feeds the buttons sharing it.

    def __init__(self, flag):
        self.flag = flag
        self.buttons = []
        self.task = None
        self.token = None

    def ensure_running(self):
        token = _loop_token()
        if self.task is None or self.task.done() or self.token is not token:
            self.token = token
            self.task = asyncio.create_task(self._run())

    def stop(self):
        task = self.task
        self.task = None
        if task is not None and not task.done():
            try:
                task.cancel()
            except RuntimeError:  # CPython: its event loop is already closed
                pass

    async def _run(self):
        flag = self.flag
        buttons = self.buttons
        while buttons:
            # Drain before waiting: events queued before this task started
            # have already set (and merged into) the flag.
            for b in buttons:
                b._drain()
            await flag.wait()


class _Presses:
    # `async for t in button.presses()` (MicroPython has no async generators).

    def __init__(self, q):
        self._q = q

    def __aiter__(self):
        return self

    def __anext__(self):
        return self._q.get()


class Button:
    """A debounced button whose presses and releases can be awaited.

    pin: GPIO number, pin name ("BUTTON", "GP15") or machine.Pin.
    flag: share another button's flag (see group()); None gives a new one.
    depth: events of each kind kept for you, and the C ring's size.
    Other keywords (pull, active_low, debounce_ms) go to debounce.Button.
    """

    def __init__(self, pin, *, flag=None, depth=16, **kwargs):
        self.hw = debounce.Button(pin, flag=flag, depth=depth, **kwargs)
        self.flag = self.hw.flag
        self._depth = depth
        self._queues = [None, None]  # indexed by RELEASE (0) and PRESS (1)
        self._dropped = 0
        d = _dispatchers.get(id(self.flag))
        if d is None:
            d = _dispatchers[id(self.flag)] = _Dispatcher(self.flag)
        d.buttons.append(self)
        self._dispatcher = d

    def _drain(self):
        # Move every event from the C ring to the queue of its kind.
        hw = self.hw
        queues = self._queues
        while True:
            ev = hw.get()
            if ev is None:
                return
            q = queues[ev[0]]
            if q is not None:
                try:
                    q.put_nowait(ev[1])
                except QueueFull:
                    self._dropped += 1

    def _queue(self, kind):
        if self._dispatcher is None:
            raise ValueError("Button is deinitialized")
        q = self._queues[kind]
        if q is None:
            # Discard what happened before the first call for this kind.
            self._drain()
            q = self._queues[kind] = Queue(self._depth)
        self._dispatcher.ensure_running()
        return q

    async def pressed(self):
        """Wait for a press; return its ticks_ms."""
        return await self._queue(PRESS).get()

    async def released(self):
        """Wait for a release; return its ticks_ms."""
        return await self._queue(RELEASE).get()

    def presses(self):
        """Async iterator over press times: `async for t in b.presses():`."""
        return _Presses(self._queue(PRESS))

    def value(self):
        """Debounced state: 1 pressed, 0 released."""
        return self.hw.value()

    @property
    def overflows(self):
        """Events lost: dropped by the C ring plus dropped here."""
        return self.hw.overflows + self._dropped

    def clear(self):
        """Discard every event not yet taken."""
        self._drain()
        for q in self._queues:
            while q is not None and not q.empty():
                q.get_nowait()

    def deinit(self):
        """Release the pin and its interrupt. Idempotent.

        Tasks still waiting on this button are not woken: cancel them.
        """
        self.hw.deinit()
        d = self._dispatcher
        if d is None:
            return
        self._dispatcher = None
        d.buttons.remove(self)
        if not d.buttons:
            _dispatchers.pop(id(d.flag), None)
            d.stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.deinit()


def group(*pins, **kwargs):
    """Buttons on several pins sharing one flag (one dispatcher task for all).

    Keywords go to every Button. Returns a tuple in the order of pins.
    """
    out = []
    flag = kwargs.pop("flag", None)
    try:
        for pin in pins:
            b = Button(pin, flag=flag, **kwargs)
            flag = b.flag
            out.append(b)
    except BaseException:
        for b in out:  # nothing half-registered on error
            b.deinit()
        raise
    return tuple(out)

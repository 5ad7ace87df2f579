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
waiter runs merge into one wake-up. So (leader and followers):

- of all the calls waiting on buttons that share a flag, one is the LEADER:
  it waits on the flag itself, and when woken it drains the rings of ALL
  those buttons (each ring oldest first), so merged sets lose nothing;
- the others are FOLLOWERS, each waiting on its own asyncio.Event. The events
  drained go into per-button, per-kind lists and are promised to the waiting
  calls of that kind in the order they started waiting; a follower is woken
  when it has been promised one (the leader takes its own at once);
- when the leader returns (or is cancelled), the lead passes to the oldest
  follower that has no event promised; with no follower, the next call to
  wait takes the lead.

So an event reaches a single waiting task in ONE scheduling round (the flag's
wake-up of that very task), as if it waited on the flag directly; with
several waiters, the one it is for costs one more. While nothing happens, the
leader is parked on the flag (polled by the asyncio loop's `select.poll`,
which sleeps until an interrupt) and followers on Events: no task wakes up.

A follower cancelled after an event was promised to it passes the event on
to the next waiter of that kind (or keeps it for the next call); a cancelled
leader passes the lead on, and what it had not drained stays in the C rings.
The bookkeeping is reset when the event loop changes (a new asyncio.run() or
new_event_loop()): waiters of the old loop can never run again.

Which events are kept: a kind (press or release) is kept from the first call
that asks for it (pressed()/presses() for presses, released() for releases);
what happened before that first call is discarded, so the first
`await b.pressed()` returns the NEXT press, and from then on no press is
missed even while your task is busy. At most `depth` events per kind wait to
be taken; more are dropped (newest first, like the C ring) and counted in
`overflows`. `clear()` discards what is waiting.

Do not wait on `button.flag` yourself: the leader is its one waiter.
"""

import asyncio

import debounce

PRESS = debounce.PRESS
RELEASE = debounce.RELEASE

_groups = {}  # id(flag) -> _FlagGroup


def _loop_token():
    # Something that changes when the event loop is replaced.
    try:
        return asyncio.get_running_loop()  # CPython
    except AttributeError:
        return asyncio.core._io_queue  # MicroPython: new_event_loop() replaces it


class _Waiter:
    # One call waiting for an event of one kind (see _Events.get).

    def __init__(self, events):
        self.events = events
        self.ready = False  # an event of its kind is promised to it
        self.lead = False  # it holds the lead: waits on the flag, drains the rings
        self.ev = None  # asyncio.Event a follower waits on (made when it must wait)


class _FlagGroup:
    # The buttons sharing one flag and the calls waiting on them (oldest first).

    def __init__(self, flag):
        self.flag = flag
        self.buttons = []
        self.waiters = []
        self.leader = None  # the _Waiter holding the lead, or None
        self.token = None  # the event loop the waiters belong to

    def check_loop(self):
        token = _loop_token()
        if self.token is not token:
            self.token = token
            self.waiters = []
            self.leader = None

    def drain(self):
        for b in self.buttons:
            b._drain()

    def promise(self):
        # Promise each waiting event to the oldest waiter of its kind without one, and
        # wake that waiter (the leader is running: it looks for itself).
        waiters = self.waiters
        for w in waiters:
            w.events.spare = len(w.events.items)
        for w in waiters:
            e = w.events
            if e.spare > 0:
                e.spare -= 1
                if not w.ready:
                    w.ready = True
                    if w.ev is not None:
                        w.ev.set()

    def pass_lead(self):
        # The leader left: the oldest follower still waiting for an event leads next.
        self.leader = None
        for w in self.waiters:
            if not w.ready:
                self.leader = w
                w.lead = True
                w.ev.set()
                return


class _Events:
    # The events of one kind of one button, not yet taken; get() waits for one.

    def __init__(self, button):
        self.button = button
        self.items = []  # ticks_ms, oldest first; Button._drain() keeps at most depth
        self.spare = 0  # scratch for _FlagGroup.promise()

    async def get(self):
        d = self.button._group
        if d is None:
            raise ValueError("Button is deinitialized")
        d.check_loop()
        items = self.items
        if items:
            for w in d.waiters:
                if w.events is self:
                    break  # older calls wait for these: queue up behind them
            else:
                return items.pop(0)
        w = _Waiter(self)
        d.waiters.append(w)
        if d.leader is None:
            d.leader = w
            w.lead = True
        else:
            w.ev = asyncio.Event()
            if items:
                d.promise()  # more waiting than promised to the older calls
        try:
            while not w.ready:
                if w.lead:
                    d.drain()
                    if len(d.waiters) == 1:
                        if items:  # the one waiter: nobody to promise anything to
                            break
                    else:
                        d.promise()
                        if w.ready:
                            break
                    await d.flag.wait()
                else:
                    await w.ev.wait()
                    w.ev.clear()
        except BaseException:
            self._leave(d, w)
            if w.ready:
                d.promise()  # its event goes to the next waiter of its kind
            raise
        self._leave(d, w)
        return items.pop(0)

    def _leave(self, d, w):
        if w in d.waiters:  # not if the event loop changed meanwhile
            d.waiters.remove(w)
        if d.leader is w:
            d.pass_lead()


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

    pin: GPIO number, pin name ("BUTTON", "GP15") or machine.Pin. A new
    Button on a pin takes it over from an older one (a program re-run after
    Ctrl-C, whose old Button nobody can reach), which is then deinitialized.
    flag: share another button's flag (see group()); None gives a new one.
    depth: events of each kind kept for you (1..512). The C ring holds
    2 * depth events: presses and releases alternate, so it too keeps depth
    of each kind while no call is waiting (nothing drains it then).
    Other keywords (pull, active_low, debounce_ms) go to debounce.Button.
    """

    def __init__(self, pin, *, flag=None, depth=16, **kwargs):
        if not isinstance(depth, int) or isinstance(depth, bool):
            raise TypeError("depth must be an int")
        if not 1 <= depth <= 512:
            raise ValueError("depth must be 1..512")
        self.hw = debounce.Button(pin, flag=flag, depth=2 * depth, **kwargs)
        _forget_taken()
        self.flag = self.hw.flag
        self._depth = depth
        self._queues = [None, None]  # indexed by RELEASE (0) and PRESS (1)
        self._dropped = 0
        d = _groups.get(id(self.flag))
        if d is None:
            d = _groups[id(self.flag)] = _FlagGroup(self.flag)
        d.buttons.append(self)
        self._group = d

    def _drain(self):
        # Move every event from the C ring to the list of its kind (the caller then
        # promises them: _FlagGroup.promise()).
        hw = self.hw
        queues = self._queues
        depth = self._depth
        while True:
            ev = hw.get()
            if ev is None:
                return
            q = queues[ev[0]]
            if q is not None:
                if len(q.items) < depth:
                    q.items.append(ev[1])
                else:
                    self._dropped += 1

    def _queue(self, kind):
        d = self._group
        if d is None:
            raise ValueError("Button is deinitialized")
        q = self._queues[kind]
        if q is None:
            # Discard what happened before the first call for this kind.
            self._drain()
            q = self._queues[kind] = _Events(self)
            d.promise()  # the drain may have brought the other kind's waiters something
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
            if q is not None:
                q.items.clear()
        d = self._group
        if d is not None:
            for w in d.waiters:
                if w.events.button is self:
                    w.ready = False  # a woken follower finds nothing and waits again

    def deinit(self):
        """Release the pin and its interrupt. Idempotent.

        Tasks still waiting on this button are not woken: cancel them.
        """
        self.hw.deinit()
        d = self._group
        if d is None:
            return
        self._group = None
        d.buttons.remove(self)
        if not d.buttons:
            _groups.pop(id(d.flag), None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.deinit()


def _live(hw):
    try:
        hw.any()
    except ValueError:
        return False
    return True


def _forget_taken():
    # A new debounce.Button takes its pin over from an older one (a program re-run after
    # Ctrl-C): forget the awaitables whose C Button that deinitialized, so that no leader
    # drains a dead ring and their flag groups go away.
    for d in list(_groups.values()):
        for b in [b for b in d.buttons if not _live(b.hw)]:
            b.deinit()


def group(*pins, **kwargs):
    """Buttons on several pins sharing one flag (one waiting task drains them all).

    Keywords go to every Button. Returns a tuple in the order of pins;
    ValueError when two of them are the same pin.
    """
    out = []
    flag = kwargs.pop("flag", None)
    try:
        for pin in pins:
            b = Button(pin, flag=flag, **kwargs)
            flag = b.flag
            out.append(b)
            for j, a in enumerate(out[:-1]):
                if a._group is None:  # b took a's pin over
                    raise ValueError("pins: %r and %r are the same pin" % (pins[j], pin))
    except BaseException:
        for b in out:  # nothing half-registered on error
            b.deinit()
        raise
    return tuple(out)

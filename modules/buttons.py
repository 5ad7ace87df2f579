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
(the event stays for the next call). Two calls waiting at once for the same kind of
one button split its events, which is mostly a mistake: the first time, one line
on stderr says so.

Which events are kept: a kind (press or release) is kept from the first call
that asks for it (pressed()/presses() for presses, released() for releases);
what happened before that first call is discarded, so the first
`await b.pressed()` returns the NEXT press, and from then on no press is
missed even while your task is busy. At most `depth` events per kind wait to
be taken; more are dropped (newest first, like the C ring) and counted in
`overflows`. `clear()` discards what is waiting.

Do not wait on `button.flag` yourself: one of the waiting calls is its one
waiter. How the waiting calls share a flag (leader and followers):
docs/architecture.md, section 4.
"""

import asyncio
import sys

import debounce
from _argcheck import check_flag, check_int  # noqa: F401 (buttons.check_int: public)

len = len  # a module global: found at once, where a builtin is looked for here first (a miss)

PRESS = debounce.PRESS
RELEASE = debounce.RELEASE
# Gesture kinds of Button.gestures(). Their logic lives in the frozen module _gestures
# (underscored: a user file gestures.py, found first on sys.path, must not replace it),
# imported at the first gestures() call, so a program without gestures never loads it; it
# uses the same values (tests/cpython/test_gestures_cpython.py checks).
CLICK = 2
DOUBLE = 3
LONG = 4
REPEAT = 5
LONG_RELEASE = 6

_groups = {}  # id(flag) -> _FlagGroup

if sys.implementation.name == "micropython":
    _core = asyncio.core
    # asyncio's IOQueue calls the builtin id() twice at every I/O wake-up (core.py, wait_io_event
    # and _dequeue). MicroPython looks a builtin up in the module's globals first, and a table
    # only grows once it is full: asyncio.core's is, so that miss probes every slot (a division
    # each on the M0+) before the builtins are searched, ~2500 cycles (20 us) a press. The same
    # function bound in core's globals is found at once (and the table grows).
    _core.id = id

    def _current_loop():
        return _core._io_queue  # new_event_loop() replaces it

else:  # CPython (the tests' fakes)
    _current_loop = asyncio.get_running_loop


class _Waiter:
    # One call waiting for an event of one kind.

    def __init__(self, events):
        self.events = events
        self.ready = False  # an event of its kind is promised to it
        self.lead = False  # it holds the lead: waits on the flag, drains the rings
        self.ev = None  # asyncio.Event a follower waits on (made when it must wait)


class _FlagGroup:
    # The buttons sharing one flag and the calls waiting on them (oldest first): the
    # leader/follower protocol (module docstring) lives here, and only here.

    def __init__(self, flag):
        self.flag = flag
        self.sources = []  # what _drain() reads of each button sharing it (Button._source)
        self.waiters = []
        self.leader = None  # the _Waiter holding the lead, or None
        self.loop = None  # the event loop the waiters belong to

    def promise(self):
        # Promise each waiting event to the oldest waiter of its kind (ready or not): the
        # i-th waiter of a kind gets one if that kind has more than i events. Wake the new
        # ones (the leader is running: it looks for itself).
        waiters = self.waiters
        for i in range(len(waiters)):
            w = waiters[i]
            if w.ready:
                continue
            events = w.events
            ahead = 0
            for j in range(i):
                if waiters[j].events is events:
                    ahead += 1
            if ahead < len(events.items):
                w.ready = True
                if w.ev is not None:
                    w.ev.set()

    async def take(self, events):
        # The next event of `events` (one kind of one button), waiting for it if need be.
        items = events.items
        loop = _current_loop()
        if self.loop is not loop:
            # Waiters of an old event loop can never run again.
            self.loop = loop
            self.waiters = []
            self.leader = None
        waiters = self.waiters
        if items:
            t = self._next_for_new_call(events)
            if t is not None:
                return t
        w = self._join(events)
        try:
            while not w.ready:
                if w.lead:
                    # Leading: drain, take or promise, wait on the flag; until it has one.
                    sources = self.sources
                    while True:
                        # _drain(sources), inline: a call costs every press ~3000 cycles
                        # (25 us) on its way to this task.
                        for raw, ev, lists, button in sources:
                            while raw.get_into(ev):
                                got = lists[ev[0]]
                                if got is None:
                                    _discard(button, ev[0])
                                elif len(got) < button._per_kind:
                                    got.append(ev[1])
                                else:
                                    button._dropped += 1
                        if len(waiters) == 1:
                            if items:  # the one waiter: nobody to promise anything to
                                break
                        else:
                            self.promise()
                            if w.ready:
                                break
                        await self.flag.wait()
                    break
                await w.ev.wait()
                w.ev.clear()
        except BaseException:
            self._leave(w)
            if w.ready:
                self.promise()  # its event goes to the next waiter of its kind
            raise
        if len(waiters) == 1 and self.leader is w:
            # Alone (the usual case): nobody to hand the lead to.
            waiters.pop()
            self.leader = None
        else:
            self._leave(w)
        return items.pop(0)

    def take_nowait(self, events):
        # The next event of `events` if one is queued (its button's ring drained first) and no
        # older call waits for that kind, else None.
        _drain((events.button._source,))
        self.promise()
        return self._next_for_new_call(events)

    def _next_for_new_call(self, events):
        # A new call's event of `events`: the oldest queued, unless older calls wait for these
        # (then it queues up behind them).
        items = events.items
        if items:
            for w in self.waiters:
                if w.events is events:
                    return None
            return items.pop(0)
        return None

    def _join(self, events):
        w = _Waiter(events)
        for other in self.waiters:
            if other.events is events:
                _warn_second_consumer(events.button, events)
                break
        self.waiters.append(w)
        if self.leader is None:
            self.leader = w
            w.lead = True
        else:
            w.ev = asyncio.Event()
            if events.items:
                self.promise()  # more waiting than promised to the older calls
        return w

    def _leave(self, w):
        if w in self.waiters:  # not if the event loop changed meanwhile
            self.waiters.remove(w)
        if self.leader is w:
            # The oldest follower still waiting for an event leads next.
            self.leader = None
            for f in self.waiters:
                if not f.ready:
                    self.leader = f
                    f.lead = True
                    f.ev.set()
                    return


class _Events:
    # The events of one kind of one button, not yet taken (ticks_ms, oldest first).

    def __init__(self, button):
        self.button = button
        self.items = []


class _Presses:
    # `async for t in button.presses()` (MicroPython has no async generators).

    def __init__(self, button):
        self._button = button
        self._events = button._events(PRESS)

    def __aiter__(self):
        return self

    def __anext__(self):
        return self._button._group_or_raise().take(self._events)


class Button:
    """A debounced button whose presses and releases can be awaited.

    pin: GPIO number, pin name ("BUTTON", "GP15") or machine.Pin. A new
    Button on a pin takes it over from an older one (a program re-run after
    Ctrl-C, whose old Button nobody can reach), which is then deinitialized.
    flag: share another button's flag (see group()); None gives a new one.
    depth: events of each kind kept for you (1..512). The C ring
    (debounce.Button's max_events) is 2 * depth: presses and releases
    alternate, so it too keeps depth of each kind while no call is waiting.
    Other keywords (pull, active_low, debounce_ms) go to debounce.Button.
    """

    # Called with the kind of each event no call asked for (tapblink sets it on its button):
    # a class default, so a plain Button's instance holds one attribute less.
    _on_discard = None
    _warned = False  # said that a second call waits for the same kind (_warn_second_consumer)

    def __init__(self, pin, *, flag=None, depth=16, **kwargs):
        check_int("depth", depth, 1, 512)
        if "max_events" in kwargs:  # the C ring is ours to size: else "extra keyword arguments"
            raise TypeError("max_events: buttons.Button takes depth")
        # The machine.Pin (one object per GPIO), so that group() can tell which pins a live
        # Button holds before it takes any over.
        self._pin = debounce.find_pin(pin)
        self.raw = debounce.Button(self._pin, flag=flag, max_events=2 * depth, **kwargs)
        _forget_taken()
        self.flag = self.raw.flag
        self._per_kind = depth  # events of each kind kept (the C ring: max_events=2 * depth)
        self._kinds = [None, None]  # _Events indexed by RELEASE (0) and PRESS (1)
        self._lists = [None, None]  # their items lists, as _drain() wants them
        self._event = [0, 0, 0]  # get_into() target: draining builds no tuples
        self._dropped = 0
        group = _groups.get(id(self.flag))
        if group is None:
            group = _groups[id(self.flag)] = _FlagGroup(self.flag)
        self._source = (self.raw, self._event, self._lists, self)
        group.sources.append(self._source)
        self._group = group

    def _drain(self):
        _drain((self._source,))

    def __repr__(self):
        # As debounce.Button's: Button(GPIO15, value=0, debounce_ms=20).
        return repr(self.raw)

    def _group_or_raise(self):
        group = self._group
        if group is None:
            raise ValueError("Button is deinitialized")
        return group

    def _events(self, kind):
        group = self._group_or_raise()
        events = self._kinds[kind]
        if events is None:
            # Discard what happened before the first call for this kind.
            self._drain()
            events = self._kinds[kind] = _Events(self)
            self._lists[kind] = events.items
            group.promise()  # the drain may have brought the other kind's waiters something
        return events

    def pressed(self):
        """Wait for a press: `t = await b.pressed()`, its ticks_ms."""
        return self._group_or_raise().take(self._events(PRESS))

    def released(self):
        """Wait for a release: `t = await b.released()`, its ticks_ms."""
        return self._group_or_raise().take(self._events(RELEASE))

    def presses(self):
        """Async iterator over press times: `async for t in b.presses():`."""
        return _Presses(self)

    def gestures(
        self,
        double_ms=300,
        long_ms=1000,
        repeat_delay_ms=None,
        repeat_ms=None,
        suppress=False,
        presses=False,
    ):
        """Async iterator over gestures: `async for kind, t, count in b.gestures():`.

        kind: CLICK (count = its number in a run of quick clicks), DOUBLE (count 2),
        LONG (held long_ms; t = press + long_ms), REPEAT (held on: first at press +
        repeat_delay_ms, then every repeat_ms; count 1, 2, ...), LONG_RELEASE; with
        presses=True also PRESS at every press. t is ticks_ms from the IRQ stamps.
        suppress=True holds a click back until the double window (double_ms after its
        release) has closed and reports the run's count once. Times 1..3600000 ms,
        double_ms <= long_ms <= repeat_delay_ms (default long_ms + repeat_ms); repeat is
        off without repeat_ms. It takes this button's press and release events, the
        same ones pressed()/released() hand out (docs/gestures.md).
        """
        import _gestures

        self._group_or_raise()
        m = _gestures.Machine(double_ms, long_ms, repeat_delay_ms, repeat_ms, suppress, presses)
        return _gestures.Gestures(self, m)

    def value(self):
        """Debounced state: 1 pressed, 0 released."""
        return self.raw.value()

    def untaken(self):
        """Events of this button that no call has taken yet (in the C ring or kept here)."""
        n = self.raw.any()
        for events in self._kinds:
            if events is not None:
                n += len(events.items)
        return n

    @property
    def overflows(self):
        """Events lost: dropped by the C ring plus dropped here."""
        return self.raw.overflows + self._dropped

    def clear(self):
        """Discard every event not yet taken."""
        self._drain()
        for events in self._kinds:
            if events is not None:
                events.items.clear()
        group = self._group
        if group is not None:
            for w in group.waiters:
                if w.events.button is self:
                    w.ready = False  # a woken follower finds nothing and waits again

    def deinit(self):
        """Release the pin and its interrupt. Idempotent.

        Tasks still waiting on this button are not woken: cancel them.
        """
        self.raw.deinit()
        group = self._group
        if group is None:
            return
        self._group = None
        group.sources.remove(self._source)
        if not group.sources:
            _groups.pop(id(group.flag), None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.deinit()


def _drain(sources):
    # Move every event from the C rings of `sources` (Button._source tuples) to the list of
    # its kind; the caller then promises them (_FlagGroup.promise()). The leader runs
    # this at each wake-up, before the waiting call sees its event: every step costs
    # microseconds there, so what it reads of a button is gathered once (Button._source).
    # (_FlagGroup.take() runs the same loop inline.)
    for raw, ev, lists, button in sources:
        while raw.get_into(ev):
            got = lists[ev[0]]
            if got is None:
                _discard(button, ev[0])
            elif len(got) < button._per_kind:
                got.append(ev[1])
            else:
                button._dropped += 1


def _warn_second_consumer(button, events):
    # Two calls waiting at once for one kind of one button split its events between them (each
    # goes to one waiting call): allowed (a pool of workers), but mostly a mistake (two tasks
    # on pressed(), gestures() beside pressed()), so it is said once per button, on stderr.
    if button._warned:
        return
    button._warned = True
    kind = "presses" if events is button._kinds[PRESS] else "releases"
    print(
        "buttons: %r: a second call waits for its %s; each goes to only one of them "
        "(one consumer per button and kind, or buttons.group() for several buttons)"
        % (button, kind),
        file=sys.stderr,
    )


def _discard(button, kind):
    # An event of a kind no call asked for: tapblink learns of the releases it does not wait
    # for here (Button._on_discard).
    hook = button._on_discard
    if hook is not None:
        hook(kind)


def _live(raw):
    try:
        raw.any()
    except ValueError:
        return False
    return True


def _forget_taken():
    # A new debounce.Button takes its pin over from an older one (a program re-run after
    # Ctrl-C): forget the awaitables whose C Button that deinitialized, so that no leader
    # drains a dead ring and their flag groups go away.
    for group in list(_groups.values()):
        for raw, _ev, _lists, b in list(group.sources):
            if not _live(raw):
                b.deinit()


def group(*pins, **kwargs):
    """Buttons on several pins sharing one flag (one waiting task drains them all).

    Keywords go to every Button. Returns a tuple in the order of pins;
    ValueError when two of them are the same pin. A refused call leaves every
    Button as it was: all pins are checked before any is taken over.
    """
    flag = kwargs.pop("flag", None)
    found = []
    for pin in pins:
        p = debounce.find_pin(pin, "pins")
        for j in range(len(found)):
            if found[j] is p:
                raise ValueError("pins: %r and %r are the same pin" % (pins[j], pin))
        found.append(p)
    # Pins a live Button holds come last: a new Button on a free pin can still be refused (an
    # output, such as the LED), one on a held pin cannot (it is an input), and nothing is
    # taken over until every free pin has been accepted.
    held = []
    for g in _groups.values():
        for raw, _ev, _lists, b in g.sources:
            if _live(raw):
                held.append(b._pin)
    order = [i for i in range(len(found)) if found[i] not in held]
    order += [i for i in range(len(found)) if found[i] in held]
    out = [None] * len(found)
    try:
        for i in order:
            b = Button(found[i], flag=flag, **kwargs)
            flag = b.flag
            out[i] = b
    except BaseException:
        for b in out:  # nothing half-registered on error
            if b is not None:
                b.deinit()
        raise
    return tuple(out)

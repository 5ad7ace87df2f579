"""A pure-Python `debounce` module for the CPython tier (docs/contracts.md).

`DebounceCore` is the debounce state machine alone (no clock, no pins): the
C core's semantics, usable as an oracle. `make_debounce(board, flag_type)`
builds a fake `debounce` module whose Button drives the core from a
simulated board's pin interrupts and virtual clock.
"""

import asyncio
import types

from tests.fakes.sim import TICKS_MAX

PRESS = 1
RELEASE = 0
QUIET_US = 2000  # DEBOUNCE_QUIET_US in debounce_core.h


class DebounceCore:
    """Debounce of one input; `pressed` is the logical level (True = pressed).

    The C core's rule, line for line (usercmodules/debounce/debounce_core.c; the contract it
    meets is docs/contracts.md, "Debounce semantics"), for the CPython tier's fake Button and
    for the core tier's mirror test. It is a restatement: it can find typos in either, never
    a rule that disagrees with the switch (tests/bounce_traces.py judges that).
    edge() and window_end() return (arm, queued): arm when the caller must (re)arm its one-shot
    timer for self.wait_ms.
    """

    def __init__(self, debounce_ms, max_events, pressed):
        self.debounce_ms = debounce_ms
        self.max_events = max_events
        self.state = bool(pressed)
        self.level = self.state  # the level the last edge's interrupt read
        self.in_window = False
        self.wait_ms = 0
        self.last_us = 0  # the last edge seen
        self.start_us = 0  # the first edge of the change the window is for
        self.next = None  # (ticks_ms, ticks_us, settled_us) where the next change began
        self.ring = []  # (kind, ticks_ms, ticks_us), oldest first
        self.overflows = 0

    def _emit(self, t_ms, t_us):
        # Queue the event (or count it as dropped) and flip the state.
        self.state = not self.state
        if len(self.ring) < self.max_events:
            kind = PRESS if self.state else RELEASE
            self.ring.append((kind, t_ms & TICKS_MAX, t_us & TICKS_MAX))
            return True
        self.overflows += 1
        return False

    def _wait(self, us):
        self.wait_ms = -(-us // 1000)
        return True

    def _window_for(self, left_us):
        self.next = None
        self.in_window = left_us != 0
        return self._wait(left_us) if self.in_window else False

    def _open_for(self, now_us):
        # How long until the next change's bounce must be over (0: none open).
        w = self.debounce_ms * 1000
        if self.next is None:
            return 0
        age = (now_us - self.next[1]) & TICKS_MAX
        return w - age if age < w else 0

    def edge(self, pressed, t_ms, t_us):
        """An interrupt saw an edge; pressed is the level read. Returns (arm, queued)."""
        pressed = bool(pressed)
        queued = False
        gap = (t_us - self.last_us) & TICKS_MAX
        if (
            self.in_window
            and gap >= QUIET_US
            and (t_us - self.start_us) & TICKS_MAX >= self.debounce_ms * 1000
            and not self._open_for(t_us)
        ):
            # The window's time is over and the line was quiet before this edge, but the timer
            # has not run yet: decide as it would have (the C core's debounce_edge does so).
            queued = self._decide(self.level, t_us)[1]
        if self.in_window:
            self.last_us = t_us
            away = self.level != self.state
            self.level = pressed
            if away:
                if self.next is not None and gap >= self.next[2]:
                    self.next = None  # away as long as it had been settled: a bounce pulse
                if pressed == self.state:
                    return False, queued
                gap = 0
            if self.next is None or gap >= self.next[2]:
                self.next = (t_ms, t_us, gap)
            return False, queued
        self.last_us = t_us
        self.level = pressed
        if pressed == self.state:
            return False, queued  # out and back before we could look
        self.start_us = t_us
        queued = self._emit(t_ms, t_us) or queued
        return self._window_for(self.debounce_ms * 1000), queued

    def window_end(self, pressed, now_us):
        """The timer fired at ticks_us now_us; pressed is the level read now.
        Returns (arm, queued)."""
        if not self.in_window:
            return False, False
        if bool(pressed) != self.level:
            return self._wait(1), False  # an edge whose interrupt has not run yet
        return self._decide(pressed, now_us)

    def _decide(self, pressed, now_us):
        # What the window was waiting for, at now_us with the line at `pressed` (the core's
        # decide()).
        quiet = (now_us - self.last_us) & TICKS_MAX
        left = self._open_for(now_us)
        if left and (quiet < QUIET_US or quiet < self.next[2]):
            if quiet >= QUIET_US:
                left = min(left, self.next[2] - quiet)
            return self._wait(left), False
        if quiet < QUIET_US:
            return self._wait(self.debounce_ms * 1000), False  # chatter: a window more
        self.in_window = False
        if bool(pressed) == self.state:
            return False, False
        self.start_us = self.next[1]
        queued = self._emit(*self.next[:2])
        return self._window_for(left), queued

    def window_abort(self, pressed):
        """The window timer could not be armed: end the window now. Returns queued."""
        if not self.in_window:
            return False
        self.in_window = False
        if bool(pressed) == self.state or self.next is None:
            return False
        return self._emit(*self.next[:2])

    def get(self):
        return self.ring.pop(0) if self.ring else None


_DEFAULT = object()


async def _sleep_until(clock, due_us):
    if due_us is not None:
        await asyncio.sleep((due_us - clock.now_us) / 1e6)


def make_debounce(board, flag_type):
    """A fake `debounce` module on a simulated board; flags default to flag_type()."""
    machine_pin_up, machine_pin_down = 1, 2  # machine.Pin.PULL_UP / PULL_DOWN
    claimed = {}  # gpio -> Button

    class Button:
        def __init__(
            self,
            pin,
            *,
            pull=_DEFAULT,
            active_low=True,
            debounce_ms=20,
            max_events=16,
            flag=None,
        ):
            # Check everything before touching anything: nothing half-registered.
            # Messages as in usercmodules/debounce/debounce.c, whose debounce_args.c words them
            # as modules/_argcheck.py does (on modules/ on sys.path, as the fakes put it).
            from _argcheck import check_flag, check_int

            active_low = check_flag("active_low", active_low)  # True/False or 1/0, as in C
            check_int("debounce_ms", debounce_ms, 0, 1000)
            check_int("max_events", max_events, 1, 1024)
            if pull is _DEFAULT:
                pull = machine_pin_up if active_low else machine_pin_down
            if pull not in (None, machine_pin_up, machine_pin_down):
                raise ValueError("pull must be None, Pin.PULL_UP or Pin.PULL_DOWN")
            if flag is None:
                flag = flag_type()
            elif not callable(getattr(flag, "set", None)):
                raise TypeError("flag must have a set() method")
            gpio = _gpio(pin, "pin")
            if board.pins[gpio].mode == "OUT":
                raise ValueError(
                    "pin: GPIO%d is an output: make it an input first (Pin(%d, Pin.IN))"
                    % (gpio, gpio)
                )
            prev = claimed.get(gpio)
            if prev is not None:
                prev.deinit()  # a new Button takes the pin over
            self._gpio = gpio
            self._active_low = bool(active_low)
            self.flag = flag
            self.debounce_ms = debounce_ms
            self._timer = self._window_end  # one bound method, to cancel it later
            pull_name = {None: None, machine_pin_up: "UP", machine_pin_down: "DOWN"}[pull]
            board.set_state(gpio, mode="IN", pull=pull_name)
            self._core = DebounceCore(debounce_ms, max_events, self._pressed())
            claimed[gpio] = self
            board.pins[gpio].irq = self._irq
            self._live = True

        def _pressed(self):
            return board.level(self._gpio) == (0 if self._active_low else 1)

        def _stamp(self):
            c = board.clock
            return c.ticks_ms(), c.ticks_us()

        def _after(self, arm, queued):
            if arm:
                board.clock.after_ms(self._core.wait_ms, self._timer)
            if queued:
                self.flag.set()

        def _irq(self, level):
            pressed = level == (0 if self._active_low else 1)
            self._after(*self._core.edge(pressed, *self._stamp()))

        def _window_end(self):
            if self._live:
                self._after(*self._core.window_end(self._pressed(), board.clock.ticks_us()))

        def _check(self):
            if not self._live:
                raise ValueError("Button is deinitialized")

        def any(self):
            self._check()
            return len(self._core.ring)

        def get(self):
            self._check()
            return self._core.get()

        def get_into(self, event):
            self._check()
            if not isinstance(event, list):
                raise TypeError("event must be a list of 3 items")
            if len(event) < 3:
                raise ValueError("event must be a list of 3 items")
            ev = self._core.get()
            if ev is None:
                return False
            event[0], event[1], event[2] = ev
            return True

        def value(self):
            self._check()
            return 1 if self._core.state else 0

        @property
        def overflows(self):
            return self._core.overflows

        def deinit(self):
            if not self._live:
                return
            self._live = False
            board.pins[self._gpio].irq = None
            board.clock.cancel(self._timer)
            del claimed[self._gpio]

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.deinit()

        def __repr__(self):
            if not self._live:
                return "Button(GPIO%d, deinit)" % self._gpio
            return "Button(GPIO%d, value=%d, debounce_ms=%d)" % (
                self._gpio,
                self.value(),
                self.debounce_ms,
            )

    def _gpio(pin, arg):
        # The wording of usercmodules/debounce/debounce_args.c.
        if isinstance(pin, bool) or not isinstance(pin, (int, str)) and not hasattr(pin, "gpio"):
            raise TypeError(
                "%s must be an int, a str or a Pin, not %s" % (arg, type(pin).__name__)
            )
        try:
            return board.gpio(pin)
        except ValueError:
            named = [n for n in sorted(board.names) if not (n[:2] == "GP" and n[2:].isdigit())]
            raise ValueError(
                "%s must be 0..29 or a pin name (%s), not %r"
                % (arg, ", ".join(named + ["GPn", "GPIOn"]), pin)
            ) from None

    pin_objs = {}  # gpio -> Pin: one object per GPIO, as on rp2 and unix

    def find_pin(pin, name="pin", output=False):
        # output= changes nothing here, as on the unix port: no simulated pin lacks an IRQ.
        from machine import Pin

        if hasattr(pin, "gpio"):
            return pin
        gpio = _gpio(pin, name)
        if gpio not in pin_objs:
            pin_objs[gpio] = Pin(gpio)
        return pin_objs[gpio]

    def deinit_all():
        # What a soft reset does (debounce_deinit_all() in C).
        for b in list(claimed.values()):
            b.deinit()

    def sleep_until(t):
        # debounce.sleep_until (debounce_sleep.c): the task resumes when ticks_ms() reaches t
        # (the start of that virtual ms); a t already due (by ticks_diff) completes at once.
        # Bad input raises at the call, as the C function does (debounce_int_arg's wording).
        from _argcheck import check_int

        check_int("t", t, 0, TICKS_MAX)
        clock = board.clock
        ahead = (t - clock.ticks_ms()) & TICKS_MAX
        due_us = (clock.now_ms + ahead) * 1000 if 0 < ahead <= TICKS_MAX // 2 else None
        return _sleep_until(clock, due_us)

    m = types.ModuleType("debounce")
    m.Button = Button
    m.find_pin = find_pin
    m.sleep_until = sleep_until
    m.Flag = flag_type
    m.PRESS = PRESS
    m.RELEASE = RELEASE
    m.deinit_all = deinit_all
    m.claimed = claimed
    return m

"""A simulated RP2040 board for the CPython tier: pins on a virtual clock.

`Board` holds every GPIO's state; `make_machine(board)` builds a fake
`machine` module whose Pin objects read and drive it. Tests drive inputs
with `board.drive(pin, level)` (now) or `board.script(pin, [(t_ms, level),
...])` (at virtual times) and read outputs from `board.history(pin)`.
"""

import types

from pins import PINS_CSV, read_pins

NUM_GPIOS = 30  # RP2040


def read_pins_csv(path):
    """{name: gpio} from a MicroPython pins.csv ("LED,GPIO25"): tools/pins.py's reader."""
    return read_pins(path)


def default_pins_csv():
    return PINS_CSV


class _PinState:
    def __init__(self):
        self.mode = None  # None (unconfigured), "IN" or "OUT"
        self.pull = None  # None, "UP" or "DOWN"
        self.out = 0  # output register
        self.external = None  # level driven from outside, None: floating
        self.irq = None  # callable(level), the interrupt handler
        self.history = []  # (t_us, level) of every change of the pin's level


class Board:
    def __init__(self, clock, pins_csv=None):
        self.clock = clock
        self.names = read_pins_csv(pins_csv or default_pins_csv())
        self.pins = [_PinState() for _ in range(NUM_GPIOS)]
        for n in range(NUM_GPIOS):
            self.names.setdefault("GP%d" % n, n)

    def gpio(self, pin):
        """GPIO number of an int, a pin name or a fake Pin."""
        if isinstance(pin, bool):
            raise TypeError("pin must be int, str or Pin")
        if isinstance(pin, int):
            if not 0 <= pin < NUM_GPIOS:
                raise ValueError("invalid pin")
            return pin
        if isinstance(pin, str):
            if pin not in self.names:
                raise ValueError('unknown named pin "%s"' % pin)
            return self.names[pin]
        gpio = getattr(pin, "gpio", None)
        if isinstance(gpio, int):
            return gpio
        raise TypeError("pin must be int, str or Pin")

    def level(self, gpio):
        """The level the pin reads."""
        p = self.pins[gpio]
        if p.mode == "OUT":
            return p.out
        if p.external is not None:
            return p.external
        return 1 if p.pull == "UP" else 0

    def _changed(self, gpio, before):
        after = self.level(gpio)
        if after != before:
            p = self.pins[gpio]
            p.history.append((self.clock.now_us, after))
            if p.irq is not None and p.mode != "OUT":
                p.irq(after)

    def set_state(self, gpio, **changes):
        before = self.level(gpio)
        p = self.pins[gpio]
        for k, v in changes.items():
            setattr(p, k, v)
        self._changed(gpio, before)

    def drive(self, pin, level):
        """Drive an input from outside now (None: let it float)."""
        self.set_state(self.gpio(pin), external=level)

    def script(self, pin, edges, t0_ms=None):
        """Drive pin through [(t_ms, level), ...], t_ms relative to t0_ms (default now).

        t_ms may be a float for sub-millisecond bounce.
        """
        gpio = self.gpio(pin)
        base_us = self.clock.now_us if t0_ms is None else t0_ms * 1000
        for t_ms, level in edges:
            self.clock.at_us(base_us + round(t_ms * 1000), self._driver(gpio, level))

    def _driver(self, gpio, level):
        return lambda: self.set_state(gpio, external=level)

    def history(self, pin):
        """[(t_us, level), ...]: every change of the pin's level."""
        return list(self.pins[self.gpio(pin)].history)


def make_machine(board):
    """A fake `machine` module on board (Pin only, plus a few helpers)."""

    class Pin:
        IN = 0
        OUT = 1
        OPEN_DRAIN = 2
        PULL_UP = 1
        PULL_DOWN = 2
        IRQ_FALLING = 4
        IRQ_RISING = 8

        def __init__(self, id, mode=-1, pull=-1, *, value=None):
            self.gpio = board.gpio(id)
            self.init(mode, pull, value=value)

        def init(self, mode=-1, pull=-1, *, value=None):
            changes = {}
            if value is not None:
                changes["out"] = 1 if value else 0
            if mode != -1:
                if mode not in (Pin.IN, Pin.OUT):
                    raise ValueError("invalid pin mode")
                changes["mode"] = "OUT" if mode == Pin.OUT else "IN"
            if pull != -1:
                if pull not in (None, Pin.PULL_UP, Pin.PULL_DOWN):
                    raise ValueError("invalid pull")
                changes["pull"] = {None: None, Pin.PULL_UP: "UP", Pin.PULL_DOWN: "DOWN"}[pull]
            board.set_state(self.gpio, **changes)

        def value(self, *args):
            if not args:
                return board.level(self.gpio)
            board.set_state(self.gpio, out=1 if args[0] else 0)

        __call__ = value

        def on(self):
            self.value(1)

        def off(self):
            self.value(0)

        def high(self):
            self.value(1)

        def low(self):
            self.value(0)

        def toggle(self):
            p = board.pins[self.gpio]
            board.set_state(self.gpio, out=1 - p.out)

        def irq(self, handler=None, trigger=IRQ_FALLING | IRQ_RISING, hard=False):
            # One handler per pin, shared with debounce.Button (as mp_hal_pin_interrupt).
            if handler is None:
                board.pins[self.gpio].irq = None
                return None
            pin = self

            def on_change(level):
                if trigger & (Pin.IRQ_RISING if level else Pin.IRQ_FALLING):
                    handler(pin)

            board.pins[self.gpio].irq = on_change
            return on_change

        def __eq__(self, other):
            return isinstance(other, Pin) and other.gpio == self.gpio

        def __hash__(self):
            return hash(self.gpio)

        def __repr__(self):
            return "Pin(GPIO%d)" % self.gpio

    m = types.ModuleType("machine")
    m.Pin = Pin
    m.board = board
    m.freq = lambda *a: 125_000_000
    m.unique_id = lambda: b"\x00" * 8
    return m

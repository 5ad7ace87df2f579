"""Fakes that let tapblink's frozen modules (modules/) run unmodified on CPython.

    from tests.fakes import install
    sim = install(monkeypatch)          # in a pytest fixture
    import tapblink                     # now imports modules/tapblink on the fakes

What install() puts in place (undone by monkeypatch at the end of the test):
- a virtual clock (`sim.clock`) and an asyncio loop running on it: asyncio.run()
  uses it, time only moves when every task waits (see sim.py);
- MicroPython's time API on that clock: time.ticks_ms/us/add/diff/sleep_ms
  (added to CPython's time module), and a `utime` module;
- asyncio.sleep_ms and asyncio.ThreadSafeFlag (tsf.py), `uasyncio` = asyncio;
- `machine` (Pin on a simulated board, board.py), `debounce` (debounce.py),
  `micropython` (const);
- `queue` = modules/queue.py (CPython's own queue module is shadowed in
  sys.modules for the test), modules/ on sys.path, and fresh imports of
  tapblink's modules for every test.
"""

import asyncio
import importlib.util
import sys
import time
import types
from pathlib import Path

from .board import Board, make_machine
from .debounce import make_debounce
from .sim import Clock, VirtualPolicy, sleep_ms, ticks_add, ticks_diff
from .tsf import ThreadSafeFlag

REPO = Path(__file__).resolve().parents[2]
MODULES = REPO / "modules"
_OURS = (
    "buttons",
    "_gestures",
    "_argcheck",
    "tapblink",
    "queue",
    "machine",
    "debounce",
    "utime",
    "uasyncio",
    "micropython",
)


class Sim:
    """Everything a test needs to drive and observe the fakes."""

    def __init__(self, clock, board, policy):
        self.clock = clock
        self.board = board
        self.policy = policy

    @property
    def loop(self):
        """The most recent VirtualLoop (asyncio.run() makes a new one each time)."""
        return self.policy.loops[-1] if self.policy.loops else None

    def ctrl_c_at(self, t_ms):
        """Raise KeyboardInterrupt (as Ctrl-C does) at virtual time t_ms."""

        def interrupt():
            raise KeyboardInterrupt

        self.clock.at_ms(t_ms, interrupt)

    def run(self, coro):
        """asyncio.run(coro) on the virtual loop."""
        return asyncio.run(coro)

    def close(self):
        """Undo what monkeypatch cannot: the loop policy, modules/ submodules."""
        asyncio.set_event_loop_policy(self._old_policy)
        for loop in self.policy.loops:
            if not loop.is_closed():
                loop.close()
        for name in list(sys.modules):
            if name.startswith("tapblink."):
                del sys.modules[name]


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def install(monkeypatch, start_ms=0, pins_csv=None):
    """Install the fakes for one test; call sim.close() when it ends."""
    clock = Clock(start_ms)
    board = Board(clock, pins_csv)

    # MicroPython's time extensions on CPython's time module, and utime.
    mp_time = {
        "ticks_ms": clock.ticks_ms,
        "ticks_us": clock.ticks_us,
        "ticks_cpu": clock.ticks_us,
        "ticks_add": ticks_add,
        "ticks_diff": ticks_diff,
        "sleep_ms": lambda ms: clock.advance_ms(max(0, ms)),
        "sleep_us": lambda us: clock.advance_us(clock.now_us + max(0, us)),
    }
    for name, fn in mp_time.items():
        monkeypatch.setattr(time, name, fn, raising=False)
    utime = types.ModuleType("utime")
    utime.__dict__.update(mp_time)
    utime.sleep = lambda s: clock.advance_us(clock.now_us + round(s * 1e6))
    utime.time = lambda: clock.now_us // 1_000_000

    # asyncio: MicroPython's extensions, and the virtual loop for asyncio.run().
    monkeypatch.setattr(asyncio, "sleep_ms", sleep_ms(clock), raising=False)
    monkeypatch.setattr(asyncio, "ThreadSafeFlag", ThreadSafeFlag, raising=False)
    policy = VirtualPolicy(clock)

    micropython = types.ModuleType("micropython")
    micropython.const = lambda x: x
    micropython.schedule = lambda fn, arg: fn(arg)

    for name in _OURS:
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "utime", utime)
    monkeypatch.setitem(sys.modules, "uasyncio", asyncio)
    monkeypatch.setitem(sys.modules, "micropython", micropython)
    monkeypatch.setitem(sys.modules, "machine", make_machine(board))
    monkeypatch.setitem(sys.modules, "debounce", make_debounce(board, ThreadSafeFlag))
    monkeypatch.setitem(sys.modules, "queue", load_module("queue", MODULES / "queue.py"))
    monkeypatch.syspath_prepend(str(MODULES))

    sim = Sim(clock, board, policy)
    sim._old_policy = asyncio.get_event_loop_policy()
    asyncio.set_event_loop_policy(policy)
    return sim

"""Debounced buttons with edge-exact timestamps, handed to asyncio without polling.

Edges are captured by a hard IRQ on both edges of the pin and timestamped there with
``time.ticks_ms()`` / ``time.ticks_us()``. Every event carries the time of the FIRST edge of
its contact change: the edge where the line left its settled level. A press from a settled
line is reported at once; bounce inside the window never yields an extra event; a press that
begins inside the previous release's window (or bounces past its end) is reported once its
own bounce must be over, at most debounce_ms after its first edge, stamped with that edge.
The contract, in physical terms, is in docs/contracts.md ("Debounce semantics"). Events queue
in a ring allocated once; the IRQ only sets ``flag``.
"""

from collections.abc import Awaitable, Generator
from typing import Any, Protocol

PRESS: int  # 1
RELEASE: int  # 0

class _Settable(Protocol):
    def set(self) -> Any: ...

class Flag:
    """asyncio.ThreadSafeFlag's API with its poll in C: asyncio's select.poll asks it from C
    on every wake-up of the CPU, no Python runs until it is set. One task may wait on it."""

    def __init__(self) -> None: ...
    def set(self) -> None:
        """Set the flag (safe from an IRQ); the waiting task wakes."""
    def clear(self) -> None:
        """Clear the flag."""
    def wait(self) -> Any:
        """`await flag.wait()`: return once the flag is set, and clear it (also a coroutine
        for asyncio.create_task() and wait_for())."""

class Button:
    def __init__(
        self,
        pin: int | str | Any,
        *,
        pull: int | None = ...,
        active_low: bool | int = True,
        debounce_ms: int = 20,
        max_events: int = 16,
        flag: _Settable | None = None,
    ) -> None:
        """Watch `pin` (GPIO number 0..29, pin name such as "BUTTON", "GP15" or "GPIO15", or
        machine.Pin) and make it an input. A pin configured as an output is refused.

        pull: None, Pin.PULL_UP or Pin.PULL_DOWN; default PULL_UP when active_low, else
        PULL_DOWN. On an RP2350 A2 (first Pico 2 boards) PULL_DOWN, given or by default,
        raises ValueError (erratum E9): pass pull=None with an external pull-down of
        8.2 kOhm or less, or wire the button to GND. active_low: True/False (or 1/0).
        debounce_ms: 0..1000 (0: every level change is an event). max_events: 1..1024 queued
        events; when full the newest event is dropped and counted in `overflows`.
        flag: any object with set(), e.g. another Button's flag (shared by several buttons)
        or an asyncio.ThreadSafeFlag (slower: its poll is Python); None creates a new
        debounce.Flag, which the IRQ sets with one store.

        The Button starts in the pin's current state without an event. It owns the pin's IRQ:
        a later Pin.irq() on the same pin replaces it, and a new Button on the same pin takes
        it over (this one is deinitialized), so a program re-run after Ctrl-C just works.
        Raises TypeError/ValueError naming the bad argument. repr:
        Button(GPIO15, value=0, debounce_ms=20).
        """
    flag: Any
    """The flag set (from the IRQ) whenever an event is queued."""
    overflows: int
    """Events dropped because the ring was full (readable after deinit)."""
    debounce_ms: int
    """The debounce window in milliseconds."""
    def any(self) -> int:
        """Number of queued events. ValueError after deinit()."""
    def get(self) -> tuple[int, int, int] | None:
        """Oldest event as (kind, ticks_ms, ticks_us), kind PRESS or RELEASE; None when empty.
        The timestamps work with time.ticks_diff(). ValueError after deinit()."""
    def get_into(self, event: list[int]) -> bool:
        """Pop the oldest event into `event` (a list of at least 3 items) as [kind, ticks_ms,
        ticks_us] without allocating; False (the list untouched) when empty. TypeError /
        ValueError naming "event" for anything else; ValueError after deinit()."""
    def value(self) -> int:
        """Debounced state: 1 pressed, 0 released. ValueError after deinit()."""
    def deinit(self) -> None:
        """Release the pin's IRQ and the window timer. Idempotent."""
    def __enter__(self) -> Button: ...
    def __exit__(self, *exc: Any) -> None: ...

class _SleepUntil(Awaitable[None]):
    """What sleep_until() returns: await it once (or pass it to asyncio.create_task() /
    wait_for()). repr: <sleep_until 1234 armed> (new, armed, rang, fallback or done)."""

    def __await__(self) -> Generator[None]: ...
    def send(self, value: None) -> None: ...
    def throw(self, *exc: Any) -> None: ...
    def close(self) -> None: ...

def sleep_until(t: int) -> _SleepUntil:
    """`await debounce.sleep_until(t)`: resume the task at the start of millisecond `t`, a
    time.ticks_ms() value (e.g. time.ticks_add(t0, 500)), where asyncio.sleep_ms() ends up to
    1 ms later on rp2 (select.poll counts whole ms from when it starts). A one-shot hardware
    alarm rings at the first microsecond whose ticks_ms is t and its interrupt wakes the
    task, never before t. A t that has come (time.ticks_diff(t, now) <= 0) completes at once,
    without yielding. Cancelling the task (task.cancel(), a wait_for timeout) cancels the
    alarm; soft reset cancels them all. Up to 8 alarms at once; a 9th sleeper falls back to
    asyncio's own timer (as sleep_ms: up to 1 ms late, never early). TypeError when t is not
    an int, ValueError outside 0..2**30-1, both naming t."""

def find_pin(pin: int | str | Any, name: str = "pin", output: bool = False) -> Any:
    """The machine.Pin that `pin` names, as Button resolves it, without configuring it.
    TypeError/ValueError in Button's wording, naming `name` (e.g. "led"). On a Pico W a pin
    of the wireless chip (its "LED") has no interrupt: ValueError "<name>: LED is on the
    wireless chip and has no interrupt", unless output=True (the caller only drives it)."""

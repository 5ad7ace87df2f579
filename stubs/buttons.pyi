"""Awaitable buttons for asyncio, over tapblink's C module `debounce` (frozen in tapblink)."""

from typing import Any, AsyncIterator

PRESS: int
RELEASE: int
# Gesture kinds (Button.gestures()).
CLICK: int
DOUBLE: int
LONG: int
REPEAT: int
LONG_RELEASE: int

class Gestures:
    """`async for kind, t, count in b.gestures(...)`: see Button.gestures."""

    def __aiter__(self) -> Gestures: ...
    async def __anext__(self) -> tuple[int, int, int]: ...

class Button:
    """A debounced button whose presses and releases can be awaited.

    pin: GPIO number, pin name ("BUTTON", "GP15") or machine.Pin. flag: share another
    button's flag (see group()). depth: events of each kind kept, 1..512 (the C ring is
    debounce.Button's max_events=2 * depth). Other keywords (pull, active_low, debounce_ms) go
    to debounce.Button. A new Button on a pin takes it over from an older one (a program
    re-run after Ctrl-C), which is then deinitialized.
    """

    raw: Any
    """The debounce.Button underneath."""
    flag: Any
    def __init__(
        self, pin: int | str | Any, *, flag: Any = None, depth: int = 16, **kwargs: Any
    ) -> None: ...
    async def pressed(self) -> int:
        """Wait for the next press; return its ticks_ms (use time.ticks_diff on it)."""
    async def released(self) -> int:
        """Wait for the next release; return its ticks_ms."""
    def presses(self) -> AsyncIterator[int]:
        """`async for t in b.presses():` every press time, in order."""
    def gestures(
        self,
        double_ms: int = 300,
        long_ms: int = 1000,
        repeat_delay_ms: int | None = None,
        repeat_ms: int | None = None,
        suppress: bool = False,
        presses: bool = False,
    ) -> Gestures:
        """`async for kind, t, count in b.gestures():` clicks, long presses, repeats.

        kind: CLICK (count: its place in a run of quick clicks), DOUBLE (count 2), LONG
        (t = press + long_ms), REPEAT (while held, from press + repeat_delay_ms, every
        repeat_ms; count 1, 2, ...), LONG_RELEASE; PRESS too with presses=True. t: ticks_ms.
        suppress: a click waits until double_ms after its release (one report per run).
        Times 1..3600000 ms, double_ms <= long_ms <= repeat_delay_ms. Takes the same press and
        release events as pressed()/released(). Wrong type: TypeError; bad value: ValueError.
        """
    def value(self) -> int:
        """Debounced state: 1 pressed, 0 released."""
    def untaken(self) -> int:
        """Events of this button that no call has taken yet (in the C ring or kept here)."""
    @property
    def overflows(self) -> int:
        """Events lost because a queue was full."""
    def clear(self) -> None:
        """Discard every event not yet taken."""
    def deinit(self) -> None:
        """Release the pin and its interrupt. Idempotent."""
    def __enter__(self) -> Button: ...
    def __exit__(self, *exc: Any) -> None: ...

def group(*pins: int | str | Any, **kwargs: Any) -> tuple[Button, ...]:
    """Buttons on several pins sharing one flag (one waiting task drains them all).
    ValueError when two of the pins are the same pin."""

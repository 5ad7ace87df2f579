"""Awaitable buttons for asyncio, over tapblink's C module `debounce` (frozen in tapblink)."""

from typing import Any, AsyncIterator

PRESS: int
RELEASE: int

class Button:
    """A debounced button whose presses and releases can be awaited.

    pin: GPIO number, pin name ("BUTTON", "GP15") or machine.Pin. flag: share another
    button's flag (see group()). depth: events of each kind kept, 1..512. Other keywords (pull,
    active_low, debounce_ms) go to debounce.Button. A new Button on a pin takes it over from
    an older one (a program re-run after Ctrl-C), which is then deinitialized.
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
    def value(self) -> int:
        """Debounced state: 1 pressed, 0 released."""
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

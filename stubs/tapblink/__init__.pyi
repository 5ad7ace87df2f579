"""tapblink: tap a button, the LED blinks at your tempo (frozen in tapblink)."""

from typing import Any

DEFAULT_MS: int
CAP_MS: int
BUTTON: str
LED: str

def run(
    led: int | str | Any = "LED",
    button: int | str | Any = "BUTTON",
    cap_ms: int = 2000,
    default_ms: int = 500,
    debounce_ms: int = 20,
) -> None:
    """Run the demo until Ctrl-C: print each interval in ms, blink at that half-period."""

def main() -> None:
    """Entry point of /main.py: the demo, unless the button is held at boot (safe mode)."""

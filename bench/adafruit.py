"""Contender (e): adafruit-circuitpython-debouncer from PyPI, with its dependency
adafruit-circuitpython-ticks (both pinned in tests/requirements.txt). Their two modules are
read from the installed packages and written onto the emulated board at bench time
(emurun.run, through the raw REPL); none of their code is kept in this repository. The
program uses the API as the debouncer's README shows: `Debouncer(lambda: pin.value())`,
`update()` in the program's loop, `fell` for a press (the pin is pulled up).

On MicroPython both modules import as they are, with no shim: adafruit_ticks tries
`supervisor.ticks_ms` (CircuitPython only), and on the ImportError takes `time.ticks_ms`
(masked to its 2**29 period); `micropython.const` exists; adafruit_debouncer's `typing` and
`circuitpython_typing` imports sit in a try/except ImportError, and MicroPython does not
evaluate the annotations that name them. The board gets the modules as source (.py), as
contender (d) does."""

import importlib.util
from pathlib import Path

MODULES = ("adafruit_debouncer", "adafruit_ticks")
DISTRIBUTIONS = ("adafruit-circuitpython-debouncer", "adafruit-circuitpython-ticks")
# The program's loop: update() every POLL_MS (asyncio.sleep_ms between). The README calls it
# in a bare `while True` loop ("MUST be called frequently"): it sees only the levels it
# samples. 2 ms is 5 samples per 10 ms interval, often enough that the sampling adds at most
# 2 ms to a press's time; 1 ms would change its results little and make its runs in the
# emulator 2.5 times longer (the bench's wall time is bounded).
POLL_MS = 2


class NotInstalled(RuntimeError):
    pass


def board_files():
    """{board path: text} of the installed modules."""
    out = {}
    for mod in MODULES:
        spec = importlib.util.find_spec(mod)
        if spec is None or spec.origin is None:
            raise NotInstalled(
                "%s is not installed (`make venv` installs tests/requirements.txt)" % mod
            )
        out["/lib/%s.py" % mod] = Path(spec.origin).read_text()
    return out


def version():
    from importlib.metadata import version as v

    return ", ".join("%s %s" % (d, v(d)) for d in DISTRIBUTIONS)

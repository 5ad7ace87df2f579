"""Contender (d): chumicro-buttons from PyPI (pinned in tests/requirements.txt with its
dependency chumicro-timing). Its MicroPython files are read from the installed packages and
written onto the emulated board at bench time (emurun.run, through the raw REPL); none of
its code is kept in this repository. The programs use its own API as its README shows:
`Button(pin=..., ticks=ticks)`, `check(now)` in the program's loop, then the `just_*`
readings."""

import importlib.util
from pathlib import Path

# What MicroPython imports of the two packages (the CircuitPython adapter, the matrix scan
# and the CPython test helpers are left off the board).
FILES = {
    "chumicro_buttons": (
        "__init__.py",
        "core.py",
        "_adapters/__init__.py",
        "_adapters/base.py",
        "_adapters/mp.py",
    ),
    "chumicro_timing": ("__init__.py", "deadline.py", "ticks.py", "waits.py"),
}
POLL_MS = 10  # the program's loop: check(now) every POLL_MS (asyncio.sleep_ms between)


class NotInstalled(RuntimeError):
    pass


def board_files():
    """{board path: text} of the installed packages' MicroPython files."""
    out = {}
    for pkg, names in FILES.items():
        spec = importlib.util.find_spec(pkg)
        if spec is None or not spec.submodule_search_locations:
            raise NotInstalled(
                "%s is not installed (`make venv` installs tests/requirements.txt)" % pkg
            )
        root = Path(list(spec.submodule_search_locations)[0])
        for name in names:
            out["/lib/%s/%s" % (pkg, name)] = (root / name).read_text()
    return out


def version():
    from importlib.metadata import version as v

    return "chumicro-buttons %s, chumicro-timing %s" % (
        v("chumicro-buttons"),
        v("chumicro-timing"),
    )

"""Unix tier: tapblink's C module and frozen modules on the MicroPython unix port.

The binary is the tapblink variant (ports/unix/variants/tapblink): `machine.Pin` is simulated,
`simgpio` drives it, and time is virtual, so every program here runs in milliseconds whatever
span of ticks it covers. See ports/unix/README.md.

Programs run as MicroPython scripts (tests/unix/mpy/*.py, tests/cases/*.py) after a prelude
that registers the board's pin names from boards/TAPBLINK_PICO/pins.csv.
"""

from pathlib import Path

import pytest

from tests.unix.mpyrun import Runner

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "mpy"
CASES = HERE.parent / "cases"


@pytest.fixture
def mpy(unix_micropython, pins, tmp_path):
    """runner.run(program, *args) -> CompletedProcess; fails the test on a non-zero exit."""
    return Runner(unix_micropython, pins, tmp_path)

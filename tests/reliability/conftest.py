"""Reliability tier (issue 7): soak, stress, wrap and bad-input tests on the unix port and on
the real UF2 in the emulator (tests/emulator/harness.py, exact simulated time).

Programs that run on MicroPython live in mpy/. The artefacts come from tests/conftest.py's
fixtures, which skip naming what is missing: TAPBLINK_UF2=path tests a prebuilt UF2,
TAPBLINK_UNIX_MICROPYTHON=path a prebuilt unix binary.
"""

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "emulator"))
sys.path.insert(0, str(HERE))

from rel_support import UnixRunner  # noqa: E402


@pytest.fixture(scope="session")
def rel_uf2(firmware_uf2):
    return firmware_uf2


@pytest.fixture
def rel_emu(emu):
    """A fresh emulator process (boot it with rel_emu.boot(rel_emu.uf2, ...))."""
    return emu


@pytest.fixture(scope="session")
def rel_unix_binary(unix_micropython):
    return unix_micropython


@pytest.fixture
def rel_unix(rel_unix_binary, pins, tmp_path):
    """rel_unix.run("prog.py") runs tests/reliability/mpy/prog.py on the unix port."""
    return UnixRunner(rel_unix_binary, pins, tmp_path)

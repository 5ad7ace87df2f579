"""tests/upstream/pin_irq/*.py on the unix variant: machine.Pin.irq as MicroPython's own suite
would check it (`make test-upstream` runs the same files through run-tests.py on stock and
tapblink builds). Each program's stdout must equal its .exp file.

pin_irq_button_same.py is the contract of stubs/debounce.pyi: a Pin.irq() on a live Button's
pin replaces the Button's handling.
"""

from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parents[1] / "upstream" / "pin_irq"
NAMES = sorted(p.name for p in CASES.glob("*.py"))


@pytest.mark.parametrize("name", NAMES)
def test_pin_irq_case(mpy, name):
    path = CASES / name
    r = mpy.run(path)
    assert r.stdout == path.with_name(name + ".exp").read_text(), r.stdout + r.stderr
    assert r.stderr == ""

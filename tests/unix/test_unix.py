"""The unix tier: MicroPython programs on the tapblink unix variant (see conftest.py).

Each tests/unix/mpy/*.py must end by printing OK; if a .exp file sits next to it, its whole
stdout must equal that file (MicroPython's own test style).
"""

from pathlib import Path

import pytest

PROGRAMS = Path(__file__).resolve().parent / "mpy"

PROGRAM_NAMES = sorted(p.name for p in PROGRAMS.glob("*.py") if p.name != "mpytest.py")


def expected_stderr(path):
    """Lines `# expect stderr: <text>` in a program: texts its stderr must contain."""
    tag = "# expect stderr:"
    return [ln[len(tag) :].strip() for ln in path.read_text().splitlines() if ln.startswith(tag)]


@pytest.mark.parametrize("name", PROGRAM_NAMES)
def test_program(mpy, name):
    path = PROGRAMS / name
    r = mpy.run(path)
    assert r.stdout.splitlines()[-1:] == ["OK"], "%s did not finish with OK:\n%s" % (
        name,
        r.stdout,
    )
    exp = path.with_name(name + ".exp")
    if exp.exists():
        assert r.stdout == exp.read_text(), "%s: stdout differs from %s" % (name, exp.name)
    wanted = expected_stderr(path)
    for text in wanted:
        assert text in r.stderr, "%s: stderr lacks %r:\n%s" % (name, text, r.stderr)
    if not wanted:
        # Errors in IRQ or timer context are printed, not raised: none may happen.
        assert r.stderr == "", "%s printed errors:\n%s" % (name, r.stderr)

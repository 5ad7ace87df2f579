"""Fixtures shared by every tier: where things are, and building what a tier needs.

A fixture that needs something this machine lacks (a MicroPython tree, the ARM toolchain,
node) skips with a message naming it. A build that is possible but fails is a test failure.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red CI must be reproducible); locally hypothesis
# explores new examples on each run.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
sys.path.insert(0, str(ROOT / "tools"))

import mptree  # noqa: E402
import preflight  # noqa: E402


@pytest.fixture(scope="session")
def repo_root():
    return ROOT


def read_pins():
    """GPIO names -> numbers from the board's pins.csv (the single source of pin numbers)."""
    pins = {}
    for line in (ROOT / "boards" / "TAPBLINK_PICO" / "pins.csv").read_text().splitlines():
        name, gpio = line.strip().split(",")
        pins[name] = int(gpio.replace("GPIO", ""))
    return pins


@pytest.fixture(scope="session")
def pins():
    return read_pins()


@pytest.fixture(scope="session")
def micropython_dir():
    try:
        return Path(mptree.resolve(allow_clone=False))
    except mptree.TreeError as e:
        pytest.skip("no MicroPython tree: %s" % str(e).splitlines()[0])


@pytest.fixture(scope="session")
def arm_gcc():
    problems = preflight.toolchain_problems()
    if problems:
        pytest.skip("no ARM toolchain: " + "; ".join(problems))
    return shutil.which("arm-none-eabi-gcc")


def _make(target, what):
    """Run `make <target>` at the repo root; fail the test (not skip) if the build breaks."""
    r = subprocess.run(
        ["make", "-s", target], cwd=ROOT, capture_output=True, text=True, env=dict(os.environ)
    )
    if r.returncode != 0:
        pytest.fail(
            "make %s failed (%s):\n%s\n%s" % (target, what, r.stdout[-4000:], r.stderr[-4000:])
        )
    return r.stdout


@pytest.fixture(scope="session")
def firmware_uf2(micropython_dir, arm_gcc):
    _make("firmware", "the tapblink UF2")
    return BUILD / "tapblink.uf2"


@pytest.fixture(scope="session")
def stock_firmware(micropython_dir, arm_gcc):
    _make("stock", "the stock RPI_PICO firmware")
    return BUILD / "stock" / "firmware.uf2"


@pytest.fixture(scope="session")
def unix_micropython(micropython_dir):
    if shutil.which("cc") is None:
        pytest.skip("no host C compiler (cc) for the unix port")
    _make("unix", "the unix port")
    return BUILD / "unix" / "micropython"

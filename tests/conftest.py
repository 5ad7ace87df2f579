"""Fixtures shared by every tier: where things are, and building what a tier needs.

A fixture that needs something this machine lacks (a MicroPython tree, the ARM toolchain,
node) skips with a message naming it. A build that is possible but fails is a test failure.
"""

import os
import shutil
import subprocess
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

import mptree  # noqa: E402
import preflight  # noqa: E402
from pins import read_pins  # noqa: E402


@pytest.fixture(scope="session")
def repo_root():
    return ROOT


@pytest.fixture(scope="session")
def pins():
    """GPIO names -> numbers from the board's pins.csv (the single source of pin numbers)."""
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


def _make(target, what, *args):
    """Run `make <target> [args]` at the repo root; fail the test (not skip) if the build
    breaks."""
    r = subprocess.run(
        ["make", "-s", target, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    if r.returncode != 0:
        pytest.fail(
            "make %s failed (%s):\n%s\n%s" % (target, what, r.stdout[-4000:], r.stderr[-4000:])
        )
    return r.stdout


def _prebuilt(var, check, what):
    """A prebuilt artefact named by an environment variable, or None when it is not set."""
    path = os.environ.get(var)
    if not path:
        return None
    if not check(path):
        pytest.fail("%s=%s is not %s" % (var, path, what))
    return Path(path).resolve()


@pytest.fixture(scope="session")
def firmware_uf2(request):
    """build/tapblink.uf2 built by `make firmware`, or the image named by $TAPBLINK_UF2."""
    prebuilt = _prebuilt("TAPBLINK_UF2", os.path.isfile, "a file")
    if prebuilt:
        return prebuilt
    request.getfixturevalue("micropython_dir")
    request.getfixturevalue("arm_gcc")
    _make("firmware", "the tapblink UF2")
    return BUILD / "tapblink.uf2"


PICO2_BUILD = BUILD / "TAPBLINK_PICO2"


@pytest.fixture(scope="session")
def pico2_uf2(request):
    """build/TAPBLINK_PICO2/tapblink.uf2 built by `make BOARD=TAPBLINK_PICO2` (the Pico 2,
    RP2350 Arm), or the image named by $TAPBLINK_PICO2_UF2. The build tier checks its format;
    the firmware tier runs it in rp2350js (emu with board "pico2")."""
    prebuilt = _prebuilt("TAPBLINK_PICO2_UF2", os.path.isfile, "a file")
    if prebuilt:
        return prebuilt
    request.getfixturevalue("micropython_dir")
    request.getfixturevalue("arm_gcc")
    _make("firmware", "the Pico 2 UF2", "BOARD=TAPBLINK_PICO2")
    return PICO2_BUILD / "tapblink.uf2"


# The Pico W and Pico 2 W (RP2040 / RP2350 + the CYW43 wireless chip): board -> the variable
# naming a prebuilt image. Big builds (lwIP, BTstack): a build already in build/<BOARD>/ is
# reused (make only rebuilds what changed).
W_BOARDS = {"TAPBLINK_PICO_W": "TAPBLINK_PICO_W_UF2", "TAPBLINK_PICO2_W": "TAPBLINK_PICO2_W_UF2"}


def board_uf2(request, board):
    """build/<board>/tapblink.uf2 from `make BOARD=<board>`, or the image named by
    $<board>_UF2."""
    prebuilt = _prebuilt(W_BOARDS[board], os.path.isfile, "a file")
    if prebuilt:
        return prebuilt
    request.getfixturevalue("micropython_dir")
    request.getfixturevalue("arm_gcc")
    _make("firmware", "the %s UF2" % board, "BOARD=" + board)
    return BUILD / board / "tapblink.uf2"


@pytest.fixture(scope="session")
def picow_uf2(request):
    return board_uf2(request, "TAPBLINK_PICO_W")


@pytest.fixture(scope="session")
def pico2w_uf2(request):
    return board_uf2(request, "TAPBLINK_PICO2_W")


def board_stock(request, board):
    """build/<board>/stock/firmware.elf: the stock twin (RPI_PICO_W, RPI_PICO2_W)."""
    request.getfixturevalue("micropython_dir")
    request.getfixturevalue("arm_gcc")
    _make("stock", "the stock twin of %s" % board, "BOARD=" + board)
    return BUILD / board / "stock"


@pytest.fixture(scope="session")
def pico2_stock_uf2(micropython_dir, arm_gcc):
    """The stock RPI_PICO2 firmware of the same tree (`make stock BOARD=TAPBLINK_PICO2`)."""
    _make("stock", "the stock RPI_PICO2 firmware", "BOARD=TAPBLINK_PICO2")
    return PICO2_BUILD / "stock" / "firmware.uf2"


@pytest.fixture(scope="session")
def stock_firmware(micropython_dir, arm_gcc):
    _make("stock", "the stock RPI_PICO firmware")
    return BUILD / "stock" / "firmware.uf2"


@pytest.fixture(scope="session")
def unix_micropython(request):
    """build/unix/micropython built by `make unix`, or the binary named by
    $TAPBLINK_UNIX_MICROPYTHON."""
    prebuilt = _prebuilt(
        "TAPBLINK_UNIX_MICROPYTHON", lambda p: os.access(p, os.X_OK), "an executable"
    )
    if prebuilt:
        return prebuilt
    request.getfixturevalue("micropython_dir")
    if shutil.which("cc") is None:
        pytest.skip("no host C compiler (cc) for the unix port")
    _make("unix", "the unix port")
    return BUILD / "unix" / "micropython"


def _emulator(chip, uf2):
    from tests.emulator.harness import Emulator, Missing

    try:
        e = Emulator(chip=chip)
    except Missing as exc:
        pytest.skip("emulator (%s): %s" % (chip, exc))
    e.uf2 = uf2
    return e


@pytest.fixture
def emu(request):
    """A fresh emulator process (tests/emulator/harness.py) with .uf2 set: the Pico (rp2040js)
    by default; a module listing BOARDS = ("pico", "pico2") runs its tests on both, the Pico 2
    in rp2350js (tests/firmware/conftest.py)."""
    board = getattr(request, "param", "pico")
    if board == "pico2":
        e = _emulator("rp2350", request.getfixturevalue("pico2_uf2"))
    else:
        e = _emulator("rp2040", request.getfixturevalue("firmware_uf2"))
    e.board = board
    yield e
    e.close()


# ---- One line per tier at the very end of the run -------------------------------------------
# A newcomer sees at a glance which tiers ran and why one did not; the last line is the total
# in the plain "N passed, N failed, N skipped" form.

_TIER_OUTCOMES = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")
_tier_lines = []


def _tier_of(report):
    parts = report.nodeid.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "tests" else parts[0].split("::")[0]


def _skip_reason(report):
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


def pytest_terminal_summary(terminalreporter):
    tiers = {}
    for outcome in _TIER_OUTCOMES:
        for report in terminalreporter.stats.get(outcome, []):
            counts, reasons = tiers.setdefault(_tier_of(report), ({}, []))
            counts[outcome] = counts.get(outcome, 0) + 1
            if outcome == "skipped":
                reason = _skip_reason(report)
                if reason not in reasons:
                    reasons.append(reason)
    total = {}
    for tier in sorted(tiers):
        counts, reasons = tiers[tier]
        words = ["%d %s" % (n, k) for k, n in counts.items()]
        line = "tier %-12s %s" % (tier + ":", ", ".join(words))
        if reasons:
            more = " (+%d more reasons)" % (len(reasons) - 1) if len(reasons) > 1 else ""
            line += " — skipped: %s%s" % (reasons[0], more)
        _tier_lines.append(line)
        for k, n in counts.items():
            total[k] = total.get(k, 0) + n
    if tiers:
        failed = total.get("failed", 0) + total.get("error", 0)
        _tier_lines.append(
            "all tiers: %d passed, %d failed, %d skipped"
            % (total.get("passed", 0), failed, total.get("skipped", 0))
        )


def pytest_unconfigure(config):
    # After pytest's own closing line, so these are the last lines of `make test`.
    if _tier_lines:
        print("\n" + "\n".join(_tier_lines), flush=True)

"""The build's own tools: UF2 writer/reader and the MicroPython tree checks (no tree needed)."""

import os
import struct
import subprocess
import sys
import time

import mptree
import pytest
import uf2
from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=50, deadline=None)
@given(st.binary(min_size=1, max_size=3000))
def test_uf2_round_trip(data):
    packed = uf2.pack(data)
    assert len(packed) == 512 * ((len(data) + 255) // 256)
    base, image = uf2.unpack(packed)
    assert base == uf2.FLASH_BASE
    assert image[: len(data)] == data
    assert set(image[len(data) :]) <= {0}  # padding of the last block


def test_uf2_blocks_follow_the_spec():
    packed = uf2.pack(bytes(range(256)) * 3)
    for i in range(3):
        blk = packed[512 * i : 512 * (i + 1)]
        m0, m1, flags, addr, size, no, total, family = struct.unpack_from("<8I", blk)
        assert (m0, m1) == (0x0A324655, 0x9E5D5157)
        assert flags == 0x2000 and family == 0xE48BFF56
        assert (addr, size, no, total) == (0x10000000 + 256 * i, 256, i, 3)
        assert struct.unpack_from("<I", blk, 508)[0] == 0x0AB16F30


def test_uf2_rejects_garbage():
    with pytest.raises(ValueError, match="bad magic"):
        uf2.unpack(b"\0" * 512)
    with pytest.raises(ValueError, match="multiple of 512"):
        uf2.unpack(b"\0" * 100)


BASE_SUBS = {"lib/pico-sdk", "lib/tinyusb", "lib/micropython-lib", "lib/mbedtls"}
W_SUBS = {"lib/cyw43-driver", "lib/lwip", "lib/btstack"}


def test_pins_file_is_the_one_source(repo_root):
    pins = mptree.read_pins()
    assert pins[0][:2] == ("micropython", "v1.28.0")
    assert {p[0] for p in pins[1:]} == BASE_SUBS
    # No other file of ours repeats a submodule commit.
    for _, commit, _, _ in mptree.read_all_pins()[1:]:
        tracked = subprocess.run(
            ["git", "grep", "-l", commit], cwd=repo_root, capture_output=True, text=True
        ).stdout.split()
        assert tracked in ([], ["tools/micropython.pins"]), commit


@pytest.mark.parametrize("board", ["TAPBLINK_PICO", "TAPBLINK_PICO2"])
def test_a_pico_needs_no_wireless_submodules(board):
    assert {p[0] for p in mptree.read_pins(board=board)[1:]} == BASE_SUBS


@pytest.mark.parametrize("board", ["TAPBLINK_PICO_W", "TAPBLINK_PICO2_W"])
def test_a_w_board_needs_the_wireless_submodules(board):
    # Each because the board's mpconfigboard.cmake sets the option pinned beside it.
    assert {p[0] for p in mptree.read_pins(board=board)[1:]} == BASE_SUBS | W_SUBS
    options = {p[3] for p in mptree.read_all_pins() if p[0] in W_SUBS}
    assert options <= mptree.board_options(board)


def _tree_with(path, subs):
    tree = _fake_tree(path, 28)
    for name in subs:
        (tree / name).mkdir(parents=True)
        (tree / name / "README").write_text("x")
    return tree


def test_a_missing_wireless_submodule_is_named_for_a_w_board_only(tmp_path):
    tree = str(_tree_with(tmp_path / "mp", BASE_SUBS | W_SUBS - {"lib/btstack"}))
    # Without git metadata a commit can't be checked: only the missing one may be reported
    # as missing, and only to a board that needs it.
    for board in ("TAPBLINK_PICO", None):
        with pytest.raises(mptree.TreeError) as e:
            mptree.check(tree, board=board)
        assert "is missing" not in str(e.value)
    with pytest.raises(mptree.TreeError) as e:
        mptree.check(tree, board="TAPBLINK_PICO_W")
    assert (
        "lib/btstack is missing (empty submodule) (needed by TAPBLINK_PICO_W for "
        "MICROPY_BLUETOOTH_BTSTACK)" in str(e.value)
    )
    assert str(e.value).count("is missing") == 1


def test_resolve_names_a_missing_wireless_submodule_offline(repo_root, tmp_path):
    """A tree in MICROPY_DIR without lib/cyw43-driver: fine for the Pico, named for a W."""
    tree = _tree_with(tmp_path / "mp", BASE_SUBS | W_SUBS - {"lib/cyw43-driver"})
    env = dict(os.environ, MICROPY_DIR=str(tree), TAPBLINK_OFFLINE="1")
    r = subprocess.run(
        [sys.executable, "tools/mptree.py", "resolve", "--board", "TAPBLINK_PICO2_W"],
        cwd=repo_root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2
    assert "lib/cyw43-driver is missing" in r.stderr and "TAPBLINK_PICO2_W" in r.stderr
    r = subprocess.run(
        [sys.executable, "tools/mptree.py", "resolve", "--board", "TAPBLINK_PICO"],
        cwd=repo_root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert "lib/cyw43-driver" not in r.stderr


def _fake_tree(path, minor):
    (path / "py").mkdir(parents=True)
    (path / "py" / "mpconfig.h").write_text(
        "#define MICROPY_VERSION_MAJOR 1\n#define MICROPY_VERSION_MINOR %d\n"
        "#define MICROPY_VERSION_MICRO 0\n" % minor
    )
    return path


def test_wrong_version_is_refused(tmp_path):
    with pytest.raises(mptree.TreeError, match="MicroPython is v1.27.0, tapblink needs v1.28.0"):
        mptree.check(str(_fake_tree(tmp_path / "mp", 27)))


def test_missing_submodules_are_named(tmp_path):
    with pytest.raises(mptree.TreeError) as e:
        mptree.check(str(_fake_tree(tmp_path / "mp", 28)))
    for name in ("lib/pico-sdk", "lib/tinyusb", "lib/micropython-lib", "lib/mbedtls"):
        assert "%s is missing" % name in str(e.value)


def test_make_without_tree_fails_fast_with_a_plan(repo_root, tmp_path):
    """No tree, no network: `make` stops within seconds and says how to provide a tree."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), TAPBLINK_OFFLINE="1")
    env.pop("MICROPY_DIR", None)
    t0 = time.monotonic()
    r = subprocess.run(
        ["make", "BUILD=%s" % (tmp_path / "build")],
        cwd=repo_root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    elapsed = time.monotonic() - t0
    print("make without a tree: exit %d after %.2f s" % (r.returncode, elapsed))
    assert r.returncode != 0
    assert elapsed < 10
    assert "no MicroPython tree at" in r.stderr
    assert "MICROPY_DIR" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert not (tmp_path / "build").exists()  # stopped before cmake


def test_micropy_dir_pointing_at_a_wrong_tree_is_refused(repo_root, tmp_path):
    env = dict(os.environ, MICROPY_DIR=str(_fake_tree(tmp_path / "mp", 27)))
    r = subprocess.run(
        [sys.executable, "tools/mptree.py", "resolve"],
        cwd=repo_root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2
    assert "does not match tools/micropython.pins" in r.stderr

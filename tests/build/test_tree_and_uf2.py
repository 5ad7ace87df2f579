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


def test_pins_file_is_the_one_source(repo_root):
    pins = mptree.read_pins()
    assert pins[0][:2] == ("micropython", "v1.28.0")
    assert {p[0] for p in pins[1:]} == {
        "lib/pico-sdk",
        "lib/tinyusb",
        "lib/micropython-lib",
        "lib/mbedtls",
    }
    # No other file of ours repeats a submodule commit.
    tracked = subprocess.run(
        ["git", "grep", "-l", pins[1][1]], cwd=repo_root, capture_output=True, text=True
    ).stdout.split()
    assert tracked in ([], ["tools/micropython.pins"])


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

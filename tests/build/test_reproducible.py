"""The same pins and toolchain give the same UF2 bytes, whatever the tree's git says.

A tree assembled from snapshots lacks a few large files the build never reads, so its
submodules are "dirty"; a fresh clone is clean. The version string and build date come from
tools/micropython.pins (tools/mptree.py env), so both give one UF2. The second build uses a
copy of the tree at another path, with the opposite git state, and another build directory.
"""

import hashlib
import os
import shutil
import subprocess

import mptree
import pytest
import uf2

# Read by neither the rp2 build nor the unix build: deleting it only makes git say "dirty".
UNREAD_FILE = "lib/pico-sdk/README.md"


def _git(tree, *args):
    return subprocess.run(["git", *args], cwd=tree, capture_output=True, text=True)


def _describe(tree):
    """`git describe --dirty` as MicroPython's makeversionhdr.py would run it."""
    r = _git(tree, "describe", "--tags", "--dirty", "--match", "v[1-9].*")
    if r.returncode != 0:
        pytest.skip("the MicroPython tree has no git metadata: %s" % r.stderr.strip())
    return r.stdout.strip()


def _flip_dirty(tree):
    """Make a dirty tree clean (hide its missing files from git) or a clean one dirty."""
    missing = False
    for name, _, _ in mptree.read_pins()[1:]:
        sub = tree / name
        deleted = _git(sub, "ls-files", "--deleted").stdout.split()
        if deleted:
            missing = True
            _git(sub, "update-index", "--skip-worktree", "--", *deleted)
    if not missing:
        (tree / UNREAD_FILE).unlink()


@pytest.fixture(scope="module")
def tree_copy(micropython_dir, tmp_path_factory):
    """A copy of the pinned tree at another path, with the opposite dirty/clean state."""
    dest = tmp_path_factory.mktemp("tree") / "micropython"
    shutil.copytree(micropython_dir, dest, symlinks=True)
    _flip_dirty(dest)
    yield dest
    shutil.rmtree(dest, ignore_errors=True)


def _sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_dirty_and_clean_trees_give_the_same_uf2(
    firmware_uf2, micropython_dir, tree_copy, repo_root, tmp_path, arm_gcc
):
    states = {_describe(micropython_dir), _describe(tree_copy)}
    assert len(states) == 2 and any(s.endswith("-dirty") for s in states), states
    build = tmp_path / "build"
    env = dict(os.environ, MICROPY_DIR=str(tree_copy))
    r = subprocess.run(
        ["make", "-s", "BUILD=%s" % build], cwd=repo_root, env=env, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    first, second = _sha256(firmware_uf2), _sha256(build / "tapblink.uf2")
    print("git describe: %s; UF2 sha256 %s and %s" % (sorted(states), first, second))
    assert first == second
    shutil.rmtree(build, ignore_errors=True)


def test_version_and_date_come_from_the_pins(firmware_uf2):
    env = mptree.build_env()
    info = uf2.binary_info(*uf2.unpack(firmware_uf2.read_bytes()))
    assert info["version"] == env["MICROPY_GIT_TAG"] == mptree.read_pins()[0][1]
    release = mptree.read_release()["release-date"]  # 2026-04-06 -> "Apr  6 2026"
    year, month, day = (int(x) for x in release.split("-"))
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    assert info["build date"] == "%s %2d %d" % (months[month - 1], day, year)
    # The banner: "MicroPython v1.28.0 on 2026-04-06"
    banner = b"MicroPython %s on %s" % (env["MICROPY_GIT_TAG"].encode(), release.encode())
    assert banner in uf2.unpack(firmware_uf2.read_bytes())[1]


def test_uf2_info_prints_the_sha256(firmware_uf2, repo_root):
    r = subprocess.run(
        ["python3", "tools/uf2.py", "info", str(firmware_uf2)],
        cwd=repo_root,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert "sha256: %s" % _sha256(firmware_uf2) in r.stdout.splitlines()


@pytest.mark.parametrize("where", ["py/mpconfig.h", "lib/pico-sdk/CMakeLists.txt"])
def test_local_changes_to_micropython_are_refused(tree_copy, where):
    path = tree_copy / where
    before = path.read_bytes()
    path.write_bytes(before + b"\n// a local change\n")
    try:
        with pytest.raises(
            mptree.TreeError, match="has local changes: .*%s" % where.split("/")[-1]
        ):
            mptree.check(str(tree_copy))
    finally:
        path.write_bytes(before)
    mptree.check(str(tree_copy))  # missing unread files alone are fine


def test_another_micropython_commit_is_refused(tree_copy):
    head = _git(tree_copy, "rev-parse", "HEAD").stdout.strip()
    parent = _git(tree_copy, "rev-parse", "HEAD~1")
    if parent.returncode != 0:
        pytest.skip("the tree is a shallow clone: no other commit to try")
    _git(tree_copy, "update-ref", "HEAD", parent.stdout.strip())
    try:
        with pytest.raises(mptree.TreeError, match="MicroPython is at commit"):
            mptree.check(str(tree_copy))
    finally:
        _git(tree_copy, "update-ref", "HEAD", head)

"""Style gates: ruff for Python, clang-format for C. Part of `make test` and `make lint`."""

import shutil
import subprocess
import sys

import pytest


def _tracked(repo_root, *patterns):
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", *patterns],
        cwd=repo_root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [p for p in out if (repo_root / p).exists()]


def test_ruff_check(repo_root):
    r = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        cwd=repo_root,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_ruff_format(repo_root):
    r = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."],
        cwd=repo_root,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, "run `make format`:\n" + r.stdout + r.stderr


def test_clang_format(repo_root):
    exe = shutil.which("clang-format")
    if exe is None:
        pytest.skip("clang-format not installed (apt-get install clang-format)")
    files = _tracked(repo_root, "*.c", "*.h")
    assert files, "no C files found"
    r = subprocess.run(
        [exe, "--dry-run", "--Werror", *files], cwd=repo_root, capture_output=True, text=True
    )
    assert r.returncode == 0, "run `make format`:\n" + r.stderr[-3000:]

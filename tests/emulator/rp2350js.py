"""Where the RP2350 emulator (c1570/rp2350js, GitHub only, not on npm) is, at the pinned commit.

    python3 tests/emulator/rp2350js.py     # prints its directory, or why there is none (exit 1)

The commit is pinned in tools/micropython.pins (`rp2350js-commit`). Looked for, in order:
1. $RP2350JS_DIR: a checkout of it with dist/ built (`npm ci --ignore-scripts && npm run build`);
2. the cache ~/.cache/tapblink/rp2350js-<7 hex digits> (XDG_CACHE_HOME is honoured): the same,
   outside every checkout, so it survives fresh clones;
3. on a machine with network: `npm install github:c1570/rp2350js#<commit>` into that cache
   (rp2350js ships only dist/, which its GitHub tree lacks, so it is then built there).
Nothing of it is kept in this repository. `locate()` raises Missing, naming what is missing.
"""

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "tools"))  # run by path, or imported by bench/: tools/ is not on it

import mptree  # noqa: E402

NPM_TIMEOUT_S = 300
REACH_TIMEOUT_S = 15  # an unreachable GitHub must fail fast, not hold up a test run
GITHUB_SPEC = "github:c1570/rp2350js#%s"
GITHUB_URL = "https://github.com/c1570/rp2350js.git"


def _reachable():
    """None when GitHub answers for the repository (git ls-remote), else why not."""
    if not shutil.which("git"):
        return "git is not on PATH"
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0")
    try:
        r = subprocess.run(
            ["git", "ls-remote", "--heads", GITHUB_URL],
            capture_output=True,
            text=True,
            timeout=REACH_TIMEOUT_S,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return "no answer from %s within %d s (no network?)" % (GITHUB_URL, REACH_TIMEOUT_S)
    if r.returncode != 0:
        tail = (r.stderr.strip().splitlines() or ["(no output)"])[-1]
        return "%s not reachable: %s" % (GITHUB_URL, tail)
    return None


class Missing(Exception):
    """rp2350js at the pinned commit is not on this machine; the message says what to do."""


def pinned_commit():
    return mptree.read_release()["rp2350js-commit"]


def cache_dir(commit=None):
    commit = commit or pinned_commit()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tapblink" / ("rp2350js-" + commit[:7])


def _built(path):
    """path if it holds a built rp2350js (package.json named rp2350js, dist/esm/index.js)."""
    path = Path(path)
    pkg = path / "package.json"
    if (
        pkg.is_file()
        and '"name": "rp2350js"' in pkg.read_text()
        and (path / "dist" / "esm" / "index.js").is_file()
    ):
        return path
    return None


def _checked_out_commit(path):
    """The git commit of a checkout, or None when it is not one (an npm install)."""
    if not (Path(path) / ".git").exists():
        return None
    r = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True
    )
    return r.stdout.strip() if r.returncode == 0 else None


def _npm_install(dest, commit):
    """npm install from GitHub into dest; returns the package directory. Raises Missing."""
    npm = shutil.which("npm")
    if not npm:
        raise Missing("npm is not on PATH (needed to install rp2350js from GitHub)")
    why = _reachable()
    if why:
        raise Missing(why)
    dest.mkdir(parents=True, exist_ok=True)

    def run(args, cwd):
        try:
            r = subprocess.run(
                [npm, *args], cwd=cwd, capture_output=True, text=True, timeout=NPM_TIMEOUT_S
            )
        except subprocess.TimeoutExpired:
            raise Missing("`npm %s` took over %d s" % (" ".join(args), NPM_TIMEOUT_S)) from None
        if r.returncode != 0:
            tail = (r.stderr or r.stdout).strip().splitlines()[-1:] or ["(no output)"]
            raise Missing("`npm %s` failed: %s" % (" ".join(args), tail[0]))

    spec = GITHUB_SPEC % commit
    run(["install", "--no-audit", "--no-fund", "--ignore-scripts", spec], dest)
    pkg = dest / "node_modules" / "rp2350js"
    if not _built(pkg):
        # The GitHub tree has no dist/: build it there (its dev dependencies are on npm).
        run(["install", "--no-audit", "--no-fund", "--ignore-scripts"], pkg)
        run(["run", "build"], pkg)
    return pkg


@functools.lru_cache(maxsize=None)
def locate(allow_install=True):
    """The directory of rp2350js at the pinned commit (see the module docstring)."""
    commit = pinned_commit()
    env = os.environ.get("RP2350JS_DIR")
    if env:
        if not _built(env):
            raise Missing("RP2350JS_DIR=%s holds no built rp2350js (dist/esm/index.js)" % env)
        at = _checked_out_commit(env)
        if at and at != commit:
            raise Missing(
                "RP2350JS_DIR=%s is at commit %s, tools/micropython.pins pins %s"
                % (env, at[:10], commit[:10])
            )
        return Path(env).resolve()
    cache = cache_dir(commit)
    for candidate in (cache, cache / "node_modules" / "rp2350js"):
        if _built(candidate):
            return candidate
    if not allow_install:
        raise Missing("rp2350js %s is not built in %s" % (commit[:7], cache))
    try:
        return _npm_install(cache, commit)
    except Missing as exc:
        raise Missing(
            "rp2350js %s (the RP2350 emulator): not in $RP2350JS_DIR nor built in %s, "
            "and installing it from GitHub did not work: %s" % (commit[:7], cache, exc)
        ) from None


if __name__ == "__main__":
    try:
        print(locate())
    except Missing as exc:
        print("tapblink: %s" % exc, file=sys.stderr)
        sys.exit(1)

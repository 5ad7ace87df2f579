#!/usr/bin/env python3
"""Find, check and (when needed) fetch the MicroPython tree tapblink builds against.

    mptree.py resolve [--no-clone] [--board B]   print the tree's path (exit 2 with a message
                                     if none); with --board, B's submodules too
    mptree.py check PATH [--board B] verify PATH against tools/micropython.pins
    mptree.py env [SHIFT]            print the build's fixed version settings, NAME=VALUE
                                     (SHIFT: a version string SHIFT bytes longer)

Resolution order:
  1. $MICROPY_DIR, if set (it must be a correct tree: it is never replaced);
  2. the cache ${XDG_CACHE_HOME:-~/.cache}/tapblink/micropython-<version>;
  3. a shallow clone from upstream into that cache, with only the submodules the rp2
     port needs (skipped with --no-clone, or when TAPBLINK_OFFLINE=1).
The pins (version, submodule commits, upstream URLs) live only in tools/micropython.pins.
A submodule pinned with a board option (the Pico W's lib/cyw43-driver, lib/lwip, lib/btstack)
is checked, and fetched into the cache, only for a board that sets that option: a Pico build
neither needs nor asks for them.
"""

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PINS_FILE = os.path.join(HERE, "micropython.pins")
BOARDS_DIR = os.path.join(os.path.dirname(HERE), "boards")
NETWORK_TIMEOUT_S = 6  # an unreachable upstream must fail fast, not hang the build


class TreeError(Exception):
    pass


def _pin_lines(path):
    with open(path) as f:
        for line in f:
            fields = line.split("#", 1)[0].split()
            if fields:
                yield fields


def read_all_pins(path=PINS_FILE):
    """[(name, ref, url, option), ...] of every repository; option is None for one every
    board needs, else the board option (a CMake variable) that needs it."""
    rows = [f for f in _pin_lines(path) if len(f) >= 3]
    return [(f[0], f[1], f[2], f[3] if len(f) == 4 else None) for f in rows]


def board_options(board):
    """The options boards/<board>/mpconfigboard.cmake sets ON (`set(NAME ON)` lines)."""
    try:
        with open(os.path.join(BOARDS_DIR, board, "mpconfigboard.cmake")) as f:
            text = f.read()
    except OSError:
        return set()  # not a board of ours: CMake says so, with the list of boards
    return set(re.findall(r"^\s*set\((\w+)\s+ON\)", text, re.M))


def read_pins(path=PINS_FILE, board=None):
    """[(name, ref, url), ...] that `board` needs (None: what every board needs); the first
    entry is MicroPython itself."""
    options = board_options(board) if board else set()
    return [p[:3] for p in read_all_pins(path) if p[3] is None or p[3] in options]


def needed_by(name, board, path=PINS_FILE):
    """Why `board` needs submodule `name`, for messages: "" or " (TAPBLINK_PICO_W: ...)"."""
    for n, _, _, option in read_all_pins(path):
        if n == name and option:
            return " (needed by %s for %s)" % (board or "this board", option)
    return ""


def read_release(path=PINS_FILE):
    """The release settings of the pins file: {"release-commit": ..., "release-date": ...}."""
    return {f[0]: f[1] for f in _pin_lines(path) if len(f) == 2}


def build_env(path=PINS_FILE, layout_shift=0):
    """What MicroPython's py/makeversionhdr.py reads instead of git and today's date.

    With these the banner says the pinned version (never "-dirty" because a snapshot lacks a
    file the build never reads) and the build date is the release's, so the UF2's bytes depend
    only on the pins, our sources and the toolchain.
    """
    release = read_release(path)
    date = datetime.datetime.strptime(release["release-date"], "%Y-%m-%d")
    epoch = int(date.replace(tzinfo=datetime.timezone.utc).timestamp())
    # layout_shift > 0 lengthens the version string by that many bytes, which moves what the
    # linker puts after it in flash: the layout-shift test build (make test-layout) only.
    return {
        "MICROPY_GIT_TAG": read_pins(path)[0][1] + ("-layout" + "." * layout_shift)[:layout_shift],
        "MICROPY_GIT_HASH": release["release-commit"][:10],
        "SOURCE_DATE_EPOCH": str(epoch),
    }


def cache_dir(version):
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "tapblink", "micropython-" + version)


def _git(*args, cwd=None, timeout=None):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def tree_version(path):
    """The MicroPython version of a tree, from py/mpconfig.h (works without git)."""
    try:
        with open(os.path.join(path, "py", "mpconfig.h")) as f:
            text = f.read()
    except OSError:
        return None
    parts = []
    for what in ("MAJOR", "MINOR", "MICRO"):
        m = re.search(r"#define MICROPY_VERSION_%s \(?(\d+)\)?" % what, text)
        if not m:
            return None
        parts.append(m.group(1))
    return "v" + ".".join(parts)


def check(path, pins=None, board=None):
    """Raise TreeError describing every way `path` differs from the pins (those `board`
    needs when pins is None)."""
    pins = pins or read_pins(board=board)
    (_, version, _), subs = pins[0], pins[1:]
    problems = []
    found = tree_version(path)
    if found is None:
        raise TreeError("%s is not a MicroPython tree (no py/mpconfig.h)" % path)
    if found != version:
        problems.append("MicroPython is %s, tapblink needs %s" % (found, version))
    problems += _local_changes(path, read_release()["release-commit"])
    for name, commit, _ in subs:
        sub = os.path.join(path, name)
        if not os.path.isdir(sub) or not os.listdir(sub):
            problems.append("%s is missing (empty submodule)%s" % (name, needed_by(name, board)))
            continue
        head = _git("rev-parse", "HEAD", cwd=sub)
        if head.returncode != 0:
            problems.append("%s has no git metadata, so its commit can't be checked" % name)
        elif head.stdout.strip() != commit:
            problems.append(
                "%s is at %s, tapblink needs %s" % (name, head.stdout.strip()[:12], commit[:12])
            )
        else:
            problems += _edited_files(sub, name + "/")
    if problems:
        raise TreeError(
            "the MicroPython tree at %s does not match tools/micropython.pins:\n  - %s"
            % (path, "\n  - ".join(problems))
        )


def _edited_files(path, prefix):
    """Tracked files changed in place (not deleted) under path, as problems.

    A snapshot of a repository can lack a few large files (a register description, a test
    vector) that the build never reads: those show as deleted and are accepted. A file whose
    content differs would change the firmware, so it is refused.
    """
    r = _git("status", "--porcelain", "--untracked-files=no", "--ignore-submodules=all", cwd=path)
    if r.returncode != 0:
        return []
    edited = [ln[3:] for ln in r.stdout.splitlines() if ln[:2].strip() not in ("", "D")]
    if not edited:
        return []
    more = ", ..." if len(edited) > 3 else ""
    where = prefix.rstrip("/") or "MicroPython"
    return ["%s has local changes: %s%s" % (where, ", ".join(edited[:3]), more)]


def _local_changes(path, commit):
    """MicroPython itself must be the release commit, unchanged (when git can tell)."""
    top = _git("rev-parse", "--show-toplevel", cwd=path)
    if top.returncode != 0 or os.path.realpath(top.stdout.strip()) != os.path.realpath(path):
        return []  # not a git checkout of its own (a tarball): the version check must do
    head = _git("rev-parse", "HEAD", cwd=path).stdout.strip()
    if head != commit:
        return ["MicroPython is at commit %s, tapblink needs %s" % (head[:12], commit[:12])]
    return _edited_files(path, "")


def _probe(url, version):
    if shutil.which("git") is None:
        raise TreeError("git is not installed, so the tree can't be fetched")
    try:
        probe = _git("ls-remote", "--tags", url, version, timeout=NETWORK_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        probe = None
    if probe is None or probe.returncode != 0:
        raise TreeError("upstream %s is not reachable (no network?)" % url)


def clone(dest, pins):
    """Shallow-clone MicroPython and the rp2 submodules into dest (atomically)."""
    (_, version, url), subs = pins[0], pins[1:]
    _probe(url, version)
    tmp = dest + ".partial"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    steps = [
        ["clone", "--depth", "1", "--branch", version, url, tmp],
        ["-C", tmp, "submodule", "update", "--init", "--depth", "1", "--"]
        + [name for name, _, _ in subs],
    ]
    for step in steps:
        print("tapblink: git " + " ".join(step), file=sys.stderr)
        r = _git(*step)
        if r.returncode != 0:
            raise TreeError("git %s failed:\n%s" % (step[0], r.stderr.strip()))
    check(tmp, pins)
    os.rename(tmp, dest)


def add_submodules(tree, pins, names):
    """Fetch the missing submodules `names` into our cache tree (a W board's, for a tree
    first cloned for the Pico), then check the whole tree against pins."""
    _probe(pins[0][2], pins[0][1])
    step = ["-C", tree, "submodule", "update", "--init", "--depth", "1", "--", *names]
    print("tapblink: git " + " ".join(step), file=sys.stderr)
    r = _git(*step)
    if r.returncode != 0:
        raise TreeError("git submodule update failed:\n%s" % r.stderr.strip())
    check(tree, pins)


def _missing(path, pins):
    return [
        n
        for n, _, _ in pins[1:]
        if not os.path.isdir(os.path.join(path, n)) or not os.listdir(os.path.join(path, n))
    ]


HOW_TO = """\
How to provide one:
  - with network access, run `make` again: it clones MicroPython {version} (shallow, only the
    submodules rp2 needs) into {cache};
  - or put a MicroPython {version} checkout with its submodules {subs} at the
    commits in tools/micropython.pins at that path;
  - or point MICROPY_DIR at such a checkout: make MICROPY_DIR=/path/to/micropython"""


def resolve(allow_clone=True, board=None):
    """The tree's path, with every submodule `board` needs (None: what every board needs)."""
    allow_clone = allow_clone and os.environ.get("TAPBLINK_OFFLINE") != "1"
    pins = read_pins(board=board)
    version = pins[0][1]
    cache = cache_dir(version)
    subs = ", ".join(name for name, _, _ in pins[1:])
    env_dir = os.environ.get("MICROPY_DIR")
    if env_dir:
        check(os.path.abspath(env_dir), pins, board)
        return os.path.abspath(env_dir)
    if os.path.isdir(cache):
        missing = _missing(cache, pins)
        base = read_pins()
        if missing and allow_clone and not _missing(cache, base):
            # Our own cache, cloned for a board that did not need these: add them to it.
            try:
                check(cache, base)
                add_submodules(cache, pins, missing)
            except TreeError as e:
                raise TreeError(
                    "%s lacks %s%s, and fetching failed: %s"
                    % (cache, ", ".join(missing), needed_by(missing[0], board), e)
                )
            return cache
        check(cache, pins, board)
        return cache
    if not allow_clone:
        raise TreeError("no MicroPython tree at %s\n%s" % (cache, HOW_TO.format(**locals())))
    try:
        clone(cache, pins)
    except TreeError as e:
        raise TreeError(
            "no MicroPython tree at %s, and fetching it failed: %s\n%s"
            % (cache, e, HOW_TO.format(**locals()))
        )
    return cache


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="mptree.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("resolve", help="print the tree's path")
    r.add_argument("--no-clone", action="store_true", help="never fetch from upstream")
    r.add_argument("--board", help="also the submodules this board needs")
    c = sub.add_parser("check", help="verify PATH against tools/micropython.pins")
    c.add_argument("path")
    c.add_argument("--board", help="also the submodules this board needs")
    e = sub.add_parser("env", help="print the build's fixed version settings")
    e.add_argument("shift", nargs="?", type=int, default=0, help="a version string this longer")
    return ap.parse_args(argv)  # a bad argument: argparse says why and exits 2


def main(argv):
    args = parse_args(argv)
    try:
        if args.cmd == "resolve":
            print(resolve(allow_clone=not args.no_clone, board=args.board))
        elif args.cmd == "env":
            for name, value in build_env(layout_shift=args.shift).items():
                print("%s=%s" % (name, value))
        else:
            check(os.path.abspath(args.path), board=args.board)
            print("ok: %s matches tools/micropython.pins" % args.path)
    except TreeError as e:
        print("tapblink: %s" % e, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

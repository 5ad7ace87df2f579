#!/usr/bin/env python3
"""Check, before anything is built, that the firmware build can work; print the tree's path.

Called by the Makefile and by CMakeLists.txt so both stop early with the same plain message
(what is missing and the command that installs it) instead of a compiler or cmake error.
"""

import argparse
import os
import shutil
import subprocess
import sys

import mptree

APT = (
    "sudo apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi"
    " libstdc++-arm-none-eabi-newlib cmake make"
)


def toolchain_problems():
    problems = []
    for tool in ("cmake", "make", "git"):
        if shutil.which(tool) is None:
            problems.append("%s is not installed" % tool)
    gcc = shutil.which("arm-none-eabi-gcc")
    if gcc is None:
        problems.append("the ARM cross compiler arm-none-eabi-gcc is not installed")
    else:
        # newlib ships separately on Debian; without it linking fails much later.
        libc = subprocess.run(
            [gcc, "-mcpu=cortex-m0plus", "-print-file-name=libc.a"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if not os.path.isabs(libc):
            problems.append("newlib (the ARM C library) is not installed")
    return problems


def main(argv):
    ap = argparse.ArgumentParser(prog="preflight.py", description=__doc__.splitlines()[0])
    ap.add_argument("--board", help="also the submodules this board needs (the Pico W's)")
    ap.add_argument("--no-clone", action="store_true", help="never fetch the tree from upstream")
    args = ap.parse_args(argv)  # a bad argument: argparse says why and exits 2
    problems = toolchain_problems()
    if problems:
        print("tapblink: can't build the firmware:", file=sys.stderr)
        for p in problems:
            print("  - " + p, file=sys.stderr)
        print("On Debian/Ubuntu: " + APT, file=sys.stderr)
        print(
            "On macOS: brew install --cask gcc-arm-embedded; brew install cmake", file=sys.stderr
        )
        return 2
    try:
        print(mptree.resolve(allow_clone=not args.no_clone, board=args.board))
    except mptree.TreeError as e:
        print("tapblink: %s" % e, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

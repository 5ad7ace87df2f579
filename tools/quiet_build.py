#!/usr/bin/env python3
"""Run a build command, passing its output through without the lines that say nothing.

    quiet_build.py UF2 -- cmake --build build -j 2

CMake's ExternalProject prints ~25 lines on every run ("Built target ...", "registrations not
updated", ...) even when nothing changed, so `make sim` or `make flash` on an up-to-date tree
buried their own output. Those lines are dropped; compiler output, errors and warnings are not.
When nothing was compiled or linked, the size report is replaced by one line saying so.
Exits with the command's status.
"""

import re
import subprocess
import sys

NOISE = re.compile(
    r"^\[\s*\d+%\] (Built target|Performing build step|No install step|Completed"
    r"|Generating genhdr)|registrations (not )?updated$|^(QSTR|Compressed data) not updated$"
)
WORK = re.compile(r"^\[\s*\d+%\] (Building|Linking)|^(CC|LINK|MPY) ")
REPORT = re.compile(r"^(size: |tapblink: wrote )")


def main(argv):
    if len(argv) < 3 or argv[1] != "--":
        print(__doc__.strip(), file=sys.stderr)
        return 2
    uf2, cmd = argv[0], argv[2:]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    )
    worked = False
    held = []  # lines seen before anything was compiled: shown only if something is
    for line in proc.stdout:
        text = line.rstrip("\n")
        if NOISE.search(text):
            continue
        if not worked:
            if not WORK.search(text):
                held.append(line)
                continue
            worked = True
            # -j interleaves lines: a fragment of a noise line is noise too.
            sys.stdout.writelines(ln for ln in held if not REPORT.search(ln) and ln.strip())
        sys.stdout.write(line)
        sys.stdout.flush()
    rc = proc.wait()
    if rc != 0 and not worked:
        sys.stdout.writelines(held)
    elif not worked:
        print("tapblink: %s is up to date" % uf2)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Run a build command, passing its output through without the lines that say nothing.

    quiet_build.py UF2 -- cmake --build build -j 2
    quiet_build.py build/unix/micropython -- make -C .../ports/unix ...

A first build prints about 530 lines: CMake's progress ("[ 42%] Building C object ..."),
pico-sdk's and MicroPython's configure chatter, one line per frozen module, and, on a tree
without the Pico W submodules, two CMake warnings that BTstack and lwIP are unavailable
(harmless: the Pico has no radio). None of it tells a user anything, so it is dropped; what
is kept is everything else: compiler diagnostics, errors, and the size report. One line says
that a build started. When nothing was compiled or linked, the size report is replaced by one
line saying the UF2 is up to date. Exits with the command's status; when it fails before
anything was compiled, every line it printed is shown.
"""

import argparse
import re
import subprocess
import sys

NOISE = re.compile(
    # CMake's progress and ExternalProject steps.
    r"^\[\s*\d+%\] "
    r"|^-- "
    r"|registrations (not )?updated$|^(QSTR|Compressed data) (not )?updated$"
    # MicroPython's build steps.
    r"|^(GEN|MPY|CC|LINK) "
    # pico-sdk's configure messages.
    r"|^(PICO_SDK_PATH is |Target board \(PICO_BOARD\)|Using board configuration from "
    r"|Pico Platform \(PICO_PLATFORM\)|Defaulting |Configuring toolchain |Build type is "
    r"|TinyUSB available|BTstack available|lwIP available|cyw43-driver available"
    r"|Including User C Module|Found User C Module|Using PICO_)"
    # The unix port's make.
    r"|^Use make V=1 or set BUILD_VERBOSE"
    # arm-none-eabi-size's table (the size report says it in words).
    r"|^\s+text\s+data\s+bss\s+dec\s+hex\s+filename$|^\s*\d+\s+\d+\s+\d+\s+\d+\s+[0-9a-f]+\s+\S+$"
)
WORK = re.compile(r"^\[\s*\d+%\] (Building|Linking)|^(CC|LINK|MPY) ")
REPORT = re.compile(r"^(size: |tapblink: wrote |tapblink: .* unchanged)")
# pico-sdk warns when a Pico W submodule is missing; our boards use none of them.
RADIO_WARNING = re.compile(r"^CMake Warning at .*/pico_(btstack|lwip|cyw43_driver)/")


class Filter:
    """Feed it the command's lines; it returns what to show of each."""

    def __init__(self):
        self.in_radio_warning = False

    def keep(self, text):
        if self.in_radio_warning:
            # The warning's text and its call stack are indented, with blank lines; it ends
            # at the next line that starts in column 0 (but its "Call Stack" heading).
            if text == "" or text[0].isspace() or text.startswith("Call Stack "):
                return False
            self.in_radio_warning = False
        if RADIO_WARNING.search(text):
            self.in_radio_warning = True
            return False
        return not NOISE.search(text)


def main(argv):
    ap = argparse.ArgumentParser(prog="quiet_build.py", description=__doc__.splitlines()[0])
    ap.add_argument("target", help="what the command builds (named in the lines it prints)")
    ap.add_argument("cmd", nargs="+", help="the build command, after --")
    if "--" not in argv[1:2]:
        ap.print_usage(sys.stderr)
        print("quiet_build.py: the build command comes after --", file=sys.stderr)
        return 2
    args = ap.parse_args(argv)  # a bad argument: argparse says why and exits 2
    uf2, cmd = args.target, args.cmd
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    )
    filt = Filter()
    worked = False
    every = []  # every line, shown if the command fails before compiling anything
    held = []  # kept lines seen before anything was compiled: shown only if something is
    for line in proc.stdout:
        text = line.rstrip("\n")
        if not worked:
            every.append(line)
        keep = filt.keep(text)
        if not worked:
            if not WORK.search(text):
                if keep:
                    held.append(line)
                continue
            worked = True
            print("tapblink: building %s" % uf2, flush=True)
            # -j interleaves lines: a fragment of a noise line is noise too.
            sys.stdout.writelines(ln for ln in held if not REPORT.search(ln) and ln.strip())
        if keep:
            sys.stdout.write(line)
            sys.stdout.flush()
    rc = proc.wait()
    if rc != 0 and not worked:
        sys.stdout.writelines(every)
    elif not worked:
        print("tapblink: %s is up to date" % uf2)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Copy a UF2 onto a Raspberry Pi Pico in BOOTSEL mode (the RPI-RP2 drive).

    flash.py build/tapblink.uf2

1. If picotool is installed and sees a board in BOOTSEL mode, `picotool load -x` does it.
2. Else look for a mounted RPI-RP2 drive (Linux /media, /run/media, /mnt; macOS /Volumes).
3. If none is found but a board running MicroPython is connected on USB serial, ask it to
   enter its bootloader (mpremote ... bootloader) and wait for the drive to appear. mpremote
   is the project's (.venv, from `make venv`), else one on PATH; without it, or without an
   answering board, it says what it skipped and why.

It only ever writes into a folder that holds an INFO_UF2.TXT saying `Board-ID: RPI-RP2`.
"""

import glob
import os
import shutil
import subprocess
import sys
import time

SEARCH_ROOTS = ["/media/*", "/media/*/*", "/run/media/*/*", "/mnt/*", "/Volumes/*"]
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WAIT_FOR_DRIVE_S = 15


def is_rp2_boot_drive(path):
    """True if `path` is the RP2040 bootloader's drive (its INFO_UF2.TXT says so)."""
    try:
        with open(os.path.join(path, "INFO_UF2.TXT")) as f:
            return "Board-ID: RPI-RP2" in f.read()
    except OSError:
        return False


def find_drives(roots=None):
    found = []
    for pattern in roots or SEARCH_ROOTS:
        for path in sorted(glob.glob(pattern)):
            if os.path.isdir(path) and is_rp2_boot_drive(path):
                found.append(path)
    return found


def copy_to_drive(uf2, drive):
    if not is_rp2_boot_drive(drive):
        raise RuntimeError("%s is not an RPI-RP2 drive: refusing to write there" % drive)
    dest = os.path.join(drive, os.path.basename(uf2))
    shutil.copyfile(uf2, dest)
    return dest


def try_picotool(uf2):
    if shutil.which("picotool") is None:
        return False
    r = subprocess.run(["picotool", "load", "-x", uf2], capture_output=True, text=True)
    if r.returncode == 0:
        print("flash: written with picotool; the board is rebooting")
        return True
    return False


def find_mpremote(repo=REPO):
    """The command that runs mpremote: the project's .venv first (`make venv` puts it there;
    `make flash` runs this script with the system python), else one on PATH; None if none."""
    venv = os.path.join(repo, ".venv", "bin", "mpremote")
    if os.access(venv, os.X_OK):
        return [venv]
    found = shutil.which("mpremote")
    return [found] if found else None


def ask_board_for_bootloader(repo=REPO):
    """A running MicroPython board can jump to its bootloader on request. Says what it did
    not do, and why, when it can't."""
    mpremote = find_mpremote(repo)
    if mpremote is None:
        print(
            "flash: skipped asking a running board to enter its bootloader: mpremote is not "
            "installed (`make venv` puts it in .venv)",
            file=sys.stderr,
        )
        return False
    try:
        r = subprocess.run(
            mpremote + ["connect", "auto", "bootloader"],
            capture_output=True,
            text=True,
            timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        print("flash: mpremote could not ask a board for its bootloader: %s" % e, file=sys.stderr)
        return False
    if r.returncode != 0:
        why = (r.stderr or r.stdout).strip().splitlines()
        print(
            "flash: no running board entered its bootloader through mpremote (%s)"
            % (why[-1] if why else "exit %d" % r.returncode),
            file=sys.stderr,
        )
        return False
    return True


def main(argv, roots=None, wait_s=WAIT_FOR_DRIVE_S):
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    uf2 = argv[0]
    if not os.path.isfile(uf2):
        print("flash: %s does not exist: run `make` first" % uf2, file=sys.stderr)
        return 2
    if roots is None and try_picotool(uf2):
        return 0
    drives = find_drives(roots)
    if not drives and roots is None and ask_board_for_bootloader():
        print("flash: asked the connected board to enter its bootloader; waiting for RPI-RP2")
        deadline = time.monotonic() + wait_s
        while not drives and time.monotonic() < deadline:
            time.sleep(0.5)
            drives = find_drives(roots)
    if not drives:
        print(
            "flash: no RPI-RP2 drive found. Hold BOOTSEL while plugging the Pico in, wait for "
            "the RPI-RP2 drive to mount, then run `make flash` again.",
            file=sys.stderr,
        )
        return 1
    if len(drives) > 1:
        print("flash: several RPI-RP2 drives (%s): unplug all but one" % ", ".join(drives))
        return 1
    dest = copy_to_drive(uf2, drives[0])
    print("flash: copied %s to %s; the board reboots into tapblink" % (uf2, dest))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

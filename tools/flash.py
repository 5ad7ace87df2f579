#!/usr/bin/env python3
"""Copy a UF2 onto a Raspberry Pi Pico or Pico 2 in BOOTSEL mode.

    flash.py [--board BOARD] build/tapblink.uf2

1. If picotool is installed and sees a board in BOOTSEL mode, `picotool load -x` does it.
2. Else look for a mounted boot drive (Linux /media, /run/media, /mnt; macOS /Volumes).
3. If none is found but a board running MicroPython is connected on USB serial, ask it to
   enter its bootloader (mpremote ... bootloader) and wait for the drive to appear. mpremote
   is the project's (.venv, from `make venv`), else one on PATH; without it, or without an
   answering board, it says what it skipped and why.

It only ever writes into a folder whose INFO_UF2.TXT names the chip the UF2 is for: the
RP2040's drive (RPI-RP2, `Board-ID: RPI-RP2`) for an RP2040 UF2, the RP2350's (RP2350,
`Board-ID: RP2350`) for an RP2350 one. Each bootrom ignores the other chip's UF2 (the copy
"succeeds" and nothing happens), so the wrong pair is refused, naming the BOARD to build.

A Pico and a Pico W (a Pico 2 and a Pico 2 W) have the same chip and the same drive: nothing a
bootloader drive shows tells them apart. So with --board (make passes BOARD) it says which of
the two the UF2 is for and what to look at on the board before it copies.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import time

import uf2

SEARCH_ROOTS = ["/media/*", "/media/*/*", "/run/media/*/*", "/mnt/*", "/Volumes/*"]
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WAIT_FOR_DRIVE_S = 15

# chip -> (the Board-ID its bootrom writes in INFO_UF2.TXT, drive label, the board to build)
CHIPS = {
    "rp2040": ("RPI-RP2", "RPI-RP2", "TAPBLINK_PICO", "Pico"),
    "rp2350": ("RP2350", "RP2350", "TAPBLINK_PICO2", "Pico 2"),
}

# The boards of the same chip that share a drive: board -> (its name, the twin's name, the
# twin's BOARD). What tells them apart is on the board, not on the drive.
TWINS = {
    "TAPBLINK_PICO": ("Pico", "Pico W", "TAPBLINK_PICO_W"),
    "TAPBLINK_PICO_W": ("Pico W", "Pico", "TAPBLINK_PICO"),
    "TAPBLINK_PICO2": ("Pico 2", "Pico 2 W", "TAPBLINK_PICO2_W"),
    "TAPBLINK_PICO2_W": ("Pico 2 W", "Pico 2", "TAPBLINK_PICO2"),
}
LOOK_AT_THE_BOARD = (
    "a W has a metal-shielded wireless module at the end away from the USB socket and its "
    "LED is on that chip; a plain Pico has a bare board there and its LED on GP25 by the socket"
)


def twin_warning(board):
    """The line that says which of the two boards sharing a drive this UF2 is for."""
    name, twin, twin_board = TWINS[board]
    return (
        "flash: this UF2 is for a %s (BOARD=%s). A %s shows the same drive, so check the board: "
        "%s. On a %s, build and flash `make BOARD=%s flash` instead."
        % (name, board, twin, LOOK_AT_THE_BOARD, twin, twin_board)
    )


def drive_chip(path):
    """'rp2040' or 'rp2350' if `path` is that chip's bootloader drive, else None."""
    try:
        with open(os.path.join(path, "INFO_UF2.TXT")) as f:
            info = f.read()
    except OSError:
        return None
    lines = [line.strip() for line in info.splitlines()]
    for chip, (board_id, *_) in CHIPS.items():
        if "Board-ID: %s" % board_id in lines:
            return chip
    return None


def is_rp2_boot_drive(path):
    """True if `path` is the RP2040 bootloader's drive (its INFO_UF2.TXT says so)."""
    return drive_chip(path) == "rp2040"


def uf2_chip_of_board(board):
    """The chip a tapblink BOARD is built for."""
    return "rp2350" if board.startswith("TAPBLINK_PICO2") else "rp2040"


def uf2_chip(path):
    """The chip a UF2 file is for, from its family ID."""
    with open(path, "rb") as f:
        family = uf2.image_family(f.read())
    if family == uf2.RP2040_FAMILY_ID:
        return "rp2040"
    if family in uf2.RP2350_FAMILIES:
        return "rp2350"
    name = uf2.family_name(family)
    raise ValueError("%s is for family %s, not an RP2040 or RP2350" % (path, name))


def find_drives(roots=None):
    """[(path, chip)] of the mounted bootloader drives of either chip."""
    found = []
    for pattern in roots or SEARCH_ROOTS:
        for path in sorted(glob.glob(pattern)):
            chip = drive_chip(path) if os.path.isdir(path) else None
            if chip:
                found.append((path, chip))
    return found


def copy_to_drive(uf2_path, drive, chip="rp2040"):
    if drive_chip(drive) != chip:
        raise RuntimeError(
            "%s is not an %s drive: refusing to write there" % (drive, CHIPS[chip][1])
        )
    dest = os.path.join(drive, os.path.basename(uf2_path))
    shutil.copyfile(uf2_path, dest)
    return dest


def try_picotool(path):
    # picotool itself refuses a UF2 whose family the connected chip does not take.
    if shutil.which("picotool") is None:
        return False
    r = subprocess.run(["picotool", "load", "-x", path], capture_output=True, text=True)
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


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="flash.py", description=__doc__.strip(), formatter_class=argparse.RawTextHelpFormatter
    )
    ap.add_argument("uf2", help="the UF2 to copy, e.g. build/tapblink.uf2")
    ap.add_argument("--board", choices=sorted(TWINS), help="the BOARD the UF2 was built for")
    return ap.parse_args(argv)


def main(argv, roots=None, wait_s=WAIT_FOR_DRIVE_S):
    try:
        args = parse_args(argv)
    except SystemExit as e:  # argparse has printed why
        return 2 if e.code else 0
    path = args.uf2
    if not os.path.isfile(path):
        print("flash: %s does not exist: run `make` first" % path, file=sys.stderr)
        return 2
    try:
        chip = uf2_chip(path)
    except ValueError as e:
        print("flash: %s" % e, file=sys.stderr)
        return 2
    board_id, label, board, name = CHIPS[chip]
    if args.board is not None:
        if CHIPS[chip] != CHIPS[uf2_chip_of_board(args.board)]:
            print(
                "flash: --board %s is an %s board, but %s is an %s image"
                % (args.board, uf2_chip_of_board(args.board).upper(), path, chip.upper()),
                file=sys.stderr,
            )
            return 2
        board, name = args.board, TWINS[args.board][0]
        print(twin_warning(board))
    if roots is None and try_picotool(path):
        return 0
    drives = find_drives(roots)
    if not drives and roots is None and ask_board_for_bootloader():
        print("flash: asked the connected board to enter its bootloader; waiting for %s" % label)
        deadline = time.monotonic() + wait_s
        while not drives and time.monotonic() < deadline:
            time.sleep(0.5)
            drives = find_drives(roots)
    mine = [p for p, c in drives if c == chip]
    others = [(p, c) for p, c in drives if c != chip]
    if not mine and others:
        p, c = others[0]
        print(
            "flash: %s is the %s drive of a %s in BOOTSEL mode, but %s is an %s image (for "
            "the %s): its bootrom would ignore it. Build and flash the %s's: "
            "make BOARD=%s flash"
            % (p, CHIPS[c][1], CHIPS[c][3], path, chip.upper(), name, CHIPS[c][3], CHIPS[c][2]),
            file=sys.stderr,
        )
        return 1
    if not mine:
        print(
            "flash: no %s drive found. Hold BOOTSEL while plugging the %s in, wait for "
            "the %s drive to mount, then run `make flash%s` again."
            % (label, name, label, "" if board == "TAPBLINK_PICO" else " BOARD=" + board),
            file=sys.stderr,
        )
        return 1
    if len(mine) > 1:
        print("flash: several %s drives (%s): unplug all but one" % (label, ", ".join(mine)))
        return 1
    dest = copy_to_drive(path, mine[0], chip)
    print("flash: copied %s to %s; the board reboots into tapblink" % (path, dest))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The firmware build: what is in the UF2, and that rebuilding is incremental."""

import subprocess
import time

import uf2
from size_report import map_sizes


def _info(path):
    base, image = uf2.unpack(path.read_bytes())
    return uf2.binary_info(base, image)


def test_uf2_holds_our_frozen_modules(firmware_uf2):
    info = _info(firmware_uf2)
    print("frozen modules:", ", ".join(info["frozen"]))
    assert info["version"].startswith("v1.28.0")
    assert info["board"] == "pico"
    # Ours, and the stock rp2 set we keep.
    for name in ("queue", "buttons", "tapblink", "asyncio", "uasyncio"):
        assert any(m == name or m.startswith(name + "/") for m in info["frozen"]), name


def test_uf2_holds_every_piece_of_the_debounce_module(firmware_uf2, repo_root):
    # Each object of the module, the flag and the board's glue must have put code in flash
    # (the soft-reset hook alone would pull in the binding, whatever else is missing).
    sizes = map_sizes(repo_root / "build" / "tapblink.map")
    for obj in ("debounce_core.c.o", "debounce.c.o", "debounce_flag.c.o", "debounce_port_rp2.c.o"):
        assert sizes.get(obj, 0) > 0, "%s not linked into flash: %s" % (obj, sizes)


def test_uf2_matches_the_linked_binary(firmware_uf2, repo_root):
    base, image = uf2.unpack(firmware_uf2.read_bytes())
    assert base == uf2.FLASH_BASE
    linked = (repo_root / "build" / "rp2" / "firmware.bin").read_bytes()
    assert image[: len(linked)] == linked
    assert set(image[len(linked) :]) <= {0}  # the last block's padding


def test_second_make_changes_nothing(firmware_uf2, repo_root):
    elf = repo_root / "build" / "tapblink.elf"
    uf2_file = repo_root / "build" / "tapblink.uf2"
    before = elf.stat().st_mtime_ns
    uf2_before = uf2_file.stat().st_mtime_ns
    t0 = time.monotonic()
    r = subprocess.run(["make", "-s"], cwd=repo_root, capture_output=True, text=True)
    print("no-change make: %.2f s" % (time.monotonic() - t0))
    assert r.returncode == 0, r.stderr
    assert elf.stat().st_mtime_ns == before  # nothing relinked
    assert uf2_file.stat().st_mtime_ns == uf2_before  # nor rewritten (tools/uf2.py)
    # Quiet when there is nothing to do (make sim / make flash run it first): one line, no
    # cmake chatter; the size report is printed when something was linked.
    assert r.stdout.splitlines() == ["tapblink: build/tapblink.uf2 is up to date"], r.stdout

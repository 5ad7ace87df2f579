"""The firmware build: what is in the UF2, and that rebuilding is incremental."""

import subprocess
import time

import uf2


def _info(path):
    base, image = uf2.unpack(path.read_bytes())
    return uf2.binary_info(base, image)


def test_uf2_holds_our_frozen_modules(firmware_uf2):
    info = _info(firmware_uf2)
    print("frozen modules:", ", ".join(info["frozen"]))
    assert info["version"].startswith("v1.28.0")
    assert info["board"] == "pico"
    # Ours, and the stock rp2 set we keep.
    for name in ("queue", "tapblink", "asyncio", "uasyncio"):
        assert any(m == name or m.startswith(name + "/") for m in info["frozen"]), name


def test_uf2_holds_the_debounce_module(firmware_uf2, repo_root):
    # The map file lists the object files linked in: the C module must be among them.
    mapfile = (repo_root / "build" / "tapblink.map").read_text()
    assert "moddebounce" in mapfile or "debounce" in mapfile


def test_uf2_matches_the_linked_binary(firmware_uf2, repo_root):
    base, image = uf2.unpack(firmware_uf2.read_bytes())
    assert base == uf2.FLASH_BASE
    linked = (repo_root / "build" / "rp2" / "firmware.bin").read_bytes()
    assert image[: len(linked)] == linked
    assert set(image[len(linked) :]) <= {0}  # the last block's padding


def test_second_make_changes_nothing(firmware_uf2, repo_root):
    elf = repo_root / "build" / "tapblink.elf"
    before = elf.stat().st_mtime_ns
    t0 = time.monotonic()
    r = subprocess.run(["make", "-s"], cwd=repo_root, capture_output=True, text=True)
    print("no-change make: %.2f s" % (time.monotonic() - t0))
    assert r.returncode == 0, r.stderr
    assert elf.stat().st_mtime_ns == before  # nothing relinked
    # Quiet when there is nothing to do (make sim / make flash run it first): one line, no
    # cmake chatter; the size report is printed when something was linked.
    assert r.stdout.splitlines() == ["tapblink: build/tapblink.uf2 is up to date"], r.stdout

"""The Pico 2 (RP2350, Arm) build: `make BOARD=TAPBLINK_PICO2` and the UF2 it writes, checked
against the RP2350 bootrom's rules. No emulator runs RP2350 Arm firmware, so this tier is
what is verified for the Pico 2; the demo itself has not run on one here."""

import os
import re
import shutil
import struct
import subprocess
import sys

import pytest
import uf2

ABSOLUTE, ARM_S = 0xE48BFF57, 0xE48BFF59
PICO2_BUILD = "build/TAPBLINK_PICO2"


def _blocks(raw):
    """(flags, addr, size, no, total, family, payload) per 512-byte block, parsed here."""
    out = []
    for off in range(0, len(raw), 512):
        blk = raw[off : off + 512]
        m0, m1, flags, addr, size, no, total, family = struct.unpack_from("<8I", blk)
        assert (m0, m1) == (0x0A324655, 0x9E5D5157)
        assert struct.unpack_from("<I", blk, 508)[0] == 0x0AB16F30
        out.append((flags, addr, size, no, total, family, blk[32 : 32 + size]))
    return out


def test_uf2_blocks_follow_the_rp2350_rules(pico2_uf2):
    raw = pico2_uf2.read_bytes()
    assert len(raw) % 512 == 0
    blocks = _blocks(raw)
    # 1. The RP2350-E10 block first: absolute family, 0x10ffff00, 0 of 2, RP2 ignore tag.
    flags, addr, size, no, total, family, payload = blocks[0]
    assert (flags, addr, size, no, total, family) == (0xA000, 0x10FFFF00, 256, 0, 2, ABSOLUTE)
    assert payload == b"\xef" * 256
    assert raw[32 + 256 : 32 + 260] == struct.pack("<I", 0x9957E304)
    # 2. Then the image: RP2350 ARM-S, from 0x10000000 in 256-byte steps, 0..n-1 of n.
    image = blocks[1:]
    n = len(image)
    print("Pico 2 UF2: %d bytes, 1 E10 block + %d image blocks" % (len(raw), n))
    for i, (flags, addr, size, no, total, family, _) in enumerate(image):
        assert (flags, family) == (0x2000, ARM_S), i
        assert (addr, size, no, total) == (0x10000000 + 256 * i, 256, i, n), i
    # The image fits the Pico 2's 4 MiB flash, below its filesystem.
    assert 0x10000000 + 256 * n <= 0x10000000 + 3 * 1024 * 1024


def test_image_is_the_linked_binary_with_its_image_def(pico2_uf2, repo_root):
    base, image = uf2.unpack(pico2_uf2.read_bytes())
    assert base == 0x10000000
    binf = repo_root / PICO2_BUILD / "rp2" / "firmware.bin"
    if binf.exists() and not os.environ.get("TAPBLINK_PICO2_UF2"):
        linked = binf.read_bytes()
        assert image[: len(linked)] == linked and set(image[len(linked) :]) <= {0}
    # The bootrom's IMAGE_DEF: a block (START marker ... END marker) in the first 4 KiB whose
    # IMAGE_TYPE item (0x42, 1 word) says EXE, ARM, secure, RP2350. Searched for here by hand.
    starts = [o for o in range(0, 4096, 4) if image[o : o + 4] == struct.pack("<I", 0xFFFFDED3)]
    assert starts, "no PICOBIN_BLOCK_MARKER_START in the first 4 KiB"
    off = starts[0]
    assert image[off + 4 : off + 6] == bytes([0x42, 0x01])
    (image_type,) = struct.unpack_from("<H", image, off + 6)
    assert image_type & 0xF == 1  # EXE
    assert (image_type >> 4 & 3, image_type >> 8 & 7, image_type >> 12 & 7) == (2, 0, 1)
    end = image.find(struct.pack("<I", 0xAB123579), off)
    assert 0 < end - off < 0x180  # PICOBIN_MAX_IMAGE_DEF_BLOCK_SIZE
    print("IMAGE_DEF at 0x%08x, type 0x%04x" % (base + off, image_type))
    loop = uf2.boot_blocks(image)
    assert loop["closed"] and loop["blocks"][0] == off, loop


def test_binary_info_and_frozen_set_match_the_pico(pico2_uf2, firmware_uf2):
    info2 = uf2.binary_info(*uf2.unpack(pico2_uf2.read_bytes()))
    info1 = uf2.binary_info(*uf2.unpack(firmware_uf2.read_bytes()))
    assert info2["board"] == "pico2" and info1["board"] == "pico"
    assert info2["version"].startswith("v1.28.0")
    assert info2["frozen"] == info1["frozen"]  # one manifest for both boards
    assert {"tapblink", "queue", "buttons", "asyncio"} <= set(info2["frozen"])


def test_elf_is_cortex_m33_and_links_the_module(pico2_uf2, repo_root):
    elf = repo_root / PICO2_BUILD / "tapblink.elf"
    if not elf.exists() or shutil.which("arm-none-eabi-readelf") is None:
        pytest.skip("no Pico 2 ELF here (prebuilt UF2) or no arm-none-eabi-readelf")
    attrs = subprocess.run(
        ["arm-none-eabi-readelf", "-A", str(elf)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Tag_CPU_arch: v8-M\.mainline", attrs), attrs
    mapfile = (repo_root / PICO2_BUILD / "tapblink.map").read_text()
    for obj in ("debounce_core.c.o", "debounce.c.o", "debounce_port_rp2.c.o"):
        assert obj in mapfile


def test_pins_come_from_the_picos_pins_csv(pico2_uf2, repo_root, pins):
    hdr = repo_root / PICO2_BUILD / "rp2" / "genhdr" / "pins.h"
    if not hdr.exists():
        pytest.skip("no Pico 2 build tree here (prebuilt UF2)")
    text = hdr.read_text()
    for name in ("LED", "BUTTON"):
        assert "#define pin_%s pin_GPIO%d\n" % (name, pins[name]) in text


def test_pico2_size_report(pico2_uf2, repo_root):
    # A no-op `make` only says the UF2 is up to date (tools/quiet_build.py): run the size
    # report the build runs after each link, on the Pico 2's ELF.
    if os.environ.get("TAPBLINK_PICO2_UF2"):
        pytest.skip("TAPBLINK_PICO2_UF2 names a prebuilt image")
    build = repo_root / PICO2_BUILD
    r = subprocess.run(
        [
            sys.executable,
            "tools/size_report.py",
            "--stock-board",
            "RPI_PICO2",
            str(build / "tapblink.elf"),
            str(build / "stock" / "firmware.elf"),
        ],
        cwd=repo_root,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    print(r.stdout)
    assert re.search(r"size: flash \d+ B \([\d.]+ % of 4 MiB\), static RAM \d+ B", r.stdout)
    assert "of 520 KiB" in r.stdout
    assert "C module debounce" in r.stdout


# --- one board per build directory; BOARD and TAPBLINK_BOARD are the same setting ---------


def _cmake(build, *args):
    return subprocess.run(
        ["cmake", "-S", ".", "-B", str(build), *args],
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
        capture_output=True,
        text=True,
    )


def test_cmake_takes_board_and_keeps_one_board_per_directory(micropython_dir, tmp_path):
    build = tmp_path / "b2"
    r = _cmake(build, "-DBOARD=TAPBLINK_PICO2")
    assert r.returncode == 0, r.stderr
    cache = (build / "CMakeCache.txt").read_text()
    assert "TAPBLINK_BOARD:STRING=TAPBLINK_PICO2\n" in cache
    assert "\nBOARD:" not in cache  # consumed: -DTAPBLINK_BOARD can change it later
    r = _cmake(build, "-DTAPBLINK_BOARD=TAPBLINK_PICO2")  # the same board again: fine
    assert r.returncode == 0, r.stderr
    r = _cmake(build, "-DTAPBLINK_BOARD=TAPBLINK_PICO")
    assert r.returncode != 0
    assert "holds a TAPBLINK_PICO2 build" in r.stderr and "make BOARD=TAPBLINK_PICO" in r.stderr
    r = _cmake(tmp_path / "b3", "-DBOARD=NOPE")
    assert r.returncode != 0 and "no board NOPE" in r.stderr and "TAPBLINK_PICO2" in r.stderr


def test_make_refuses_a_directory_of_another_board(micropython_dir, tmp_path, repo_root):
    build = tmp_path / "b"
    assert _cmake(build, "-DBOARD=TAPBLINK_PICO2").returncode == 0
    r = subprocess.run(
        ["make", "-s", "firmware", "BUILD=%s" % build],
        cwd=repo_root,
        capture_output=True,
        text=True,
    )
    assert r.returncode != 0
    assert "configured for TAPBLINK_PICO2, not TAPBLINK_PICO" in r.stdout + r.stderr


def test_make_picks_the_build_directory_from_board(repo_root):
    def build_dir(*args):
        r = subprocess.run(
            ["make", "-n", "-s", "firmware", *args], cwd=repo_root, capture_output=True, text=True
        )
        return re.findall(r"cmake --build (\S+)", r.stdout)

    assert build_dir() == ["build"]  # `make` alone: the Pico, in build/ as always
    assert build_dir("BOARD=TAPBLINK_PICO2") == ["build/TAPBLINK_PICO2"]
    assert build_dir("BOARD=TAPBLINK_PICO2", "BUILD=out") == ["out"]


# --- picotool agrees with uf2.py ------------------------------------------------------


def _picotool():
    path = os.environ.get("PICOTOOL") or shutil.which("picotool")
    if not path:
        pytest.skip("picotool is not installed (set PICOTOOL=/path/to/picotool to use one)")
    return path


def _picotool_info(picotool, path):
    """picotool info -a: {key: [values]} (continuation lines add values) and the family."""
    r = subprocess.run([picotool, "info", "-a", str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    fam = re.search(r"family ID '([\w-]+)'", r.stdout)
    out, key, section = {}, None, None
    for line in r.stdout.splitlines():
        if line and not line.startswith(" "):
            section, key = line.strip(), None
            continue
        m = re.match(r"^ (\S[^:]*):\s+(.*)$", line)
        if m:
            key = "%s/%s" % (section, m.group(1)) if section.startswith("Metadata") else m.group(1)
            out.setdefault(key, []).append(m.group(2).strip())
        elif line.strip() and key:
            out[key].append(line.strip())
    return (fam.group(1) if fam else None), out


@pytest.mark.parametrize("board", ["TAPBLINK_PICO2", "TAPBLINK_PICO"])
def test_picotool_info_agrees_with_uf2_info(board, request):
    picotool = _picotool()
    path = request.getfixturevalue("pico2_uf2" if board == "TAPBLINK_PICO2" else "firmware_uf2")
    raw = path.read_bytes()
    fam, pt = _picotool_info(picotool, path)
    print(fam, pt)
    base, image = uf2.unpack(raw)
    ours = uf2.binary_info(base, image)
    assert fam == uf2.family_name(uf2.image_family(raw))
    assert pt["name"] == [ours["name"]] and pt["version"] == [ours["version"]]
    assert pt["sdk version"] == [ours["sdk version"]] and pt["pico_board"] == [ours["board"]]
    assert pt["build date"] == [ours["build date"]]
    assert pt["features"] == ours["features"]
    frozen = [m.strip() for v in pt["frozen modules"] for m in v.split(",") if m.strip()]
    assert sorted(frozen) == ours["frozen"]
    assert int(pt["binary start"][0], 16) == base
    loop = uf2.boot_blocks(image)
    if board == "TAPBLINK_PICO":
        assert loop["image_def"] is None
        assert not any(k.startswith("Metadata Block 1/") for k in pt)
        return
    d = loop["image_def"]
    assert pt["target chip"] == [d["chip"].upper()]
    assert pt["image type"] == ["ARM Secure"] and (d["cpu"], d["security"]) == ("arm", "secure")
    for i, off in enumerate(loop["blocks"]):
        key = "Metadata Block %d/" % (i + 1)
        assert int(pt[key + "address"][0], 16) == base + off
        nxt = loop["blocks"][(i + 1) % len(loop["blocks"])]
        assert int(pt[key + "next block address"][0], 16) == base + nxt
    assert pt["Metadata Block 1/block type"] == ["image def"]

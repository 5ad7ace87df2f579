"""tools/uf2.py for the RP2350: each rule the bootrom and picotool 2.2.0 follow, on synthetic
images (no tree needed). The constants are written out here from pico-sdk's boot/uf2.h and
boot/picobin.h, not taken from uf2.py, so a wrong constant there fails here."""

import struct
import subprocess
import sys

import pytest
import uf2

RP2040, ABSOLUTE, DATA, ARM_S, RISCV = 0xE48BFF56, 0xE48BFF57, 0xE48BFF58, 0xE48BFF59, 0xE48BFF5A
IGNORE_TAG = 0x9957E304
START, END = 0xFFFFDED3, 0xAB123579
# IMAGE_TYPE item flags: EXE (1) | security << 4 | cpu << 8 | chip << 12
EXE_ARM_S_RP2350 = 1 | 2 << 4 | 0 << 8 | 1 << 12
EXE_RISCV_RP2350 = 1 | 1 << 8 | 1 << 12
EXE_ARM_NS_RP2040 = 1 | 1 << 4 | 0 << 12


def picobin_block(image_type=None, link=0):
    """One block as pico-sdk's crt0 lays it out: START, [IMAGE_TYPE item | IGNORED item],
    LAST item (size = words of the items before it), link, END."""
    if image_type is None:
        item = bytes([0xFE, 1]) + struct.pack("<H", 0)  # 2BS_IGNORED, 1 word
    else:
        item = bytes([0x42, 1]) + struct.pack("<H", image_type)
    last = bytes([0xFF]) + struct.pack("<H", len(item) // 4) + b"\0"
    return struct.pack("<I", START) + item + last + struct.pack("<iI", link, END)


def flash_image(size=8192, first_at=0x138, image_type=EXE_ARM_S_RP2350, end_at=None):
    """A fake flash image with a two-block loop like pico-sdk's: IMAGE_DEF near the start,
    an ignored end block at `end_at` (default: the image's end) linking back."""
    img = bytearray(b"\x5a" * size)
    end_at = size - 32 if end_at is None else end_at
    first = picobin_block(image_type, link=end_at - first_at)
    last = picobin_block(None, link=first_at - end_at)
    img[first_at : first_at + len(first)] = first
    img[end_at : end_at + len(last)] = last
    return bytes(img)


def fields(block):
    m0, m1, flags, addr, size, no, total, family = struct.unpack_from("<8I", block)
    assert (m0, m1, struct.unpack_from("<I", block, 508)[0]) == (
        0x0A324655,
        0x9E5D5157,
        0x0AB16F30,
    )
    return flags, addr, size, no, total, family


def test_rp2350_uf2_starts_with_the_e10_absolute_block():
    data = flash_image(1000)
    packed = uf2.pack(data, family=ARM_S)
    assert len(packed) == 512 * (1 + 4)
    blk = packed[:512]
    flags, addr, size, no, total, family = fields(blk)
    # picotool 2.2.0 elf2uf2.cpp gen_abs_block: family + extension flags, 0x10ffff00,
    # block 0 of 2, absolute family, 256 bytes of 0xef, then the RP2 ignore-block tag.
    assert flags == 0x2000 | 0x8000
    assert (addr, size, no, total, family) == (0x10FFFF00, 256, 0, 2, ABSOLUTE)
    assert blk[32 : 32 + 256] == b"\xef" * 256
    assert struct.unpack_from("<I", blk, 32 + 256)[0] == IGNORE_TAG
    assert set(blk[32 + 260 : 508]) == {0}


def test_rp2350_image_blocks_are_numbered_from_zero_and_contiguous():
    data = flash_image(1000)
    packed = uf2.pack(data, family=ARM_S)
    image_blocks = [packed[i : i + 512] for i in range(512, len(packed), 512)]
    for i, blk in enumerate(image_blocks):
        flags, addr, size, no, total, family = fields(blk)
        assert (flags, family) == (0x2000, ARM_S)
        assert (addr, size, no, total) == (0x10000000 + 256 * i, 256, i, 4)
        assert blk[32 : 32 + 256] == data[256 * i : 256 * (i + 1)].ljust(256, b"\0")


@pytest.mark.parametrize("family", [RP2040, ABSOLUTE])
def test_no_absolute_block_for_rp2040_or_absolute_family(family):
    packed = uf2.pack(b"\1" * 300, family=family)
    assert len(packed) == 1024
    assert [fields(packed[i : i + 512])[5] for i in (0, 512)] == [family, family]


def test_absolute_block_only_for_flash_addresses():
    packed = uf2.pack(b"\1" * 300, base=0x20000000, family=ARM_S)  # a RAM image
    assert len(packed) == 1024 and fields(packed[:512])[5] == ARM_S


def test_unpack_skips_the_ignore_block_and_finds_the_family():
    data = flash_image(3000)
    packed = uf2.pack(data, family=ARM_S)
    assert uf2.image_family(packed) == ARM_S
    base, image = uf2.unpack(packed)
    assert base == 0x10000000 and image[:3000] == data
    assert len(image) == 3072  # not stretched to the ignore block's 0x10ffff00
    blocks = uf2.blocks(packed)
    assert blocks[0]["ignore"] and blocks[0]["ext"] == [IGNORE_TAG]
    assert not any(b["ignore"] for b in blocks[1:])


def test_image_def_found_decoded_and_loop_followed():
    loop = uf2.boot_blocks(flash_image(8192))
    assert loop["blocks"] == [0x138, 8192 - 32] and loop["closed"]
    assert loop["image_def"] == {
        "offset": 0x138,
        "type": "exe",
        "security": "secure",
        "cpu": "arm",
        "chip": "rp2350",
    }
    assert uf2.boot_blocks(flash_image(8192, image_type=EXE_RISCV_RP2350))["image_def"]["cpu"] == (
        "riscv"
    )


def test_image_def_must_start_in_the_first_4k():
    # The bootrom looks for the first block in the first 4 KiB; a block of 20 bytes must
    # lie in it whole (uf2.py is strict here: a straddling block is not taken).
    assert len(picobin_block(EXE_ARM_S_RP2350)) == 20
    assert uf2.boot_blocks(flash_image(16384, first_at=4076))["image_def"] is not None
    for first_at in (4080, 4096):
        loop = uf2.boot_blocks(flash_image(16384, first_at=first_at))
        assert loop["image_def"] is None and loop["blocks"] == []


def test_broken_blocks_are_not_taken():
    img = bytearray(flash_image(8192))
    img[0x138 + 8] = 2  # LAST item's size no longer matches the items before it
    assert uf2.boot_blocks(bytes(img))["image_def"] is None
    img = bytearray(flash_image(8192))
    struct.pack_into("<I", img, 0x138 + 16, 0)  # END marker gone
    assert uf2.boot_blocks(bytes(img))["image_def"] is None
    # A first block whose link leads nowhere: an open loop.
    img = bytearray(flash_image(8192))
    struct.pack_into("<i", img, 0x138 + 12, 0x100)
    loop = uf2.boot_blocks(bytes(img))
    assert loop["image_def"] is not None and not loop["closed"]


def test_pack_refuses_an_image_for_another_chip():
    with pytest.raises(ValueError, match="no IMAGE_DEF block in the first 4 KiB"):
        uf2.check_image_family(b"\0" * 8192, ARM_S)
    with pytest.raises(ValueError, match="rp2350 riscv, not rp2350-arm-s"):
        uf2.check_image_family(flash_image(image_type=EXE_RISCV_RP2350), ARM_S)
    with pytest.raises(ValueError, match="not rp2040"):
        uf2.check_image_family(flash_image(), RP2040)
    # The right pairs pass (an RP2040 image has no IMAGE_DEF; one marked rp2040 is fine too).
    uf2.check_image_family(flash_image(), ARM_S)
    uf2.check_image_family(flash_image(image_type=EXE_RISCV_RP2350), RISCV)
    uf2.check_image_family(b"\0" * 8192, RP2040)
    uf2.check_image_family(flash_image(image_type=EXE_ARM_NS_RP2040), RP2040)


def _cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, uf2.__file__, *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


def test_cli_pack_family_and_info(tmp_path):
    binf, out = tmp_path / "fw.bin", tmp_path / "fw.uf2"
    binf.write_bytes(flash_image(8192))
    r = _cli("pack", "--family", "rp2350-arm-s", binf, out)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == uf2.pack(binf.read_bytes(), family=ARM_S)
    info = _cli("info", out).stdout
    print(info)
    assert "family: rp2350-arm-s (0xe48bff59), blocks 0..31 of 32" in info
    assert "ignored block (RP2350-E10): family absolute at 0x10ffff00, block 0 of 2" in info
    assert "image_def: 0x10000138, exe rp2350 arm secure, block loop closed" in info


def test_cli_pack_refuses_wrong_family_and_leaves_no_file(tmp_path):
    binf, out = tmp_path / "fw.bin", tmp_path / "fw.uf2"
    binf.write_bytes(b"\0" * 8192)  # an RP2040-like image: no IMAGE_DEF
    r = _cli("pack", "--family", "rp2350-arm-s", binf, out)
    assert r.returncode == 1 and "no IMAGE_DEF" in r.stderr and not out.exists()
    r = _cli("pack", "--family", "rp2351", binf, out)
    assert r.returncode == 2 and "argument --family: invalid choice" in r.stderr and not out.exists()
    r = _cli("pack", binf, out)  # the default stays rp2040
    assert r.returncode == 0 and uf2.image_family(out.read_bytes()) == RP2040


def test_data_family_gets_the_absolute_block_like_picotool():
    # picotool adds it for every family but rp2040 and absolute when the image is in flash.
    packed = uf2.pack(b"\1" * 10, family=DATA)
    assert [fields(packed[i : i + 512])[5] for i in (0, 512)] == [ABSOLUTE, DATA]

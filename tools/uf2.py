#!/usr/bin/env python3
"""Write and read UF2 files for the RP2040, without picotool.

tapblink writes its UF2 itself so that pico-sdk never needs picotool (which it would
otherwise try to download at configure time). The format is Microsoft's UF2: 512-byte
blocks, each carrying 256 bytes of flash at a target address, flagged with the RP2040
family ID.

    uf2.py pack firmware.bin firmware.uf2       # .bin at 0x10000000 -> .uf2
    uf2.py unpack firmware.uf2 firmware.bin     # the flash image back
    uf2.py info firmware.uf2                    # size, blocks, binary info (frozen modules, ...)
"""

import hashlib
import struct
import sys

MAGIC_START0 = 0x0A324655  # "UF2\n"
MAGIC_START1 = 0x9E5D5157
MAGIC_END = 0x0AB16F30
FLAG_FAMILY_ID_PRESENT = 0x00002000
RP2040_FAMILY_ID = 0xE48BFF56
FLASH_BASE = 0x10000000
PAYLOAD = 256
BLOCK = 512


def pack(data, base=FLASH_BASE, family=RP2040_FAMILY_ID):
    """Return the UF2 bytes for a flat image `data` that starts at address `base`."""
    nblocks = (len(data) + PAYLOAD - 1) // PAYLOAD
    out = bytearray()
    for i in range(nblocks):
        chunk = data[i * PAYLOAD : (i + 1) * PAYLOAD].ljust(PAYLOAD, b"\0")
        header = struct.pack(
            "<8I",
            MAGIC_START0,
            MAGIC_START1,
            FLAG_FAMILY_ID_PRESENT,
            base + i * PAYLOAD,
            PAYLOAD,
            i,
            nblocks,
            family,
        )
        block = header + chunk
        block += b"\0" * (BLOCK - 4 - len(block)) + struct.pack("<I", MAGIC_END)
        out += block
    return bytes(out)


def unpack(uf2, family=RP2040_FAMILY_ID):
    """Return (base_address, flat image) from UF2 bytes; gaps are filled with 0xff."""
    if len(uf2) % BLOCK:
        raise ValueError("uf2: size %d is not a multiple of %d" % (len(uf2), BLOCK))
    pieces = {}
    for off in range(0, len(uf2), BLOCK):
        blk = uf2[off : off + BLOCK]
        m0, m1, flags, addr, size, _, _, fam = struct.unpack_from("<8I", blk)
        (m_end,) = struct.unpack_from("<I", blk, BLOCK - 4)
        if (m0, m1, m_end) != (MAGIC_START0, MAGIC_START1, MAGIC_END):
            raise ValueError("uf2: bad magic in block at offset %d" % off)
        if flags & FLAG_FAMILY_ID_PRESENT and fam != family:
            continue
        pieces[addr] = blk[32 : 32 + size]
    if not pieces:
        raise ValueError("uf2: no blocks for family 0x%08x" % family)
    base = min(pieces)
    end = max(a + len(p) for a, p in pieces.items())
    image = bytearray(b"\xff" * (end - base))
    for addr, p in pieces.items():
        image[addr - base : addr - base + len(p)] = p
    return base, bytes(image)


# --- binary info (the records picotool info prints) ---------------------------------

BINARY_INFO_MARKER_START = 0x7188EBF2
BINARY_INFO_MARKER_END = 0xE71AA390
BI_TYPE_ID_AND_STRING = 6
BI_TYPE_NAMED_GROUP = 9
BI_TAG_RP = 0x5052  # 'R','P'
BI_ID_RP_PROGRAM_NAME = 0x02031C86
BI_ID_RP_PROGRAM_VERSION_STRING = 0x11A9BC3A
BI_ID_RP_PROGRAM_BUILD_DATE_STRING = 0x9DA22254
BI_ID_RP_PICO_BOARD = 0xB63CFFBB
BI_ID_RP_SDK_VERSION = 0x5360B3AB
BI_ID_RP_PROGRAM_FEATURE = 0xA1F4B453
BI_ID_MP_FROZEN = 0x4A99D719  # MicroPython's "frozen modules" group (ports/rp2/main.c)

_NAMES = {
    BI_ID_RP_PROGRAM_NAME: "name",
    BI_ID_RP_PROGRAM_VERSION_STRING: "version",
    BI_ID_RP_PROGRAM_BUILD_DATE_STRING: "build date",
    BI_ID_RP_PICO_BOARD: "board",
    BI_ID_RP_SDK_VERSION: "sdk version",
}


def binary_info(base, image):
    """Decode the binary-info records of an RP2040 image into a dict.

    Returns {"name": ..., "version": ..., "features": [...], "frozen": [...], ...}.
    """

    def word(addr):
        return struct.unpack_from("<I", image, addr - base)[0]

    def cstr(addr):
        off = addr - base
        return image[off : image.index(b"\0", off)].decode("utf-8", "replace")

    # The header (5 words) sits in the first 256 bytes after boot2 on the RP2040.
    info = {"features": [], "frozen": []}
    for off in range(0x100, 0x100 + 256, 4):
        if (
            word(base + off) == BINARY_INFO_MARKER_START
            and word(base + off + 16) == BINARY_INFO_MARKER_END
        ):
            start, end = word(base + off + 4), word(base + off + 8)
            break
    else:
        return info
    groups = {}
    for ptr_addr in range(start, end, 4):
        rec = word(ptr_addr)
        if not base <= rec < base + len(image):
            continue  # a record in RAM: not readable from the image
        rtype, tag = struct.unpack_from("<HH", image, rec - base)
        if rtype == BI_TYPE_ID_AND_STRING:
            ident, s = word(rec + 4), cstr(word(rec + 8))
            if tag == BI_TAG_RP and ident == BI_ID_RP_PROGRAM_FEATURE:
                info["features"].append(s)
            elif tag == BI_TAG_RP and ident in _NAMES:
                info[_NAMES[ident]] = s
            else:
                groups.setdefault(ident, []).append(s)
    # MicroPython tags each frozen module with its own id; keep those as "frozen".
    info["frozen"] = sorted(groups.get(BI_ID_MP_FROZEN, []))
    info["other"] = {hex(k): v for k, v in groups.items() if k != BI_ID_MP_FROZEN}
    return info


def main(argv):
    if len(argv) >= 3 and argv[0] == "pack":
        with open(argv[1], "rb") as f:
            data = f.read()
        with open(argv[2], "wb") as f:
            f.write(pack(data))
        return 0
    if len(argv) >= 3 and argv[0] == "unpack":
        with open(argv[1], "rb") as f:
            _, image = unpack(f.read())
        with open(argv[2], "wb") as f:
            f.write(image)
        return 0
    if len(argv) >= 2 and argv[0] == "info":
        with open(argv[1], "rb") as f:
            raw = f.read()
        base, image = unpack(raw)
        print("file: %s (%d bytes, %d blocks)" % (argv[1], len(raw), len(raw) // BLOCK))
        # The same commit, pins and toolchain give the same bytes: compare this line.
        print("sha256: %s" % hashlib.sha256(raw).hexdigest())
        print("image: 0x%08x..0x%08x (%d bytes)" % (base, base + len(image), len(image)))
        for key, val in binary_info(base, image).items():
            if isinstance(val, list):
                val = ", ".join(val)
            print("%s: %s" % (key, val))
        return 0
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

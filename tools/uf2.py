#!/usr/bin/env python3
"""Write and read UF2 files for the RP2040 and the RP2350, without picotool.

tapblink writes its UF2 itself so that pico-sdk never needs picotool (which it would
otherwise try to download at configure time). The format is Microsoft's UF2: 512-byte
blocks, each carrying 256 bytes of flash at a target address, flagged with a family ID.

    uf2.py pack [--family F] firmware.bin firmware.uf2   # .bin at 0x10000000 -> .uf2
    uf2.py unpack firmware.uf2 firmware.bin              # the flash image back
    uf2.py info firmware.uf2                             # size, blocks, family, binary info

F is a pico-sdk platform or picotool family name: rp2040 (the default), rp2350-arm-s,
rp2350-riscv, rp2350-arm-ns. For an RP2350 family `pack` writes what `picotool uf2 convert
--abs-block` writes (pico-sdk 2.2.0 passes that flag while RP2350 A2 chips are supported):
first one block of the absolute family at 0x10ffff00, 0xef-filled and tagged "RP2 ignore
block", numbered 0 of 2 (erratum RP2350-E10: without it an A2 bootrom can mis-place a UF2
that follows a partition-table UF2); then the image's blocks numbered 0..n-1 of n. It also
refuses an image whose chip does not match the family: an RP2350 image must carry the
IMAGE_DEF block the bootrom looks for in the first 4 KiB, an RP2040 image must not.
"""

import argparse
import hashlib
import struct
import sys

MAGIC_START0 = 0x0A324655  # "UF2\n"
MAGIC_START1 = 0x9E5D5157
MAGIC_END = 0x0AB16F30
FLAG_FAMILY_ID_PRESENT = 0x00002000
FLAG_EXTENSION_FLAGS_PRESENT = 0x00008000
RP2040_FAMILY_ID = 0xE48BFF56
ABSOLUTE_FAMILY_ID = 0xE48BFF57
DATA_FAMILY_ID = 0xE48BFF58
RP2350_ARM_S_FAMILY_ID = 0xE48BFF59
RP2350_RISCV_FAMILY_ID = 0xE48BFF5A
RP2350_ARM_NS_FAMILY_ID = 0xE48BFF5B
# picotool's names (`--family`); pico-sdk's PICO_PLATFORM "rp2350" means rp2350-arm-s.
FAMILIES = {
    "rp2040": RP2040_FAMILY_ID,
    "absolute": ABSOLUTE_FAMILY_ID,
    "data": DATA_FAMILY_ID,
    "rp2350-arm-s": RP2350_ARM_S_FAMILY_ID,
    "rp2350": RP2350_ARM_S_FAMILY_ID,
    "rp2350-riscv": RP2350_RISCV_FAMILY_ID,
    "rp2350-arm-ns": RP2350_ARM_NS_FAMILY_ID,
}
RP2350_FAMILIES = (RP2350_ARM_S_FAMILY_ID, RP2350_RISCV_FAMILY_ID, RP2350_ARM_NS_FAMILY_ID)
EXTENSION_RP2_IGNORE_BLOCK = 0x9957E304  # pico-sdk boot/uf2.h
E10_ABS_BLOCK_ADDR = 0x11000000 - 256  # picotool's default --abs-block location
FLASH_BASE = 0x10000000
RP2350_FLASH_END = 0x12000000  # 32 MiB of XIP address space (picotool's flash range)
PAYLOAD = 256
BLOCK = 512


def family_name(family_id):
    names = {v: k for k, v in FAMILIES.items() if k != "rp2350"}
    return names.get(family_id, "0x%08x" % family_id)


def _block(addr, no, total, family, data, ext_tag=None):
    flags = FLAG_FAMILY_ID_PRESENT
    body = data.ljust(PAYLOAD, b"\0")
    if ext_tag is not None:
        # Extension tags follow the payload (here at data[256]), one word each, 0-terminated.
        flags |= FLAG_EXTENSION_FLAGS_PRESENT
        body += struct.pack("<I", ext_tag)
    header = struct.pack(
        "<8I", MAGIC_START0, MAGIC_START1, flags, addr, PAYLOAD, no, total, family
    )
    block = header + body
    return block + b"\0" * (BLOCK - 4 - len(block)) + struct.pack("<I", MAGIC_END)


def pack(data, base=FLASH_BASE, family=RP2040_FAMILY_ID, abs_block=E10_ABS_BLOCK_ADDR):
    """Return the UF2 bytes for a flat image `data` that starts at address `base`.

    For a flash image of any family but RP2040 and absolute, the RP2350-E10 absolute-family
    block goes first (at `abs_block`; None leaves it out), as picotool writes it.
    """
    nblocks = (len(data) + PAYLOAD - 1) // PAYLOAD
    out = bytearray()
    if (
        abs_block is not None
        and family not in (RP2040_FAMILY_ID, ABSOLUTE_FAMILY_ID)
        and FLASH_BASE <= base < RP2350_FLASH_END
    ):
        out += _block(
            abs_block, 0, 2, ABSOLUTE_FAMILY_ID, b"\xef" * PAYLOAD, EXTENSION_RP2_IGNORE_BLOCK
        )
    for i in range(nblocks):
        out += _block(
            base + i * PAYLOAD, i, nblocks, family, data[i * PAYLOAD : (i + 1) * PAYLOAD]
        )
    return bytes(out)


def blocks(uf2):
    """Parse UF2 bytes into a list of dicts: addr, size, no, total, family (None when the
    flag is absent), flags, ext (extension tags), ignore (an RP2 ignore block), data."""
    if len(uf2) % BLOCK:
        raise ValueError("uf2: size %d is not a multiple of %d" % (len(uf2), BLOCK))
    out = []
    for off in range(0, len(uf2), BLOCK):
        blk = uf2[off : off + BLOCK]
        m0, m1, flags, addr, size, no, total, fam = struct.unpack_from("<8I", blk)
        (m_end,) = struct.unpack_from("<I", blk, BLOCK - 4)
        if (m0, m1, m_end) != (MAGIC_START0, MAGIC_START1, MAGIC_END):
            raise ValueError("uf2: bad magic in block at offset %d" % off)
        if size > 476:
            raise ValueError("uf2: payload size %d in block at offset %d" % (size, off))
        ext = []
        if flags & FLAG_EXTENSION_FLAGS_PRESENT:
            # Tags start at the first word boundary after the payload.
            pos = 32 + ((size + 3) & ~3)
            while pos + 4 <= BLOCK - 4:
                (tag,) = struct.unpack_from("<I", blk, pos)
                if tag == 0:
                    break
                # A tag's low byte is its size in bytes, header included.
                if tag & 0xFF < 4:
                    raise ValueError("uf2: bad extension tag in block at offset %d" % off)
                ext.append(tag)
                pos += ((tag & 0xFF) + 3) & ~3
        out.append(
            {
                "addr": addr,
                "size": size,
                "no": no,
                "total": total,
                "family": fam if flags & FLAG_FAMILY_ID_PRESENT else None,
                "flags": flags,
                "ext": ext,
                "ignore": EXTENSION_RP2_IGNORE_BLOCK in ext,
                "data": blk[32 : 32 + size],
            }
        )
    return out


def image_family(uf2):
    """The family of the image's blocks (RP2 ignore blocks are not part of the image)."""
    fams = {b["family"] for b in blocks(uf2) if not b["ignore"]}
    if len(fams) != 1:
        raise ValueError(
            "uf2: %s" % ("no blocks" if not fams else "several families: %s" % sorted(fams))
        )
    return fams.pop()


def unpack(uf2, family=None):
    """Return (base_address, flat image) from UF2 bytes; gaps are filled with 0xff.

    `family` None: the image's own family (see image_family); RP2 ignore blocks (the E10
    block) are never part of the image.
    """
    if family is None:
        family = image_family(uf2)
    pieces = {}
    for b in blocks(uf2):
        if b["ignore"] or (b["family"] is not None and b["family"] != family):
            continue
        pieces[b["addr"]] = b["data"]
    if not pieces:
        raise ValueError("uf2: no blocks for family 0x%08x" % family)
    base = min(pieces)
    end = max(a + len(p) for a, p in pieces.items())
    image = bytearray(b"\xff" * (end - base))
    for addr, p in pieces.items():
        image[addr - base : addr - base + len(p)] = p
    return base, bytes(image)


# --- RP2350 boot blocks (pico-sdk boot/picobin.h) -----------------------------------

PICOBIN_BLOCK_MARKER_START = 0xFFFFDED3
PICOBIN_BLOCK_MARKER_END = 0xAB123579
PICOBIN_SEARCH = 4096  # the bootrom looks for the first block in the image's first 4 KiB
ITEM_IMAGE_TYPE = 0x42
ITEM_LAST = 0xFF
IMAGE_TYPES = {1: "exe", 2: "data"}
CPUS = {0: "arm", 1: "riscv", 2: "varmulet"}
SECURITY = {0: "unspecified", 1: "non-secure", 2: "secure"}
CHIPS = {0: "rp2040", 1: "rp2350"}


def _parse_block(image, off):
    """The block whose START marker is at offset `off`: {"offset", "items", "link"} with
    items as (type, words), or None if the items do not lead to a LAST item and END marker."""
    items = []
    pos = off + 4
    while pos + 4 <= len(image):
        first = image[pos]
        if first & 0x80:  # 2-byte size
            size = image[pos + 1] | image[pos + 2] << 8
        else:
            size = image[pos + 1]
        if first == ITEM_LAST:
            # The LAST item's size is the total words of the items before it; then the link.
            if pos + 12 > len(image) or size != (pos - off - 4) // 4:
                return None
            link, end = struct.unpack_from("<iI", image, pos + 4)
            if end != PICOBIN_BLOCK_MARKER_END:
                return None
            return {"offset": off, "items": items, "link": link}
        if size == 0:
            return None
        items.append((first & 0x7F, image[pos : pos + 4 * size]))
        pos += 4 * size
    return None


def boot_blocks(image):
    """The RP2350 block loop of a flash image (bytes from 0x10000000): the first valid block
    lying in the first 4 KiB, then each link, until it comes back to the first.

    Returns {"blocks": [offsets], "closed": bool, "image_def": {...} or None}; "image_def" is
    the first block with an IMAGE_TYPE item, decoded: type, cpu, security, chip.
    """
    out = {"blocks": [], "closed": False, "image_def": None}
    # The whole first block inside the first 4 KiB (the bootrom reads that much to find it).
    first = None
    window = image[:PICOBIN_SEARCH]
    for off in range(0, len(window) - 3, 4):
        if struct.unpack_from("<I", window, off)[0] == PICOBIN_BLOCK_MARKER_START:
            first = _parse_block(window, off)
            if first:
                break
    blk = first
    while blk:
        out["blocks"].append(blk["offset"])
        for kind, raw in blk["items"]:
            if kind == ITEM_IMAGE_TYPE & 0x7F and out["image_def"] is None:
                (flags,) = struct.unpack_from("<H", raw, 2)
                out["image_def"] = {
                    "offset": blk["offset"],
                    "type": IMAGE_TYPES.get(flags & 0xF, "invalid"),
                    "security": SECURITY.get(flags >> 4 & 3, "?"),
                    "cpu": CPUS.get(flags >> 8 & 7, "?"),
                    "chip": CHIPS.get(flags >> 12 & 7, "?"),
                }
        nxt = blk["offset"] + blk["link"]
        if nxt == first["offset"]:
            out["closed"] = True
            break
        if nxt in out["blocks"] or not 0 <= nxt < len(image) - 3 or len(out["blocks"]) > 16:
            break
        blk = _parse_block(image, nxt)
    return out


def check_image_family(image, family):
    """Raise ValueError if a flash image (bytes from 0x10000000) is not for `family`."""
    image_def = boot_blocks(image)["image_def"]
    if family in RP2350_FAMILIES:
        if image_def is None:
            raise ValueError(
                "uf2: no IMAGE_DEF block in the first 4 KiB: the RP2350 bootrom would not boot "
                "this image (an RP2040 build?)"
            )
        want = {RP2350_RISCV_FAMILY_ID: "riscv"}.get(family, "arm")
        if image_def["chip"] != "rp2350" or image_def["cpu"] != want:
            raise ValueError(
                "uf2: the image is for %s %s, not %s"
                % (image_def["chip"], image_def["cpu"], family_name(family))
            )
    elif family == RP2040_FAMILY_ID and image_def is not None and image_def["chip"] != "rp2040":
        raise ValueError("uf2: the image is an %s image, not rp2040" % image_def["chip"])


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


def binary_info(base, image, rp2350=None):
    """Decode the binary-info records of an RP2040 or RP2350 image into a dict.

    Returns {"name": ..., "version": ..., "features": [...], "frozen": [...], ...}.
    `rp2350` None: decided by the image (an RP2350 IMAGE_DEF block).
    """
    if rp2350 is None:
        image_def = boot_blocks(image)["image_def"] if base == FLASH_BASE else None
        rp2350 = image_def is not None and image_def["chip"] == "rp2350"

    def word(addr):
        return struct.unpack_from("<I", image, addr - base)[0]

    def cstr(addr):
        off = addr - base
        return image[off : image.index(b"\0", off)].decode("utf-8", "replace")

    # The header (5 words) sits in the first 256 bytes after boot2 on the RP2040, in the
    # first 1 KiB on the RP2350 (where picotool looks).
    info = {"features": [], "frozen": []}
    first, last = (0, 1024) if rp2350 else (0x100, 0x100 + 256)
    for off in range(first, min(last, len(image) - 20), 4):
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


def describe(raw):
    """Lines about a UF2's blocks and, for the RP2350, the bootrom's rules it meets."""
    lines = []
    all_blocks = blocks(raw)
    family = image_family(raw)
    image_blocks = [b for b in all_blocks if not b["ignore"]]
    lines.append(
        "family: %s (0x%08x), blocks %d..%d of %d"
        % (
            family_name(family),
            family,
            image_blocks[0]["no"],
            image_blocks[-1]["no"],
            image_blocks[0]["total"],
        )
    )
    for b in all_blocks:
        if b["ignore"]:
            lines.append(
                "ignored block (RP2350-E10): family %s at 0x%08x, block %d of %d"
                % (family_name(b["family"]), b["addr"], b["no"], b["total"])
            )
    base, image = unpack(raw, family)
    if family in RP2350_FAMILIES or family == RP2040_FAMILY_ID:
        loop = boot_blocks(image) if base == FLASH_BASE else {"image_def": None}
        d = loop["image_def"]
        if d:
            lines.append(
                "image_def: 0x%08x, %s %s %s %s, block loop %s (%s)"
                % (
                    base + d["offset"],
                    d["type"],
                    d["chip"],
                    d["cpu"],
                    d["security"],
                    "closed" if loop["closed"] else "OPEN",
                    ", ".join("0x%08x" % (base + o) for o in loop["blocks"]),
                )
            )
        elif family in RP2350_FAMILIES:
            lines.append("image_def: NONE in the first 4 KiB (the RP2350 bootrom won't boot it)")
    return lines


def write_if_changed(path, data):
    """Write data to path unless it already holds exactly that: a no-op build leaves the UF2
    (its time stamp included) alone."""
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return False
    except OSError:
        pass
    with open(path, "wb") as f:
        f.write(data)
    return True


def parse_args(argv):
    ap = argparse.ArgumentParser(prog="uf2.py", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pack", help="a binary image into a UF2")
    p.add_argument("--family", choices=list(FAMILIES), default=None, help="default: rp2040")
    p.add_argument("image")
    p.add_argument("out")
    u = sub.add_parser("unpack", help="a UF2 back into its image")
    u.add_argument("uf2")
    u.add_argument("out")
    i = sub.add_parser("info", help="what a UF2 holds")
    i.add_argument("uf2")
    args = ap.parse_args(argv)  # a bad argument: argparse says why and exits 2
    # The handlers below take positional lists, as they did before argparse.
    if args.cmd == "pack":
        args.argv = ["pack", args.image, args.out]
    elif args.cmd == "unpack":
        args.argv = ["unpack", args.uf2, args.out]
    else:
        args.argv = ["info", args.uf2]
    return args


def main(argv):
    args = parse_args(argv)
    family = FAMILIES[args.family] if getattr(args, "family", None) else RP2040_FAMILY_ID
    argv = args.argv
    if argv[0] == "pack":
        with open(argv[1], "rb") as f:
            data = f.read()
        try:
            check_image_family(data, family)
        except ValueError as e:
            print("%s (%s)" % (e, argv[1]), file=sys.stderr)
            return 1
        if write_if_changed(argv[2], pack(data, family=family)):
            print("tapblink: wrote %s" % argv[2])
        else:
            print("tapblink: %s unchanged (the same bytes)" % argv[2])
        return 0
    if argv[0] == "unpack":
        with open(argv[1], "rb") as f:
            _, image = unpack(f.read())
        with open(argv[2], "wb") as f:
            f.write(image)
        return 0
    if argv[0] == "info":
        with open(argv[1], "rb") as f:
            raw = f.read()
        base, image = unpack(raw)
        print("file: %s (%d bytes, %d blocks)" % (argv[1], len(raw), len(raw) // BLOCK))
        # The same commit, pins and toolchain give the same bytes: compare this line.
        print("sha256: %s" % hashlib.sha256(raw).hexdigest())
        print("image: 0x%08x..0x%08x (%d bytes)" % (base, base + len(image), len(image)))
        for line in describe(raw):
            print(line)
        for key, val in binary_info(base, image).items():
            if isinstance(val, list):
                val = ", ".join(val)
            print("%s: %s" % (key, val))
        return 0
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Flash and RAM baselines: the debounce objects in the linker map, UF2 payload sizes."""

import re
import struct

UF2_MAGIC = (0x0A324655, 0x9E5D5157)


def debounce_flash(map_path):
    """{object file: bytes of .text*/.rodata* placed in flash} for the debounce objects."""
    sizes = {}
    section = None
    for line in map_path.read_text().splitlines():
        m = re.match(r"^ (\.\S+)(.*)$", line)
        if m:
            section = m.group(1)
            rest = m.group(2)
            if not rest.strip():
                continue  # address, size and object on the next line
            line = " " + rest
        m = re.match(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+\.o)\s*$", line)
        if not (m and section):
            continue
        addr, size, obj = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
        name = obj.rsplit("/", 1)[-1]
        if "debounce" not in name or not 0x10000000 <= addr < 0x20000000:
            continue
        if section.startswith((".text", ".rodata")):
            sizes[name] = sizes.get(name, 0) + size
        section = None
    return sizes


def uf2_payload(path):
    """Bytes of flash a UF2 writes (sum of its blocks' payloads)."""
    data = path.read_bytes()
    total = 0
    for off in range(0, len(data) - 511, 512):
        m0, m1, _flags, _addr, size = struct.unpack_from("<5I", data, off)
        if (m0, m1) == UF2_MAGIC:
            total += size
    return total

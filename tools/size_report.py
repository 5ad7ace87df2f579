#!/usr/bin/env python3
"""Print flash and RAM use of a firmware ELF, and the difference against the stock build.

size_report.py build/tapblink.elf [build/stock/firmware.elf]

With the linker map beside the ELF (tapblink.map), it also prints the flash taken by the
`debounce` C module's objects.
"""

import os
import re
import subprocess
import sys

FLASH_BYTES = 2 * 1024 * 1024
RAM_BYTES = 264 * 1024


def sizes(elf):
    """(flash, ram) in bytes from arm-none-eabi-size's Berkeley output."""
    out = (
        subprocess.run(
            ["arm-none-eabi-size", "-B", elf], capture_output=True, text=True, check=True
        )
        .stdout.splitlines()[1]
        .split()
    )
    text, data, bss = (int(x) for x in out[:3])
    return text + data, data + bss


def map_sizes(map_path, match="debounce"):
    """{object file name: bytes placed in flash} for the objects of a linker map whose path
    contains `match`."""
    sizes = {}
    pending = False
    with open(map_path) as f:
        lines = f.read().splitlines()
    for line in lines:
        if re.match(r"^ \.\S+\s*$", line):
            pending = True  # section name alone; address, size and object on the next line
            continue
        m = re.match(r"^ (?:\.\S+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+\.o)\s*$", line)
        if m and (pending or line.startswith(" .")):
            addr, size, obj = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
            if match in obj and 0x10000000 <= addr < 0x20000000:
                name = obj.rsplit("/", 1)[-1]
                sizes[name] = sizes.get(name, 0) + size
        pending = False
    return sizes


def main(argv):
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    flash, ram = sizes(argv[0])
    print(
        "size: flash %d B (%.1f %% of 2 MiB), static RAM %d B (%.1f %% of 264 KiB)"
        % (flash, 100 * flash / FLASH_BYTES, ram, 100 * ram / RAM_BYTES)
    )
    map_path = os.path.splitext(argv[0])[0] + ".map"
    if os.path.exists(map_path):
        mod = map_sizes(map_path)
        print(
            "size: C module debounce: %d B flash (core %d, binding %d, flag %d, rp2 glue %d)"
            % (
                sum(mod.values()),
                mod.get("debounce_core.c.o", 0),
                mod.get("debounce.c.o", 0),
                mod.get("debounce_flag.c.o", 0),
                mod.get("debounce_port_rp2.c.o", 0),
            )
        )
    if len(argv) > 1 and os.path.exists(argv[1]):
        sflash, sram = sizes(argv[1])
        print(
            "size: against stock RPI_PICO: flash %+d B, static RAM %+d B"
            % (flash - sflash, ram - sram)
        )
    else:
        print("size: no stock build to compare with (make stock builds one)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

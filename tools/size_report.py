#!/usr/bin/env python3
"""Print flash and RAM use of a firmware ELF, and the difference against the stock build.

size_report.py [--stock-board RPI_PICO] build/tapblink.elf [build/stock/firmware.elf]

With the linker map beside the ELF (tapblink.map), it also prints the flash taken by the
`debounce` C module's objects, and takes the chip's flash and RAM sizes from the map's
memory configuration (RP2040 Pico: 2 MiB, 264 KiB; RP2350 Pico 2: 4 MiB, 520 KiB).
"""

import argparse
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


def map_memory(map_path):
    """(flash, ram) region sizes in bytes from a linker map's "Memory Configuration"
    (RAM counts the SCRATCH banks too), or None when the map has none."""
    regions = {}
    with open(map_path) as f:
        text = f.read()
    head = text.split("Memory Configuration", 1)
    if len(head) < 2:
        return None
    for line in head[1].split("Linker script and memory map", 1)[0].splitlines():
        m = re.match(r"^(\w+)\s+0x[0-9a-f]+\s+0x([0-9a-f]+)", line)
        if m:
            regions[m.group(1)] = int(m.group(2), 16)
    if "FLASH" not in regions or "RAM" not in regions:
        return None
    ram = regions["RAM"] + regions.get("SCRATCH_X", 0) + regions.get("SCRATCH_Y", 0)
    return regions["FLASH"], ram


# The debounce module's objects, in the order the size line names them. Every object of the
# module is counted in the total, and every one is named in the parts ("other" for one not in
# this list), so the parts always add up to the total.
PARTS = (
    ("debounce_core.c.o", "core"),
    ("debounce.c.o", "binding"),
    ("debounce_flag.c.o", "flag"),
    ("debounce_port_rp2.c.o", "rp2 glue"),
    ("debounce_args.c.o", "arg errors"),
    ("debounce_sleep.c.o", "sleep_until"),
    ("debounce_alarm_rp2.c.o", "its rp2 alarms"),
)


def module_line(mod):
    """The size line of the debounce module from map_sizes(): its total and every part."""
    known = dict(PARTS)
    parts = ["%s %d" % (label, mod[obj]) for obj, label in PARTS if obj in mod]
    other = sum(n for obj, n in mod.items() if obj not in known)
    if other:
        parts.append("other %d" % other)
    return "size: C module debounce: %d B flash = %s" % (sum(mod.values()), " + ".join(parts))


def _kib(n):
    return "%d MiB" % (n >> 20) if n % (1 << 20) == 0 else "%d KiB" % (n >> 10)


def main(argv):
    ap = argparse.ArgumentParser(prog="size_report.py", description=__doc__.splitlines()[0])
    ap.add_argument("--stock-board", default="RPI_PICO", help="the stock board compared with")
    ap.add_argument("elf", help="tapblink's firmware ELF")
    ap.add_argument("stock_elf", nargs="?", help="the stock build's ELF, when there is one")
    args = ap.parse_args(argv)  # a bad argument: argparse says why and exits 2
    stock_board = args.stock_board
    argv = [args.elf] + ([args.stock_elf] if args.stock_elf else [])
    flash, ram = sizes(argv[0])
    map_path = os.path.splitext(argv[0])[0] + ".map"
    total_flash, total_ram = FLASH_BYTES, RAM_BYTES
    if os.path.exists(map_path):
        total_flash, total_ram = map_memory(map_path) or (total_flash, total_ram)
    print(
        "size: flash %d B (%.1f %% of %s), static RAM %d B (%.1f %% of %s)"
        % (
            flash,
            100 * flash / total_flash,
            _kib(total_flash),
            ram,
            100 * ram / total_ram,
            _kib(total_ram),
        )
    )
    if os.path.exists(map_path):
        print(module_line(map_sizes(map_path)))
    if len(argv) > 1 and os.path.exists(argv[1]):
        sflash, sram = sizes(argv[1])
        print(
            "size: against stock %s: flash %+d B, static RAM %+d B"
            % (stock_board, flash - sflash, ram - sram)
        )
    else:
        print("size: no stock build to compare with (make stock builds one)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

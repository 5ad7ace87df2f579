#!/usr/bin/env python3
"""Print flash and RAM use of a firmware ELF, and the difference against the stock build.

size_report.py build/tapblink.elf [build/stock/firmware.elf]
"""

import os
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


def main(argv):
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    flash, ram = sizes(argv[0])
    print(
        "size: flash %d B (%.1f %% of 2 MiB), static RAM %d B (%.1f %% of 264 KiB)"
        % (flash, 100 * flash / FLASH_BYTES, ram, 100 * ram / RAM_BYTES)
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

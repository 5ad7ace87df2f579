#!/usr/bin/env python3
"""Write a C header of the board's pin names from its pins.csv (for the unix variant).

    pins_header.py boards/TAPBLINK_PICO/pins.csv OUT.h

The unix variant's machine.Pin and debounce.Button then know "LED", "BUTTON", "GP15" as the
firmware does (rp2 builds its own tables from the same file), so code written for the board
runs there unchanged. OUT.h is only rewritten when its text changes (no needless rebuilds).
"""

import argparse
import os
import sys

from pins import parse


def header(csv_text, source):
    try:
        rows = parse(csv_text, source)
    except ValueError as e:
        raise SystemExit(str(e))
    # Sorted by name, as rp2's make-pins.py orders Pin.board (error messages list them).
    rows = ['    {"%s", %d},' % row for row in sorted(rows)]
    return (
        "// Generated from %s by tools/pins_header.py: do not edit.\n"
        "#define TAPBLINK_BOARD_PIN_COUNT (%d)\n"
        "static const struct {\n    const char *name;\n    unsigned char gpio;\n}"
        " tapblink_board_pins[] = {\n%s\n};\n" % (source, len(rows), "\n".join(rows))
    )


def main(argv):
    ap = argparse.ArgumentParser(prog="pins_header.py", description=__doc__.splitlines()[0])
    ap.add_argument("csv", help="the board's pins.csv")
    ap.add_argument("out", help="the header to write")
    args = ap.parse_args(argv)  # a bad argument: argparse says why and exits 2
    src, out = args.csv, args.out
    with open(src) as f:
        text = header(f.read(), os.path.basename(os.path.dirname(src)) + "/pins.csv")
    try:
        with open(out) as f:
            if f.read() == text:
                return 0
    except OSError:
        pass
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

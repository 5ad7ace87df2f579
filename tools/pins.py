"""The board's pin names, read from its pins.csv: the one reader of the one source of pins.

    read_pins() -> {"GP0": 0, ..., "LED": 25, "BUTTON": 15}

Used by tools/pins_header.py (the unix variant's pin names), the tests and their fakes. Rows
are NAME,GPIOn; blank lines and # comments are skipped; anything else is an error naming the
file and line.
"""

from pathlib import Path

PINS_CSV = Path(__file__).resolve().parent.parent / "boards" / "TAPBLINK_PICO" / "pins.csv"


def parse(csv_text, source="pins.csv"):
    """[(name, gpio), ...] in file order; ValueError for a row that is not NAME,GPIOn."""
    rows = []
    for n, line in enumerate(csv_text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, cpu = (part.strip() for part in line.partition(","))
        if not (cpu.startswith("GPIO") and cpu[4:].isdigit() and name.isidentifier()):
            raise ValueError("%s:%d: want NAME,GPIOn, got %r" % (source, n, line))
        rows.append((name, int(cpu[4:])))
    return rows


def read_pins(path=PINS_CSV):
    """{name: gpio} of a board's pins.csv (default: the Pico's, which the Pico 2 shares)."""
    path = Path(path)
    return dict(parse(path.read_text(), str(path)))

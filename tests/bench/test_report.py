"""bench/report.py's tables (tabulate): cells come out as they were formatted, whatever the
padding. No emulator: the smoke test renders a whole report from a real run."""

from bench.report import md_table
from tests.bench.markdown import tables


def test_md_table_keeps_every_cell_as_formatted():
    header = ["", "(a) tutorial", "(c) tapblink"]
    rows = [
        ["interval error, mean / max (ms)", "18.59 / 31.09", "0.29 / 0.68"],
        ["press -> new rate, median (ms)", "0.50", "2.0"],  # not re-read as 0.5 and 2
        ["idle: CPU busy", "0.010 %", "0.000 %"],
        ["chatter: phantom presses", 12, None],  # str() of what the caller gave
        ["debounce objects", "", "debounce.c.o 1703 B"],  # an empty cell stays a cell
    ]
    md = md_table(header, rows)
    lines = md.splitlines()
    assert len(lines) == 2 + len(rows)
    assert set(lines[1]) <= set("|-:")
    [(got_header, got_rows)] = tables(md)
    assert got_header == header
    assert got_rows == [[str(c) for c in r] for r in rows]

"""The tables of a markdown report, read back into cells (the bench tests' view of
docs/benchmark.md: what a reader sees, whatever the column padding)."""


def tables(md):
    """[(header cells, [row cells, ...]), ...] for every pipe table in `md`, in order."""
    found, block = [], []
    for line in md.splitlines() + [""]:
        if line.startswith("|"):
            block.append([c.strip() for c in line.strip()[1:-1].split("|")])
        elif block:
            found.append((block[0], block[2:]))  # block[1] is the |---| line
            block = []
    return found


def table(md, first_header):
    """The table whose first header cell is `first_header`: (header, rows)."""
    for header, rows in tables(md):
        if header[0] == first_header:
            return header, rows
    raise AssertionError("no table headed %r in the report" % first_header)

"""Helpers of the reliability tier: run tests/reliability/mpy programs on the unix port, parse
the CASE lines they print."""

import ast
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "mpy"

from tests.unix.mpyrun import Runner  # noqa: E402


class UnixRunner(Runner):
    """Runs tests/reliability/mpy/<program> on the unix port; the caller checks the result."""

    def run(self, program, *args, timeout=60):
        return super().run(PROGRAMS / program, *args, timeout=timeout, check=False)


def case_lines(text):
    """{name: tuple} from the `CASE (name, ...)` lines of a program's output, and the count
    its `END n` line announced (None when missing: the program did not finish)."""
    cases, end = {}, None
    for line in text.splitlines():
        if line.startswith("CASE "):
            row = ast.literal_eval(line[5:].strip())
            cases[row[0]] = row
        elif line.startswith("END "):
            end = int(line[4:])
    return cases, end


def table(program):
    """The CASES table of an mpy program, read with ast (its rows are literals)."""
    tree = ast.parse((PROGRAMS / program).read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "CASES":
            names = {
                t.id: ast.literal_eval(n.value)
                for n in tree.body
                if isinstance(n, ast.Assign)
                for t in n.targets
                if isinstance(t, ast.Name)
                and isinstance(n.value, (ast.Constant, ast.BinOp))
                and _literal(n.value)
            }
            return [_row(el, names) for el in node.value.elts]
    raise LookupError("no CASES in %s" % program)


def _literal(node):
    try:
        ast.literal_eval(node)
    except ValueError:
        return False
    return True


def _row(el, names):
    # Rows are tuples of literals, or of module-level string constants (B, FREE, ...) and
    # their concatenations.
    def ev(n):
        if isinstance(n, ast.Name):
            return names[n.id]
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Add):
            return ev(n.left) + ev(n.right)
        return ast.literal_eval(n)

    return tuple(ev(n) for n in el.elts)

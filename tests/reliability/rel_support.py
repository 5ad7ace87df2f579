"""Helpers of the reliability tier: run tests/reliability/mpy programs on the unix port, parse
the CASE lines they print."""

import ast
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "mpy"

# Runs a program as __main__ after registering the board's pin names (as tests/unix does).
_WRAPPER = """\
import simgpio
{names}
import sys
sys.argv[:] = {argv!r}
sys.path[0] = {dir!r}
_g = {{"__name__": "__main__", "__file__": {path!r}}}
with open({path!r}) as _f:
    exec(compile(_f.read(), {path!r}, "exec"), _g)
"""


class UnixRunner:
    def __init__(self, binary, pins, tmp_path):
        self.binary, self.pins, self.tmp_path = binary, pins, tmp_path

    def run(self, program, *args, timeout=60):
        """Run mpy/<program> (a name or path); returns the CompletedProcess (not checked)."""
        program = (PROGRAMS / program).resolve()
        names = "\n".join("simgpio.name(%r, %d)" % (n, g) for n, g in sorted(self.pins.items()))
        wrapper = self.tmp_path / ("run_" + program.name)
        wrapper.write_text(
            _WRAPPER.format(
                names=names,
                argv=[str(program), *map(str, args)],
                dir=str(program.parent),
                path=str(program),
            )
        )
        try:
            return subprocess.run(
                [str(self.binary), str(wrapper)],
                capture_output=True,
                text=True,
                timeout=timeout,
                cwd=self.tmp_path,
            )
        except subprocess.TimeoutExpired as e:
            pytest.fail(
                "%s did not finish in %d s; stdout so far:\n%s" % (program.name, timeout, e.stdout)
            )


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


def quiet_repl(emu, fs_image=None):
    """Boot with the button held (safe mode: no demo), let go: a quiet REPL, no Button."""
    emu.boot(emu.uf2, fs_image=fs_image, button_held=True)
    emu.wait_for(">>> ", timeout_ms=2000)
    emu.release()
    emu.run_for(10)


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

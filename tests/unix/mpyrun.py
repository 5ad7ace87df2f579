"""Run MicroPython programs on the tapblink unix binary, the board's pin names registered first.

Shared by the unix tier (tests/unix) and the reliability tier (tests/reliability).
"""

import subprocess
from pathlib import Path

import pytest

# Runs the program as __main__ with its own file name in tracebacks, after the prelude.
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


class Runner:
    """Runs MicroPython programs on the unix binary with the board's pin names registered."""

    def __init__(self, binary, pins, tmp_path):
        self.binary = binary
        self.pins = pins
        self.tmp_path = tmp_path

    def run(self, program, *args, timeout=20, check=True):
        program = Path(program).resolve()
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
            r = subprocess.run(
                [str(self.binary), str(wrapper)],
                capture_output=True,
                text=True,
                timeout=timeout,
                cwd=self.tmp_path,
            )
        except subprocess.TimeoutExpired as e:
            pytest.fail(
                "%s did not finish in %d s (a program waiting for an event that never comes "
                "runs through virtual time forever)\nstdout so far:\n%s"
                % (program.name, timeout, e.stdout)
            )
        if check and r.returncode != 0:
            pytest.fail(
                "%s failed (exit %d)\n--- stdout\n%s\n--- stderr\n%s"
                % (program.name, r.returncode, r.stdout[-6000:], r.stderr[-6000:])
            )
        return r

"""Unix tier: tapblink's C module and frozen modules on the MicroPython unix port.

The binary is the tapblink variant (ports/unix/variants/tapblink): `machine.Pin` is simulated,
`simgpio` drives it, and time is virtual, so every program here runs in milliseconds whatever
span of ticks it covers. See ports/unix/README.md.

Programs run as MicroPython scripts (tests/unix/mpy/*.py, tests/cases/*.py) after a prelude
that registers the board's pin names from boards/TAPBLINK_PICO/pins.csv.
"""

import os
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "mpy"
CASES = HERE.parent / "cases"

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


@pytest.fixture(scope="session")
def micropython_unix(request):
    """The tapblink unix binary: $TAPBLINK_UNIX_MICROPYTHON if set, else built by `make unix`."""
    prebuilt = os.environ.get("TAPBLINK_UNIX_MICROPYTHON")
    if prebuilt:
        if not os.access(prebuilt, os.X_OK):
            pytest.fail("TAPBLINK_UNIX_MICROPYTHON=%s is not an executable" % prebuilt)
        return Path(prebuilt)
    return request.getfixturevalue("unix_micropython")


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


@pytest.fixture
def mpy(micropython_unix, pins, tmp_path):
    """runner.run(program, *args) -> CompletedProcess; fails the test on a non-zero exit."""
    return Runner(micropython_unix, pins, tmp_path)

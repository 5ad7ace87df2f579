"""Native builds of the debounce core (commands in tests/core/native.mk) and a client for
the ASan/UBSan trace runner (tests/core/runner.c)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
NATIVE_MK = "tests/core/native.mk"


def native_build(target):
    """make -f tests/core/native.mk <target>; fails the test when the build breaks."""
    if shutil.which("make") is None:
        pytest.skip("make not installed")
    r = subprocess.run(
        ["make", "-s", "-f", NATIVE_MK, target], cwd=ROOT, capture_output=True, text=True
    )
    if r.returncode != 0:
        pytest.fail("building %s failed:\n%s%s" % (target, r.stdout[-3000:], r.stderr[-3000:]))
    return ROOT / target


class Core:
    """The debounce core in a sanitizer-instrumented process (tests/core/runner.c)."""

    def __init__(self, exe):
        self.proc = subprocess.Popen(
            [str(exe)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )

    def _ask(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        out = self.proc.stdout.readline()
        if not out:
            err = self.proc.wait(timeout=5)
            raise AssertionError("core runner died (exit %s) on %r" % (err, line))
        out = out.strip()
        assert not out.startswith("error"), out
        return out

    def init(self, max_events, window_ms, pressed):
        assert self._ask("i %d %d %d" % (max_events, window_ms, pressed)) == "ok"

    def _todo(self, line):
        todo, self.wait_ms = (int(x) for x in self._ask(line).split())
        return todo

    def edge(self, pressed, ms, us):
        """Returns the todo bits; with ARM, self.wait_ms is the timer's length."""
        return self._todo("e %d %d %d" % (pressed, ms, us))

    def window_end(self, pressed, now_us):
        """The window timer fired at ticks_us now_us."""
        return self._todo("w %d %d" % (pressed, now_us))

    def window_abort(self, pressed):
        """The window timer could not be armed: end the window now."""
        return int(self._ask("a %d" % pressed))

    def get(self):
        """(kind, ms, us) or None."""
        out = self._ask("g")
        return None if out == "none" else tuple(int(x) for x in out.split())

    def drain(self):
        events = []
        while (ev := self.get()) is not None:
            events.append(ev)
        return events

    def ms_from_us(self, now_us):
        """rp2's ticks_ms (before masking) from a 64-bit us count, as debounce_ticks.h
        computes it; the runner keeps one base across calls, as the firmware does."""
        return int(self._ask("t %d" % now_us))

    def status(self):
        """(state, count, overflows, in_window)."""
        return tuple(int(x) for x in self._ask("s").split())

    def close(self):
        self.proc.stdin.close()
        rc = self.proc.wait(timeout=10)
        self.proc.stdout.close()
        return rc

"""`make sim` (tests/emulator/sim.mjs) as a user meets it: in a pseudo-terminal, paced to the
wall clock. The button key changes what the demo prints, the status line shows the LED,
the REPL answers, and quitting leaves no process behind."""

import os
import pty
import re
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from harness import HERE, Missing, bootrom_bytes
from timing import LED_TOL_MS

CTRL_T = b"\x14"  # tap the button
QUIT = b"\x1d"  # Ctrl-]


class Term:
    def __init__(self, argv):
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, close_fds=True, cwd=HERE
        )
        os.close(slave)
        self.out = b""

    def read(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            r, _, _ = select.select([self.master], [], [], 0.02)
            if r:
                try:
                    self.out += os.read(self.master, 65536)
                except OSError:
                    break
        return self.out

    def expect(self, pattern, seconds, start=0):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            m = re.search(pattern, self.out[start:])
            if m:
                return start + m.end()
            self.read(0.05)
        raise AssertionError("no %r in %r" % (pattern, self.out[-600:]))

    def send(self, data):
        os.write(self.master, data)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


@pytest.fixture
def sim_argv(uf2, tmp_path):
    node = shutil.which("node")
    if not node:
        pytest.skip("emulator: node (Node.js 18+) is not on PATH")
    if not (HERE / "node_modules" / "rp2040js").is_dir():
        pytest.skip("emulator: rp2040js npm package (run `make npm`)")
    try:
        rom = bootrom_bytes()
    except Missing as exc:
        pytest.skip("emulator: %s" % exc)
    (tmp_path / "bootrom.bin").write_bytes(rom)
    return [node, str(HERE / "sim.mjs"), "--uf2", str(uf2), "--port", "0"] + [
        "--bootrom",
        str(tmp_path / "bootrom.bin"),
        "--fs",
        str(tmp_path / "fs.bin"),
    ]


def test_sim_in_a_terminal(sim_argv, tmp_path):
    term = Term(sim_argv)
    try:
        pos = term.expect(rb"tapblink: tap the button", 60)
        term.expect(rb"LED ON", 20, pos)
        # Two taps ~0.6 s apart: the demo prints the interval (wall-clock paced, so loosely).
        # The pty turns the board's \r\n into \r\r\n.
        term.send(CTRL_T)
        t = time.monotonic()
        term.read(0.6 - (time.monotonic() - t))
        term.send(CTRL_T)
        pos = term.expect(rb"(?:\n|\x1b8)(\d+)\r+\n", 20, pos)
        interval = int(re.findall(rb"(?:\n|\x1b8)(\d+)\r+\n", term.out)[-1])
        # Simulated time falls behind (it is not caught up) when this machine is busy.
        assert 200 <= interval <= 900, interval
        # The status line shows the new half-period once the LED has toggled at it twice.
        term.read(2.5 * interval / 1000 + 0.5)
        halves = [int(h) for h in re.findall(rb"(\d+) ms/toggle", term.out[pos:])]
        assert any(abs(h - interval) <= LED_TOL_MS for h in halves), (interval, halves)
        # The REPL answers after Ctrl-C.
        term.send(b"\x03")
        pos = term.expect(rb">>> ", 30, pos)
        term.send(b"print(6 * 7)\r")
        term.expect(rb"\n42\r+\n", 30, pos)
        term.send(QUIT)
        term.expect(rb"sim: quit at", 30, pos)
        assert term.proc.wait(timeout=30) == 0
        assert Path(tmp_path / "fs.bin").stat().st_size == 1408 * 1024
    finally:
        term.close()

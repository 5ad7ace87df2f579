"""`make sim` (tests/emulator/sim.mjs) as a user meets it: in a pseudo-terminal, paced to the
wall clock. The button key changes what the demo prints, the status line shows the LED,
the REPL answers, and quitting leaves no process behind."""

import os
import pty
import re
import select
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.emulator.harness import HERE, Missing, bootrom_bytes
from tests.emulator.timing import LED_TOL_MS

CTRL_T = b"\x14"  # tap the button
QUIT = b"\x1d"  # Ctrl-]
# The sim redraws its status line between save-cursor and restore-cursor, whenever it is due:
# also in the middle of a console line, which the board writes a byte at a time (_console.py).
# A redraw not yet read to its end is cut too, so what is left only ever grows.
STATUS_LINE = re.compile(rb"\x1b7.*?(?:\x1b8|\Z)", re.S)
INTERVAL_LINE = rb"\n(\d+)\r+\n"  # the pty turns the board's \r\n into \r\r\n


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

    def console(self):
        """What the board wrote, without the status line's redraws."""
        return STATUS_LINE.sub(b"", self.out)

    def search(self, pattern, seconds, start=0, text=None):
        """Read until `pattern` is in text()[start:] (text: the raw output by default); the
        match."""
        text = text or (lambda: self.out)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            m = re.search(pattern, text()[start:])
            if m:
                return m
            self.read(0.05)
        raise AssertionError("no %r in %r" % (pattern, text()[-600:]))

    def expect(self, pattern, seconds, start=0):
        """search() in the raw output: the position after the match."""
        return start + self.search(pattern, seconds, start).end()

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
        before = len(term.console())
        term.send(CTRL_T)
        t = time.monotonic()
        term.read(0.6 - (time.monotonic() - t))
        term.send(CTRL_T)
        # From the newline that ended the console's last line (the pattern starts with it).
        interval = int(term.search(INTERVAL_LINE, 20, max(before - 1, 0), term.console).group(1))
        pos = len(term.out)
        # Simulated time falls behind (it is not caught up) when this machine is busy.
        assert 200 <= interval <= 900, interval
        # The status line shows the new half-period once the LED has toggled at it twice.
        term.read(2.5 * interval / 1000 + 0.5)
        halves = [int(h) for h in re.findall(rb"(\d+) ms/toggle", term.out[pos:])]
        assert any(abs(h - interval) <= LED_TOL_MS for h in halves), (interval, halves)
        # It never shows the partial gap that ends at the toggle a press makes: only the
        # default half-period (500 ms) and the tapped one. Bound: the first gap after a press
        # starts at the press's own toggle, which comes press -> LED latency (about 1 ms) plus
        # the ms rounding of the press stamp (1 ms) late: 2 ms, doubled.
        shown = {int(h) for h in re.findall(rb"(\d+) ms/toggle", term.out)}
        assert all(min(abs(h - 500), abs(h - interval)) <= 4 for h in shown), (interval, shown)
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


def test_make_repl_sim(sim_argv, tmp_path, repo_root):
    """`make repl SIM=1`: mpremote's interactive REPL on the running sim, through the pty
    tools/simrepl.py puts in front of the sim's TCP console. While it has the console the
    sim's own terminal shows neither side of it, and says so."""
    # The command the README gives runs tools/simrepl.py with the sim's port.
    dry = subprocess.run(
        ["make", "-n", "repl", "SIM=1", "SIM_PORT=2999"],
        cwd=repo_root,
        capture_output=True,
        text=True,
    )
    assert "tools/simrepl.py --port 2999" in dry.stdout, dry.stdout + dry.stderr
    sim = Term(sim_argv)
    repl = None
    try:
        sim.expect(rb"tapblink: tap the button", 60)
        port = int(re.search(rb"socket://127\.0\.0\.1:(\d+)", sim.out).group(1))
        repl = Term([sys.executable, str(repo_root / "tools" / "simrepl.py"), "--port", str(port)])
        pos = repl.expect(rb"Use Ctrl-\] or Ctrl-x to exit this shell", 30)
        sim_pos = sim.expect(rb"a TCP client \(mpremote\) has the console", 20)
        repl.send(b"\x03")  # the demo stops
        pos = repl.expect(rb">>> ", 30, pos)
        repl.send(b"\x02")  # friendly REPL again: the banner
        pos = repl.expect(rb"MicroPython v1\.28\.0[^\n]*RP2040", 30, pos)
        pos = repl.expect(rb">>> ", 30, pos)
        repl.send(b"print(1+1)\r")
        pos = repl.expect(rb"print\(1\+1\)\r+\n2\r+\n>>> ", 30, pos)
        # Any pin the program drives shows on the sim's status line (examples/tempo.py: GP16).
        repl.send(b"from machine import Pin; Pin(16, Pin.OUT).on()\r")
        pos = repl.expect(rb">>> ", 30, pos)
        sim.expect(rb"GP16 ON", 20, sim_pos)
        # The sim's terminal showed none of that.
        sim.read(0.3)
        assert b"print(1+1)" not in sim.out[sim_pos:] and b"MicroPython v" not in sim.out
        repl.send(b"\x1d")  # Ctrl-]: mpremote quits
        assert repl.proc.wait(timeout=30) == 0
        sim.expect(rb"the TCP client left: the console is back here", 20, sim_pos)
        # The terminal has the console again: its keys reach the board.
        sim.send(b"print(6 * 7)\r")
        sim.expect(rb"\n42\r+\n", 30, sim_pos)
        # A second start with Ctrl-X also quits.
        repl2 = Term(
            [sys.executable, str(repo_root / "tools" / "simrepl.py"), "--port", str(port)]
        )
        try:
            repl2.expect(rb"Use Ctrl-\] or Ctrl-x to exit this shell", 30)
            repl2.send(b"\x18")
            assert repl2.proc.wait(timeout=30) == 0
        finally:
            repl2.close()
        sim.send(QUIT)
        assert sim.proc.wait(timeout=30) == 0
    finally:
        if repl is not None:
            repl.close()
        sim.close()


def test_simrepl_without_a_sim_says_what_to_do(repo_root):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = subprocess.run(
        [sys.executable, str(repo_root / "tools" / "simrepl.py"), "--port", str(port)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert r.returncode == 1
    assert "start `make sim` first" in r.stderr, r.stderr


def test_second_sim_gets_its_own_filesystem_and_a_hint_for_the_port(sim_argv, tmp_path):
    first = Term(sim_argv)
    second = None
    try:
        first.expect(rb"tapblink: tap the button", 60)
        port = re.search(rb"socket://127\.0\.0\.1:(\d+)", first.out).group(1).decode()
        argv = list(sim_argv)
        argv[argv.index("--port") + 1] = port  # the port the first one holds
        second = Term(argv)
        second.expect(rb"tapblink: tap the button", 60)
        assert b"make sim SIM_PORT=N" in second.out and b"in use" in second.out, second.out
        assert b"this one uses " + str(tmp_path / "fs-2.bin").encode() in second.out
        for term in (second, first):
            term.send(QUIT)
            assert term.proc.wait(timeout=30) == 0
        assert (tmp_path / "fs.bin").stat().st_size == 1408 * 1024
        assert (tmp_path / "fs-2.bin").stat().st_size == 1408 * 1024
        assert not list(tmp_path.glob("*.lock")), "locks are released on quit"
    finally:
        if second is not None:
            second.close()
        first.close()

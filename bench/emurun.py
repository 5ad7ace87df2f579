"""Run one contender on one script in the emulator and record what happened.

Every run is a fresh power-on of the same UF2: boot with the button held (tapblink's safe
mode: a quiet REPL, nothing running), let go, start the contender's program through the
raw REPL, and take its first LED change as its start. The script starts LEAD_MS later.
"""

from bench.programs import PROBE_PIN
from tests.emulator.harness import BUTTON, LED, Emulator, Missing  # noqa: F401

LEAD_MS = 300.0  # program start -> script start
CPU_HZ = 125_000_000


class Run:
    """What one run recorded. Times are absolute simulated ms; `start` is the script's 0."""

    def __init__(self, contender, script, phase, probe):
        self.contender = contender.key
        self.script = script  # the shifted script (times from `start`)
        self.phase = phase
        self.probe = probe
        self.start = None
        self.led = []  # [(t, level)]
        self.button = []
        self.probe_edges = []
        self.lines = []  # [(t, int)]: the program's bare-integer output lines
        self.text = ""  # everything the program printed
        self.windows = {}  # name -> (stats at from, stats at to)
        self.bounds = {}  # name -> (from, to) ms from `start`, as measured

    def at(self, t):
        return self.start + t


def _program_lines(emu, pos):
    # [(t_ms, text)] of complete lines printed from console offset pos on (the first one
    # follows the raw REPL's "OK" directly).
    out, cur, off, t_line = [], "", 0, None
    for t, text in emu.console_chunks():
        for ch in text:
            if off >= pos:
                if ch == "\n":
                    out.append((t, cur.rstrip("\r")))
                    cur = ""
                else:
                    cur += ch
            off += 1
    del t_line
    return out


def run(emu, uf2, contender, script, phase=0.0, probe=False):
    r = Run(contender, script.shifted(phase), phase, probe)
    emu.boot(uf2, button_held=True)
    emu.wait_for(">>> ", timeout_ms=3000)
    emu.release()
    emu.run_for(20)
    files = getattr(contender, "files", None)
    if files:
        write_files(emu, files)
    pos = emu.start_raw(contender.probe_source if probe else contender.source)
    r.start = emu.wait_edge(LED, timeout_ms=2000) + LEAD_MS
    s = r.script
    emu.button([(r.at(t), lv) for t, lv in s.edges()])
    wins = [(a, b, "idle%d" % k, True) for k, (a, b) in enumerate(s.idle)]
    if s.storm:
        a, b, _ = s.storm
        ra, rb = s.reference
        wins += [(ra, rb, "before", False), (a, b, "storm", False)]
    for a, b, name, off_beat in sorted(wins):
        if off_beat:
            emu.run_until(r.at(a))
            a, b = _off_beat(emu.edges(LED), r.at(a), r.at(b))
            a, b = a - r.start, b - r.start
        emu.run_until(r.at(a))
        first = emu.stats()
        emu.run_until(r.at(b))
        r.windows[name] = (first, emu.stats())
        r.bounds[name] = (a, b)
    emu.run_until(r.at(s.end_ms))
    r.led = emu.edges(LED)
    r.button = emu.edges(BUTTON)
    r.probe_edges = emu.edges(PROBE_PIN)
    lines = _program_lines(emu, pos)
    r.text = "\n".join(text for _, text in lines)
    for t, text in lines:
        w = text.strip()
        if w.lstrip("-").isdigit():
            r.lines.append((t, int(w)))
    return r


def write_files(emu, files):
    """Write {board path: text} onto the board's filesystem through the raw REPL."""
    for path, text in sorted(files.items()):
        parts = path.strip("/").split("/")[:-1]
        code = "import os\n"
        for i in range(1, len(parts) + 1):
            d = "/" + "/".join(parts[:i])
            code += "try:\n    os.mkdir(%r)\nexcept OSError:\n    pass\n" % d
        code += "with open(%r, 'w') as f:\n    f.write(%r)\n" % (path, text)
        out, err = emu.exec_raw(code, timeout_ms=20000)
        if err:
            raise RuntimeError("writing %s on the board: %s" % (path, err))


def _off_beat(led, a, b):
    """An idle window inside [a, b) that starts and ends half-way between two LED toggles
    and spans whole half-periods (every toggle in it counted once, none on its edge). The
    half-period is the LED's last one before a; (a, b) unchanged if there is none."""
    ts = [t for t, _ in led if t <= a]
    if len(ts) < 2 or ts[-1] - ts[-2] <= 0:
        return a, b
    half = ts[-1] - ts[-2]
    start = ts[-1] + half / 2
    while start < a:
        start += half
    n = int((b - start) // half)
    if n < 1:
        return a, b
    return start, start + n * half


def window_stats(run, name):
    """{seconds, busy (fraction), wakeups, busy_cycles, handler_cycles} of a window."""
    a, b = run.windows[name]
    secs = (b["now_ns"] - a["now_ns"]) / 1e9
    d = {k: b[k] - a[k] for k in ("busy_cycles", "handler_cycles", "wakeups")}
    d["seconds"] = secs
    d["busy"] = d["busy_cycles"] / (CPU_HZ * secs)
    return d


def free_heap(emu, uf2, tapblink):
    """gc.mem_free() after gc.collect() at a fresh REPL. On tapblink a first boot writes
    /main.py (the demo): remove it and keep / non-empty, then boot again."""
    fs = None
    if tapblink:
        emu.boot(uf2, button_held=True)
        emu.wait_for(">>> ", timeout_ms=3000)
        emu.release()
        emu.run_for(20)
        emu.exec_raw("import os\nos.remove('/main.py')\nopen('/keep', 'w').close()")
        fs = emu.save_fs()
    emu.boot(uf2, fs_image=fs)
    emu.wait_for(">>> ", timeout_ms=3000)
    out, err = emu.exec_raw("import gc\ngc.collect()\nprint(gc.mem_free())")
    if err:
        raise RuntimeError("mem_free: %s" % err)
    return int(out.split()[-1])

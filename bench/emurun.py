"""Run one contender on one script in the emulator and record what happened.

Every run is a fresh power-on of the same UF2: boot with the button held (tapblink's safe
mode: a quiet REPL, nothing running), let go, start the contender's program through the
raw REPL, and take its first LED change as its start. The script starts LEAD_MS later.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "emulator"))

from harness import BUTTON, LED, Emulator, Missing  # noqa: E402,F401
from programs import PROBE_PIN  # noqa: E402

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
    pos = emu.start_raw(contender.probe_source if probe else contender.source)
    r.start = emu.wait_edge(LED, timeout_ms=2000) + LEAD_MS
    s = r.script
    emu.button([(r.at(t), lv) for t, lv in s.edges()])
    marks = []
    for name, (a, b) in enumerate(s.idle):
        marks += [(a, "idle%d" % name, 0), (b, "idle%d" % name, 1)]
    if s.storm:
        a, b, _ = s.storm
        ra, rb = s.reference
        marks += [(ra, "before", 0), (rb, "before", 1), (a, "storm", 0), (b, "storm", 1)]
    snaps = {}
    for t, name, i in sorted(marks):
        emu.run_until(r.at(t))
        snaps.setdefault(name, [None, None])[i] = emu.stats()
    emu.run_until(r.at(s.end_ms))
    r.windows = {k: tuple(v) for k, v in snaps.items()}
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

"""The benchmark's event-path rows for the Pico 2 (`make bench BOARD=TAPBLINK_PICO2`):
(b) careful Python hard-IRQ code and (c) tapblink, on the same Pico 2 UF2 in the same run, in
rp2350js (tests/emulator/rp2350emu.mjs), with the scripts and metrics of the Pico's bench.

    python bench/pico2.py [--uf2 build/TAPBLINK_PICO2/tapblink.uf2] [--json PATH]

Rows: edge -> task wake (probe runs), press -> new rate (the bouncy and idle scripts, phase
0), chatter cycles per edge (the storm script), idle cycles per LED toggle (the idle script's
idle stretches). Prints a table and writes build/bench/pico2.json.

What the cycle counts are worth: rp2350js counts Cortex-M33 cycles per instruction from a
table (1 for most ALU ops, more for loads/stores, multiplies, divides and branches, 12 for an
exception entry) with no flash wait states, no XIP cache misses, no bus contention and no
pipeline effects; clk_sys is taken as 150 MHz. Compare contenders with each other on the
same emulator, not with a board.
"""

import argparse
import json
import sys
import time
from pathlib import Path

if not __package__:  # run by path (python bench/pico2.py): bench is a package of the repo root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import emurun, programs, scenarios
from bench import run as pico_bench
from bench.report import md_table

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

KEYS = ("b", "c")
CPU_HZ = 150_000_000  # pico-sdk 2.x SYS_CLK_HZ on the RP2350


def _jobs(contenders):
    by_name = {s.name: s for s in scenarios.scripts()}
    bouncy, idle = by_name["bouncy"], by_name["idle"]
    storm = scenarios.storm_script()
    jobs = []
    for c in contenders:
        jobs += [
            pico_bench.Job(c, bouncy, 0),
            pico_bench.Job(c, idle, 0),
            pico_bench.Job(c, storm, 0),
            pico_bench.Job(c, bouncy, 0, probe=True),
        ]
    return jobs


def bench(uf2, log=print):
    # emurun's busy fractions divide by its CPU_HZ: the RP2350's here.
    emurun.CPU_HZ = CPU_HZ
    contenders = [c for c in programs.contenders() if c.key in KEYS]
    jobs = _jobs(contenders)
    runs = []
    t0 = time.monotonic()
    with emurun.Emulator(chip="rp2350") as emu:
        for j in jobs:
            t = time.monotonic()
            runs.append(emurun.run(emu, uf2, j.contender, j.script, j.phase, j.probe))
            log(
                "  %s %-8s%s  %.1f s wall"
                % (
                    j.contender.key,
                    j.script.name,
                    " probe" if j.probe else "",
                    time.monotonic() - t,
                )
            )
    res = pico_bench.analyse(contenders, runs, None, None)
    res["names"] = {c.key: c.name for c in contenders}
    res["wall_s"] = time.monotonic() - t0
    res["runs"] = len(jobs)
    res["cpu_hz"] = CPU_HZ
    return res


def _num(fmt, v):
    return "-" if v is None else fmt % v


def _fmt(s, unit="", scale=1.0):
    if not s or s.get("n", 0) == 0:
        return "-"
    return "%.1f / %.1f%s (n=%d)" % (s["median"] * scale, s["max"] * scale, unit, s["n"])


def table(res):
    rows = [
        ("edge -> task wake, median / max", lambda d: _fmt(d["wake_us"], " us")),
        ("press -> new rate, median / max", lambda d: _fmt(d["lat"], " ms")),
        (
            "presses missed / extra",
            lambda d: "%d / %d of %d" % (d["missed"], d["extra"], d["presses"]),
        ),
        ("chatter: IRQ cycles per edge", lambda d: _num("%.0f", d.get("irq_cycles_per_edge"))),
        ("chatter: busy cycles per edge", lambda d: _num("%.0f", d.get("busy_cycles_per_edge"))),
        ("idle: busy cycles per LED toggle", lambda d: _num("%.0f", d["idle_cycles_per_toggle"])),
        ("idle: wake-ups per LED toggle", lambda d: _num("%.2f", d["idle_wakeups_per_toggle"])),
    ]
    keys = [k for k in KEYS if k in res["per"]]
    head = ["Pico 2 (rp2350js, M33 at %d MHz)" % (res["cpu_hz"] // 1_000_000)]
    head += ["(%s) %s" % (k, res["names"][k]) for k in keys]
    return md_table(head, [[name] + [fn(res["per"][k]) for k in keys] for name, fn in rows])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--uf2", default=str(REPO / "build" / "TAPBLINK_PICO2" / "tapblink.uf2"))
    ap.add_argument("--json", default=str(REPO / "build" / "bench" / "pico2.json"))
    a = ap.parse_args(argv)
    if not Path(a.uf2).is_file():
        sys.exit("bench: no %s (make BOARD=TAPBLINK_PICO2 builds it)" % a.uf2)
    try:
        res = bench(Path(a.uf2).resolve())
    except emurun.Missing as exc:
        sys.exit("bench: the Pico 2 emulator is missing: %s" % exc)
    print(table(res))
    print(
        "(%d runs, %.0f s wall; what rp2350js's cycle counts model: bench/pico2.py)"
        % (res["runs"], res["wall_s"])
    )
    Path(a.json).parent.mkdir(parents=True, exist_ok=True)
    Path(a.json).write_text(json.dumps(res, indent=1, default=str))


if __name__ == "__main__":
    main()

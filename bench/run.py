"""tapblink benchmark: the tutorial's polling loop, the best pure-Python interrupt
code, tapblink's C module, chumicro-buttons and adafruit-circuitpython-debouncer
from PyPI, on the same UF2 in rp2040js, with exact simulated time; the press
scripts, the bouncy-switch family drawn from tests/bounce_traces.py, the chatter
storm, and the gestures section (gesturebench.py).

    python bench/run.py                 # full run: docs/benchmark.md, docs/benchmark.png
    python bench/run.py --quick         # one short script (the smoke test uses this)

Writes the markdown report, the timeline plot and a JSON dump of every number
(build/bench/results.json). See docs/benchmark.md for what each metric means.
"""

import argparse
import concurrent.futures
import json
import subprocess
import sys
import time
from pathlib import Path

if not __package__:  # run by path (python bench/run.py): bench is a package of the repo root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import emurun, gesturebench, metrics, programs, scenarios, sizes

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

PLOT_SCRIPT = "bouncy"  # the script the timeline shows (phase 0)


def quick_scripts():
    """The reduced bench: one short bouncy script with an idle stretch, and a short
    bouncy-switch script (two units of one shape)."""
    import random

    rng = random.Random(3)
    p = scenarios._series(rng, 6, (150, 400), (50, 120), bounce=(5, 15))
    last = p[-1].down
    s = scenarios.Script(
        "bouncy-short",
        "6 bouncy taps 150-400 ms apart, then 2.5 s idle",
        p,
        last + 3000,
        idle=[(last + 400, last + 2900)],
    )
    return [s, scenarios.switch_scripts(units=2)[3]]


class Job:
    def __init__(self, contender, script, phase, probe=False):
        self.contender, self.script, self.phase, self.probe = contender, script, phase, probe


def _run_jobs(uf2, jobs, workers, log):
    """Run every job, each on a fresh power-on; one emulator process per worker."""
    results = [None] * len(jobs)
    todo = list(enumerate(jobs))

    def worker():
        with emurun.Emulator() as emu:
            while True:
                try:
                    i, j = todo.pop(0)
                except IndexError:
                    return
                t0 = time.monotonic()
                results[i] = emurun.run(emu, uf2, j.contender, j.script, j.phase, j.probe)
                log(
                    "  %s %-12s phase %4.1f%s  %.1f s wall"
                    % (
                        j.contender.key,
                        j.script.name,
                        j.phase,
                        " probe" if j.probe else "",
                        time.monotonic() - t0,
                    )
                )

    with concurrent.futures.ThreadPoolExecutor(workers) as ex:
        for f in [ex.submit(worker) for _ in range(workers)]:
            f.result()
    return results


def analyse(contenders, runs, heap, flash):
    out = {}
    for c in contenders:
        mine = [r for r in runs if r.contender == c.key]
        all_press_runs = [r for r in mine if not r.probe and r.script.storm is None]
        # The bouncy-switch family has rows of its own (per shape, and its totals); the
        # table's press rows stay over the press scripts, as they were before it.
        press_runs = [r for r in all_press_runs if r.script.family is None]
        errs, lats, at_once, by_script = [], [], [], {}
        missed = extra = presses = not_shown = 0
        for r in all_press_runs:
            m = metrics.press_metrics(r)
            b = by_script.setdefault(
                r.script.name,
                {
                    "presses": 0,
                    "missed": 0,
                    "extra": 0,
                    "err_max": 0.0,
                    "family": r.script.family,
                },
            )
            b["presses"] += m["presses"]
            b["missed"] += m["missed"]
            b["extra"] += m["extra"]
            b["err_max"] = max([b["err_max"]] + m["errors"])
            if r.script.family is not None:
                continue
            errs += m["errors"]
            lats += m["latencies"]
            at_once += m["at_once"]
            missed += m["missed"]
            extra += m["extra"]
            presses += m["presses"]
            not_shown += m["not_shown"]
        family = [v for v in by_script.values() if v["family"] is not None]
        # Idle stretches: wake-ups and busy cycles against the LED toggles in them.
        secs = wake = cyc = toggles = 0
        gap = None  # closest an idle window's edge comes to an LED toggle, ms
        for r in press_runs:
            for k in range(len(r.script.idle)):
                w = emurun.window_stats(r, "idle%d" % k)
                a, b = r.bounds["idle%d" % k]  # off-beat: half-way between two toggles
                ts = metrics.led_toggles(r)
                if ts:
                    g = min(abs(t - x) for t in ts for x in (a, b))
                    gap = g if gap is None else min(gap, g)
                secs += w["seconds"]
                wake += w["wakeups"]
                cyc += w["busy_cycles"]
                toggles += sum(1 for t in metrics.led_toggles(r) if a <= t < b)
        # Edge -> task wake (probe runs).
        wake_us = []
        for r in mine:
            if r.probe:
                wake_us += metrics.probe_latencies_us(r)
        d = {
            "presses": presses,
            "missed": missed,
            "extra": extra,
            "err": metrics.summary(errs),
            "lat": metrics.summary(lats),
            "at_once": metrics.summary(at_once),
            "not_shown": not_shown,
            "by_script": by_script,
            "switch": {
                "scripts": len(family),
                "presses": sum(v["presses"] for v in family),
                "missed": sum(v["missed"] for v in family),
                "extra": sum(v["extra"] for v in family),
                "err_max": max((v["err_max"] for v in family), default=None),
            },
            "idle_s": secs,
            "idle_wakeups_per_s": wake / secs if secs else None,
            "idle_toggles_per_s": toggles / secs if secs else None,
            "idle_busy": cyc / (emurun.CPU_HZ * secs) if secs else None,
            "idle_toggles": toggles,
            "idle_edge_gap_ms": gap,
            "idle_wakeups_per_toggle": wake / toggles if toggles else None,
            "idle_cycles_per_toggle": cyc / toggles if toggles else None,
            "wake_us": metrics.summary(wake_us),
        }
        storm = [r for r in mine if r.script.storm is not None]
        if storm:
            d.update(storm_metrics(storm[0]))
        out[c.key] = d
    return {"per": out, "heap": heap, "flash": flash}


def storm_metrics(r):
    a, b, step = r.script.storm
    ref = emurun.window_stats(r, "before")
    st = emurun.window_stats(r, "storm")
    edges = sum(1 for t, _ in r.script.edges() if a <= t < b)
    scale = st["seconds"] / ref["seconds"]
    toggles = metrics.led_toggles(r)
    gaps = [y - x for x, y in zip(toggles, toggles[1:]) if a <= x and y <= b]
    m = metrics.press_metrics(r)
    return {
        "storm_edges": edges,
        "storm_edge_rate": edges / ((b - a) / 1000.0),
        "storm_busy": st["busy"],
        "storm_cpu_left": 1.0 - st["busy"],
        "storm_wakeups": st["wakeups"],
        "irq_cycles_per_edge": (st["handler_cycles"] - ref["handler_cycles"] * scale) / edges,
        "busy_cycles_per_edge": (st["busy_cycles"] - ref["busy_cycles"] * scale) / edges,
        "storm_gaps": len(gaps),
        "storm_blink_err_max": max(abs(g - scenarios.STORM_HALF_MS) for g in gaps)
        if gaps
        else None,
        "storm_phantoms": m["extra"],
        "storm_missed": m["missed"],
    }


def heap_and_flash(uf2, stock_uf2, map_path):
    with emurun.Emulator() as emu:
        heap = {
            "tapblink": emurun.free_heap(emu, uf2, tapblink=True),
            "stock": emurun.free_heap(emu, stock_uf2, tapblink=False),
        }
    objs = sizes.debounce_flash(map_path)
    flash = {
        "objects": objs,
        "module": sum(objs.values()),
        "tapblink_uf2": sizes.uf2_payload(uf2),
        "stock_uf2": sizes.uf2_payload(stock_uf2),
    }
    return heap, flash


def _git_describe():
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "modules", "usercmodules", "ports", "boards"],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout.strip()
        return rev + (" (firmware sources modified)" if dirty else "")
    except OSError:
        return "unknown"


def bench(uf2, stock_uf2, map_path, quick=False, phases=None, workers=2, log=print):
    contenders = programs.contenders()
    scripts = quick_scripts() if quick else scenarios.scripts() + scenarios.switch_scripts()
    if phases is None:
        phases = (0,) if quick else scenarios.PHASES_MS
    storm = scenarios.storm_script()
    probe_script = scripts[0] if quick else next(s for s in scripts if s.name == "bouncy")
    jobs = []
    for c in contenders:
        for s in scripts:
            for ph in phases:
                jobs.append(Job(c, s, ph))
        jobs.append(Job(c, storm, 0))
        jobs.append(Job(c, probe_script, 0, probe=True))
    refs = programs.wake_references()
    for c in refs:
        jobs.append(Job(c, probe_script, 0, probe=True))
    irq_refs = programs.irq_references()
    for c in irq_refs:
        jobs.append(Job(c, storm, 0))
    gesture_jobs = [Job(c, s, ph) for c, s, ph in gesturebench.jobs(quick)]
    jobs += gesture_jobs
    # Longest first: the tutorial's runs (it flickers, busy, until its first interval).
    jobs.sort(key=lambda j: (j.contender.key != "a", -j.script.end_ms))
    t0 = time.monotonic()
    log("bench: %d runs on %s, %d worker(s)" % (len(jobs), uf2, workers))
    runs = _run_jobs(uf2, jobs, workers, log)
    gesture_runs = [r for r in runs if isinstance(r.script, gesturebench.GScript)]
    runs = [r for r in runs if not isinstance(r.script, gesturebench.GScript)]
    heap, flash = heap_and_flash(uf2, stock_uf2, map_path)
    res = analyse(contenders, runs, heap, flash)
    res["wake_refs"] = [
        {
            "key": c.key,
            "name": c.name,
            "wake_us": metrics.summary(
                [x for r in runs if r.contender == c.key for x in metrics.probe_latencies_us(r)]
            ),
        }
        for c in refs
    ]
    res["irq_refs"] = []
    for c in irq_refs:
        m = storm_metrics(next(r for r in runs if r.contender == c.key))
        res["irq_refs"].append(
            {
                "key": c.key,
                "name": c.name,
                "irq_cycles_per_edge": m["irq_cycles_per_edge"],
                "busy_cycles_per_edge": m["busy_cycles_per_edge"],
                "storm_cpu_left": m["storm_cpu_left"],
            }
        )
    res["contenders"] = [{"key": c.key, "name": c.name, "about": c.about} for c in contenders]
    res["scripts"] = [
        {"name": s.name, "about": s.about, "presses": len(s.presses), "family": s.family}
        for s in scripts + [storm]
    ]
    res["phases"] = list(phases)
    res["b_lines"] = sum(
        1
        for line in (HERE / "contenders" / "irq_python.py").read_text().splitlines()
        if line.strip() and not line.strip().startswith("#")
    )
    res["gestures"] = {
        "per": gesturebench.analyse(gesture_runs),
        "names": {c.key: {"name": c.name, "about": c.about} for c in gesturebench.contenders()},
        "phases": list(phases),
        "scripts": [
            {"name": s.name, "about": s.about, "params": s.params}
            for s in gesturebench.scripts(quick)
        ],
    }
    res["runs"] = len(jobs)
    res["wall_s"] = time.monotonic() - t0
    res["firmware"] = _git_describe()
    res["upstream"] = upstream_summary()
    res["quick"] = quick
    res["timeline"] = timeline_data(runs, scripts[0].name if quick else PLOT_SCRIPT)
    return res


def upstream_summary():
    """The last `make test-upstream`'s counts (build/upstream/summary.json, written by
    tools/upstream_tests.py with its commit), or None: the suite takes minutes, so the bench
    reports the last run rather than running it again."""
    path = REPO / "build" / "upstream" / "summary.json"
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def timeline_data(runs, name):
    out = {}
    for r in runs:
        if r.script.name == name and r.phase == 0 and not r.probe:
            m = metrics.press_metrics(r)
            out[r.contender] = {
                "button": [(t - r.start, lv) for t, lv in r.button],
                "led": [(t - r.start, lv) for t, lv in r.led],
                "detections": m["detections"],
                "presses": [p.down for p in r.script.presses],
                "end": r.script.end_ms,
                "script": name,
            }
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--uf2", default=str(REPO / "build" / "tapblink.uf2"))
    ap.add_argument("--stock", default=str(REPO / "build" / "stock" / "firmware.uf2"))
    ap.add_argument("--map", default=str(REPO / "build" / "tapblink.map"))
    ap.add_argument("--quick", action="store_true", help="one short script, phase 0")
    ap.add_argument("--jobs", type=int, default=2, help="emulators run in parallel")
    ap.add_argument("--md", default=str(REPO / "docs" / "benchmark.md"))
    ap.add_argument("--png", default=str(REPO / "docs" / "benchmark.png"))
    ap.add_argument("--json", default=str(REPO / "build" / "bench" / "results.json"))
    ap.add_argument(
        "--readme",
        default=str(REPO / "README.md"),
        help="whose comparison table a full run rewrites (not --quick); '' for none",
    )
    ap.add_argument(
        "--render", action="store_true", help="only rewrite the report and plot from --json"
    )
    a = ap.parse_args(argv)
    if a.render:
        write_outputs(json.loads(Path(a.json).read_text()), a, write_json=False)
        return
    for p in (a.uf2, a.stock, a.map):
        if not Path(p).is_file():
            sys.exit("bench: %s is missing (run `make` and `make stock`)" % p)
    try:
        res = bench(
            Path(a.uf2).resolve(),
            Path(a.stock).resolve(),
            Path(a.map),
            quick=a.quick,
            workers=a.jobs,
            log=lambda s: print(s, file=sys.stderr, flush=True),
        )
    except emurun.Missing as exc:
        sys.exit("bench: the emulator can't run: %s" % exc)
    write_outputs(res, a)


def write_outputs(res, a, write_json=True):
    from bench import report

    if write_json:
        Path(a.json).parent.mkdir(parents=True, exist_ok=True)
        Path(a.json).write_text(json.dumps(res, indent=1))
    Path(a.md).write_text(report.markdown(res, png_name=Path(a.png).name))
    if a.readme and not res["quick"]:
        readme = Path(a.readme)
        readme.write_text(report.splice_readme(readme.read_text(), res))
        print("bench: rewrote the comparison table of %s" % readme)
    try:
        from bench import plot
    except ImportError as exc:
        print("bench: no plot (%s): make venv installs matplotlib" % exc, file=sys.stderr)
    else:
        plot.timeline(res, Path(a.png))
    print("bench: wrote %s, %s, %s (%.0f s)" % (a.md, a.png, a.json, res["wall_s"]))
    print(report.console_summary(res))


if __name__ == "__main__":
    main()

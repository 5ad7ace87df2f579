"""The gestures section of the benchmark: tapblink's Button.gestures() (c) against
chumicro-buttons (d), on scripted clicks, doubles, long presses and holds, with bounce on every
edge, each script shifted by the same phases as the press scripts.

Ground truth: the reference model of the tests (tests/cpython/gesture_model.py, the
contract in docs/contracts.md) applied to each script's first edges, with suppress=True (a
click is reported when its double window closes, with its count): what a correct gesture
detector reports and the time it is decided (a release + double_ms, press + long_ms,
the repeat times, the release of a long press). Each program toggles GP2 and prints
`G <KIND> <count>` when its task sees a gesture; a report is matched to the next expected
gesture of its kind (and count, for clicks) decided at most MATCH_MS before it.
"""

import math
import random
import statistics

from bench import emurun, programs, scenarios
from bench.report import md_table
from tests.cpython.gesture_model import NAMES, PRESS, RELEASE, reference

MATCH_MS = 300  # a report more than this after its decision is not counted as that gesture
KINDS = ("CLICK", "DOUBLE", "LONG", "REPEAT", "LONG_RELEASE")


class GScript(scenarios.Script):
    """A press script plus the gesture timings both contenders are given."""

    def __init__(self, name, about, presses, end_ms, params, idle=()):
        super().__init__(name, about, presses, end_ms, idle)
        self.params = params

    def shifted(self, ms):
        s = super().shifted(ms)
        return GScript(s.name, s.about, s.presses, s.end_ms, self.params, s.idle)

    def expected(self, start=0.0):
        """[(kind name, decided at, count)] by the reference model, absolute ms for a run
        whose script starts at `start`: from the edges' stamps as the board takes them
        (ticks_ms, the emulated timer's ms, read IRQ_US after the edge)."""
        edges = []
        for p in self.presses:
            edges += [(PRESS, _stamp(start + p.down)), (RELEASE, _stamp(start + p.up))]
        out = reference(edges, _stamp(start + self.end_ms), suppress=True, **self.params)
        return [(NAMES[k], t, n) for k, t, n in out]


IRQ_US = 20  # edge -> the IRQ's timer read, about (tests/firmware/test_debounce_ticks.py)


def _stamp(t_ms):
    return math.floor(t_ms + IRQ_US / 1000)


def _bounce(rng):
    # 0-15 ms of bounce after an edge; none on about one edge in five.
    total = rng.uniform(0, 15)
    return () if total < 3 else scenarios._bounce(rng, total)


def _press(rng, down, hold):
    return scenarios.Press(round(down, 3), round(down + hold, 3), _bounce(rng), _bounce(rng))


def scripts(quick=False):
    rng = random.Random(14)
    out = []
    n = 3 if quick else 8

    def idle_tail(ps):
        last = ps[-1].up
        return last + 4500, [(last + 1200, last + 4200)]

    ps, t = [], 0.0
    for _ in range(n):
        ps.append(_press(rng, t, rng.uniform(40, 150)))
        t = ps[-1].up + rng.uniform(500, 1200)
    end, idle = idle_tail(ps)
    out.append(
        GScript(
            "clicks",
            "%d single clicks held 40-150 ms, 0.5-1.2 s apart" % n,
            ps,
            end,
            {"double_ms": 300, "long_ms": 1000},
            idle,
        )
    )

    ps, t = [], 0.0
    gaps = [60, 400] + [rng.uniform(60, 400) for _ in range(n - 2)]
    for g in gaps[:n]:
        ps.append(_press(rng, t, rng.uniform(40, 120)))
        ps.append(_press(rng, ps[-1].up + g, rng.uniform(40, 120)))
        t = ps[-1].up + rng.uniform(800, 1400)
    end, idle = idle_tail(ps)
    out.append(
        GScript(
            "doubles",
            "%d double clicks, 60-400 ms from release to press" % n,
            ps,
            end,
            {"double_ms": 450, "long_ms": 1000},
            idle,
        )
    )

    ps, t = [], 0.0
    holds = [400, 3000] + [rng.uniform(400, 3000) for _ in range(n - 2)]
    for h in holds[:n]:
        ps.append(_press(rng, t, h))
        t = ps[-1].up + rng.uniform(600, 1200)
    end, idle = idle_tail(ps)
    out.append(
        GScript(
            "longs",
            "%d long presses held 0.4-3 s (long_ms 350)" % n,
            ps,
            end,
            {"double_ms": 200, "long_ms": 350},
            idle,
        )
    )

    ps, t = [], 0.0
    for _ in range(2 if quick else 4):
        ps.append(_press(rng, t, rng.uniform(1500, 2600)))
        t = ps[-1].up + rng.uniform(700, 1200)
    end, idle = idle_tail(ps)
    out.append(
        GScript(
            "repeat",
            "holds of 1.5-2.6 s: LONG at 500 ms, REPEAT from 700 ms every 200 ms",
            ps,
            end,
            {"double_ms": 300, "long_ms": 500, "repeat_delay_ms": 700, "repeat_ms": 200},
            idle,
        )
    )
    return out


_TAPBLINK = """import asyncio
import buttons
from machine import Pin

probe = Pin(%(probe)d, Pin.OUT, value=0)
led = Pin(25, Pin.OUT)
NAMES = {2: "CLICK", 3: "DOUBLE", 4: "LONG", 5: "REPEAT", 6: "LONG_RELEASE"}


async def main():
    b = buttons.Button("BUTTON")
    led.value(1)
    async for kind, t, n in b.gestures(%(kw)s, suppress=True):
        probe.toggle()
        print("G", NAMES[kind], n)


asyncio.run(main())
"""

# chumicro-buttons, its README's way: check(now) in the loop, then the just_* readings.
# click_ms closes a click series (reported with click_count) as suppress does; a release
# after a long press is told by held_ms.
_CHUMICRO = """import asyncio
from machine import Pin
from chumicro_buttons import Button
from chumicro_timing import ticks, ticks_ms

probe = Pin(%(probe)d, Pin.OUT, value=0)
led = Pin(25, Pin.OUT)
LONG_MS = %(long_ms)d
button = Button(pin=Pin(15), ticks=ticks, long_press_ms=LONG_MS, click_ms=%(double_ms)d,
                repeat_ms=%(repeat_ms)d, repeat_delay_ms=%(repeat_delay_ms)d)


async def main():
    led.value(1)
    while True:
        if button.check(ticks_ms()):
            if button.just_long_pressed:
                probe.toggle()
                print("G LONG 1")
            if button.just_repeated:
                probe.toggle()
                print("G REPEAT 1")
            if button.just_released and button.held_ms >= LONG_MS:
                probe.toggle()
                print("G LONG_RELEASE 1")
            if button.just_clicked:
                probe.toggle()
                n = button.click_count
                print("G", "DOUBLE" if n == 2 else "CLICK", n)
        await asyncio.sleep_ms(%(poll)d)


asyncio.run(main())
"""


class _Gesturer(programs.Contender):
    # A contender whose program depends on the script's timings.
    def __init__(self, key, name, about, make, files=None):
        super().__init__(key, name, about, None, None, files)
        self.make = make

    def for_script(self, script):
        src = self.make(script.params)
        return programs.Contender(self.key, self.name, self.about, src, src, self.files)


def contenders():
    from bench import chumicro

    def tapblink(p):
        kw = ", ".join("%s=%d" % (k, v) for k, v in sorted(p.items()))
        return _TAPBLINK % {"probe": programs.PROBE_PIN, "kw": kw}

    def chu(p):
        return _CHUMICRO % {
            "probe": programs.PROBE_PIN,
            "long_ms": p["long_ms"],
            "double_ms": p["double_ms"],
            "repeat_ms": p.get("repeat_ms", 0),
            "repeat_delay_ms": p.get("repeat_delay_ms", 500),
            "poll": chumicro.POLL_MS,
        }

    return [
        _Gesturer(
            "c",
            "tapblink Button.gestures()",
            "`async for kind, t, n in b.gestures(..., suppress=True)`",
            tapblink,
        ),
        _Gesturer(
            "d",
            "chumicro-buttons 0.1.2",
            "Button(pin, ticks, long_press_ms, click_ms, repeat_ms, repeat_delay_ms), "
            "check(now) every %d ms" % chumicro.POLL_MS,
            chu,
            chumicro.board_files(),
        ),
    ]


def jobs(quick=False):
    phases = (0,) if quick else scenarios.PHASES_MS
    out = []
    for c in contenders():
        for s in scripts(quick):
            for ph in phases:
                out.append((c.for_script(s), s, ph))
    return out


def reports(run):
    """[(kind, count, t ms)]: what the task saw and when (its GP2 toggle)."""
    lines = [ln.split() for ln in run.text.splitlines() if ln.startswith("G ")]
    seen = [t for t, _ in run.probe_edges]
    return [(w[1], int(w[2]), t) for w, t in zip(lines, seen)]


def score(run):
    """Per kind: detected, missed, latencies (ms); and reports matching nothing (wrong)."""
    want = run.script.expected(run.start)
    got = reports(run)
    used = [False] * len(got)
    per = {k: {"expected": 0, "detected": 0, "missed": 0, "wrong": 0, "lat": []} for k in KINDS}
    for kind, t, n in want:
        d = per[kind]
        d["expected"] += 1
        for i, (gk, gn, gt) in enumerate(got):
            counts = gk not in ("CLICK", "DOUBLE") or gn == n
            if not used[i] and gk == kind and counts and -1 <= gt - t <= MATCH_MS:
                used[i] = True
                d["detected"] += 1
                d["lat"].append(gt - t)
                break
        else:
            d["missed"] += 1
    for i, (gk, _, _) in enumerate(got):
        if not used[i]:
            per[gk if gk in per else "CLICK"]["wrong"] += 1
    return per


def analyse(runs):
    """{contender: {"kinds": {kind: totals}, "scripts": {name: totals}, idle...}}."""
    out = {}
    for r in runs:
        c = out.setdefault(
            r.contender,
            {"kinds": {}, "scripts": {}, "idle_s": 0.0, "wake": 0, "busy_cycles": 0},
        )
        per = score(r)
        for k, d in per.items():
            for into in (c["kinds"].setdefault(k, {}), c["scripts"].setdefault(r.script.name, {})):
                for f in ("expected", "detected", "missed", "wrong"):
                    into[f] = into.get(f, 0) + d[f]
                into.setdefault("lat", []).extend(d["lat"])
        for k in range(len(r.script.idle)):
            w = emurun.window_stats(r, "idle%d" % k)
            c["idle_s"] += w["seconds"]
            c["wake"] += w["wakeups"]
            c["busy_cycles"] += w["busy_cycles"]
    for c in out.values():
        for d in list(c["kinds"].values()) + list(c["scripts"].values()):
            lat = d.pop("lat")
            d["lat_median"] = statistics.median(lat) if lat else None
            d["lat_max"] = max(lat) if lat else None
        s = c["idle_s"]
        c["idle_wakeups_per_s"] = c["wake"] / s if s else None
        c["idle_busy"] = c["busy_cycles"] / (emurun.CPU_HZ * s) if s else None
    return out


def _f(v, fmt="%.2f"):
    return "n/a" if v is None else fmt % v


def markdown(g):
    """The gestures section of docs/benchmark.md from analyse()'s result (+ names)."""
    names = g["names"]
    per = g["per"]
    keys = sorted(per)
    lines = [
        "## Gestures",
        "",
        "Two gesture detectors on the same UF2: "
        + "; ".join("(%s) %s: %s" % (k, names[k]["name"], names[k]["about"]) for k in keys)
        + ". Both are given the same timings per script and report a click when its "
        "double window has closed (tapblink `suppress=True`, chumicro `click_ms`). The "
        "expected gestures and the time each is decided come from the reference model of the "
        "tests (docs/gestures.md) on the stamps of the scripts' first edges "
        "(the board's ticks_ms at each edge); latency is from that time (the release + "
        "double_ms for a click, press + long_ms for LONG, the repeat "
        "times, the release for LONG_RELEASE) to the task seeing it (its GP2 toggle). Every "
        "edge has 0-15 ms of bounce (none on about one in five); every script runs at the "
        "phase shifts %s ms." % ", ".join(str(p) for p in g["phases"]),
        "",
        md_table(["script", "about"], [[s["name"], s["about"]] for s in g["scripts"]]),
        "",
    ]
    rows = []
    for k in keys:
        for kind in KINDS:
            d = per[k]["kinds"].get(kind)
            if not d or not (d["expected"] or d["wrong"]):
                continue
            rows.append(
                ["(%s) %s" % (k, names[k]["name"]), kind]
                + ["%d" % d[n] for n in ("expected", "detected", "missed", "wrong")]
                + [_f(d["lat_median"]), _f(d["lat_max"])]
            )
    head = ["contender", "kind", "expected", "detected", "missed", "wrong kind / extra"]
    lines += [md_table(head + ["latency median (ms)", "latency max (ms)"], rows), ""]
    rows = []
    for k in keys:
        c = per[k]
        for name, d in sorted(c["scripts"].items()):
            rows.append(["(%s)" % k, name, "%d" % d["missed"], "%d" % d["wrong"], "", ""])
        rows.append(
            [
                "(%s)" % k,
                "all, idle stretches (%.1f s)" % c["idle_s"],
                "",
                "",
                _f(c["idle_wakeups_per_s"], "%.1f"),
                _f(None if c["idle_busy"] is None else 100 * c["idle_busy"], "%.3f %%"),
            ]
        )
    head = ["contender", "script", "missed", "wrong kind / extra", "idle wake-ups per s"]
    lines.append(md_table(head + ["idle CPU"], rows))
    c = per.get("c")
    if c:
        bad = sum(d["missed"] + d["wrong"] for d in c["scripts"].values())
        lng = c["kinds"].get("LONG", {})
        lines += [
            "",
            "Goals for tapblink: 0 missed and 0 wrong kind on every script: %s (%d); LONG seen "
            "at most 1 ms after press + long_ms: %s (max %s ms); no idle wake-ups: %s (%s per "
            "s, the wake-ups of the idle stretches, which have no LED)."
            % (
                "met" if bad == 0 else "MISSED",
                bad,
                "met" if lng.get("lat_max") is not None and lng["lat_max"] <= 1 else "MISSED",
                _f(lng.get("lat_max")),
                "met" if not c["wake"] else "MISSED",
                _f(c["idle_wakeups_per_s"], "%.1f"),
            ),
        ]
    return "\n".join(lines) + "\n"

"""docs/benchmark.md from the benchmark's results (bench/run.py)."""

from tabulate import tabulate

GOAL_ERR_MS = 1.0
GOAL_LAT_MS = 0.35
GOAL_WAKE_US = 200.0
GOAL_CPU_LEFT = 0.85
GOAL_CHATTER_RATIO = 0.25  # all CPU cycles per chatter edge, against (b)'s
GOAL_IRQ_RATIO = 0.25
GOAL_STORM_MS = 2.0
GOAL_FLASH = 2560  # core + binding + native flag: the C module's flash goal
GOAL_HEAP = 2048

# "No worse than today": the rows as docs/benchmark.md had them at f54abc2, before the native flag.
TODAY = {
    "rev": "f54abc2",
    "idle_cycles_per_toggle": 47862,
    "storm_blink_err_max": 0.8,
    "heap_delta": 0,
}


# The rows a debouncer that meets the physical contract (docs/contracts.md) must not make
# worse: tapblink's own, as `make bench` measured them at bc25aac (its docs/benchmark.md; the
# chatter share as bench/run.py's storm script gives it to two decimals on that UF2), and the
# flash goal that stood then. Compared at the precision the page prints.
BASELINE = {
    "rev": "bc25aac",
    "wake_us": 190,  # edge -> task wake, median (us)
    "lat_ms": 0.23,  # press -> new rate, median (ms)
    "idle_cycles_per_toggle": 31695,
    "storm_cpu_left": 91.22,  # %
    "flash": GOAL_FLASH,  # core + binding + native flag (B); 2541 B at bc25aac
}


def md_table(header, rows):
    """A markdown table (GitHub's pipe tables) from a header and rows of cells. Each cell is
    shown as str() shows it, already formatted: tabulate only lays the columns out."""
    return tabulate(
        [[str(c) for c in r] for r in rows],
        headers=[str(h) for h in header],
        tablefmt="github",
        disable_numparse=True,
    )


def _f(v, fmt="%.1f", none="n/a"):
    return none if v is None else fmt % v


def _cycles_per_edge(v):
    # Busy cycles of the storm run less those of the same program's idle run: a program that
    # takes no interrupt (the tutorial polls) lands near 0, a little either side of it. A
    # negative count is shown as what it means, not as a cost below nothing.
    if v is None:
        return "n/a"
    return "%.0f" % v if v >= 0 else "0 (no interrupt; %.0f is the idle run's own spread)" % v


def _pair(s, fmt="%.1f", a="mean", b="max"):
    return "n/a" if s is None else (fmt + " / " + fmt) % (s[a], s[b])


# goals() order; None: no paragraph (the numbers say it all).
GOAL_KEYS = [
    "err",
    None,
    "wake",
    "lat",
    "cpu_left",
    "chatter",
    None,
    "idle_cpu",
    "storm",
    "irq",
    "flash",
    None,
]


def physical_bound(d):
    """CPU share a program could leave in the storm if only its interrupts ran:
    1 - interrupt cycles per edge x edge rate / clock."""
    ic, rate = d.get("irq_cycles_per_edge"), d.get("storm_edge_rate")
    if ic is None or not rate:
        return None
    return 1.0 - ic * rate / CPU_HZ


CPU_HZ = 125_000_000


def goals(res):
    """[(goal, measured, met)] for tapblink (contender c) against the project's goals
    (the event path's and the module's)."""
    c, b = res["per"]["c"], res["per"]["b"]
    heap, flash = res["heap"], res["flash"]
    out = []
    worst = max(c["by_script"].items(), key=lambda kv: kv[1]["err_max"], default=None)
    out.append(
        (
            "interval error at most %g ms on every script (re-press and sub-ms phases "
            "included)" % GOAL_ERR_MS,
            "max %s ms (%s)"
            % (_f(worst and worst[1]["err_max"], "%.2f"), worst and worst[0] or "n/a"),
            worst is not None
            and all(v["err_max"] <= GOAL_ERR_MS for v in c["by_script"].values()),
        )
    )
    sw = c.get("switch") or {"presses": 0, "missed": 0, "extra": 0}
    out.append(
        (
            "no missed and no extra presses at any phase shift (the bouncy-switch scripts "
            "included)",
            "%d missed, %d extra of %d; bouncy switch %d missed, %d extra of %d"
            % (c["missed"], c["extra"], c["presses"], sw["missed"], sw["extra"], sw["presses"]),
            c["missed"] == 0 and c["extra"] == 0 and sw["missed"] == 0 and sw["extra"] == 0,
        )
    )
    wk, wb = c["wake_us"], b["wake_us"]
    refs = {w["key"]: w["wake_us"] for w in res.get("wake_refs", [])}
    out.append(
        (
            "edge -> task wake: median below (b)'s and at most %g us" % GOAL_WAKE_US,
            "median %s us against (b)'s %s us (max %s us); floors: native flag %s us, stock "
            "flag %s us"
            % (
                _f(wk and wk["median"], "%.0f"),
                _f(wb and wb["median"], "%.0f"),
                _f(wk and wk["max"], "%.0f"),
                _f(refs.get("floor-native") and refs["floor-native"]["median"], "%.0f"),
                _f(refs.get("floor") and refs["floor"]["median"], "%.0f"),
            ),
            wk is not None
            and wb is not None
            and wk["median"] < wb["median"]
            and wk["median"] <= GOAL_WAKE_US,
        )
    )
    lat, lb = c["lat"], b["lat"]
    out.append(
        (
            "press -> new rate: median below (b)'s and at most %g ms" % GOAL_LAT_MS,
            "median %s ms against (b)'s %s ms (max %s); 'at once' presses: median %s ms"
            % (
                _f(lat and lat["median"], "%.2f"),
                _f(lb and lb["median"], "%.2f"),
                _f(lat and lat["max"]),
                _f(c["at_once"] and c["at_once"]["median"], "%.2f"),
            ),
            lat is not None
            and lb is not None
            and lat["median"] < lb["median"]
            and lat["median"] <= GOAL_LAT_MS,
        )
    )
    left = c.get("storm_cpu_left")
    out.append(
        (
            "chatter storm: CPU share left to other tasks at least %.0f %%"
            % (100 * GOAL_CPU_LEFT),
            "%s (physical bound, 1 - interrupt cycles per edge x edge rate / clock: %s)"
            % (_f(left and 100 * left, "%.1f %%"), _f(_pct(physical_bound(c)), "%.1f %%")),
            left is not None and left >= GOAL_CPU_LEFT,
        )
    )
    ac, ab = c.get("busy_cycles_per_edge"), b.get("busy_cycles_per_edge")
    out.append(
        (
            "chatter storm: all CPU cycles per edge at most 1/4 of (b)'s",
            "%s vs %s cycles (%s)"
            % (_f(ac, "%.0f"), _f(ab, "%.0f"), _f(ac / ab if ac and ab else None, "%.3f of (b)")),
            ac is not None and ab and ac <= GOAL_CHATTER_RATIO * ab,
        )
    )
    w, t = c["idle_wakeups_per_s"], c["idle_toggles_per_s"]
    out.append(
        (
            "idle: no wake-ups beyond the LED toggles",
            "%s wake-ups/s, %s toggles/s" % (_f(w, "%.2f"), _f(t, "%.2f")),
            w is not None and t is not None and w <= t + 1e-9,
        )
    )
    cc, cb = c.get("idle_cycles_per_toggle"), b.get("idle_cycles_per_toggle")
    out.append(
        (
            "idle CPU per LED toggle below (b)'s and no worse than before the native flag "
            "(%d at %s)" % (TODAY["idle_cycles_per_toggle"], TODAY["rev"]),
            "%s vs %s cycles per toggle (CPU busy %s %% vs %s %%, %s vs %s toggles)"
            % (
                _f(cc, "%.0f"),
                _f(cb, "%.0f"),
                _f(c["idle_busy"] and 100 * c["idle_busy"], "%.3f"),
                _f(b["idle_busy"] and 100 * b["idle_busy"], "%.3f"),
                c.get("idle_toggles"),
                b.get("idle_toggles"),
            ),
            cc is not None
            and cb is not None
            and cc < cb
            and cc <= TODAY["idle_cycles_per_toggle"],
        )
    )
    se = c.get("storm_blink_err_max")
    out.append(
        (
            "chatter storm: blink half-period within %g ms and no worse than before the "
            "native flag (%g ms)" % (GOAL_STORM_MS, TODAY["storm_blink_err_max"]),
            "max error %s ms, %s phantom presses" % (_f(se), c.get("storm_phantoms")),
            se is not None and se <= min(GOAL_STORM_MS, TODAY["storm_blink_err_max"]),
        )
    )
    ic, ib = c.get("irq_cycles_per_edge"), b.get("irq_cycles_per_edge")
    out.append(
        (
            "IRQ cost per edge at most 1/4 of (b)'s",
            "%s vs %s cycles (%s)"
            % (_f(ic, "%.0f"), _f(ib, "%.0f"), _f(ic / ib if ic and ib else None, "%.4f of (b)")),
            ic is not None and ib and ic <= GOAL_IRQ_RATIO * ib,
        )
    )
    core, glue = _flash_split(flash)
    out.append(
        (
            "C module (core + binding + native flag) at most %d B of flash (.text/.rodata)"
            % GOAL_FLASH,
            "%d B (%s); shown apart, not judged: %s"
            % (
                sum(core.values()),
                ", ".join("%s %d" % kv for kv in sorted(core.items())),
                ", ".join("%s %d B" % kv for kv in sorted(glue.items())) or "none",
            ),
            sum(core.values()) <= GOAL_FLASH,
        )
    )
    d = heap["stock"] - heap["tapblink"]
    out.append(
        (
            "free heap after boot within %d B of stock and no worse than before the native flag "
            "(%+d B)" % (GOAL_HEAP, -TODAY["heap_delta"]),
            "%d B vs %d B (%+d B)" % (heap["tapblink"], heap["stock"], -d),
            d <= min(GOAL_HEAP, TODAY["heap_delta"]),
        )
    )
    return out


def baseline_rows(res):
    """[(row, at bc25aac, now, no worse)] for tapblink against BASELINE."""
    c = res["per"]["c"]
    core, _ = _flash_split(res["flash"])
    now = {
        "wake_us": c["wake_us"] and round(c["wake_us"]["median"]),
        "lat_ms": c["lat"] and round(c["lat"]["median"], 2),
        "idle_cycles_per_toggle": c.get("idle_cycles_per_toggle")
        and round(c["idle_cycles_per_toggle"]),
        "storm_cpu_left": c.get("storm_cpu_left") and round(100 * c["storm_cpu_left"], 2),
        "flash": sum(core.values()),
    }
    rows = [
        ("edge -> task wake, median", "wake_us", "%d us", False),
        ("press -> new rate, median", "lat_ms", "%.2f ms", False),
        ("idle: CPU cycles per LED toggle", "idle_cycles_per_toggle", "%d", False),
        ("chatter: CPU share left to other tasks", "storm_cpu_left", "%.2f %%", True),
        ("flash: core + binding + native flag", "flash", "%d B", False),
    ]
    out = []
    for label, key, fmt, more_is_better in rows:
        ref, v = BASELINE[key], now[key]
        ok = v is not None and (v >= ref if more_is_better else v <= ref)
        out.append((label, fmt % ref, _f(v, fmt), ok))
    return out


def baseline_table(res):
    return md_table(
        ["", "at %s" % BASELINE["rev"], "now", "no worse"],
        [[r, ref, now, "yes" if ok else "**no**"] for r, ref, now, ok in baseline_rows(res)],
    )


# The comparison in README.md ("How it compares"), between these markers: make bench
# rewrites it, so that the README never quotes a run other than the page's.
README_BEGIN = "<!-- make bench writes this table: begin -->"
README_END = "<!-- make bench writes this table: end -->"


def _ms_or_us(us):
    if us is None:
        return "n/a"
    return "%.0f ms" % (us / 1000) if us >= 10000 else "%.0f µs" % us


def readme_block(res):
    """The README's comparison: the headline rows of every contender, and the goals missed."""
    per = res["per"]
    keys = [c["key"] for c in res["contenders"]]
    c = per["c"]
    # The press scripts (the bouncy-switch family has a row of its own, the storm has none).
    n_scripts = sum(1 for s in res["scripts"] if not s["family"] and s["name"] != "storm")
    rows = []

    def row(label, fn):
        rows.append([label] + [fn(per[k]) for k in keys])

    row(
        "missed / extra of %d presses (%d scripts × %d phase shifts)"
        % (c["presses"], n_scripts, len(res["phases"])),
        lambda d: "%d / %d" % (d["missed"], d["extra"]),
    )
    row("interval error, max", lambda d: _f(d["err"] and d["err"]["max"], "%.2f ms"))
    if c.get("switch", {}).get("scripts"):
        row(
            "bouncy switches (of them): missed / extra, max error",
            lambda d: (
                "%d / %d, %s"
                % (
                    d["switch"]["missed"],
                    d["switch"]["extra"],
                    _f(d["switch"]["err_max"], "%.2f ms"),
                )
            ),
        )
    row(
        "press → LED shows the new rate, median",
        lambda d: _f(d["lat"] and d["lat"]["median"], "%.2f ms"),
    )
    row(
        "idle wake-ups per s (LED toggles per s)",
        lambda d: "%s (%s)" % (_f(d["idle_wakeups_per_s"]), _f(d["idle_toggles_per_s"])),
    )
    row("idle CPU per LED toggle", lambda d: _f(d.get("idle_cycles_per_toggle"), "%.0f cycles"))
    row("edge → task wake, median", lambda d: _ms_or_us(d["wake_us"] and d["wake_us"]["median"]))
    row(
        "10 kHz chatter: interrupt cycles per edge",
        lambda d: _f(d.get("irq_cycles_per_edge"), "%.0f", "— (polls)"),
    )
    row(
        "10 kHz chatter: CPU left to other tasks",
        lambda d: _f(d.get("storm_cpu_left") and 100 * d["storm_cpu_left"], "%.1f %%"),
    )
    row("phantom presses in 1 s of 10 kHz chatter", lambda d: d.get("storm_phantoms"))
    head = [""] + [x["name"] for x in res["contenders"]]
    missed = [goal for goal, _, ok in goals(res) if not ok]
    missed += [
        "%s no worse than at %s (%s; now %s)" % (r, BASELINE["rev"], ref, now)
        for r, ref, now, ok in baseline_rows(res)
        if not ok
    ]
    lines = [
        README_BEGIN,
        "The numbers of one `make bench` run, firmware at commit %s (every row and definition:"
        " [docs/benchmark.md](docs/benchmark.md)):" % res["firmware"],
        "",
        md_table(head, rows),
        "",
        "Goals of docs/benchmark.md that this run misses: %s."
        % ("; ".join(missed) if missed else "none"),
        README_END,
    ]
    return "\n".join(lines)


def splice_readme(text, res):
    """README text with the block between the markers replaced by this run's."""
    begin, end = text.find(README_BEGIN), text.find(README_END)
    if begin < 0 or end < begin:
        raise ValueError("README has no '%s' ... '%s' block" % (README_BEGIN, README_END))
    return text[:begin] + readme_block(res) + text[end + len(README_END) :]


def _pct(x):
    return None if x is None else 100 * x


# The flash goal names core + binding + native flag. Shown apart: the rp2 glue, and what was
# added beside them later in files of their own (the argument wording shared by every port,
# debounce_args.c; debounce.sleep_until, debounce_sleep.c and its rp2 alarms).
JUDGED_FLASH = ("debounce_core.c.o", "debounce.c.o", "debounce_flag.c.o")


def _flash_split(flash):
    """({core, binding and flag objects: B}, {the other debounce objects: B})."""
    objs = flash["objects"]
    return (
        {k: v for k, v in objs.items() if k in JUDGED_FLASH},
        {k: v for k, v in objs.items() if k not in JUDGED_FLASH},
    )


def table(res):
    per = res["per"]
    keys = [c["key"] for c in res["contenders"]]
    head = [""] + ["(%s) %s" % (c["key"], c["name"]) for c in res["contenders"]]
    rows = []

    def row(label, fn):
        rows.append([label] + [fn(per[k]) for k in keys])

    row("interval error, mean / max (ms)", lambda d: _pair(d["err"], "%.2f"))
    row(
        "missed / extra presses",
        lambda d: "%d / %d of %d" % (d["missed"], d["extra"], d["presses"]),
    )
    if any(per[k].get("switch", {}).get("scripts") for k in keys):
        row(
            "bouncy switch (every shape, every phase): missed / extra presses",
            lambda d: (
                "%d / %d of %d"
                % (d["switch"]["missed"], d["switch"]["extra"], d["switch"]["presses"])
            ),
        )
        row(
            "bouncy switch: interval error, max (ms)",
            lambda d: _f(d["switch"]["err_max"], "%.2f"),
        )
    row("press -> new rate, median / max (ms)", lambda d: _pair(d["lat"], "%.1f", "median"))
    row(
        "... presses where the new half-period was already over ('at once'), median / max (ms)",
        lambda d: _pair(d["at_once"], "%.2f", "median"),
    )
    row(
        "... presses whose rate showed / not before the next press",
        lambda d: "%d / %d" % (d["lat"]["n"] if d["lat"] else 0, d["not_shown"]),
    )
    row(
        "idle: wake-ups per s (LED toggles per s)",
        lambda d: (
            "%s (%s)" % (_f(d["idle_wakeups_per_s"], "%.2f"), _f(d["idle_toggles_per_s"], "%.2f"))
        ),
    )
    row("idle: CPU busy", lambda d: _f(d["idle_busy"] and 100 * d["idle_busy"], "%.3f %%"))
    row(
        "idle: CPU cycles per LED toggle (wake-ups per toggle)",
        lambda d: (
            "%s (%s)"
            % (
                _f(d.get("idle_cycles_per_toggle"), "%.0f"),
                _f(d.get("idle_wakeups_per_toggle"), "%.2f"),
            )
        ),
    )
    row("edge -> task wake, median / max (us)", lambda d: _pair(d["wake_us"], "%.0f", "median"))
    row("chatter: interrupt cycles per edge", lambda d: _f(d.get("irq_cycles_per_edge"), "%.0f"))
    row(
        "chatter: all CPU cycles per edge",
        lambda d: _cycles_per_edge(d.get("busy_cycles_per_edge")),
    )
    row(
        "chatter: CPU share left to other tasks",
        lambda d: _f(d.get("storm_cpu_left") and 100 * d["storm_cpu_left"], "%.1f %%"),
    )
    row(
        "... its physical bound: 1 - interrupt cycles per edge x edge rate / clock",
        lambda d: _f(_pct(physical_bound(d)), "%.1f %%"),
    )
    row(
        "chatter: blink half-period error, max (ms; set to 100 ms)",
        lambda d: _f(d.get("storm_blink_err_max"), none="no two toggles in the storm"),
    )
    row("chatter: phantom presses (1 s, 10,000 edges)", lambda d: d.get("storm_phantoms"))
    return md_table(head, rows)


def by_script(res):
    keys = [c["key"] for c in res["contenders"]]
    names = []
    for k in keys:
        for n in res["per"][k]["by_script"]:
            if n not in names:
                names.append(n)
    head = ["script"] + ["(%s) missed / extra, max error" % k for k in keys]
    rows = []
    for n in names:
        cells = []
        for k in keys:
            b = res["per"][k]["by_script"].get(n)
            cells.append(
                "n/a"
                if b is None
                else "%d / %d of %d, %.1f ms"
                % (b["missed"], b["extra"], b["presses"], b["err_max"])
            )
        rows.append([n] + cells)
    return md_table(head, rows)


def upstream_row(up):
    """MicroPython's own tests passed on each UF2 in rp2040js (tools/upstream_tests.py): the
    firmware-wide table's row, as cells."""
    what = "MicroPython's own tests passed on the firmware (run-tests.py in rp2040js, "
    targets = (up or {}).get("targets", {})
    tap, stock = targets.get("firmware-tapblink"), targets.get("firmware-stock")
    if not (tap and stock):
        return [what + "`make test-upstream`)", "not run", "not run", ""]

    def cell(t):
        run = t["upstream_passed"] + t["upstream_failed"]
        return "%d of %d run (%d skipped)" % (t["upstream_passed"], run, t["upstream_skipped"])

    return [
        "%s`make test-upstream` at %s)" % (what, up.get("commit", "?")),
        cell(tap),
        cell(stock),
        "%+d passed" % (tap["upstream_passed"] - stock["upstream_passed"]),
    ]


def markdown(res, png_name="benchmark.png"):
    g = goals(res)
    heap, flash = res["heap"], res["flash"]
    lines = []
    add = lines.append
    add("# Benchmark: what tapblink's C module buys")
    add("")
    add(
        "Generated by `make bench` (`bench/run.py`%s); do not edit by hand. Firmware: "
        "`build/tapblink.uf2` at %s; %d emulator runs, %.0f s wall."
        % (" --quick" if res["quick"] else "", res["firmware"], res["runs"], res["wall_s"])
    )
    add("")
    add(
        "Five programs run on the same tapblink UF2 in rp2040js (tests/emulator/), every run a "
        "fresh power-on, the button driven by the same scripts at exact simulated times (the "
        "emulator's clock is the ground truth: no wall-clock noise, every number repeats)."
    )
    add("")
    for c in res["contenders"]:
        add("- **(%s) %s**: %s." % (c["key"], c["name"], c["about"]))
    add("")
    add("![timeline](%s)" % png_name)
    add("")
    add("## Results")
    add("")
    add(table(res))
    add("")
    add("Edge -> task wake, reference points (same probe, same script):")
    add("")
    for w in res.get("wake_refs", []):
        add(
            "- %s: median %s us, max %s us"
            % (
                w["name"],
                _f(w["wake_us"] and w["wake_us"]["median"], "%.0f"),
                _f(w["wake_us"] and w["wake_us"]["max"], "%.0f"),
            )
        )
    add("")
    for w in res.get("irq_refs", []):
        add(
            "Chatter, reference point: %s: %s interrupt cycles and %s CPU cycles in all per "
            "edge, %s of the CPU left to other tasks."
            % (
                w["name"],
                _f(w["irq_cycles_per_edge"], "%.0f"),
                _f(w.get("busy_cycles_per_edge"), "%.0f"),
                _f(w.get("storm_cpu_left") and 100 * w["storm_cpu_left"], "%.1f %%"),
            )
        )
        add("")
    add("Firmware-wide (not per program):")
    add("")
    add(
        md_table(
            ["", "tapblink", "stock RPI_PICO", "difference"],
            [
                _firmware_row("free heap after boot (`gc.mem_free()`)", heap, "tapblink", "stock"),
                _firmware_row("flash used (UF2 payload)", flash, "tapblink_uf2", "stock_uf2"),
                upstream_row(res.get("upstream")),
                [
                    "debounce objects (.text + .rodata, build/tapblink.map)",
                    ", ".join("%s %d B" % kv for kv in sorted(flash["objects"].items())),
                    "",
                    "",
                ],
            ],
        )
    )
    add("")
    add(
        "Per script (all phase shifts together; the bouncy-switch family, one script per "
        "bounce shape, is the `switch: ...` rows):"
    )
    add("")
    add(by_script(res))
    add("")
    add("## tapblink against its goals")
    add("")
    add(
        "The rows a debouncer that meets the physical contract must not make worse, against "
        "%s:" % BASELINE["rev"]
    )
    add("")
    add(baseline_table(res))
    add("")
    add("The benchmark's own goals:")
    add("")
    add(
        md_table(
            ["goal", "measured", "met"],
            [[goal, measured, "yes" if ok else "**no**"] for goal, measured, ok in g],
        )
    )
    add("")
    values = _findings_values(res)
    add(FINDINGS.format(**values))
    missed = [MISSES[k].format(**values) for k, (_, _, ok) in zip(GOAL_KEYS, g) if not ok and k]
    if missed:
        add("## Where tapblink misses a goal, and why")
        add("")
        add("".join(missed))
    add("")
    add(SCRIPTS_HEAD)
    for s in res["scripts"]:
        add("- **%s** (%d presses): %s." % (s["name"], s["presses"], s["about"]))
    add("")
    add(
        "Every press script runs once per phase shift of %s ms (the whole script moved later "
        "by that much against the program's start, so a polling loop meets each press at a "
        "different point of its 40 ms cycle). The chatter script and the wake-up probe run "
        "once." % ", ".join(str(p) for p in res["phases"])
    )
    add("")
    if res.get("gestures"):
        from bench import gesturebench

        add(gesturebench.markdown(res["gestures"]))
    add(DEFINITIONS)
    return "\n".join(lines) + "\n"


def _firmware_row(label, d, ours, stock):
    """A firmware-wide row: tapblink's bytes, stock's, and the difference."""
    return [label, "%d B" % d[ours], "%d B" % d[stock], "%+d B" % (d[ours] - d[stock])]


def _findings_values(res):
    per = res["per"]
    a, b, c = per["a"], per["b"], per["c"]
    refs = {w["key"]: w["wake_us"] for w in res.get("wake_refs", [])}
    irq_ref = {w["key"]: w for w in res.get("irq_refs", [])}.get("irq-pass") or {}
    irq_pass = irq_ref.get("irq_cycles_per_edge")
    worst = max(c["by_script"].items(), key=lambda kv: kv[1]["err_max"], default=(None, {}))
    med = lambda s, f="%.0f": _f(s and s["median"], f)  # noqa: E731
    sw = {k: d.get("switch") or {} for k, d in per.items()}
    return {
        "sw_n": sw["c"].get("presses", 0),
        "c_sw_missed": sw["c"].get("missed"),
        "c_sw_extra": sw["c"].get("extra"),
        "c_sw_err": _f(sw["c"].get("err_max"), "%.2f"),
        "others_sw": "; ".join(
            "(%s) %s / %s / %s ms"
            % (k, v.get("missed"), v.get("extra"), _f(v.get("err_max"), "%.1f"))
            for k, v in sorted(sw.items())
            if k != "c"
        ),
        "n": c["presses"],
        "phases": len(res["phases"]),
        "a_missed": a["missed"],
        "a_extra": a["extra"],
        "a_err_mean": _f(a["err"] and a["err"]["mean"]),
        "a_err_max": _f(a["err"] and a["err"]["max"], "%.0f"),
        "a_wake": _f(a["idle_wakeups_per_s"]),
        "c_err_max": _f(c["err"] and c["err"]["max"], "%.2f"),
        "b_err_max": _f(b["err"] and b["err"]["max"], "%.2f"),
        "c_lat": med(c["lat"], "%.2f"),
        "b_lat": med(b["lat"], "%.2f"),
        "c_once": med(c["at_once"], "%.2f"),
        "b_once": med(b["at_once"], "%.2f"),
        "c_wake": med(c["wake_us"]),
        "a_shown": a["lat"]["n"] if a["lat"] else 0,
        "b_lines": res.get("b_lines", "about 100"),
        "a_not_shown": a["not_shown"],
        "b_wake": med(b["wake_us"]),
        "flag_wake": med(refs.get("c-flag")),
        "floor_wake": med(refs.get("floor")),
        "native_wake": med(refs.get("floor-native")),
        "c_native_over": _diff(c["wake_us"], refs.get("floor-native")),
        "c_flag_over": _diff(refs.get("c-flag"), refs.get("floor-native")),
        "worst_script": worst[0],
        "worst_err": _f(worst[1].get("err_max"), "%.2f"),
        "c_left": _f(c.get("storm_cpu_left") and 100 * c["storm_cpu_left"], "%.1f"),
        "b_left": _f(b.get("storm_cpu_left") and 100 * b["storm_cpu_left"], "%.1f"),
        "c_bound": _f(_pct(physical_bound(c)), "%.1f"),
        "c_wake_cost": _f(
            c.get("busy_cycles_per_edge") - c["irq_cycles_per_edge"]
            if c.get("busy_cycles_per_edge") and c.get("irq_cycles_per_edge")
            else None,
            "%.0f",
        ),
        "pass_all": _f(irq_ref.get("busy_cycles_per_edge"), "%.0f"),
        "wake_share": _f(
            (c["busy_cycles_per_edge"] - c["irq_cycles_per_edge"])
            * c["storm_edge_rate"]
            / CPU_HZ
            * 100
            if c.get("busy_cycles_per_edge") and c.get("storm_edge_rate")
            else None,
            "%.1f",
        ),
        "pass_left": _f(irq_ref.get("storm_cpu_left") and 100 * irq_ref["storm_cpu_left"], "%.1f"),
        "chatter_goal": _f(
            b.get("busy_cycles_per_edge") and GOAL_CHATTER_RATIO * b["busy_cycles_per_edge"],
            "%.0f",
        ),
        "chatter_ratio": _f(
            c["busy_cycles_per_edge"] / b["busy_cycles_per_edge"]
            if c.get("busy_cycles_per_edge") and b.get("busy_cycles_per_edge")
            else None,
            "%.3f",
        ),
        "c_idle": _f(c["idle_busy"] and 100 * c["idle_busy"], "%.3f"),
        "b_idle": _f(b["idle_busy"] and 100 * b["idle_busy"], "%.3f"),
        "c_irq": _f(c.get("irq_cycles_per_edge"), "%.0f"),
        "b_irq": _f(b.get("irq_cycles_per_edge"), "%.0f"),
        "irq_ratio": _f(
            c.get("irq_cycles_per_edge") / b["irq_cycles_per_edge"]
            if b.get("irq_cycles_per_edge")
            else None,
            "%.4f",
        ),
        "c_all": _f(c.get("busy_cycles_per_edge"), "%.0f"),
        "b_all": _f(b.get("busy_cycles_per_edge"), "%.0f"),
        "c_phantom": c.get("storm_phantoms"),
        "c_storm_err": _f(c.get("storm_blink_err_max")),
        "b_storm_err": _f(b.get("storm_blink_err_max")),
        "c_module": res["flash"]["module"],
        "c_core_binding": sum(_flash_split(res["flash"])[0].values()),
        "c_glue": sum(_flash_split(res["flash"])[1].values()),
        "b_phantom": b.get("storm_phantoms"),
        "quiet": 20,
        "c_wpt": _f(c.get("idle_wakeups_per_toggle"), "%.2f"),
        "b_wpt": _f(b.get("idle_wakeups_per_toggle"), "%.2f"),
        "c_cpt": _f(c.get("idle_cycles_per_toggle"), "%.0f"),
        "b_cpt": _f(b.get("idle_cycles_per_toggle"), "%.0f"),
        "idle_cmp": _cmp(c.get("idle_cycles_per_toggle"), b.get("idle_cycles_per_toggle")),
        "c_over": _diff(c["wake_us"], refs.get("floor")),
        "b_over": _diff(b["wake_us"], refs.get("floor")),
        "c_buttons": _diff(c["wake_us"], refs.get("c-flag")),
        "pass_irq": _f(irq_pass, "%.0f"),
        "b_own": _f(irq_pass and b.get("irq_cycles_per_edge") - irq_pass, "%.0f"),
        "pass_cmp": (
            "n/a."
            if irq_pass is None or not c.get("irq_cycles_per_edge")
            else "more than tapblink's\n  whole path (its C handler costs less than an empty "
            "Python function)."
            if irq_pass >= c["irq_cycles_per_edge"]
            else "tapblink's C module\n  adds about %.0f cycles to it."
            % (c["irq_cycles_per_edge"] - irq_pass)
        ),
        "irq_verdict": (
            "To reach the line\n  tapblink would have to shed %.0f cycles per edge, in "
            "its C module or in\n  machine.Pin's dispatch of it."
            % (c["irq_cycles_per_edge"] - GOAL_IRQ_RATIO * b["irq_cycles_per_edge"])
            if c.get("irq_cycles_per_edge") and b.get("irq_cycles_per_edge")
            else ""
        ),
        "irq_goal": _f(
            b.get("irq_cycles_per_edge") and GOAL_IRQ_RATIO * b["irq_cycles_per_edge"], "%.0f"
        ),
    }


def _diff(x, ref):
    """Median of x minus median of ref, us ('n/a' if either is missing)."""
    return _f(x["median"] - ref["median"] if x and ref else None, "%.0f")


def _cmp(c, b):
    if c is None or b is None:
        return "unmeasured"
    pct = 100.0 * (c - b) / b
    if abs(pct) < 0.5:
        return "the same"
    return "%.0f %% %s" % (abs(pct), "less" if pct < 0 else "more")


FINDINGS = """## What the numbers say

- **Presses**: over {n} scripted presses ({phases} phase shifts of every script, five of them
  sub-millisecond) tapblink missed none, added none and measured every interval within
  {c_err_max} ms (the ticks_ms quantum), the re-press script included: a press that begins
  inside the release's window, or whose bounce runs past its end, is stamped with its first
  edge. The tutorial missed {a_missed} and added {a_extra}; its intervals are off by
  {a_err_mean} ms on average and up to {a_err_max} ms. The careful Python IRQ code (b):
  max error {b_err_max} ms.
- **Bouncy switch** ({sw_n} presses of switches with every bounce shape of
  tests/bounce_traces.py, half of them re-pressed 2-40 ms after the release settled, at
  {phases} phase shifts): tapblink missed {c_sw_missed}, added {c_sw_extra}, max interval error
  {c_sw_err} ms. The others, missed / extra / max error: {others_sw}. A debouncer that waits
  for its own quiet interval before it accepts a release (chumicro-buttons' 10 ms settle,
  adafruit's 10 ms interval) loses a re-press that comes sooner; one that polls stamps a
  press when it sees it, not at its first edge.
- **Rate**: tapblink and (b) follow the same LED rule (the press is the beat: toggle at the
  press unless the LED toggled at most min(old, new) // 4 ms before it, and count the new
  half-period from the press's IRQ stamp), and both toggle in the task the press wakes.
  Press -> new rate: tapblink median {c_lat} ms, (b) {b_lat} ms; 'at once' presses
  {c_once} against {b_once} ms.
- **Wake-up**: a task awaiting tapblink's `buttons` wakes {c_wake} us after the edge, (b)'s
  {b_wake} us; a task awaiting a debounce.Flag set by a bare Pin.irq wakes after
  {native_wake} us (a stock ThreadSafeFlag: {floor_wake} us), the C module's flag awaited
  directly after {flag_wake} us.
- **Idle**: tapblink and (b) wake only for the LED's toggles ({c_wpt} and {b_wpt} wake-ups
  per toggle) and spend {c_cpt} and {b_cpt} CPU cycles per toggle ({idle_cmp}); the tutorial
  wakes {a_wake} times a second to poll.
- **Chatter** (10,000 edges in 1 s): tapblink {c_phantom} phantom presses and a blink error of
  {c_storm_err} ms, (b) {b_phantom} and {b_storm_err} ms. tapblink leaves {c_left} % of the
  CPU to other tasks ((b): {b_left} %), {c_all} CPU cycles per edge all counted against (b)'s
  {b_all}: its flag's poll is C (debounce.Flag), so the wake-ups of the storm run no Python.
- So against the tutorial, tapblink buys correctness: no lost presses, exact intervals, no
  polling. Against the best Python we could write ({b_lines} lines of interrupt code whose
  every detail matters) it is as exact from one line, at {irq_ratio} of its interrupt cost
  and {chatter_ratio} of its CPU per chatter edge.

"""

# One paragraph per goal tapblink can miss, shown only when it is missed.
MISSES = {
    "err": """\
- **Interval error** (max {worst_err} ms, script {worst_script}): see the per-script table.
""",
    "wake": """\
- **Edge -> task wake** ({c_wake} us median; (b) {b_wake} us). What sets the floor is one
  asyncio wake-up: the measured reference, a bare hard Pin.irq that only sets a debounce.Flag
  and a task awaiting it, takes {native_wake} us (with a stock ThreadSafeFlag {floor_wake} us):
  the IRQ, the core leaving WFE, `select.poll` returning the flag, asyncio's IOQueue handing
  the task to the run queue (Python in extmod/asyncio/core.py) and the task resuming. No
  program on this firmware wakes an asyncio task sooner; the 200 us goal is below that floor.
  The C module's flag awaited directly is {c_flag_over} us above it (debounce, two timer reads,
  the ring); tapblink's demo {c_native_over} us above it, the `buttons` layer (the waiting call
  drains the ring with get_into, leaves the waiter list and returns through the `presses()`
  iterator).
""",
    "lat": """\
- **Press -> new rate** (median {c_lat} ms; (b): {b_lat} ms). The LED toggles in the button
  task, in the round the press wakes it: the wake-up above plus the interval, the LED rule and
  the pin write in Python.
""",
    "cpu_left": """\
- **Chatter CPU share** ({c_left} % left; goal 85 %). The physical bound from tapblink's
  interrupts alone is {c_bound} %; the rest is the main loop waking from WFE on every edge
  (each interrupt ends a WFE) and going back to sleep: {c_wake_cost} cycles per edge, in C
  (select.poll asks the debounce.Flag in C; rp2's wait with a timeout re-arms a pico-sdk
  alarm on every wake). At 10 kHz that wake-up alone takes {wake_share} % of the CPU, on top of
  any interrupt. The reference point, a hard Pin.irq on both edges with a Python handler that
  does nothing while the loop sleeps the same way, leaves {pass_left} % ({pass_all} cycles per
  edge).
""",
    "chatter": """\
- **Chatter CPU per edge** ({c_all} cycles, {chatter_ratio} of (b)'s {b_all}; the 1/4 line is
  {chatter_goal}). The line is below the interrupt dispatch alone: machine.Pin's hard-IRQ
  path into an empty Python handler costs {pass_irq} interrupt cycles per edge and
  {pass_all} in all with the loop's wake-up (reference point above); tapblink's whole
  interrupt is {c_irq} cycles and its wake-up {c_wake_cost}.
""",
    "idle_cpu": """\
- **Idle CPU** ({c_cpt} cycles per LED toggle against (b)'s {b_cpt}, both {c_wpt} wake-ups
  per toggle): the difference is the Python each blink loop runs per toggle.
""",
    "irq": """\
- **Interrupt cost per edge** ({c_irq} cycles, {irq_ratio} of (b)'s {b_irq}; the 1/4 line
  is {irq_goal}). tapblink's edge path is machine.Pin's shared GPIO handler and its hard-IRQ
  dispatch (`mp_irq_handler`: scheduler and GC locks, an nlr frame, a call through a
  bound-method object), then the C module. The reference point, the same dispatch into a
  Python handler that does nothing, costs {pass_irq} cycles per edge: {pass_cmp} (b)'s
  handler body costs about {b_own} cycles on top of that reference. {irq_verdict} Before
  the native flag (f54abc2) the path cost 1158 cycles: tracking the first edge of each burst
  and the level each IRQ read, which the exact stamps need, costs the difference.
""",
    "storm": """\
- **Chatter storm** (blink error {c_storm_err} ms, {c_phantom} phantom presses; (b):
  {b_storm_err} ms, {b_phantom}). See "Chatter" above for where the cycles go.
""",
    "flash": """\
- **Flash** (core + binding + flag {c_core_binding} B; the rp2 glue, the argument wording
  and the exact sleep, shown apart and not judged, {c_glue} B): the binding's argument
  checking is most of it.
""",
}

SCRIPTS_HEAD = """## Scripts

Presses are scripted on GP15 (pulled up; 0 = pressed) from 300 ms after the program's first
LED change. A press's time is the first edge of the contact closing (what a user would call
the moment of the press); bounce flips come after it."""

DEFINITIONS = """## How each number is measured

All times are the emulator's simulated time (exact, ns resolution); CPU cycles are counted
at 125 MHz by the emulator (`stats()`: `busy_cycles` executing, `handler_cycles` the part in
exception handlers, `wakeups` the times the core left WFI/WFE). rp2040js does not model flash
wait states, so Python runs faster here than on a real board: compare ratios between the
contenders, not absolute speeds.

- **Detection**: each program prints the interval between two presses it detected (a bare
  integer line), as the tutorial does. A detection's time is when that line reached the USB
  host; the press that only starts the clock prints nothing, its time is taken as (first
  line's time - first interval). A detection belongs to the latest scripted press whose
  first edge is at or before it (1 ms slack for that estimate).
- **Missed / extra presses**: a scripted press with no detection is missed; every further
  detection of the same press, and any before the first press, is extra.
- **Interval error**: for each first detection of press j >= 1: |printed interval - (press j
  - press j-1)|, the interval the user tapped, whatever the program detected in between (a
  missed press shows as a large error of the next one).
- **Bouncy switch**: the scripts named `switch: <shape>`, one per bounce shape of
  tests/bounce_traces.py (none, us_pulses, even_ringing, growing_gaps, late_chatter: the
  shapes of Ganssle's switch measurements), built from its `repress_trace` units: a press,
  its release, a re-press 2-40 ms after the release's bounce ended (spread evenly over that
  range), its release; 0-15 ms of bounce on every change, times to the microsecond. Only
  units the generator labels in contract are kept (the contract is docs/contracts.md,
  "Debounce semantics"). The truth of each press is the first edge the generator placed
  (its X); missed, extra and interval error are counted as for the other scripts, and shown
  per shape and in total. Their rows are apart from the table's other press rows (interval
  error, missed / extra, press -> new rate), which stay over the other scripts.
- **Press -> new rate**: the tapped half-period h = min(press j - press j-1, 2000 ms), for
  every press j >= 1 the program detected. The new rate shows at the first LED toggle at or
  after press j - 1 ms (the press's own tick: a beat toggle in the millisecond of a tap made
  on the beat is the tap's, by the demo's collision rule) and before press j+1 - 1 ms (the
  next press's tick) that is h (+-2 ms) after the toggle before it (the running half-period
  was re-timed to h) or h before the toggle after it (a sequence of h-long half-periods
  starts there). Latency = that toggle - press j (0 for a toggle before it). "Not shown":
  press j+1 came first (no program can show a half-period longer than the time to the next
  tap), or the LED never blinked at the tapped rate (a program whose interval is off by more
  than 2 ms never shows it). Both tapblink and (b) toggle at the press (unless the LED
  toggled at most min(old, new) // 4 ms before it), so their latency is mostly the press ->
  LED reaction time. "At once": the presses where the last toggle before the press is at
  least h old (the collision rule can't apply); their latency is that reaction time alone.
- **Idle**: scripted stretches with no presses ("idle" script: 1 s after the last press of a
  group until 100 ms before the next). The window measured is placed inside each stretch
  so that it starts and ends half-way between two LED toggles and spans whole half-periods
  (the half-period: the LED's last one before the stretch), so every toggle in it is
  counted once and no toggle's wake-up straddles an edge of the window; an extra or missing
  toggle at a window edge can't decide a comparison. Wake-ups per second = core exits from
  WFI/WFE per simulated second, next to the LED toggles per second in the same window (each
  toggle needs one). CPU busy = busy cycles / (125 MHz x seconds). Per LED toggle = busy
  cycles (wake-ups) in the windows / toggles in them: the cost of one toggle, whatever the
  blink rate; the idle-CPU goal is judged on it.
- **Edge -> task wake**: a probe run per program (the "bouncy" script, phase 0) with one
  extra line that toggles GP2 where the program's press-handling task resumes with a press:
  after `wait_button()` in the tutorial, after `flag.wait()` in (b), in a wrapper around
  `buttons`' `presses()` iterator in tapblink (one coroutine frame more). Latency = GP2 edge
  - the press's first edge.
- **Chatter storm**: three taps 100 ms apart, 1 s calm (the reference window), two more
  taps, then on the next beat 1 s of a level change every 100 us (10,000 edges; the first
  one is a press on the beat, so the right half-period stays 100 ms). Interrupt cycles per
  edge = (handler cycles in the storm - in the reference second) / edges; all CPU cycles
  per edge likewise with busy cycles (interrupts, the woken main loop, any task the storm
  wakes). The reference point runs the same script with a hard machine.Pin IRQ on both edges
  whose Python handler does nothing: the dispatch every Pin.irq handler pays, tapblink's C
  one included. CPU share left = 1 - busy fraction during the storm. Blink error = largest
  |gap between LED toggles - 100 ms| for toggles inside the storm. Phantom presses = extra
  presses of the whole chatter run (almost all of them are detections of the storm's
  first press).
- **Free heap**: `gc.collect(); gc.mem_free()` at a fresh REPL after power-on (tapblink:
  with a filesystem holding no /main.py, so nothing but the firmware is loaded).
- **Flash**: UF2 payload bytes of each firmware; the C module's .text/.rodata from the
  linker map (objects whose name contains "debounce"; qstr text not counted). The goal is on
  the event path's own code, "core + binding + native flag": debounce_core.c.o + debounce.c.o
  + debounce_flag.c.o. Shown apart and not counted against it: the rp2 glue
  (debounce_port_rp2.c.o: pin lookup, IRQ and alarm hookup, the tick cache), and the files
  added beside the three later (debounce_args.c.o, the argument wording shared by every
  port; debounce_sleep.c.o and debounce_alarm_rp2.c.o, `debounce.sleep_until`, the
  exact-time sleep).
- **Physical bound** of the chatter CPU share: 1 - interrupt cycles per edge x edges per
  second / 125 MHz, what would be left if only the interrupts ran.
"""


def console_summary(res):
    out = [table(res), ""]
    for goal, measured, ok in goals(res):
        out.append("%-4s %s: %s" % ("ok" if ok else "MISS", goal, measured))
    return "\n".join(out)

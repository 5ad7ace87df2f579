"""The benchmark (bench/run.py), reduced: one short bouncy script and one short bouncy-switch
script (tests/bounce_traces.py), all five contenders, on
the real UF2 in rp2040js. Checks that every metric is computed and what emulator time lets
us assert exactly: tapblink misses no press, adds none, and measures intervals within 1 ms.
Skips (with the reason) when the UF2, the stock firmware or the emulator can't be had."""

import json

import pytest

from tests.bench.markdown import table
from tests.emulator.harness import Emulator, Missing


@pytest.fixture(scope="module")
def results(firmware_uf2, stock_firmware, tmp_path_factory):
    try:
        Emulator().close()
    except Missing as exc:
        pytest.skip("emulator: %s" % exc)
    from bench import run

    out = tmp_path_factory.mktemp("bench")
    run.main(
        [
            "--quick",
            "--uf2",
            str(firmware_uf2),
            "--stock",
            str(stock_firmware),
            "--md",
            str(out / "benchmark.md"),
            "--png",
            str(out / "benchmark.png"),
            "--json",
            str(out / "results.json"),
        ]
    )
    res = json.loads((out / "results.json").read_text())
    res["_out"] = out
    return res


PER_CONTENDER = [
    "err",
    "lat",
    "at_once",
    "idle_wakeups_per_s",
    "idle_toggles_per_s",
    "idle_busy",
    "idle_toggles",
    "idle_wakeups_per_toggle",
    "idle_cycles_per_toggle",
    "idle_edge_gap_ms",
    "wake_us",
    "irq_cycles_per_edge",
    "busy_cycles_per_edge",
    "storm_cpu_left",
    "storm_phantoms",
]


def test_every_metric_is_computed_for_every_contender(results):
    assert [c["key"] for c in results["contenders"]] == ["a", "b", "c", "d", "e"]
    for key, d in results["per"].items():
        missing = [m for m in PER_CONTENDER if m not in d]
        assert not missing, (key, missing)
        assert d["presses"] > 0
        for m in ("err", "wake_us"):
            assert d[m] is not None and d[m]["n"] > 0, (key, m, d[m])
        assert d["idle_s"] > 1.0 and d["idle_wakeups_per_s"] is not None
    # The interrupt-driven contenders took their storm in interrupt handlers; the polling
    # tutorial has none to take.
    assert results["per"]["b"]["irq_cycles_per_edge"] > 100
    assert results["per"]["c"]["irq_cycles_per_edge"] > 100
    assert abs(results["per"]["a"]["irq_cycles_per_edge"]) < 50
    assert results["heap"]["tapblink"] > 100_000 and results["heap"]["stock"] > 100_000
    f = results["flash"]
    assert f["tapblink_uf2"] > f["stock_uf2"] > 0
    assert {"debounce_core.c.o", "debounce.c.o"} <= set(f["objects"])


def test_tapblink_misses_nothing_and_measures_exactly(results):
    c = results["per"]["c"]
    assert (c["missed"], c["extra"]) == (0, 0), c["by_script"]
    assert c["err"]["max"] <= 1.0, c["err"]
    # The bouncy-switch script too: every press placed by the generator, at its first edge.
    sw = c["switch"]
    assert sw["scripts"] == 1 and sw["presses"] == 4, sw
    assert (sw["missed"], sw["extra"]) == (0, 0) and sw["err_max"] <= 1.0, sw
    # No wake-ups while idle beyond the LED's own toggles.
    assert c["idle_wakeups_per_s"] <= c["idle_toggles_per_s"] + 1e-9


def test_idle_windows_are_off_beat(results):
    # The idle window starts and ends half-way between LED toggles (the quick script's last
    # tapped half-period is 150-400 ms): no toggle within 20 ms of either edge, and each
    # interrupt-driven contender wakes at most once per toggle in it.
    for key in ("b", "c"):
        d = results["per"][key]
        assert d["idle_edge_gap_ms"] is not None and d["idle_edge_gap_ms"] > 20, (key, d)
        assert d["idle_toggles"] > 0
        assert 0 < d["idle_wakeups_per_toggle"] <= 1.0 + 1e-9, (key, d)


def test_python_contender_follows_the_demos_led_rule(results):
    # (b) toggles at the press, as the demo does: where the old half-period was over, the LED
    # shows the new rate within a few ms of the press, not up to a half-period later.
    for key in ("b", "c"):
        once = results["per"][key]["at_once"]
        assert once is not None and once["max"] < 5.0, (key, once)


def test_interrupt_dispatch_reference_is_measured(results):
    refs = {w["key"]: w["irq_cycles_per_edge"] for w in results["irq_refs"]}
    assert refs["irq-pass"] > 100
    assert refs["irq-pass"] < results["per"]["b"]["irq_cycles_per_edge"]


def test_polling_tutorial_is_measurably_worse(results):
    a, c = results["per"]["a"], results["per"]["c"]
    assert a["err"]["mean"] > 5 * max(c["err"]["mean"], 0.1)
    assert a["idle_wakeups_per_s"] > 20  # one poll every 40 ms
    assert a["wake_us"]["median"] > 1000


def test_gestures_section(results):
    # Quick mode: 3 clicks, 3 doubles, 3 long presses (0.4 and 3 s among them), 2 holds with
    # repeat, bounce on the edges. tapblink reports every gesture, of the right kind, and
    # nothing wakes while idle; chumicro-buttons (d) keeps its row whatever it scores.
    g = results["gestures"]
    assert set(g["per"]) == {"c", "d"}
    c = g["per"]["c"]
    assert set(c["scripts"]) == {"clicks", "doubles", "longs", "repeat"}
    for name, d in c["scripts"].items():
        assert d["expected"] > 0 and (d["missed"], d["wrong"]) == (0, 0), (name, d)
    for kind in ("CLICK", "DOUBLE", "LONG", "REPEAT", "LONG_RELEASE"):
        k = c["kinds"][kind]
        assert k["detected"] == k["expected"] > 0, (kind, k)
        # Seen after it was decided (the stamps' deadline or edge), and not long after: a
        # stated bound, 10x what was measured (1-3 ms), far below any poll period.
        assert 0 <= k["lat_median"] and k["lat_max"] < 30, (kind, k)
    assert c["idle_s"] > 5 and c["wake"] == 0, c
    d = g["per"]["d"]
    assert sum(k["expected"] for k in d["kinds"].values()) == sum(
        k["expected"] for k in c["kinds"].values()
    )
    assert d["idle_wakeups_per_s"] > 50, "it polls check(now) every 10 ms"


def test_report_and_plot_written(results):
    md = (results["_out"] / "benchmark.md").read_text()
    # The results table: one column per contender, a value in every cell, and the cells
    # say what results.json says.
    header, rows = table(md, "")
    names = ["(%s) %s" % (c["key"], c["name"]) for c in results["contenders"]]
    assert header[1:] == names and "(e) adafruit-circuitpython-debouncer 2.0.15" in names
    assert all(len(r) == len(header) and all(r) for r in rows), rows
    by_label = {r[0]: r[1:] for r in rows}
    assert by_label["missed / extra presses"] == [
        "%d / %d of %d" % (d["missed"], d["extra"], d["presses"])
        for d in (results["per"][c["key"]] for c in results["contenders"])
    ]
    assert "interval error, mean / max (ms)" in by_label
    _, scripts = table(md, "script")
    assert "switch: growing_gaps" in [r[0] for r in scripts]
    _, goals = table(md, "goal")
    assert goals and all(r[2] in ("yes", "**no**") for r in goals), goals
    assert "## How each number is measured" in md
    assert "## Gestures" in md and "(d) chumicro-buttons 0.1.2" in md
    png = results["_out"] / "benchmark.png"
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return  # the report says how to get the plot
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_readme_table_is_this_runs(results):
    # The README's comparison is rewritten between its markers by a full run; the quick run's
    # results stand in for one here. What is outside the markers stays byte for byte.
    from bench import report
    from tests.core.core_native import ROOT

    readme = (ROOT / "README.md").read_text()
    assert readme.count(report.README_BEGIN) == 1 and readme.count(report.README_END) == 1
    spliced = report.splice_readme(readme, results)
    head = readme[: readme.index(report.README_BEGIN)]
    tail = readme[readme.index(report.README_END) :]
    assert spliced.startswith(head) and spliced.endswith(tail.split(report.README_END, 1)[1])
    block = spliced[len(head) : len(spliced) - len(tail) + len(report.README_END)]
    assert results["firmware"] in block
    header, rows = table(block, "")
    assert header[1:] == [c["name"] for c in results["contenders"]]
    by_label = {r[0]: r[1:] for r in rows}
    wake = results["per"]["c"]["wake_us"]["median"]
    assert by_label["edge → task wake, median"][2] == "%.0f µs" % wake
    # Idempotent: a second run replaces the block, it does not add one.
    again = report.splice_readme(spliced, results)
    assert again == spliced
    with pytest.raises(ValueError, match="README has no"):
        report.splice_readme("# no markers here\n", results)


def test_rows_against_bc25aac_say_what_they_compare(results):
    from bench import report

    rows = report.baseline_rows(results)
    assert [r[0] for r in rows][:2] == ["edge -> task wake, median", "press -> new rate, median"]
    c = results["per"]["c"]
    wake = round(c["wake_us"]["median"])
    assert rows[0][2] == "%d us" % wake
    assert rows[0][3] == (wake <= report.BASELINE["wake_us"])
    core, _ = report._flash_split(results["flash"])
    assert rows[-1][3] == (sum(core.values()) <= report.GOAL_FLASH)
    _, table_rows = table(report.baseline_table(results), "")
    assert [r[3] for r in table_rows] == ["yes" if r[3] else "**no**" for r in rows]

"""The tapblink demo on the fakes: the shared cases in tests/cases/demo/, and the rest.

Every case runs twice: from virtual time 0 and with ticks_ms wrapping 2**30
in the middle of it. Times are checked exactly (the virtual clock has no
latency); see tests/cases/README.md for the case format.
"""

import contextlib
import io
import json
import runpy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fakes import install

CASES = Path(__file__).resolve().parents[1] / "cases"
TUTORIAL = Path(__file__).resolve().parents[2] / "bench" / "contenders" / "tutorial.py"
DEMO_CASES = sorted((CASES / "demo").glob("*.json"))


def load(path):
    return json.loads(path.read_text())


def run_case(sim, case, capsys):
    """Run tapblink.run() through a case; return (lines, led changes), times relative to t0."""
    import tapblink

    t0_us = sim.clock.now_us
    t0_ms = t0_us // 1000
    sim.board.script("BUTTON", case["button"], t0_ms=t0_ms)
    sim.ctrl_c_at(t0_ms + case["end_ms"])
    capsys.readouterr()
    tapblink.run(**case["params"])
    lines = capsys.readouterr().out.splitlines()
    history = sim.board.history("LED")
    assert history and history[0] == (t0_us, 1), "t0 is the demo's first LED change (on)"
    end_us = t0_us + case["end_ms"] * 1000
    led = [[(t - t0_us) / 1000, level] for t, level in history if t < end_us]
    after = [level for t, level in history if t >= end_us]
    return lines, led, after


@pytest.mark.parametrize("start_ms", [0, (1 << 30) - 1000], ids=["t0", "across_wrap"])
@pytest.mark.parametrize("path", DEMO_CASES, ids=[p.stem for p in DEMO_CASES])
def test_case(path, start_ms, monkeypatch, capsys):
    case = load(path)
    sim = install(monkeypatch, start_ms=start_ms)
    try:
        lines, led, after = run_case(sim, case, capsys)
        import debounce

        assert lines == case["lines"]
        assert led == [[float(t), level] for t, level in case["led"]]
        assert after == [0] or (after == [] and led[-1][1] == 0), "Ctrl-C: LED off"
        assert debounce.claimed == {}, "Ctrl-C: the button's pin and IRQ are released"
    finally:
        sim.close()


def test_cases_are_well_formed():
    assert len(DEMO_CASES) >= 5
    for path in DEMO_CASES:
        case = load(path)
        assert case["name"] == path.stem
        assert set(case) >= {"name", "about", "params", "end_ms", "button", "lines", "led"}
        times = [t for t, _ in case["button"]]
        assert times == sorted(times) and all(0 < t < case["end_ms"] for t in times)
        levels = [1] + [lv for _, lv in case["button"]]
        assert all(a != b for a, b in zip(levels, levels[1:])), "every edge changes the level"
        assert case["led"][0] == [0, 1]
        assert not edges_at_window_ends(case), "an edge coincides with a window end"


def edges_at_window_ends(case, debounce_ms=20):
    """Edge times equal to the end of a debounce window (ambiguous order on real runtimes)."""
    from tests.fakes.debounce import DebounceCore

    debounce_ms = case["params"].get("debounce_ms", debounce_ms)
    core = DebounceCore(debounce_ms, 1024, False)
    edges = list(case["button"])
    window_end = None
    level = 1
    clashes = []
    while edges or window_end is not None:
        if window_end is not None and (not edges or window_end < edges[0][0]):
            t, window_end = window_end, None
            arm, _ = core.window_end(level == 0, t * 1000)
        else:
            t, level = edges.pop(0)
            if t == window_end:
                clashes.append(t)
            arm, _ = core.edge(level == 0, t, t * 1000)
        if arm:
            window_end = t + core.wait_ms
    return clashes


def test_blink_task_jumps_to_the_newest_delay(sim):
    import asyncio
    import queue

    import tapblink
    from machine import Pin

    led = Pin("LED", Pin.OUT)

    async def main():
        q = queue.Queue()
        blinker = tapblink._Blinker(led, q, 1000, None)  # no long press: no console
        blinker.task = asyncio.create_task(blinker.run())
        await asyncio.sleep_ms(100)
        for d, t in ((700, 60), (30, 90), (50, 100)):  # a burst: only the last one counts
            q.put_nowait((d, t))
        # What the button task does at the newest press: toggle at it, note the toggle.
        led.toggle()
        blinker.toggled, blinker.delay = 100, 50
        blinker.poke()
        await asyncio.sleep_ms(190)
        blinker.task.cancel()
        await asyncio.sleep_ms(0)
        return blinker.task.cancelled()

    assert sim.run(main()), "a real cancel still stops the blink task"
    toggles = [t // 1000 for t, _ in sim.board.history("LED")]
    # on at 0; the press at 100 is the beat: toggled at it, then every 50 from it.
    assert toggles == [0, 100, 150, 200, 250]


def test_parameters_are_checked_before_touching_hardware(sim):
    import debounce
    import tapblink

    with pytest.raises(ValueError, match="cap_ms"):
        tapblink.run(cap_ms=0)
    with pytest.raises(TypeError, match="default_ms"):
        tapblink.run(default_ms=0.5)
    with pytest.raises(ValueError, match="^led must be 0..29 or a pin name"):
        tapblink.run(led=99)
    with pytest.raises(ValueError, match="^button must be 0..29 or a pin name"):
        tapblink.run(button="nope")
    with pytest.raises(TypeError, match="^led must be an int, a str or a Pin"):
        tapblink.run(led=1.5)
    assert debounce.claimed == {}, "the button was never taken"
    assert sim.board.history("LED") == [], "the LED was never touched"


def test_pins_by_number_or_pin_object(sim, capsys):
    import tapblink
    from machine import Pin

    sim.board.script(14, [(100, 0), (150, 1), (400, 0), (450, 1)])
    sim.ctrl_c_at(650)
    tapblink.run(led=Pin(16), button=14, default_ms=250)
    assert capsys.readouterr().out.split() == ["300"]
    # on at 0, off at 250, on at the press at 400 (the next toggle would be 700); off at Ctrl-C.
    assert sim.board.history(16) == [(0, 1), (250_000, 0), (400_000, 1), (650_000, 0)]
    assert sim.board.history("LED") == []


def test_main_starts_the_demo_with_a_banner(sim, capsys):
    import tapblink

    sim.board.script("BUTTON", [(100, 0), (150, 1), (350, 0), (400, 1)])
    sim.ctrl_c_at(600)
    tapblink.main()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("tapblink:") and lines[1] == "250"


def test_main_safe_mode_when_button_held(sim, capsys):
    import debounce
    import tapblink

    sim.board.drive("BUTTON", 0)  # held down while the board starts
    tapblink.main()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and "safe mode" in lines[0]
    assert sim.board.history("LED") == [] and debounce.claimed == {}
    assert sim.policy.loops == [], "no event loop was started"


def test_tutorial_program_runs_unmodified(monkeypatch, capsys):
    # The classic tutorial polls every 40 ms and blinks at delay 0 before the
    # first press: give the loop a CPU cost so virtual time moves.
    sim = install(monkeypatch)
    sim.clock.busy_us = 270
    try:
        sim.board.script(15, [(1000, 0), (1100, 1), (1600, 0), (1700, 1), (2500, 0), (2600, 1)])
        sim.ctrl_c_at(4000)
        with pytest.raises(KeyboardInterrupt):
            runpy.run_path(str(TUTORIAL), run_name="__main__")
        intervals = [int(x) for x in capsys.readouterr().out.split()]
        # Polling every 40 ms quantizes the intervals (600 and 900 ms really).
        assert len(intervals) == 2
        assert abs(intervals[0] - 600) <= 40 and abs(intervals[1] - 900) <= 40
        assert len(sim.board.history("LED")) > 1000, "delay 0: the LED flickers at full speed"
    finally:
        sim.close()


# -- property: the demo against a model of its specification ---------------------------


def model_led(presses, default_ms, cap_ms, end_ms):
    """LED toggle times the specification gives (modules/tapblink's docstring).

    Before the first interval: every default_ms from 0. At a press that completes an interval
    the new half-period is min(interval, cap_ms) and the press is the beat: the LED toggles at
    it, unless its last toggle is at most min(old, new) // 4 ms before it (a timer toggle at the
    press's own millisecond counts as before it: either order gives this result), and the next
    toggles count from the press.
    """
    toggles, beat, delay = [0], 0, default_ms
    for k, p in enumerate(presses):
        while beat + delay <= p:
            beat += delay
            toggles.append(beat)
        if k == 0:
            continue
        new = max(1, min(p - presses[k - 1], cap_ms))
        if p - toggles[-1] > min(delay, new) // 4:
            toggles.append(p)
        beat, delay = p, new
    while beat + delay < end_ms:
        beat += delay
        toggles.append(beat)
    return toggles


# A gap is a new interval, or the previous one moved by a few ms: steady taps, on the beat or
# just off it, where the "toggled just now" rule decides.
GAP = st.one_of(st.integers(60, 2600), st.tuples(st.just("steady"), st.integers(-40, 40)))


@settings(max_examples=200, deadline=None)
@given(
    gaps=st.lists(GAP, max_size=10),
    default_ms=st.integers(50, 1000),
    cap_ms=st.integers(40, 2500),
    across_wrap=st.booleans(),
    first=st.integers(10, 900),
)
def test_demo_follows_its_specification(gaps, default_ms, cap_ms, across_wrap, first):
    presses, gap = [first], default_ms
    for g in gaps:
        gap = max(60, gap + g[1]) if isinstance(g, tuple) else g
        presses.append(presses[-1] + gap)
    end_ms = presses[-1] + 2 * cap_ms + 500
    expected = model_led(presses, default_ms, cap_ms, end_ms)
    edges = [e for p in presses for e in ((p, 0), (p + 30, 1))]  # clean 30 ms presses
    with pytest.MonkeyPatch.context() as mp:
        sim = install(mp, start_ms=(1 << 30) - 1500 if across_wrap else 0)
        try:
            import tapblink

            t0 = sim.clock.now_us
            sim.board.script("BUTTON", edges)
            sim.ctrl_c_at(t0 // 1000 + end_ms)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                tapblink.run(cap_ms=cap_ms, default_ms=default_ms)
            history = sim.board.history("LED")
            toggles = [(t - t0) // 1000 for t, _ in history if t < t0 + end_ms * 1000]
            assert out.getvalue().split() == [str(b - a) for a, b in zip(presses, presses[1:])]
            assert toggles == expected
            # Every delay here is >= 40 ms, so "just toggled" means within 10 ms at least.
            assert min(b - a for a, b in zip(toggles, toggles[1:] + [1 << 40])) > 10
            assert history[-1][1] == 0, "LED off after Ctrl-C"
        finally:
            sim.close()


@pytest.mark.parametrize(
    "kw",
    [{"led": "GP15"}, {"led": 25, "button": 25}, {"button": "LED"}, {"led": 14, "button": 14}],
)
def test_led_and_button_on_one_pin_is_refused(sim, kw):
    import debounce
    import tapblink

    with pytest.raises(ValueError, match=r"^led and button are the same pin \(led=.*, button="):
        tapblink.run(**kw)
    assert debounce.claimed == {}, "the button was never taken"
    assert all(p.mode != "OUT" for p in sim.board.pins), "no pin made an output"


def test_no_pin_stays_an_output_after_run(sim, capsys):
    import tapblink

    sim.ctrl_c_at(300)
    tapblink.run()
    assert sim.board.history("LED")[-1] == (300_000, 0), "LED off at Ctrl-C"
    assert all(p.mode != "OUT" for p in sim.board.pins), "the LED pin is an input again"

"""Gestures (modules/_gestures.py, Button.gestures()) on the fakes: the shared cases in
tests/cases/gestures/, hypothesis traces against the reference model (gesture_model.py), and
what the cases cannot show (idleness, sharing, groups, cancellation, overflow)."""

import asyncio
import importlib
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cpython.gesture_model import KINDS, NAMES, PRESS, RELEASE, reference
from tests.fakes import install

CASES = Path(__file__).resolve().parents[1] / "cases"
GESTURE_CASES = sorted((CASES / "gestures").glob("*.json"))


def run_script(sim, script, end_ms, params):
    """gestures_run.run() with the pin script relative to the start; gestures as lists."""
    # A fresh import: it holds this test's fresh buttons module.
    sys.modules.pop("tests.cases.gestures_run", None)
    gestures_run = importlib.import_module("tests.cases.gestures_run")

    def ready(t0):
        sim.board.script("BUTTON", script, t0_ms=sim.clock.now_ms)

    return gestures_run.run(params, end_ms, ready)


def debounced(script, debounce_ms=20):
    """The debounced edges [(kind, t)] of a pin script (whole ms), by the fakes' core."""
    from tests.fakes.debounce import DebounceCore

    core = DebounceCore(debounce_ms, 1024, False)
    edges = list(script)
    window_end = None
    level = 1
    while edges or window_end is not None:
        if window_end is not None and (not edges or window_end < edges[0][0]):
            t, window_end = window_end, None
            arm, _ = core.window_end(level == 0, t * 1000)
        else:
            t, level = edges.pop(0)
            arm, _ = core.edge(level == 0, t, t * 1000)
        if arm:
            window_end = t + core.wait_ms
    return [(k, ms) for k, ms, _ in core.ring]


def as_lists(gs):
    return [[NAMES[k], t, n] for k, t, n in gs]


@pytest.mark.parametrize("start_ms", [0, (1 << 30) - 1000], ids=["t0", "across_wrap"])
@pytest.mark.parametrize("path", GESTURE_CASES, ids=[p.stem for p in GESTURE_CASES])
def test_case(path, start_ms, monkeypatch):
    case = json.loads(path.read_text())
    sim = install(monkeypatch, start_ms=start_ms)
    try:
        got = run_script(sim, case["button"], case["end_ms"], case["params"])
        import debounce

        assert debounce.claimed == {}, "the runner's Button is released"
    finally:
        sim.close()
    assert got == case["gestures"]


@pytest.mark.parametrize("path", GESTURE_CASES, ids=[p.stem for p in GESTURE_CASES])
def test_case_agrees_with_the_reference_model(path):
    case = json.loads(path.read_text())
    edges = debounced(case["button"])
    want = reference(edges, case["end_ms"], **case["params"])
    assert as_lists(want) == case["gestures"]


def test_cases_are_well_formed():
    assert len(GESTURE_CASES) >= 10
    corners = {p.stem for p in GESTURE_CASES}
    assert {
        "triple_click",
        "double_then_long",
        "release_at_long_ms",
        "press_in_window_becomes_long",
    } <= corners
    for path in GESTURE_CASES:
        case = json.loads(path.read_text())
        assert case["name"] == path.stem
        times = [t for t, _ in case["button"]]
        assert times == sorted(times) and all(50 <= t < case["end_ms"] for t in times)
        levels = [1] + [lv for _, lv in case["button"]]
        assert all(a != b for a, b in zip(levels, levels[1:])), "every edge changes the level"
        assert all(g[0] in KINDS for g in case["gestures"])


# Hypothesis: clean traces (no bounce, every edge >= 25 ms from the previous, so the
# debounced edges are the pin's edges), times drawn around every boundary of the machine.


@st.composite
def traces(draw):
    double_ms = draw(st.integers(30, 400))
    long_ms = draw(st.integers(max(double_ms, 60), 1500))
    params = {"double_ms": double_ms, "long_ms": long_ms}
    if draw(st.booleans()):
        params["repeat_ms"] = draw(st.integers(30, 300))
        if draw(st.booleans()):
            params["repeat_delay_ms"] = long_ms + draw(st.integers(0, 400))
    params["suppress"] = draw(st.booleans())
    params["presses"] = draw(st.booleans())
    rd = params.get("repeat_delay_ms", long_ms + params.get("repeat_ms", 0))
    rep = params.get("repeat_ms", 1)

    def near(*points):
        return st.one_of(
            st.sampled_from([p + d for p in points for d in (-1, 0, 1) if p + d >= 25]),
            st.integers(25, 2 * long_ms),
        )

    holds = near(long_ms, rd, rd + rep, 60)
    gaps = near(double_ms, 40)
    n = draw(st.integers(1, 8))
    t = 100
    script = []
    for _ in range(n):
        h = draw(holds)
        script += [[t, 0], [t + h, 1]]
        t += h + draw(gaps)
    end = t + long_ms + double_ms + 5
    return params, script, end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trace=traces(), wrap=st.booleans())
def test_gestures_match_the_reference_model(trace, wrap):
    params, script, end = trace
    mp = pytest.MonkeyPatch()
    sim = install(mp, start_ms=(1 << 30) - 700 if wrap else 0)
    try:
        got = run_script(sim, script, end, params)
    finally:
        sim.close()
        mp.undo()
    edges = [(PRESS if lv == 0 else RELEASE, t) for t, lv in script]
    assert got == as_lists(reference(edges, end, **params))


@settings(max_examples=200, deadline=None)
@given(trace=traces())
def test_model_properties(trace):
    # What the contract promises, stated on the model (which the test above ties to the code).
    params, script, end = trace
    edges = [(PRESS if lv == 0 else RELEASE, t) for t, lv in script]
    gs = reference(edges, end, **params)
    kinds = [k for k, _, _ in gs]
    times = [t for _, t, _ in gs]
    assert times == sorted(times), "reported in time order"
    presses = [t for t, lv in script if lv == 0]
    n_long = sum(
        1 for (tp, _), (tr, _) in zip(script[::2], script[1::2]) if tr - tp >= params["long_ms"]
    )
    assert kinds.count(4) == n_long == kinds.count(6), "one LONG and one LONG_RELEASE each"
    clicks = [g for g in gs if g[0] in (2, 3)]
    assert all((k == 3) == (n == 2) for k, _, n in clicks), "DOUBLE is count 2"
    if params["suppress"]:
        # One report per run, whose count is the run's presses; a long press ends its run.
        runs = sum(n for _, _, n in clicks) + sum(n for k, _, n in gs if k == 4)
        assert runs == len(presses)
    else:
        assert len(clicks) == len(presses) - n_long, "every short press is one click"
    if params["presses"]:
        assert kinds.count(PRESS) == len(presses)


def test_no_task_wakes_while_idle_and_long_fires_at_its_deadline(sim):
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", [(5000, 0), (7000, 1)])

    async def main():
        got = []

        async def consume():
            async for g in b.gestures(long_ms=1000, suppress=True):
                got.append((g, sim.clock.now_us))

        task = asyncio.create_task(consume())
        await asyncio.sleep_ms(100)
        loop = sim.loop
        before = len(loop.activity)
        await asyncio.sleep_ms(4800)  # our own wake-up at 4.9 s
        idle = [a for a in loop.activity[before:] if a[0] < 4_900_000]
        await asyncio.sleep_ms(5000)
        held = [a for a in loop.activity if 6_000_001 <= a[0] < 7_000_000]
        task.cancel()
        return idle, held, got

    idle, held, got = sim.run(main())
    assert idle == [], "nothing ran while idle"
    assert held == [], "nothing ran between LONG and the release"
    assert got == [
        ((buttons.LONG, 6000, 1), 6_000_000),
        ((buttons.LONG_RELEASE, 7000, 1), 7_000_000),
    ]
    b.deinit()


def test_gestures_and_pressed_share_the_events_each_once(sim):
    # The documented rule: gestures() takes the button's press and release events like
    # pressed()/released() do; each event goes to exactly one waiting call.
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", [e for t in range(100, 2100, 200) for e in ((t, 0), (t + 50, 1))])

    async def main():
        seen_g, seen_p = [], []

        async def gest():
            async for g in b.gestures(double_ms=100, long_ms=500, presses=True):
                if g[0] == buttons.PRESS:
                    seen_g.append(g[1])

        async def plain():
            while True:
                seen_p.append(await b.pressed())

        tasks = [asyncio.create_task(gest()), asyncio.create_task(plain())]
        await asyncio.sleep_ms(2500)
        for t in tasks:
            t.cancel()
        return seen_g, seen_p

    seen_g, seen_p = sim.run(main())
    assert sorted(seen_g + seen_p) == list(range(100, 2100, 200)), "none lost, none doubled"
    b.deinit()


def test_several_buttons_on_one_flag(sim):
    import buttons

    b14, b15 = buttons.group(14, "BUTTON")
    sim.board.script(14, [(100, 0), (180, 1), (300, 0), (380, 1)])
    sim.board.script("BUTTON", [(100, 0), (1300, 1), (1400, 0), (1450, 1)])

    async def main():
        outs = ([], [])

        async def consume(b, out, **kw):
            async for g in b.gestures(**kw):
                out.append(g)

        tasks = [
            asyncio.create_task(consume(b14, outs[0], suppress=True)),
            asyncio.create_task(consume(b15, outs[1], long_ms=800)),
        ]
        await asyncio.sleep_ms(2000)
        for t in tasks:
            t.cancel()
        return outs

    a, b = sim.run(main())
    assert a == [(buttons.DOUBLE, 680, 2)]
    assert b == [(buttons.LONG, 900, 1), (buttons.LONG_RELEASE, 1300, 1), (buttons.CLICK, 1450, 1)]
    b14.deinit()
    b15.deinit()


def test_a_cancelled_gestures_task_loses_no_event(sim):
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", [(100, 0), (180, 1), (1000, 0), (1080, 1)])

    async def main():
        g = b.gestures()
        first = asyncio.create_task(g.__anext__())
        await asyncio.sleep_ms(140)  # pressed, waiting for the release with a deadline
        first.cancel()
        await asyncio.sleep_ms(200)
        return await g.__anext__(), await g.__anext__()

    assert sim.run(main()) == ((buttons.CLICK, 180, 1), (buttons.CLICK, 1080, 1))
    b.deinit()


def test_held_at_start_its_release_is_no_gesture(sim):
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", [(10, 0), (500, 1), (700, 0), (760, 1)])

    async def main():
        await asyncio.sleep_ms(100)
        g = b.gestures()
        return await g.__anext__()

    assert sim.run(main()) == (buttons.CLICK, 760, 1)
    b.deinit()


def test_busy_consumer_gets_the_same_gestures(sim):
    # The task sleeps through deadlines and edges: stamps decide, not when it looked.
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", [(100, 0), (180, 1), (300, 0), (1500, 1), (1600, 0), (1650, 1)])

    async def main():
        got = []
        async for g in b.gestures(suppress=True):
            got.append(g)
            await asyncio.sleep_ms(1700)
            if len(got) == 3:
                return got

    assert sim.run(main()) == [
        (buttons.LONG, 1300, 2),
        (buttons.LONG_RELEASE, 1500, 2),
        (buttons.CLICK, 1950, 1),
    ]
    b.deinit()


BAD = [
    ({"double_ms": "300"}, TypeError, "double_ms"),
    ({"double_ms": 1.5}, TypeError, "double_ms"),
    ({"double_ms": True}, TypeError, "double_ms"),
    ({"double_ms": 0}, ValueError, "double_ms"),
    ({"long_ms": -5}, ValueError, "long_ms"),
    ({"long_ms": None}, TypeError, "long_ms"),
    ({"long_ms": 3600001}, ValueError, "long_ms"),
    ({"double_ms": 600, "long_ms": 500}, ValueError, "double_ms"),
    ({"repeat_ms": 0}, ValueError, "repeat_ms"),
    ({"repeat_ms": "x"}, TypeError, "repeat_ms"),
    ({"repeat_delay_ms": 2000}, ValueError, "repeat_delay_ms"),
    ({"repeat_ms": 100, "repeat_delay_ms": 900}, ValueError, "repeat_delay_ms"),
    # Flags: True/False or 1/0, as active_low (one rule, one message).
    ({"suppress": 2}, ValueError, "suppress must be True or False"),
    ({"suppress": None}, TypeError, "suppress must be True or False"),
    ({"presses": "yes"}, TypeError, "presses must be True or False"),
]


@pytest.mark.parametrize("kw, exc, word", BAD, ids=[repr(k) for k, _, _ in BAD])
def test_bad_arguments(sim, kw, exc, word):
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", [(100, 0), (180, 1)])
    with pytest.raises(exc, match=word):
        b.gestures(**kw)

    async def main():
        return await b.pressed()  # the button is untouched: events still come

    assert sim.run(main()) == 100
    b.deinit()


def test_buttons_and_gestures_name_the_same_kinds(sim):
    # buttons defines the kinds without importing gestures (imported at the first call).
    import _gestures as gestures
    import buttons

    for name in ("PRESS", "RELEASE", "CLICK", "DOUBLE", "LONG", "REPEAT", "LONG_RELEASE"):
        assert getattr(buttons, name) == getattr(gestures, name), name
    assert set(KINDS.values()) == {1, 2, 3, 4, 5, 6}


def test_a_user_gestures_py_on_the_path_does_not_break_gestures(sim, monkeypatch, tmp_path):
    # A user's own gestures.py (an example copied to the board under that name), found before
    # the frozen modules: buttons imports its machine under a name no user file takes.
    (tmp_path / "gestures.py").write_text("raise ImportError('the user gestures.py was used')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "gestures", raising=False)
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", [(100, 0), (180, 1)])

    async def main():
        async for g in b.gestures():
            return g

    assert sim.run(main()) == (buttons.CLICK, 180, 1)
    b.deinit()


def test_flags_take_1_and_0_as_active_low_does(sim):
    import buttons

    b = buttons.Button("BUTTON", active_low=1)
    sim.board.script("BUTTON", [(100, 0), (180, 1)])

    async def main():
        async for g in b.gestures(presses=1, suppress=0):
            return g

    assert sim.run(main()) == (buttons.PRESS, 100, 1)
    b.deinit()
    with pytest.raises(TypeError, match="^active_low must be True or False$"):
        buttons.Button("BUTTON", active_low="yes")
    with pytest.raises(ValueError, match="^active_low must be True or False$"):
        buttons.Button("BUTTON", active_low=2)

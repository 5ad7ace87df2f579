"""The debounce core judged against the physical world: bouncy switch traces whose contact
changes were PLACED by the generator (tests/bounce_traces.py), run natively through the
firmware's wiring (tests/core/core_sim.py: IRQ latency, latched edges, the one-shot timer).
The oracle is the generator's own truth, never a restatement of the core's rule."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import bounce_traces as bt
from tests.core.core_sim import Sim, settle_us

# TAPBLINK_PHYS_EXAMPLES=3000 for a longer search than the suite's.
EXAMPLES = int(os.environ.get("TAPBLINK_PHYS_EXAMPLES", "300"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
LATENCY_US = st.integers(0, 40)  # the RP2040's edge-to-IRQ time is ~17-25 us, 100 us worst


def _events(core, trace, latency_us, t0_us=0):
    sim = Sim(core, window_ms=trace.window_ms, latency_us=latency_us, t0_us=t0_us)
    sim.run(trace.levels(), trace.end_us + settle_us(trace.window_ms))
    return sim, core.drain()


def _check(core, trace, latency_us, t0_us=0):
    sim, events = _events(core, trace, latency_us, t0_us)
    problems = bt.stamps_ok(trace, [(k, ms) for k, ms, _ in events], sim.ms)
    assert not problems, (problems, trace)
    assert core.status() == (trace.changes[-1].level, 0, 0, 0)


@SETTINGS
@given(st.integers(0, 2**32), st.sampled_from((5, 10, 20, 30, 50)), LATENCY_US)
def test_every_placed_change_is_reported_once_at_its_first_edge(core, seed, window_ms, latency):
    _check(core, bt.press_release_trace(seed, window_ms=window_ms, presses=6), latency)


@SETTINGS
@given(st.integers(0, 2**32), st.sampled_from(bt.SHAPES), st.integers(0, 40_000), LATENCY_US)
def test_fast_re_press_after_a_bouncy_release(core, seed, shape, after_us, latency):
    trace = bt.repress_trace(seed, shape=shape, after_us=after_us)
    sim, events = _events(core, trace, latency)
    if trace.in_contract():
        assert not bt.stamps_ok(trace, [(k, ms) for k, ms, _ in events], sim.ms), trace
    else:
        _check_outside(core, sim, trace, events)


def _check_outside(core, sim, trace, events):
    """What may happen to a trace outside the contract (bounce_traces.OUTSIDE): nothing made
    up, the state follows the line, and each label's own promise."""
    kinds = [k for k, _, _ in events]
    assert kinds == [(trace.initial + 1 + i) % 2 for i in range(len(kinds))], trace
    assert core.status()[0] == trace.changes[-1].level, trace
    want = trace.expected()
    if trace.label == "settled_too_short":
        assert len(events) in (2, 4), trace  # the release and re-press: both, or neither
        return
    if bt.ambiguous_problems(trace.changes) and len(kinds) > len(want):
        # A pair read inside the change's bounce: still nothing outside the changes' spans.
        assert (len(kinds) - len(want)) % 2 == 0, trace
        first, last = trace.changes[0].x_us, trace.levels()[-1][0]
        assert all(sim.ms(first) <= ms <= sim.ms(last) + 1 for _, ms, _ in events), trace
        return
    assert kinds == [k for k, _ in want], trace
    for (_, ms, _), (lo, hi) in zip(events, bt.stamp_bounds(trace)):
        assert sim.ms(lo) <= ms <= sim.ms(hi) + 1, trace


@pytest.mark.parametrize("shape", bt.SHAPES)
def test_each_shape_at_every_sub_ms_phase(core, shape):
    # 11 phases of the first edge within the ms, as the bench plays them.
    for phase in range(11):
        for seed in range(10):
            trace = bt.press_release_trace(seed, shapes=(shape,), presses=4)
            _check(core, trace, 20, t0_us=phase * 91)


def reported_cases():
    """The physical cases the contract was written for, placed by hand."""
    # A press 4.6 ms after a clean release, ringing 15 ms (an edge every 1.5 ms), held 33 ms.
    release = bt.Change(10_000, bt.RELEASED, "none", [], 0)
    x = 10_000 + 4_600
    ring = [(x + 1500 * k, bt.RELEASED if k % 2 else bt.PRESSED) for k in range(1, 11)]
    press = bt.Change(x, bt.PRESSED, "even_ringing", ring, 4_600)
    up = bt.Change(x + 33_000, bt.RELEASED, "none", [], 33_000 - 15_000)
    lost = bt.Trace([release, press, up], 20, initial=bt.PRESSED)
    assert not bt.contract_problems(lost.changes, 20)
    # A re-press 19 ms into the release's window, gaps growing to 4.5 ms over 15 ms.
    r = bt.Change(0, bt.RELEASED, "even_ringing", [(2_000, 1), (5_000, 0)], 0)
    gaps = [600, 900, 1300, 1800, 2400, 3500, 4500]
    t, toggles = 19_000 + 5_000, []
    for i, g in enumerate(gaps):
        t += g
        toggles.append((t, bt.RELEASED if i % 2 == 0 else bt.PRESSED))
    if toggles[-1][1] != bt.PRESSED:
        toggles.pop()
    late = bt.Change(24_000, bt.PRESSED, "growing_gaps", toggles, 19_000)
    late_up = bt.Change(24_000 + 70_000, bt.RELEASED, "none", [], 70_000)
    stamped = bt.Trace([r, late, late_up], 20, initial=bt.PRESSED)
    assert not bt.contract_problems(stamped.changes, 20)
    return lost, stamped


def test_reported_cases_are_exact(core):
    for trace in reported_cases():
        for latency in (0, 17, 25):
            sim = Sim(
                core, window_ms=20, latency_us=latency, initial=trace.initial, t0_us=1_000_000
            )
            sim.run(trace.levels(), trace.end_us + settle_us(20))
            events = [(k, ms) for k, ms, _ in core.drain()]
            assert not bt.stamps_ok(trace, events, sim.ms), (events, trace)


@SETTINGS
@given(st.integers(0, 2**32), LATENCY_US)
def test_chatter_reports_nothing_while_it_chatters(core, seed, latency):
    trace = bt.chatter_trace(seed)
    sim = Sim(core, window_ms=20, latency_us=latency)
    sim.run(trace.chatter_toggles, trace.end_us + settle_us(20))
    events = core.drain()
    first, last = trace.chatter_toggles[0][0], trace.chatter_toggles[-1][0]
    # The storm's first edge is a press from idle; the release comes once the line rests,
    # stamped inside the storm: one change in, one out, nothing in between.
    assert [k for k, _, _ in events] == [bt.PRESSED, bt.RELEASED]
    assert events[0][1] == sim.ms(trace.changes[0].x_us + latency)
    assert sim.ms(first) <= events[1][1] <= sim.ms(last + latency)
    assert core.status() == (bt.RELEASED, 0, 0, 0)


@SETTINGS
@given(st.integers(0, 2**32), LATENCY_US)
def test_pair_inside_the_window_may_be_lost_but_nothing_else(core, seed, latency):
    trace = bt.pair_inside_window_trace(seed)
    sim, events = _events(core, trace, latency)
    got = [(k, ms) for k, ms, _ in events]
    kept = bt.Trace([trace.changes[i] for i in (0, 1, 4, 5)], trace.window_ms)
    assert not bt.stamps_ok(trace, got, sim.ms) or not bt.stamps_ok(kept, got, sim.ms), trace
    assert core.status()[0] == bt.RELEASED

"""Property-based tests of the debounce core (usercmodules/debounce/debounce_core.c), run in
an ASan/UBSan-instrumented process against generated bounce traces."""

from core_sim import (
    PRESS,
    QUIET_US,
    RELEASE,
    TICKS_MASK,
    TICKS_PERIOD,
    Sim,
    settle_us,
    ticks_diff,
)
from core_strategies import any_trace, chatter_burst, clean_presses, short_tap
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
windows = st.integers(1, 60)
latencies = st.integers(0, 40)


@SETTINGS
@given(st.data(), windows, latencies)
def test_one_press_one_release_per_physical_press(core, data, window_ms, latency_us):
    changes, expected, end = data.draw(clean_presses(window_ms, latency_us))
    sim = Sim(core, window_ms=window_ms, latency_us=latency_us)
    sim.run(changes, end + 2 * window_ms * 1000)
    events = core.drain()
    # Kinds: exactly press, release, press, release... one pair per physical press.
    assert [e[0] for e in events] == [k for k, _ in expected]
    # Timestamps: the first edge of each burst (as ticks taken in its IRQ), both clocks.
    assert [(e[1], e[2]) for e in events] == [(sim.ms(t), sim.us(t)) for _, t in expected]
    assert core.status() == (RELEASE, 0, 0, 0)


@SETTINGS
@given(st.data(), st.integers(2, 60), latencies)
def test_tap_shorter_than_window_gives_one_press_and_one_release(
    core, data, window_ms, latency_us
):
    changes, first, last = data.draw(short_tap(window_ms, latency_us))
    sim = Sim(core, window_ms=window_ms, latency_us=latency_us)
    sim.run(changes, last + 3 * window_ms * 1000)
    events = core.drain()
    # The press at its first edge; the release, settled when the window ends, at the last
    # edge seen inside the window.
    assert events == [
        (PRESS, sim.ms(first + latency_us), sim.us(first + latency_us)),
        (RELEASE, sim.ms(last + latency_us), sim.us(last + latency_us)),
    ]
    assert core.status() == (RELEASE, 0, 0, 0)


@SETTINGS
@given(any_trace(), st.integers(0, 30), st.integers(0, 60), st.integers(1, 64))
def test_any_trace_alternates_and_ends_in_the_real_level(core, trace, window_ms, latency, depth):
    initial, changes = trace
    sim = Sim(core, window_ms=window_ms, depth=depth, initial=initial, latency_us=latency)
    end = (changes[-1][0] if changes else 0) + latency + settle_us(window_ms) + 1
    irqs = sim.run(changes, end)
    state, count, overflows, in_window = core.status()
    events = core.drain()
    # Edges latched together are resolved from the level: once quiet, state == real level.
    final = changes[-1][1] if changes else initial
    assert (state, in_window) == (final, 0)
    assert len(events) == count
    if overflows == 0:
        assert [e[0] for e in events] == [(initial + 1 + i) % 2 for i in range(len(events))]
    # Never more events than level changes; every timestamp is one an IRQ took.
    assert len(events) + overflows <= len(changes)
    irq_ticks = {(sim.ms(t), sim.us(t)) for t in irqs}
    assert all((e[1], e[2]) in irq_ticks for e in events)


@SETTINGS
@given(st.data(), st.integers(1, 60), latencies)
def test_chatter_burst_gives_at_most_one_press_and_one_release(core, data, window_ms, latency):
    # Changes less than QUIET_US - latency apart: their IRQs are less than QUIET_US apart.
    changes = data.draw(chatter_burst(max_gap_us=QUIET_US - 1 - latency))
    end = changes[-1][0] + latency + settle_us(window_ms) + 1
    wrap_at = data.draw(st.integers(0, end))  # both ticks wrap there (t0 is k * 2**30 ms)
    sim = Sim(core, window_ms=window_ms, latency_us=latency, t0_us=TICKS_PERIOD * 1000 - wrap_at)
    irqs = sim.run(changes, end)
    events = core.drain()
    final = changes[-1][1]
    assert core.status() == (final, 0, 0, 0)

    def level_at(t):
        return [lv for tc, lv in changes if tc <= t][-1]

    # The press at once, at the first IRQ that saw the line pressed (with latency, the first
    # IRQs may see it back up); then nothing while it chatters; the release (if it ends
    # released) at the resync after it stopped, stamped with the burst's last IRQ.
    pressed_irqs = [t for t in irqs if level_at(t) == PRESS]
    want = [(PRESS, sim.ms(t), sim.us(t)) for t in pressed_irqs[:1]]
    if want and final == RELEASE:
        want.append((RELEASE, sim.ms(irqs[-1]), sim.us(irqs[-1])))
    assert events == want


@SETTINGS
@given(any_trace(max_gap_us=5000))
def test_window_zero_reports_every_change(core, trace):
    initial, changes = trace
    sim = Sim(core, window_ms=0, depth=64, initial=initial, latency_us=0)
    sim.run(changes, (changes[-1][0] if changes else 0) + 1)
    assert core.drain() == [(lv, sim.ms(t), sim.us(t)) for t, lv in changes]


@SETTINGS
@given(st.data(), st.integers(1, 8), st.integers(1, 30))
def test_overflow_drops_newest_and_counts_exactly(core, data, depth, window_ms):
    changes, expected, end = data.draw(clean_presses(window_ms, 0, max_presses=8))
    sim = Sim(core, window_ms=window_ms, depth=depth)
    sim.run(changes, end)
    want = [(k, sim.ms(t), sim.us(t)) for k, t in expected]
    assert core.status()[2] == max(0, len(want) - depth)
    assert core.drain() == want[:depth]
    # The state kept tracking the pin while events were dropped: the next press is clean.
    more, expected2, end2 = data.draw(clean_presses(window_ms, 0, max_presses=1, start_us=end))
    sim.run(more, end2)
    assert [e[0] for e in core.drain()] == [k for k, _ in expected2][:depth]


@SETTINGS
@given(st.data(), st.integers(1, 40), latencies)
def test_timestamps_across_the_ticks_wrap(core, data, window_ms, latency_us):
    changes, expected, end = data.draw(clean_presses(window_ms, latency_us, max_presses=4))
    # Put the 2**30 ms wrap somewhere inside the trace.
    wrap_at = data.draw(st.integers(0, end))
    t0_us = TICKS_PERIOD * 1000 - wrap_at
    sim = Sim(core, window_ms=window_ms, latency_us=latency_us, t0_us=t0_us)
    sim.run(changes, end)
    events = core.drain()
    assert len(events) == len(expected)
    assert all(0 <= e[1] <= TICKS_MASK and 0 <= e[2] <= TICKS_MASK for e in events)
    for (_, t_a), (_, t_b), ea, eb in zip(expected, expected[1:], events, events[1:]):
        true_ms = (t0_us + t_b) // 1000 - (t0_us + t_a) // 1000
        assert ticks_diff(eb[1], ea[1]) == true_ms
    assume(any(ticks_diff(b[1], a[1]) != b[1] - a[1] for a, b in zip(events, events[1:])))

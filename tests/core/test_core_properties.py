"""Property-based tests of the debounce core (usercmodules/debounce/debounce_core.c), run in
an ASan/UBSan-instrumented process against generated bounce traces."""

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.core.core_sim import (
    PRESS,
    QUIET_US,
    RELEASE,
    TICKS_MASK,
    TICKS_PERIOD,
    Sim,
    settle_us,
    ticks_diff,
)
from tests.core.core_strategies import (
    FAST_GAP_US,
    any_trace,
    bounce,
    chatter_burst,
    contact_changes,
    settled_us,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
windows = st.integers(1, 60)
latencies = st.integers(0, 40)


@SETTINGS
@given(st.data(), windows, latencies)
def test_every_change_is_one_event_stamped_at_its_first_edge(core, data, window_ms, latency_us):
    # Bounce of 0-15 ms on every edge, fast re-presses (0-30 ms of quiet after a release),
    # releases inside the press's window: each change once, at the IRQ of its first edge.
    changes, expected, end = data.draw(contact_changes(window_ms, latency_us))
    sim = Sim(core, window_ms=window_ms, latency_us=latency_us)
    sim.run(changes, end)
    events = core.drain()
    assert [e[0] for e in events] == [k for k, _ in expected]
    assert [(e[1], e[2]) for e in events] == [(sim.ms(t), sim.us(t)) for _, t in expected]
    assert core.status() == (expected[-1][0], 0, 0, 0)


@SETTINGS
@given(st.data(), st.integers(2, 60), latencies, st.integers(0, 999))
def test_fast_re_press_is_stamped_at_its_first_edge_wherever_it_falls(
    core, data, window_ms, latency_us, sub_ms
):
    # A release, then a press 0-30 ms after the release's bounce has ended: inside the
    # release's window, at its end or after it, at any sub-ms phase of ticks_ms.
    w = window_ms * 1000
    press = 5000 + sub_ms
    release = press + draw_hold(data, w)
    flips_r = data.draw(bounce(release, latency_us + 1))
    quiet_from = flips_r[-1] if flips_r else release
    again = quiet_from + QUIET_US + data.draw(st.integers(0, FAST_GAP_US))
    flips_p = data.draw(bounce(again, latency_us + 1))
    changes = [(press, PRESS), (release, RELEASE)]
    changes += [(t, PRESS if i % 2 == 0 else RELEASE) for i, t in enumerate(flips_r)]
    changes += [(again, PRESS)]
    changes += [(t, RELEASE if i % 2 == 0 else PRESS) for i, t in enumerate(flips_p)]
    sim = Sim(core, window_ms=window_ms, latency_us=latency_us)
    end = (flips_p[-1] if flips_p else again) + settled_us(window_ms, latency_us)
    sim.run(changes, end)
    assert core.drain() == [
        (kind, sim.ms(t + latency_us), sim.us(t + latency_us))
        for kind, t in ((PRESS, press), (RELEASE, release), (PRESS, again))
    ]


def draw_hold(data, w):
    # Long enough that the press has settled before the release begins.
    return settled_us(w // 1000, 40) + data.draw(st.integers(0, 50_000))


@SETTINGS
@given(st.data(), st.integers(2, 60), latencies)
def test_tap_shorter_than_the_window_is_stamped_at_both_first_edges(
    core, data, window_ms, latency_us
):
    # Press and release (each with bounce) before the press's window ends.
    w = window_ms * 1000
    first = 1000
    flips_p = data.draw(bounce(first, latency_us + 1, max_us=max(0, w - 3 * QUIET_US)))
    quiet_from = flips_p[-1] if flips_p else first
    assume(quiet_from + QUIET_US + latency_us < first + w)
    release = quiet_from + QUIET_US + data.draw(st.integers(0, first + w - quiet_from - QUIET_US))
    flips_r = data.draw(bounce(release, latency_us + 1))
    changes = [(first, PRESS)]
    changes += [(t, RELEASE if i % 2 == 0 else PRESS) for i, t in enumerate(flips_p)]
    changes += [(release, RELEASE)]
    changes += [(t, PRESS if i % 2 == 0 else RELEASE) for i, t in enumerate(flips_r)]
    sim = Sim(core, window_ms=window_ms, latency_us=latency_us)
    sim.run(changes, (flips_r[-1] if flips_r else release) + settled_us(window_ms, latency_us))
    assert core.drain() == [
        (PRESS, sim.ms(first + latency_us), sim.us(first + latency_us)),
        (RELEASE, sim.ms(release + latency_us), sim.us(release + latency_us)),
    ]
    assert core.status() == (RELEASE, 0, 0, 0)


@SETTINGS
@given(any_trace(), st.integers(0, 30), st.integers(0, 60), st.integers(1, 64))
def test_any_trace_alternates_and_ends_in_the_real_level(
    core, trace, window_ms, latency, max_events
):
    initial, changes = trace
    sim = Sim(
        core, window_ms=window_ms, max_events=max_events, initial=initial, latency_us=latency
    )
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
    # released) once it rests, stamped at an IRQ of the burst (no settled period inside it
    # says where else the release began).
    pressed_irqs = [t for t in irqs if level_at(t) == PRESS]
    want = [(PRESS, sim.ms(t), sim.us(t)) for t in pressed_irqs[:1]]
    assert events[:1] == want
    if want and final == RELEASE:
        assert len(events) == 2 and events[1][0] == RELEASE
        assert events[1][1:] in {(sim.ms(t), sim.us(t)) for t in irqs}
    else:
        assert len(events) == len(want)


@SETTINGS
@given(any_trace(max_gap_us=5000))
def test_window_zero_reports_every_change(core, trace):
    initial, changes = trace
    sim = Sim(core, window_ms=0, max_events=64, initial=initial, latency_us=0)
    sim.run(changes, (changes[-1][0] if changes else 0) + 1)
    assert core.drain() == [(lv, sim.ms(t), sim.us(t)) for t, lv in changes]


@SETTINGS
@given(st.data(), st.integers(1, 8), st.integers(1, 30))
def test_overflow_drops_newest_and_counts_exactly(core, data, max_events, window_ms):
    changes, expected, end = data.draw(contact_changes(window_ms, 0, max_changes=16))
    sim = Sim(core, window_ms=window_ms, max_events=max_events)
    sim.run(changes, end)
    want = [(k, sim.ms(t), sim.us(t)) for k, t in expected]
    assert core.status()[2] == max(0, len(want) - max_events)
    assert core.drain() == want[:max_events]
    # The state kept tracking the pin while events were dropped: the next change is clean.
    more, expected2, end2 = data.draw(contact_changes(window_ms, 0, max_changes=2, start_us=end))
    kind = core.status()[0] ^ 1
    more = [(t, lv ^ kind ^ PRESS) for t, lv in more]  # start from the state it is in
    sim.run(more, end2)
    assert [e[0] for e in core.drain()] == [k ^ kind ^ PRESS for k, _ in expected2][:max_events]


@SETTINGS
@given(st.data(), st.integers(1, 40), latencies)
def test_timestamps_across_the_ticks_wrap(core, data, window_ms, latency_us):
    changes, expected, end = data.draw(contact_changes(window_ms, latency_us, max_changes=8))
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

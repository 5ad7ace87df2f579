"""Hypothesis strategies for physical button traces (times in integer microseconds)."""

from core_sim import PRESS, QUIET_US, RELEASE
from hypothesis import strategies as st


@st.composite
def bounce_toggles(draw, start, end_before, min_gap):
    """Times of an even number of toggles (away and back) after `start`, each gap >= min_gap,
    all strictly before end_before."""
    times, t = [], start
    max_gap = max(min_gap, (end_before - start) // 6)
    for _ in range(draw(st.integers(0, 4))):
        a = t + draw(st.integers(min_gap, max_gap))
        b = a + draw(st.integers(min_gap, max_gap))
        if b >= end_before:
            break
        times += [a, b]
        t = b
    return times


@st.composite
def clean_presses(draw, window_ms, latency_us, max_presses=6, start_us=0):
    """Physical presses whose bounce (on press and on release) stays inside the window and
    whose quiet phases are longer than it (than the restarted window when the bounce ends in
    the window's last QUIET_US). Returns (changes, expected, end_us): changes
    [(t_us, pressed)], expected [(kind, irq_t_us)] with the IRQ time of each first edge."""
    w = window_ms * 1000
    min_gap = latency_us + 1  # each bounce edge gets its own IRQ
    t = start_us + draw(st.integers(0, 5000))
    changes, expected = [], []
    for _ in range(draw(st.integers(1, max_presses))):
        for kind in (PRESS, RELEASE):
            changes.append((t, kind))
            expected.append((kind, t + latency_us))
            window_end = t + latency_us + w
            toggles = draw(bounce_toggles(t, window_end, min_gap))
            for i, bt in enumerate(toggles):
                changes.append((bt, kind ^ 1 if i % 2 == 0 else kind))
            # An edge's IRQ in the window's last QUIET_US: still moving, the window restarts
            # (twice at most, when window_ms is 1 and later IRQs land in the first restart).
            if any(window_end - QUIET_US < bt + latency_us < window_end for bt in toggles):
                window_end += 2 * w
            # Next first edge: after this window has ended (timer fires first at equal times).
            t = window_end + 1 + draw(st.integers(0, 3 * w + 5000))
    return changes, expected, t


@st.composite
def short_tap(draw, window_ms, latency_us, start_us=1000):
    """A press whose release (and all its bounce) comes before the press's window ends.
    Returns (changes, first_t, last_t)."""
    w = window_ms * 1000
    min_gap = latency_us + 1
    t = start_us
    n = 2 * draw(st.integers(0, 3)) + 1  # odd number of toggles after the press: ends released
    last_allowed = t + w - 1  # the last edge's IRQ (at +latency) still inside the window
    gaps = draw(st.lists(st.integers(min_gap, max(min_gap, w // 8)), min_size=n, max_size=n))
    times, x = [], t
    for g in gaps:
        x += g
        times.append(x)
    if times[-1] > last_allowed:
        # Squeeze the toggles evenly into the window.
        step = (last_allowed - t) // n
        times = [t + step * (i + 1) for i in range(n)]
    changes = [(t, PRESS)] + [(bt, RELEASE if i % 2 == 0 else PRESS) for i, bt in enumerate(times)]
    return changes, t, times[-1]


@st.composite
def chatter_burst(draw, max_edges=400, max_gap_us=QUIET_US - 1):
    """A burst of level changes from released, each less than max_gap_us + 1 after the one
    before (chatter: closer than the quiet time). Returns changes [(t_us, pressed)]."""
    gaps = draw(st.lists(st.integers(1, max_gap_us), min_size=0, max_size=max_edges - 1))
    t = draw(st.integers(0, 5000))
    changes, lv = [(t, PRESS)], PRESS
    for g in gaps:
        t += g
        lv ^= 1
        changes.append((t, lv))
    return changes


@st.composite
def any_trace(draw, max_changes=40, max_gap_us=40_000):
    """Any sequence of level changes, gaps from 1 us: bounce, glitches, latched edges."""
    initial = draw(st.integers(0, 1))
    gaps = draw(st.lists(st.integers(1, max_gap_us), min_size=0, max_size=max_changes))
    changes, t, lv = [], 0, initial
    for g in gaps:
        t += g
        lv ^= 1
        changes.append((t, lv))
    return initial, changes

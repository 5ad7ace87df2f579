"""Hypothesis strategies for physical button traces (times in integer microseconds)."""

from hypothesis import strategies as st

from tests.core.core_sim import PRESS, QUIET_US

MAX_BOUNCE_US = 15_000  # the longest bounce the properties generate on an edge
FAST_GAP_US = 30_000  # "fast re-press": the quiet between two changes, on top of QUIET_US


def settled_us(window_ms, latency_us):
    """From a contact change's last edge until the core is idle again, at the latest: the
    first window end QUIET_US after that edge's IRQ (at most one window later), then one
    more window for the event it may give."""
    return latency_us + QUIET_US + 2 * window_ms * 1000 + 1


@st.composite
def bounce(draw, start, min_gap, max_us=MAX_BOUNCE_US):
    """Flip times after a contact change at `start`: away and back, pairs of them, each gap
    min_gap..QUIET_US - 1 (one burst), all within max_us of start. May be empty."""
    times, t = [], start
    for _ in range(draw(st.integers(0, 12))):
        a = t + draw(st.integers(min_gap, QUIET_US - 1))
        b = a + draw(st.integers(min_gap, QUIET_US - 1))
        if b - start > max_us:
            break
        times += [a, b]
        t = b
    return times


@st.composite
def contact_changes(
    draw, window_ms, latency_us, max_changes=8, start_us=0, max_bounce_us=MAX_BOUNCE_US
):
    """Presses and releases as a hand makes them, from released: each change is a first
    edge and 0..max_bounce_us of bounce (flips less than QUIET_US apart). Between two changes
    the line is quiet either at least QUIET_US and at most FAST_GAP_US more (a fast re-press,
    a release during the press's window, a tap shorter than the window), or long enough for
    the core to settle (then a fast gap may follow again: at most two changes per window).

    Returns (changes, expected, end_us): changes [(t_us, pressed)], expected [(kind, irq_us)]
    with the IRQ time of each change's first edge, end_us when the core is idle again."""
    min_gap = latency_us + 1  # each edge gets its own IRQ
    t = start_us + draw(st.integers(0, 5000))
    changes, expected = [], []
    kind, fast_before = PRESS, False
    for _ in range(draw(st.integers(1, max_changes))):
        changes.append((t, kind))
        expected.append((kind, t + latency_us))
        flips = draw(bounce(t, min_gap, max_bounce_us))
        changes += [(ft, kind ^ 1 if j % 2 == 0 else kind) for j, ft in enumerate(flips)]
        last = flips[-1] if flips else t
        fast = not fast_before and draw(st.booleans())
        if fast:
            t = last + QUIET_US + draw(st.integers(0, FAST_GAP_US))
        else:
            t = (
                last
                + settled_us(window_ms, latency_us)
                + draw(st.integers(0, 3 * window_ms * 1000))
            )
        fast_before = fast
        kind ^= 1
    return changes, expected, last + settled_us(window_ms, latency_us)


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

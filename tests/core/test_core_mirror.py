"""The pure-Python mirror of the core (tests/fakes/debounce.py, used by the CPython tier)
against the C core: same traces through the same simulated wiring, same events and state."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.core.core_sim import ARM, QUEUED, Sim, settle_us
from tests.core.core_strategies import any_trace, chatter_burst
from tests.fakes.debounce import DebounceCore  # noqa: E402

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class MirrorCore:
    """fakes.debounce.DebounceCore behind the C runner's interface (tests/core/core_native)."""

    def init(self, max_events, window_ms, pressed):
        self.c = DebounceCore(window_ms, max_events, pressed)

    @staticmethod
    def _todo(arm, queued):
        return (ARM if arm else 0) | (QUEUED if queued else 0)

    @property
    def wait_ms(self):
        return self.c.wait_ms

    def edge(self, pressed, ms, us):
        return self._todo(*self.c.edge(pressed, ms, us))

    def window_end(self, pressed, now_us):
        return self._todo(*self.c.window_end(pressed, now_us))

    def drain(self):
        events = []
        while (ev := self.c.get()) is not None:
            events.append(ev)
        return events

    def status(self):
        c = self.c
        return (int(c.state), len(c.ring), c.overflows, int(c.in_window))

    def window_abort(self, pressed):
        return QUEUED if self.c.window_abort(pressed) else 0


def _both(core, initial, changes, window_ms, max_events, latency, t0_us):
    end = (changes[-1][0] if changes else 0) + latency + settle_us(window_ms) + 1
    out = []
    for impl in (core, MirrorCore()):
        sim = Sim(
            impl,
            window_ms=window_ms,
            max_events=max_events,
            initial=initial,
            latency_us=latency,
            t0_us=t0_us,
        )
        irqs = sim.run(changes, end)
        out.append((irqs, impl.status(), impl.drain()))
    return out


@SETTINGS
@given(
    any_trace(),
    st.integers(0, 30),
    st.integers(0, 60),
    st.integers(1, 16),
    st.integers(0, 1 << 40),
)
# A window whose time ran out while a departure was still on record: the edge 2 ms after the
# last one must be decided from idle, as the C core does (the mirror once kept the window open).
@example((0, [(1, 1), (3, 0), (4, 1), (2004, 0), (2005, 1)]), 1, 0, 1, 0)
def test_mirror_matches_the_c_core_on_any_trace(
    core, trace, window_ms, latency, max_events, t0_us
):
    initial, changes = trace
    c, py = _both(core, initial, changes, window_ms, max_events, latency, t0_us)
    assert py == c


@SETTINGS
@given(
    chatter_burst(max_edges=200), st.integers(1, 30), st.integers(0, 40), st.integers(0, 1 << 40)
)
def test_mirror_matches_the_c_core_on_chatter(core, changes, window_ms, latency, t0_us):
    c, py = _both(core, 0, changes, window_ms, 16, latency, t0_us)
    assert py == c


@st.composite
def near_quiet_trace(draw):
    """Level changes whose gaps cluster around the quiet time (and the window lengths)."""
    gaps = draw(st.lists(st.integers(900, 1100) | st.integers(1, 50), max_size=60))
    t, lv, changes = 0, 0, []
    for g in gaps:
        t += g
        lv ^= 1
        changes.append((t, lv))
    return changes


@SETTINGS
@given(near_quiet_trace(), st.integers(1, 3), st.integers(0, 40), st.integers(0, 1 << 40))
def test_mirror_matches_the_c_core_around_the_quiet_time(core, changes, window_ms, latency, t0):
    c, py = _both(core, 0, changes, window_ms, 16, latency, t0)
    assert py == c

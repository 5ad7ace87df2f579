"""Hand-picked cases of the debounce core's contract (docs/contracts.md), one behaviour each."""

from tests.core.core_sim import PRESS, RELEASE, TICKS_MASK, TICKS_PERIOD, Sim

QUEUED, ARM = 1, 2


def test_idle_edge_to_the_other_level_is_an_event_and_starts_a_window(core):
    core.init(4, 20, 0)
    assert core.edge(1, 100, 100_000) == QUEUED | ARM
    assert core.status() == (1, 1, 0, 1)
    assert core.get() == (PRESS, 100, 100_000)


def test_idle_edge_back_at_the_same_level_is_a_glitch_and_ignored(core):
    # Press and release latched in one IRQ: the level read equals the state.
    core.init(4, 20, 0)
    assert core.edge(0, 100, 100_000) == 0
    assert core.status() == (0, 0, 0, 0)


def test_edges_inside_the_window_are_only_remembered(core):
    core.init(4, 20, 0)
    core.edge(1, 100, 100_000)
    assert core.wait_ms == 20  # the window: W from the press's first edge
    # Bounce of the press, 5 ms settled, then a release with its bounce.
    for i, lv in enumerate([0, 1, 0, 1]):
        assert core.edge(lv, 100, 100_300 + 300 * i) == 0
    for i, lv in enumerate([0, 1, 0]):
        assert core.edge(lv, 106, 106_200 + 500 * i) == 0
    assert core.status() == (1, 1, 0, 1)
    # Window end with the line quiet longer than the release's settled period (5 ms): its
    # bounce is over, so the release is decided, stamped with the edge that left the pressed
    # level after its longest settled period; its window runs W from that edge.
    assert core.window_end(0, 120_000) == QUEUED | ARM
    assert core.wait_ms == 7  # 126.2 - 120 ms, rounded up
    assert core.drain() == [(PRESS, 100, 100_000), (RELEASE, 106, 106_200)]


def test_the_departure_after_the_longest_settled_period_begins_the_change(core):
    core.init(4, 20, 0)
    core.edge(1, 100, 100_000)
    core.edge(0, 100, 100_900)  # 0.9 ms settled: the press's bounce
    core.edge(1, 101, 101_000)
    core.edge(0, 104, 104_500)  # 3.5 ms settled: a release begins (gaps after it shorter)
    core.edge(1, 106, 106_000)  # a 1.5 ms gap of its bounce...
    core.edge(0, 106, 106_300)  # ...but it left the pressed level after only 0.3 ms
    assert core.window_end(0, 120_000) == QUEUED | ARM
    assert core.drain()[-1] == (RELEASE, 104, 104_500)


def test_a_pulse_as_long_as_the_settled_period_was_no_settled_period(core):
    # The line leaves the pressed level after 4 ms, then stays away 4 ms and comes back: that
    # was a pulse of the bounce, not a release (a change's own gaps are shorter than the
    # settled period before it). The later departure, after 3 ms, is the release.
    core.init(4, 20, 0)
    core.edge(1, 100, 100_000)
    core.edge(0, 104, 104_000)
    core.edge(1, 108, 108_000)
    core.edge(0, 111, 111_000)
    assert core.window_end(0, 120_000) == QUEUED | ARM
    assert core.drain()[-1] == (RELEASE, 111, 111_000)


def test_a_change_still_ringing_at_the_window_end_is_decided_at_its_own_window(core):
    # A quick re-press whose bounce is still going when the release's window ends: looked at
    # again W after ITS first edge (not a whole window more), stamped with that edge.
    core.init(4, 20, 1)
    assert core.edge(0, 100, 100_000) == QUEUED | ARM  # release
    core.edge(1, 117, 117_200)  # press begins after 17.2 ms settled, rings for 5 ms
    for i in range(5):
        core.edge(i % 2, 117 + i // 2, 117_700 + 500 * i)
    assert core.window_end(0, 120_000) == ARM  # still moving
    assert core.wait_ms == 18  # until 137.2 ms, rounded up
    for i in range(5, 10):
        core.edge(i % 2, 117 + i // 2, 117_700 + 500 * i)
    assert core.window_end(1, 138_000) == QUEUED
    assert core.status() == (PRESS, 2, 0, 0)  # its window is over: idle
    assert core.drain() == [(RELEASE, 100, 100_000), (PRESS, 117, 117_200)]


def test_a_change_is_decided_once_quiet_longer_than_it_was_settled(core):
    core.init(4, 20, 1)
    core.edge(0, 100, 100_000)
    core.edge(1, 117, 117_200)  # 17.2 ms settled
    core.edge(0, 118, 118_000)
    core.edge(1, 119, 119_000)  # quiet from here
    assert core.window_end(1, 120_000) == ARM  # 1 ms quiet: may still ring
    assert core.wait_ms == 18  # 17.2 ms quiet (at 136.2) comes before its window ends (137.2)
    # Quiet 17.2 ms, as long as it was settled: the bounce is over.
    assert core.window_end(1, 136_200) == QUEUED | ARM
    assert core.wait_ms == 1  # the press's window runs to 137.2 ms
    assert core.drain()[-1] == (PRESS, 117, 117_200)


def test_an_edge_after_the_open_change_window_decides_it_first(core):
    # The timer that decides a change is armed in whole ms and may run after the next change's
    # first edge: that edge (after a quiet line) settles the open change, then is idle's.
    core.init(4, 20, 1)
    core.edge(0, 100, 100_000)
    core.edge(1, 117, 117_200)
    assert core.window_end(1, 120_000) == ARM
    assert core.edge(0, 137, 137_300) == QUEUED | ARM  # 20.1 ms after the press: a release
    want = [(RELEASE, 100, 100_000), (PRESS, 117, 117_200), (RELEASE, 137, 137_300)]
    assert core.drain() == want


def test_a_burst_with_no_quiet_inside_is_one_change(core):
    # Press and release with no quiet between them: one burst. The press at its first edge,
    # the release at the departure found inside it (no settled period to tell otherwise).
    core.init(4, 20, 0)
    core.edge(1, 100, 100_000)
    core.edge(0, 101, 101_000)
    assert core.window_end(0, 120_000) == QUEUED | ARM  # its window runs to 121 ms
    assert core.drain() == [(PRESS, 100, 100_000), (RELEASE, 101, 101_000)]


def test_window_abort_ends_the_window_at_once(core):
    # The port could not arm the timer: no debounce for this edge, and no window left open.
    core.init(4, 20, 0)
    assert core.edge(1, 100, 100_000) == QUEUED | ARM
    assert core.window_abort(1) == 0
    assert core.status() == (1, 1, 0, 0)
    core.edge(0, 101, 100_500)  # idle again: the next change is an event at once
    assert core.status() == (0, 2, 0, 1)
    core.edge(1, 101, 101_000)
    assert core.window_abort(1) == QUEUED  # the level moved on: its event, still no window
    assert core.status() == (1, 3, 0, 0)
    assert core.drain()[-1] == (PRESS, 101, 101_000)
    assert core.window_abort(0) == 0  # outside a window it does nothing


def test_window_end_at_the_same_level_goes_idle(core):
    core.init(4, 20, 0)
    core.edge(1, 100, 100_000)
    assert core.window_end(1, 120_000) == 0
    assert core.status() == (1, 1, 0, 0)
    assert core.window_end(0, 120_100) == 0  # a stray timer while idle does nothing


def test_window_zero_never_arms(core):
    core.init(4, 0, 1)
    assert core.edge(0, 5, 5000) == QUEUED
    assert core.edge(1, 6, 6000) == QUEUED
    assert core.status() == (1, 2, 0, 0)


def test_full_ring_drops_the_newest_and_counts(core):
    core.init(2, 0, 0)
    for i in range(5):
        core.edge((i + 1) % 2, i, i)
    assert core.status() == (1, 2, 3, 0)
    assert core.drain() == [(PRESS, 0, 0), (RELEASE, 1, 1)]
    assert core.edge(0, 9, 9) == QUEUED
    assert core.drain() == [(RELEASE, 9, 9)]


def test_max_events_is_clamped_to_at_least_one(core):
    core.init(0, 0, 0)
    core.edge(1, 1, 1)
    core.edge(0, 2, 2)
    assert core.status() == (0, 1, 1, 0)


def test_timestamps_are_masked_to_the_ticks_period(core):
    core.init(4, 0, 0)
    core.edge(1, TICKS_PERIOD + 7, 3 * TICKS_PERIOD + 9)
    assert core.get() == (PRESS, 7, 9)


def test_window_end_while_chattering_looks_again_a_window_later(core):
    core.init(4, 20, 0)
    core.edge(1, 100, 100_000)
    core.edge(0, 100, 100_100)
    core.edge(1, 100, 100_200)  # left the pressed level for 0.1 ms: the burst goes on
    for k in range(1, 198):
        core.edge(k % 2, 100 + k // 10, 100_200 + 100 * k)
    assert core.window_end(1, 120_000) == ARM  # moving, and it has been for 19.8 ms
    assert core.status() == (1, 1, 0, 1)
    assert core.window_end(1, 140_000) == 0  # quiet since: pressed, as the state says
    assert core.status() == (1, 1, 0, 0)


def test_quiet_time_is_measured_across_the_ticks_us_wrap(core):
    core.init(4, 20, 0)
    core.edge(1, 100, TICKS_MASK - 15_000)
    core.edge(0, 101, TICKS_MASK - 100)  # a release after 14.9 ms settled
    assert core.window_end(0, 200) == ARM  # 301 us after it (not 2**30 - 301): moving
    assert core.window_end(0, 25_000) == QUEUED  # past its window: decided, idle
    assert core.drain()[-1] == (RELEASE, 101, TICKS_MASK - 100)


def test_10khz_storm_for_a_second_is_one_press_and_one_release(core):
    # The benchmark's chatter storm: a change every 100 us for 1 s from released, ending
    # released. The press at once, the release once it rests, stamped inside the storm
    # (no settled period inside it says where else), nothing else.
    sim = Sim(core, window_ms=20, max_events=64, initial=0, latency_us=0)
    changes = [(1000 + 100 * k, (k + 1) % 2) for k in range(10_000)]
    last = changes[-1][0]
    sim.run(changes, last + 100_000)
    events = core.drain()
    assert [e[0] for e in events] == [PRESS, RELEASE]
    assert events[0][1:] == (1, 1000) and 1000 < events[1][2] <= last
    assert core.status() == (RELEASE, 0, 0, 0)

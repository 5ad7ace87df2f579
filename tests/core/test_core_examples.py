"""Hand-picked cases of the debounce core's contract (docs/contracts.md), one behaviour each."""

from core_sim import PRESS, QUIET_US, RELEASE, TICKS_MASK, TICKS_PERIOD, Sim

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
    # Bounce of the press (less than QUIET_US apart), quiet, then a release with its bounce.
    for i, lv in enumerate([0, 1, 0, 1]):
        assert core.edge(lv, 100, 100_300 + 300 * i) == 0
    for i, lv in enumerate([0, 1, 0]):
        assert core.edge(lv, 105, 105_000 + 500 * i) == 0
    assert core.status() == (1, 1, 0, 1)
    # Window end with the pin back up: the release, stamped with the first edge of its burst.
    assert core.window_end(0, 120_000) == QUEUED | ARM
    assert core.drain() == [(PRESS, 100, 100_000), (RELEASE, 105, 105_000)]


def test_an_edge_exactly_the_quiet_time_after_the_last_one_begins_a_burst(core):
    core.init(4, 20, 0)
    core.edge(1, 100, 100_000)
    core.edge(0, 101, 100_000 + QUIET_US - 1)  # still the press's bounce
    core.edge(1, 102, 102_500)
    core.edge(0, 104, 102_500 + QUIET_US)  # quiet long enough before it: a release begins
    assert core.window_end(0, 120_000) == QUEUED | ARM
    assert core.get() == (PRESS, 100, 100_000)
    assert core.get() == (RELEASE, 104, 102_500 + QUIET_US)


def test_a_press_in_the_release_window_is_stamped_at_its_first_edge_not_its_last(core):
    # The case of issue 12: a quick re-press whose bounce is still going when the release's
    # window ends. The window restarts; the press, when it settles, carries its first edge.
    core.init(4, 20, 1)
    assert core.edge(0, 100, 100_000) == QUEUED | ARM  # release
    core.edge(1, 117, 117_200)  # press begins 17.2 ms later, bounces for 4 ms
    for i in range(4):
        core.edge(i % 2, 117 + i // 2, 117_700 + 500 * i)
    assert core.window_end(1, 120_000) == ARM  # last edge 800 us ago: still moving
    for i in range(4):
        core.edge(i % 2, 120 + i // 2, 120_200 + 500 * i)
    assert core.window_end(1, 140_000) == QUEUED | ARM
    assert core.drain() == [(RELEASE, 100, 100_000), (PRESS, 117, 117_200)]


def test_a_burst_with_no_quiet_inside_is_one_change(core):
    # Press and release with no quiet between them: one burst, both stamped at its start.
    core.init(4, 20, 0)
    core.edge(1, 100, 100_000)
    core.edge(0, 101, 101_000)
    assert core.window_end(0, 120_000) == QUEUED | ARM
    assert core.drain() == [(PRESS, 100, 100_000), (RELEASE, 100, 100_000)]


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
    assert core.drain()[-1] == (PRESS, 101, 100_500)
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


def test_window_end_soon_after_an_edge_restarts_the_window_without_sampling(core):
    core.init(4, 20, 0)
    core.edge(1, 100, 100_000)
    core.edge(0, 119, 119_500)  # chatter 500 us before the window's end
    # The level read (0) would be a release: not trusted, the window restarts.
    assert core.window_end(0, 120_000) == ARM
    assert core.status() == (1, 1, 0, 1)
    # Quiet since: the release, stamped with the first edge of its burst.
    assert core.window_end(0, 140_000) == QUEUED | ARM
    assert core.drain() == [(PRESS, 100, 100_000), (RELEASE, 119, 119_500)]


def test_window_end_exactly_the_quiet_time_after_the_last_edge_samples(core):
    core.init(4, 20, 0)
    core.edge(1, 100, 100_000)
    core.edge(0, 119, 120_000 - QUIET_US)
    assert core.window_end(0, 120_000) == QUEUED | ARM
    assert core.status() == (0, 2, 0, 1)


def test_quiet_time_is_measured_across_the_ticks_us_wrap(core):
    core.init(4, 20, 0)
    core.edge(1, 100, TICKS_MASK - 300)
    core.edge(0, 101, TICKS_MASK - 100)
    assert core.window_end(0, 200) == ARM  # 301 us after the last edge, not 2**30 - 301
    assert core.window_end(0, 2000) == QUEUED | ARM  # 2101 us after it


def test_10khz_storm_for_a_second_is_one_press_and_one_release(core):
    # The benchmark's chatter storm: a change every 100 us for 1 s from released, ending
    # released. The press at once, the release when it stops, nothing else; the storm is one
    # burst (never quiet), so both carry its first edge.
    sim = Sim(core, window_ms=20, max_events=64, initial=0, latency_us=0)
    changes = [(1000 + 100 * k, (k + 1) % 2) for k in range(10_000)]
    last = changes[-1][0]
    sim.run(changes, last + 100_000)
    assert core.drain() == [(PRESS, 1, 1000), (RELEASE, 1, 1000)]
    assert core.status() == (RELEASE, 0, 0, 0)

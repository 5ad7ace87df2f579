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
    for i, lv in enumerate([0, 1, 0, 1, 0]):
        assert core.edge(lv, 101 + i, 101_000 + i) == 0
    assert core.status() == (1, 1, 0, 1)
    # Window end with the pin back up: the release, stamped with the last edge seen.
    assert core.window_end(0, 120_000) == QUEUED | ARM
    assert core.drain() == [(PRESS, 100, 100_000), (RELEASE, 105, 101_004)]


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


def test_depth_is_clamped_to_at_least_one(core):
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
    # Quiet since: the release, stamped with the last edge.
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
    # released. The press at once, the release when it stops (at its last edge), nothing else.
    sim = Sim(core, window_ms=20, depth=64, initial=0, latency_us=0)
    changes = [(1000 + 100 * k, (k + 1) % 2) for k in range(10_000)]
    last = changes[-1][0]
    sim.run(changes, last + 100_000)
    assert core.drain() == [(PRESS, 1, 1000), (RELEASE, sim.ms(last), sim.us(last))]
    assert core.status() == (RELEASE, 0, 0, 0)

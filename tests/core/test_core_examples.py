"""Hand-picked cases of the debounce core's contract (docs/contracts.md), one behaviour each."""

from core_sim import PRESS, RELEASE, TICKS_PERIOD

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
    assert core.window_end(0) == QUEUED | ARM
    assert core.drain() == [(PRESS, 100, 100_000), (RELEASE, 105, 101_004)]


def test_window_end_at_the_same_level_goes_idle(core):
    core.init(4, 20, 0)
    core.edge(1, 100, 100_000)
    assert core.window_end(1) == 0
    assert core.status() == (1, 1, 0, 0)
    assert core.window_end(0) == 0  # a stray timer while idle does nothing


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

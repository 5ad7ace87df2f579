"""rp2's ticks_ms from one read of the 64-bit microsecond counter
(ports/rp2/debounce_ticks.h, used by ports/rp2/debounce_port_rp2.c on every edge):
exactly MicroPython's (uint32_t)(time_us_64() / 1000) across every wrap and at the carry of
the cached remainder, whatever the order of the reads."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

U32 = 1 << 32
U64 = 1 << 64


def mp_ticks_ms(now_us):
    """rp2's mp_hal_ticks_ms(): to_ms_since_boot(), i.e. (uint32_t)(us / 1000)."""
    return (now_us // 1000) % U32


# Around the boundaries: the 32-bit us offset (71.6 min), ticks_ms's 2**30 ms wrap and its
# 32-bit wrap (49.7 days), ticks_us's 2**30 us wrap, and the end of the 64-bit counter.
EDGES = [0, U32, 1 << 30, (1 << 30) * 1000, U32 * 1000, 7 * U32 + 123_456, U64 - U32, U64 - 1]


def test_matches_micropython_around_every_wrap(core):
    for base in EDGES:
        for d in (-1001, -1000, -999, -1, 0, 1, 999, 1000, 1001):
            now = base + d
            if 0 <= now < U64:
                assert core.ms_from_us(now) == mp_ticks_ms(now), now


def test_a_monotonic_clock_across_the_high_word(core):
    # The clock as the board sees it: steps of a few us to minutes, crossing 2**32 us
    # (the high word, the cache moves) many times.
    now = 5 * U32 - 3_000_000
    for step in [1, 999, 1, 1000, 12_345, 60_000_000, 1_000_000_000, 3_000_000_000] * 8:
        now += step
        assert core.ms_from_us(now) == mp_ticks_ms(now), now


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.integers(0, U64 - 1)
        | st.integers(0, 1 << 45)
        | st.sampled_from(EDGES).flatmap(lambda b: st.integers(max(0, b - 5000), b + 5000)),
        min_size=1,
        max_size=30,
    )
)
def test_any_sequence_of_clock_reads(core, nows):
    # Any order, even backwards (the cache follows the high word): always exact.
    for now in nows:
        if now < U64:
            assert core.ms_from_us(now) == mp_ticks_ms(now), now


def test_the_low_word_carry_past_the_cached_remainder(core):
    # hi = 3: (3 * 2**32) % 1000 = 888; lo + 888 carries past 32 bits for lo >= 2**32 - 888.
    hi = 3 * U32
    assert hi % 1000 == 888
    for lo in (U32 - 889, U32 - 888, U32 - 887, U32 - 500, U32 - 1):
        assert core.ms_from_us(hi + lo) == mp_ticks_ms(hi + lo), lo


def test_every_microsecond_around_the_boundaries(core):
    # Reads a microsecond apart, as a chatter's edges come: most hit the cached millisecond,
    # and each millisecond's first and last microsecond must not (nor a high word's).
    for base in (0, U32 - 1500, 3 * U32 - 1500, (1 << 30) * 1000 - 1500):
        for now in range(base, base + 3000, 7):
            assert core.ms_from_us(now) == mp_ticks_ms(now), now
        for now in range(base + 3000, base, -13):  # and backwards
            assert core.ms_from_us(now) == mp_ticks_ms(now), now

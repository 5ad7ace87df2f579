"""Intervals across the ticks wraps, where tests/core and tests/unix leave gaps.

tests/core checks first-edge stamps across the 2**30 ms wrap (hypothesis) and tests/unix
first-edge stamps, the demo and 10,000 cycles across it. Here: events stamped at the
window's end with the first edge of the last burst (the wrap inside the window), and
ticks_us, which wraps every 2**30 us (17.9 minutes, so on every board that runs a day), in
the C core with injected ticks (tests/core's sanitizer runner) and through the binding on
the unix port (mpy/rel_wrap_unix.py)."""

import pytest

from tests.core.core_native import Core, native_build
from tests.core.core_sim import PRESS, RELEASE, TICKS_MASK, TICKS_PERIOD, Sim, ticks_diff

WINDOW_MS = 20
LATENCY_US = 16


@pytest.fixture(scope="module")
def rel_core():
    import shutil

    if shutil.which("cc") is None:
        pytest.skip("no C compiler (cc) for the native core build")
    c = Core(native_build("build/native/runner"))
    yield c
    assert c.close() == 0  # a sanitizer report makes the exit status non-zero


def _short_tap(t):
    """A tap shorter than the window starting at t (us): press, bounce, the release from +6 ms
    (5.3 ms of quiet before it) bouncing until +8 ms."""
    return [(t, 1), (t + 300, 0), (t + 700, 1), (t + 6000, 0), (t + 6400, 1), (t + 8000, 0)]


# Where the wrap falls relative to the press (us): before it, inside the window before and
# after the release's first edge, at it, after the window.
WRAP_AT = [-1, 1, 200, 5_000, 5_999, 6_000, 6_001, 19_999, 25_000]


@pytest.mark.parametrize("wrap_after_press_us", WRAP_AT)
def test_core_window_end_stamp_across_the_ms_wrap(rel_core, wrap_after_press_us):
    press = 10_000
    # The simulated clock reaches 2**30 ms exactly wrap_after_press_us after the press.
    t0 = TICKS_PERIOD * 1000 - press - wrap_after_press_us
    sim = Sim(rel_core, window_ms=WINDOW_MS, latency_us=LATENCY_US, t0_us=t0)
    sim.run(_short_tap(press), press + 100_000)
    evs = rel_core.drain()
    assert [k for k, _, _ in evs] == [PRESS, RELEASE]
    (_, ms0, us0), (_, ms1, us1) = evs
    assert all(0 <= v <= TICKS_MASK for v in (ms0, us0, ms1, us1))
    # The release is stamped with the first edge of its burst (+6 ms), seen inside the window.
    first_edge = press + 6000 + LATENCY_US
    assert ms1 == sim.ms(first_edge) and us1 == sim.us(first_edge)
    want_ms = (t0 + first_edge) // 1000 - (t0 + press + LATENCY_US) // 1000
    assert ticks_diff(ms1, ms0) == want_ms
    assert ticks_diff(us1, us0) == 6000


@pytest.mark.parametrize("wrap_after_press_us", WRAP_AT)
def test_core_us_intervals_across_the_us_wrap(rel_core, wrap_after_press_us):
    # ticks_us wraps every 2**30 us, ms does not at the same moment: put the us wrap there.
    press = 10_000
    t0 = 5 * TICKS_PERIOD - press - wrap_after_press_us
    assert t0 // 1000 % TICKS_PERIOD != 0
    sim = Sim(rel_core, window_ms=WINDOW_MS, latency_us=LATENCY_US, t0_us=t0)
    clean_release = press + 50_000
    changes = _short_tap(press) + [(press + 30_000, 1), (clean_release, 0)]
    sim.run(changes, press + 200_000)
    evs = rel_core.drain()
    assert [k for k, _, _ in evs] == [PRESS, RELEASE, PRESS, RELEASE]
    us = [e[2] for e in evs]
    # The wrap lies between two events' IRQs exactly when it comes after the press's IRQ and
    # no later than the last one's.
    wrapped = LATENCY_US < wrap_after_press_us <= clean_release - press + LATENCY_US
    assert any(b < a for a, b in zip(us, us[1:])) == wrapped
    assert [ticks_diff(b, a) for a, b in zip(us, us[1:])] == [6000, 24000, 20000]


def test_core_ten_thousand_presses_over_many_us_wraps(rel_core):
    # 10,000 presses 150 ms apart (25 minutes: the us clock wraps once, the ms clock once
    # too, placed in the middle); every press-to-press interval right in both units.
    n, step = 10_000, 150_000
    t0 = TICKS_PERIOD * 1000 - n * step // 2
    sim = Sim(rel_core, window_ms=WINDOW_MS, max_events=1024, latency_us=LATENCY_US, t0_us=t0)
    evs = []
    for chunk in range(0, n, 500):
        changes = []
        for i in range(chunk, chunk + 500):
            t = i * step
            changes += [(t, 1), (t + 400, 0), (t + 900, 1), (t + 60_000, 0)]
        sim.run(changes, (chunk + 500) * step)
        evs += [e for e in rel_core.drain() if e[0] == PRESS]
    assert len(evs) == n
    ms = [e[1] for e in evs]
    us = [e[2] for e in evs]
    assert sum(b < a for a, b in zip(ms, ms[1:])) == 1, "the ms clock wrapped once"
    assert sum(b < a for a, b in zip(us, us[1:])) >= 1, "the us clock wrapped"
    assert {ticks_diff(b, a) for a, b in zip(us, us[1:])} == {step}
    assert {ticks_diff(b, a) for a, b in zip(ms, ms[1:])} == {step // 1000}


def test_unix_window_and_us_wrap(rel_unix):
    r = rel_unix.run("rel_wrap_unix.py")
    assert r.returncode == 0 and r.stdout.splitlines()[-1:] == ["OK"], r.stdout + r.stderr
    assert r.stderr == ""

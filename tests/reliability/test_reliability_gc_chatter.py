"""Gc.collect() in a tight loop while chatter at 10 kHz (an edge every 100 us) hits
the pins for 2 simulated seconds, on the firmware in the emulator (mpy/rel_gc_chatter.py).
No crash; the rings stay bounded; every event is either kept or counted in overflows,
exactly; the demo's blink task keeps its rhythm within a bound derived from the longest GC
pause the same run measured."""

import ast

from tests.emulator.timing import IRQ_LATENCY_US
from tests.reliability.rel_support import PROGRAMS

EDGE_US = 100  # 10 kHz chatter: 10,000 level changes per second
CHATTER_MS = 2000
PERIOD_MS = 50  # GP15: a burst starting at each press and each release, 25 ms apart
BURST_EDGES = 121  # 12 ms of chatter, odd: it ends on the level it started with
BLINK_MS = 50  # half-period of the blink task in the program


def _chatter(t0):
    """GP14: a square wave of CHATTER_MS (20,000 edges), starting pressed (0).
    GP15: per PERIOD_MS a press burst (0 first, ends 0) and 25 ms later a release burst."""
    n = CHATTER_MS * 1000 // EDGE_US
    raw = [(t0 + k * EDGE_US / 1000, k % 2) for k in range(n)]
    win, firsts = [], []
    for p in range(CHATTER_MS // PERIOD_MS):
        for start, first in ((0, 0), (PERIOD_MS / 2, 1)):
            base = t0 + 0.05 + p * PERIOD_MS + start
            firsts.append((base, first))
            win += [(base + k * EDGE_US / 1000, first ^ (k % 2)) for k in range(BURST_EDGES)]
    return raw, win, firsts


def _result(text, name):
    line = next(ln for ln in text.splitlines() if ln.startswith(name + " "))
    return ast.literal_eval(line[len(name) + 1 :])


def _check_kept(kept, edges):
    """Kept events are the first edges, in order: kind, ticks_us within the IRQ latency of
    the edge, ticks_ms the same instant in ms."""
    assert len(kept) <= len(edges)
    for (kind, ms, us), (t_ms, level) in zip(kept, edges):
        edge_us = round(t_ms * 1000)
        assert kind == 1 - level, (kind, t_ms)  # active low: 0 is a press
        assert 0 <= us - edge_us < IRQ_LATENCY_US, (us, edge_us)
        assert ms == us // 1000, (ms, us)
    late = [us - round(t_ms * 1000) for (_, _, us), (t_ms, _) in zip(kept, edges)]
    print("IRQ stamp latency under GC and chatter: %d..%d us" % (min(late), max(late)))


def test_gc_loop_under_chatter(emu):
    emu.boot_quiet(emu.uf2)
    emu.start_raw((PROGRAMS / "rel_gc_chatter.py").read_text())
    emu.wait_for("GO ", timeout_ms=1000)
    t0 = round(emu.now_ms) + 10.1  # edges 0.1 ms past whole ms: unambiguous ticks_ms
    raw, win, firsts = _chatter(t0)
    emu.schedule(14, [(t, None if lv else 0) for t, lv in raw])
    emu.button(win)
    emu.wait_for("DONE", timeout_ms=4000)
    text = emu.console()
    for bad in ("Traceback", "Error", "raised"):
        assert bad not in text, text[-1500:]

    # GP14, no window: every one of the 20,000 edges is an event; the ring keeps the first
    # 64 and counts the rest, exactly (none lost to IRQ latency under GC).
    count, overflows, value, kept = _result(text, "RAW")
    assert (count, len(kept)) == (64, 64)
    assert overflows == len(raw) - 64, overflows
    assert value == 1 - raw[-1][1]
    _check_kept(kept, raw)

    # GP15, 20 ms window: each burst is one event at its first edge (the windows end in the
    # quiet 13 ms after it); 80 events, 16 kept, 64 counted.
    count, overflows, value, kept = _result(text, "WIN")
    assert (count, len(kept)) == (16, 16)
    assert overflows == len(firsts) - 16, overflows
    assert value == 0  # released after the last burst
    _check_kept(kept, firsts)

    loops, most, hold_us = _result(text, "GC")
    assert most == [64, 16], "any() above max_events: %r" % most
    assert loops >= 500, "the GC loop ran only %d times" % loops

    # The blink task: every toggle on one grid of BLINK_MS slots (it re-times from its slot,
    # not from when it woke, so lateness can't add up), and every period too. A toggle is late
    # by at most one tick (asyncio sleeps in whole ms) plus the longest pass of the GC loop,
    # which holds the CPU (collect, garbage, the chatter's IRQs): measured by the program in
    # this very run, so the bound moves with the build's layout. 2x margin on that bound;
    # drift (lateness adding up) would still break it within a few of the 40+ toggles.
    late_ms = 1 + hold_us / 1000
    tol_ms = 2 * late_ms
    led = [t for t, _ in emu.led_edges()]
    assert len(led) >= CHATTER_MS // BLINK_MS, led
    offsets = [t - k * BLINK_MS for k, t in enumerate(led)]
    periods = [b - a for a, b in zip(led, led[1:])]
    spread = max(offsets) - min(offsets)
    print(
        "GC loop hold %.2f ms: toggle spread %.2f ms, tolerance %.2f ms"
        % (hold_us / 1000, spread, tol_ms)
    )
    assert spread <= tol_ms, (tol_ms, offsets)
    assert all(abs(p - BLINK_MS) <= tol_ms for p in periods), (tol_ms, periods)

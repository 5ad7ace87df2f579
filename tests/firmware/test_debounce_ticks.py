"""The debounce module's timestamps on the firmware are exactly time.ticks_ms()/ticks_us() of
one instant: the edge IRQ reads the RP2040 timer once and derives both from that read
(ports/rp2/debounce_port_rp2.c, ports/rp2/debounce_ticks.h; the arithmetic past
71.6 minutes of uptime, which the emulator cannot reach, is checked natively in
tests/core/test_core_ticks.py). Edges are scripted at every sub-millisecond phase, so a pair
taken from two reads of the clock would straddle a millisecond boundary somewhere."""

import ast

from tests.emulator.harness import BUTTON
from tests.emulator.timing import IRQ_LATENCY_US

BOARDS = ("pico", "pico2")  # each test runs on both (tests/firmware/conftest.py)

EDGES = 200

PROGRAM = """
import debounce, time
b = debounce.Button(%d, debounce_ms=0, max_events=%d)
print("GO")
while b.any() < %d:
    time.sleep_ms(5)
evs = []
ev = b.get()
while ev is not None:
    evs.append(ev)
    ev = b.get()
m, u = time.ticks_ms(), time.ticks_us()
print("EVS", repr(evs))
print("NOW", repr((m, u)))
"""


def _line(text, name):
    line = next(ln for ln in text.splitlines() if ln.startswith(name + " "))
    return ast.literal_eval(line[len(name) + 1 :])


def test_event_stamps_are_one_instants_ticks_ms_and_ticks_us(emu):
    emu.boot(emu.uf2, button_held=True)
    emu.wait_for(">>> ", timeout_ms=2000)
    emu.release()
    emu.run_for(10)
    emu.start_raw(PROGRAM % (BUTTON, EDGES, EDGES))
    emu.wait_for("GO", timeout_ms=2000)
    t0 = int(emu.now_ms) + 10
    # Edge k at t0 + 2k ms + a phase stepping through the millisecond by 5 us (so the IRQ's
    # read lands just before, at and after a millisecond boundary many times).
    edges = [(t0 + 2 * k + (k * 5 % 1000) / 1000, k % 2) for k in range(EDGES)]
    emu.button(edges)
    emu.wait_for("NOW", timeout_ms=3000)
    text = emu.console()
    evs, (now_ms, now_us) = _line(text, "EVS"), _line(text, "NOW")
    assert len(evs) == EDGES
    for (kind, ms, us), (t_ms, level) in zip(evs, edges):
        assert kind == 1 - level  # active low: 0 is a press
        edge_us = round(t_ms * 1000)
        assert 0 <= us - edge_us < IRQ_LATENCY_US, (us, edge_us)
        # Both of the same read: uptime is below 2**30 us here, so ticks_ms is us // 1000.
        assert ms == us // 1000, (ms, us)
    # time.ticks_us()/ticks_ms() run on the stamps' clock: read after the last edge (two
    # reads, ms first, so ms may be a millisecond behind us // 1000).
    assert 0 < now_us - evs[-1][2] < 1_000_000
    assert now_ms in (now_us // 1000 - 1, now_us // 1000)

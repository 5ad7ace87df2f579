"""The debounce module on the firmware judged against placed truth: seeded traces of
tests/bounce_traces.py (every bounce shape, sub-ms phases, fast re-presses, taps shorter than
the window) driven on GP15 of the real UF2 in rp2040js, at their exact microseconds. The
oracle is the X the generator placed for each contact change; the IRQ's latency is real."""

import ast

from tests import bounce_traces as bt
from tests.emulator.harness import BUTTON

BOARDS = ("pico", "pico2")  # each test runs on both (tests/firmware/conftest.py)

SEEDS = range(25)  # 25 traces x 4 presses: 200 contact changes

PROGRAM = """
import debounce, time
b = debounce.Button(%d, max_events=64)
evs = []
print("GO")
deadline = time.ticks_add(time.ticks_ms(), %d)
while time.ticks_diff(deadline, time.ticks_ms()) > 0:
    ev = b.get()
    if ev is None:
        time.sleep_ms(20)
    else:
        evs.append(ev[:2])
print("EVS", repr(evs))
print("DONE")
"""


def test_every_placed_change_is_reported_at_its_first_edge(emu):
    traces = [bt.press_release_trace(seed, presses=4) for seed in SEEDS]
    offsets, t = [], 0
    for trace in traces:
        offsets.append(t)
        t += trace.end_us + 50_000
    emu.boot(emu.uf2, button_held=True)
    emu.wait_for(">>> ", timeout_ms=2000)
    emu.release()
    emu.run_for(10)
    emu.start_raw(PROGRAM % (BUTTON, t // 1000 + 200))
    emu.wait_for("GO", timeout_ms=2000)
    t0_us = round(emu.now_ms * 1000) + 10_000
    script = []
    for trace, off in zip(traces, offsets):
        # Active low: a press pulls GP15 to ground.
        script += [((t0_us + off + tu) / 1000, 0 if lv else 1) for tu, lv in trace.levels()]
    emu.button(script)
    emu.wait_for("DONE", timeout_ms=t // 1000 + 5000)
    text = emu.console()
    line = next((ln for ln in text.splitlines() if ln.startswith("EVS ")), None)
    assert line is not None, text[-2000:]
    events = [tuple(e) for e in ast.literal_eval(line[4:])]
    # Each trace's events from the whole list, in order: as many as it placed changes.
    i = 0
    for trace, off in zip(traces, offsets):
        n = len(trace.changes)
        got = events[i : i + n]
        i += n
        problems = bt.stamps_ok(trace, got, lambda x, off=off: (t0_us + off + x) // 1000)
        assert not problems, (problems, trace)
    assert i == len(events), "nothing else reported: %d events for %d changes" % (len(events), i)
    print("firmware: %d placed changes, every one exact" % i)

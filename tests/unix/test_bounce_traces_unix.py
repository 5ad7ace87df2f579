"""The debounce module on the unix port judged against placed truth: the same seeded traces of
tests/bounce_traces.py as the core tier, on a whole-ms grid (simgpio places level changes in
whole ms), through the real binding, port glue and virtual-clock timers. The oracle is the X
the generator placed for each contact change."""

import json
from pathlib import Path

import pytest

from tests import bounce_traces as bt

HERE = Path(__file__).resolve().parent

SEEDS = range(40)  # 40 traces x 4 presses: 320 contact changes per window


@pytest.mark.parametrize("start", ["zero", "wrap"])
@pytest.mark.parametrize("window_ms", [10, 20])
def test_every_placed_change_is_reported_at_its_first_edge(mpy, tmp_path, window_ms, start):
    traces = [
        bt.press_release_trace(seed, window_ms=window_ms, presses=4, grid=1000) for seed in SEEDS
    ]
    spec = {
        "window_ms": window_ms,
        "traces": [{"levels": t.levels(), "end_us": t.end_us} for t in traces],
    }
    path = tmp_path / "traces.json"
    path.write_text(json.dumps(spec))
    out = mpy.run(HERE / "runners" / "bounce_traces.py", path, start).stdout.splitlines()
    assert len(out) == len(traces), out
    changes = 0
    for trace, line in zip(traces, out):
        t0, events = json.loads(line)
        problems = bt.stamps_ok(
            trace, [tuple(e) for e in events], lambda x, t0=t0: (t0 + x // 1000) & 0x3FFFFFFF
        )
        assert not problems, (problems, trace)
        changes += len(trace.changes)
    print("unix: %d placed changes, every one exact" % changes)

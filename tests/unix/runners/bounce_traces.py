# Plays ground-truth bounce traces (tests/bounce_traces.py, whole-ms times) to a debounce.Button
# on the simulated BUTTON pin and prints what it reported, one JSON line per trace:
#   [t0_ms, [[kind, ticks_ms], ...]]
# argv[1]: a JSON file {"window_ms": W, "traces": [{"levels": [[t_us, pressed], ...],
# "end_us": E}, ...]}; argv[2]: "zero" or "wrap" (start just before the 2**30 ms ticks wrap).
import json
import sys
import time

import debounce
import simgpio

with open(sys.argv[1]) as f:
    spec = json.load(f)
if sys.argv[2] == "wrap":
    simgpio.elapse((1 << 30) - 400 - time.ticks_ms())
simgpio.set("BUTTON", 1)  # released (pull-up): pressed is low
for trace in spec["traces"]:
    b = debounce.Button("BUTTON", debounce_ms=spec["window_ms"], max_events=64)
    t0 = time.ticks_add(time.ticks_ms(), 10)
    for t_us, pressed in trace["levels"]:
        simgpio.set("BUTTON", 0 if pressed else 1, time.ticks_add(t0, t_us // 1000))
    simgpio.advance(time.ticks_add(t0, trace["end_us"] // 1000))
    events = []
    ev = b.get()
    while ev is not None:
        events.append([ev[0], ev[1]])
        ev = b.get()
    print(json.dumps([t0, events]))
    b.deinit()

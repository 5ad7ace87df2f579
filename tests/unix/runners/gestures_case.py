# Runs one gesture case of tests/cases/gestures/ on the unix variant (test_cases_unix.py).
#   micropython gestures_case.py <case.json> <start> <cases dir>    start: "zero" or "wrap"
# "wrap" starts one second before the 2**30 ms ticks wrap. Prints one JSON line: the
# gestures seen and whether the button's IRQ and window timer were released.
import json
import sys
import time

import simgpio

with open(sys.argv[1]) as f:
    case = json.load(f)
if sys.argv[2] == "wrap":
    simgpio.elapse((2**30 - 1000 - time.ticks_ms()) % 2**30)
sys.path.append(sys.argv[3])  # after the frozen modules: cases/gestures/ is no package
import gestures_run  # noqa: E402

simgpio.set("BUTTON", 1)


def ready(t0):
    for t, level in case["button"]:
        simgpio.schedule("BUTTON", level, time.ticks_add(t0, t))


got = gestures_run.run(case["params"], case["end_ms"], ready)
print(json.dumps({"gestures": got, "irq": simgpio.irq("BUTTON"), "timers": simgpio.timers()}))

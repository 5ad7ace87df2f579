# Runs one demo case of tests/cases/demo/ on the unix variant (driven by test_cases.py).
#   micropython demo_case.py <case.json> <start>    start: "zero" or "wrap"
# "wrap" starts t0 one second before the 2**30 ms ticks wrap. Prints BEGIN, whatever
# tapblink.run() prints, END, then one JSON line with what was observed.
import json
import sys
import time

import debounce
import simgpio
import tapblink
from machine import Pin

with open(sys.argv[1]) as f:
    case = json.load(f)
if sys.argv[2] == "wrap":
    simgpio.elapse((2**30 - 1000 - time.ticks_ms()) % 2**30)

simgpio.set("BUTTON", 1)  # released before t0
simgpio.log("LED", True)
t0 = time.ticks_ms()
for t, level in case["button"]:
    simgpio.schedule("BUTTON", level, time.ticks_add(t0, t))
simgpio.interrupt(time.ticks_add(t0, case["end_ms"]))

print("BEGIN")
tapblink.run(**case["params"])
print("END")

led = []
for t, level in simgpio.log("LED"):
    dt = time.ticks_diff(t, t0)
    if dt < case["end_ms"]:
        led.append([dt, level])
after = {
    "returned_at": time.ticks_diff(time.ticks_ms(), t0),
    "led_value": Pin("LED").value(),
    "button_irq": simgpio.irq("BUTTON"),
    "timers": simgpio.timers(),
    "t0": t0,
}
debounce.Button("BUTTON").deinit()  # raises if run() left the pin claimed
print(json.dumps({"led": led, "after": after}))

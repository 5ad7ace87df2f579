# tapblink.run() refuses the LED and the button on one pin, touching nothing, and leaves no pin
# an output when it returns (the next boot's demo needs its button pin an input).
import time

import simgpio
import tapblink
from machine import Pin
from mpytest import eq, raises, true

for kw in ({"led": "GP15"}, {"led": 25, "button": 25}, {"button": "LED"}):
    e = raises(ValueError, tapblink.run, contains="led and button are the same pin", **kw)
    true("led=" in str(e) and "button=" in str(e), "the message names both: %s" % e)
    eq(simgpio.irq("BUTTON"), 0, "no IRQ taken for %r" % (kw,))
    for n in (15, 25):
        true("mode=OUT" not in repr(Pin(n)), "GPIO%d no output after %r" % (n, kw))

simgpio.interrupt(time.ticks_add(time.ticks_ms(), 300))
tapblink.run()
eq(simgpio.log("LED")[-1][1], 0, "LED off at Ctrl-C")
true("mode=OUT" not in repr(Pin("LED")), "the LED pin is no output after run(): %r" % Pin("LED"))
print("OK")

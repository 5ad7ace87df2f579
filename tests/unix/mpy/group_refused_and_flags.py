# A refused buttons.group() leaves a working Button alone; buttons.Button's repr is
# debounce.Button's; flags take True/False or 1/0 with one message; debounce.find_pin takes
# name= by keyword. On the real binding (the fakes' twin: tests/cpython).
import asyncio
import time

import buttons
import debounce
import simgpio
from machine import Pin
from mpytest import eq, raises

Pin("LED", Pin.OUT)
b = buttons.Button(15)
for pins, exc, word in (
    ((15, 99), ValueError, "pins must be 0..29"),
    ((15, "nope"), ValueError, "pins must be 0..29"),
    ((15, 2.5), TypeError, "pins must be an int"),
    ((15, "GP15"), ValueError, "are the same pin"),
    ((15, "LED"), ValueError, "is an output"),
):
    raises(exc, buttons.group, *pins, contains=word)
    eq(b.value(), 0, "b still works after group%r" % (pins,))
t0 = time.ticks_ms()
simgpio.schedule(15, 0, time.ticks_add(t0, 100))
simgpio.schedule(15, 1, time.ticks_add(t0, 180))
eq(time.ticks_diff(asyncio.run(b.pressed()), t0), 100, "b's press after the refused groups")

simgpio.elapse(100)  # past the release and its window
eq(repr(b), "Button(GPIO15, value=0, debounce_ms=20)", "buttons.Button repr")
eq(repr(b), repr(b.raw), "the same as debounce.Button's")
b.deinit()
eq(repr(b), "Button(GPIO15, deinit)", "repr after deinit")

# The one rule for flags.
raises(
    TypeError, debounce.Button, 15, active_low="yes", contains="active_low must be True or False"
)
raises(ValueError, debounce.Button, 15, active_low=2, contains="active_low must be True or False")
raises(TypeError, buttons.Button, 15, active_low=None, contains="active_low must be True or False")
b = buttons.Button(15, active_low=1)
raises(ValueError, b.gestures, suppress=2, contains="suppress must be True or False")
raises(TypeError, b.gestures, presses="yes", contains="presses must be True or False")
b.gestures(presses=1, suppress=0)
b.deinit()

# find_pin(pin, name=...)
eq(debounce.find_pin(15, name="led"), Pin(15), "find_pin by keyword")
raises(ValueError, debounce.find_pin, 99, name="led", contains="led must be 0..29")
raises(ValueError, debounce.find_pin, 99, "led", contains="led must be 0..29")
raises(ValueError, debounce.find_pin, 99, contains="pin must be 0..29")
raises(TypeError, debounce.find_pin, 15, nom="x")
raises(TypeError, debounce.find_pin, 15, name=3, contains="name must be a str")
print("OK")

"""The demo with other settings: a faster cap, a different default, an external LED on GP16
(LED from GP16 through a 330 ohm resistor to GND; `make sim` shows GP16 on its status line).
Ctrl-C stops it: run() releases the button and switches the LED off."""

import tapblink

tapblink.run(led=16, button="BUTTON", cap_ms=1000, default_ms=250)

"""The demo with other settings: a faster cap, a different default, an external LED on GP16."""

import tapblink

tapblink.run(led=16, button="BUTTON", cap_ms=1000, default_ms=250)

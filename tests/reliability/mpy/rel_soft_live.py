# Soft reset soak (test_reliability_soft_reset.py), imported at the REPL: leaves
# Buttons alive (in this module's globals) for the Ctrl-D that follows. GP13: a plain
# debounce.Button whose 50 ms window the test keeps armed across the reset; GP14: an
# awaitable buttons.Button. Prints the free heap before making them (compared across
# resets: a soft reset must give back everything).
import gc

import buttons
import debounce

gc.collect()
free = gc.mem_free()
raw = debounce.Button(13, debounce_ms=50)
awaitable = buttons.Button(14)
print("LIVE", free)

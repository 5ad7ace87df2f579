# Leaves a handler on GP4 (and a debounce.Button on GP5 where there is one) for
# pin_irq_reset_part2.py, which runs after the soft reset run-tests.py does between tests.
try:
    from machine import Pin
except ImportError:
    print("SKIP")
    raise SystemExit

import sys


def old(p):
    print("old handler called")


pin = Pin(4, Pin.IN, Pin.PULL_UP)
pin.irq(old, Pin.IRQ_FALLING | Pin.IRQ_RISING, hard=True)
try:
    import debounce

    sys.modules["_pin_irq_button"] = debounce.Button(5, debounce_ms=0)
except ImportError:
    pass
print("left")

# After a soft reset (run-tests.py does one before each test; a fresh process on unix): the
# handler and the Button part1 left are gone, and both pins take a new Pin.irq.
try:
    import time

    from machine import Pin
except ImportError:
    print("SKIP")
    raise SystemExit

seen = []


def cb(p):
    seen.append(p is a and "a" or p is b and "b" or "?")


a = Pin(4, Pin.IN, Pin.PULL_UP)
b = Pin(5, Pin.IN, Pin.PULL_UP)
time.sleep_ms(2)
a.init(Pin.IN, Pin.PULL_DOWN)  # no handler: "old handler called" would be part1's
b.init(Pin.IN, Pin.PULL_DOWN)
time.sleep_ms(2)
a.irq(cb, Pin.IRQ_FALLING | Pin.IRQ_RISING)
b.irq(cb, Pin.IRQ_FALLING | Pin.IRQ_RISING)
for p in (a, b):
    p.init(Pin.IN, Pin.PULL_UP)
    time.sleep_ms(2)
print(seen)
a.irq(None)
b.irq(None)

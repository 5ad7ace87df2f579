# Two pins with their own handlers: each edge calls its own pin's handler only.
try:
    import time

    from machine import Pin
except ImportError:
    print("SKIP")
    raise SystemExit

# A hard handler may not allocate: the log is a preallocated buffer.
log = bytearray(8)
n = [0]


def cb(p):
    log[n[0]] = p is a and 97 or p is b and 98 or 63  # a, b, ?
    n[0] += 1


a = Pin(4, Pin.IN, Pin.PULL_UP)
b = Pin(5, Pin.IN, Pin.PULL_UP)
time.sleep_ms(2)
a.irq(cb, Pin.IRQ_FALLING | Pin.IRQ_RISING)
b.irq(cb, Pin.IRQ_FALLING | Pin.IRQ_RISING, hard=True)
for p in (a, b, b, a, b):
    p.init(Pin.IN, Pin.PULL_DOWN if p.value() else Pin.PULL_UP)
    time.sleep_ms(2)
print(bytes(log[: n[0]]))
a.irq(None)
b.irq(None)

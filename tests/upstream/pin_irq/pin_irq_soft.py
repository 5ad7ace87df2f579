# machine.Pin.irq, soft handlers: each edge of an unwired pin, made by flipping its pull,
# calls the handler once, with the pin, and irq().flags() names the edge.
try:
    import time

    from machine import Pin
except ImportError:
    print("SKIP")
    raise SystemExit

PIN = 4
seen = []


def cb(p):
    seen.append((p is pin, irq.flags()))


pin = Pin(PIN, Pin.IN, Pin.PULL_UP)
time.sleep_ms(2)
irq = pin.irq(cb, Pin.IRQ_FALLING | Pin.IRQ_RISING)
for pull in (Pin.PULL_DOWN, Pin.PULL_UP, Pin.PULL_DOWN, Pin.PULL_UP):
    pin.init(Pin.IN, pull)
    time.sleep_ms(2)
print(seen == [(True, Pin.IRQ_FALLING), (True, Pin.IRQ_RISING)] * 2, len(seen))

# Falling only: the rising edges call nothing.
seen = []
irq = pin.irq(cb, Pin.IRQ_FALLING)
for pull in (Pin.PULL_DOWN, Pin.PULL_UP, Pin.PULL_DOWN, Pin.PULL_UP):
    pin.init(Pin.IN, pull)
    time.sleep_ms(2)
print(len(seen), all(f == Pin.IRQ_FALLING for _, f in seen))
print(irq.trigger() == Pin.IRQ_FALLING)
pin.irq(None)

# 50 cycles of adding a handler (soft and hard in turn), two edges, removing it, two edges:
# exactly 100 calls.
try:
    import time

    from machine import Pin
except ImportError:
    print("SKIP")
    raise SystemExit

PIN = 4
count = [0]


def flip(pin):
    pin.init(Pin.IN, Pin.PULL_DOWN)
    time.sleep_ms(1)
    pin.init(Pin.IN, Pin.PULL_UP)
    time.sleep_ms(1)


pin = Pin(PIN, Pin.IN, Pin.PULL_UP)
time.sleep_ms(2)
for i in range(50):

    def cb(p):
        count[0] += 1

    pin.irq(cb, Pin.IRQ_FALLING | Pin.IRQ_RISING, hard=i % 2 == 1)
    flip(pin)
    pin.irq(None)
    flip(pin)
print(count[0])

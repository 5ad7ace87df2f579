# machine.Pin.irq(hard=True): the handler runs at the edge, before the code that made it goes
# on, and may not allocate (MemoryError is printed by the IRQ and disables it on rp2).
try:
    import time

    from machine import Pin
except ImportError:
    print("SKIP")
    raise SystemExit

PIN = 4
count = [0]


def cb(p):
    count[0] += 1


pin = Pin(PIN, Pin.IN, Pin.PULL_UP)
time.sleep_ms(2)
pin.irq(cb, Pin.IRQ_FALLING | Pin.IRQ_RISING, hard=True)
after = []
for pull in (Pin.PULL_DOWN, Pin.PULL_UP, Pin.PULL_DOWN, Pin.PULL_UP):
    pin.init(Pin.IN, pull)
    t0 = time.ticks_ms()
    while count[0] == len(after) and time.ticks_diff(time.ticks_ms(), t0) < 50:
        pass
    after.append(count[0])
print(after)
pin.irq(None)

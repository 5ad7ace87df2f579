# machine.Pin.irq(None) stops the calls; irq() again brings them back.
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


def flip(pin, n):
    for i in range(n):
        pin.init(Pin.IN, Pin.PULL_DOWN if i % 2 == 0 else Pin.PULL_UP)
        time.sleep_ms(2)


pin = Pin(PIN, Pin.IN, Pin.PULL_UP)
time.sleep_ms(2)
pin.irq(cb)
flip(pin, 2)
print(count[0])
pin.irq(None)
flip(pin, 4)
print(count[0])
pin.irq(cb, Pin.IRQ_FALLING | Pin.IRQ_RISING)
flip(pin, 4)
print(count[0])
pin.irq(None)

# A Pin.irq() on the pin of a live debounce.Button replaces the Button's handling, as
# stubs/debounce.pyi promises: the handler gets every edge, the Button none (rp2 and unix).
try:
    import time

    import debounce
    from machine import Pin
except ImportError:
    print("SKIP")
    raise SystemExit

count = [0]


def cb(p):
    count[0] += 1


for hard in (False, True):
    count[0] = 0
    btn = debounce.Button(4, debounce_ms=0, max_events=16)
    time.sleep_ms(2)
    pin = Pin(4)
    pin.irq(cb, Pin.IRQ_FALLING | Pin.IRQ_RISING, hard=hard)
    for pull in (Pin.PULL_DOWN, Pin.PULL_UP, Pin.PULL_DOWN, Pin.PULL_UP):
        pin.init(Pin.IN, pull)
        time.sleep_ms(5)
    print(hard, count[0], btn.any())
    pin.irq(None)
    btn.deinit()

# And a new Button takes the pin back from the Pin.irq.
count[0] = 0
pin.irq(cb, Pin.IRQ_FALLING | Pin.IRQ_RISING)
btn = debounce.Button(4, debounce_ms=0, max_events=16)
time.sleep_ms(2)
for pull in (Pin.PULL_DOWN, Pin.PULL_UP):
    pin.init(Pin.IN, pull)
    time.sleep_ms(5)
print(count[0], btn.any())
btn.deinit()

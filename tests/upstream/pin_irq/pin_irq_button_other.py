# A live debounce.Button on GP5 and a Pin.irq on GP4: each sees its own edges, no more.
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


btn = debounce.Button(5, debounce_ms=0, max_events=16)
time.sleep_ms(2)
pin = Pin(4, Pin.IN, Pin.PULL_UP)
time.sleep_ms(2)
pin.irq(cb, Pin.IRQ_FALLING | Pin.IRQ_RISING)
other = Pin(5)
for p, pull in ((pin, Pin.PULL_DOWN), (other, Pin.PULL_DOWN), (pin, Pin.PULL_UP)):
    p.init(Pin.IN, pull)
    time.sleep_ms(5)
other.init(Pin.IN, Pin.PULL_UP)
time.sleep_ms(5)
kinds = []
ev = btn.get()
while ev is not None:
    kinds.append(ev[0])
    ev = btn.get()
print(count[0], kinds == [debounce.PRESS, debounce.RELEASE])
pin.irq(None)
btn.deinit()

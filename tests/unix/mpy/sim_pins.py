# The simulated GPIO itself: machine.Pin on the unix variant and the simgpio driver module.
# expect stderr: Uncaught exception in IRQ callback handler
# expect stderr: MemoryError
# expect stderr: simgpio: scheduled change failed
import time

import debounce
import simgpio
from machine import Pin
from mpytest import eq, raises, true

LED = Pin("LED")  # "LED" and "BUTTON" are registered by the runner from pins.csv

# Names: the runner's, GPn/GPIOn, ints and Pins all reach the same object.
true(Pin("GP15") is Pin(15) and Pin("GPIO15") is Pin(15), "GP15/GPIO15/15 are one Pin")
true(Pin(Pin(25)) is Pin(25), "Pin(Pin) is the same Pin")
eq(repr(Pin(3, Pin.IN, Pin.PULL_DOWN)), "Pin(GPIO3, mode=IN, pull=PULL_DOWN)", "repr")
raises(ValueError, Pin, 30, contains="id")
raises(ValueError, Pin, -1, contains="id")
raises(ValueError, Pin, "NOPE", contains="NOPE")
raises(TypeError, Pin, 1.5, contains="id")
raises(ValueError, Pin, 4, 7, contains="mode")
raises(ValueError, Pin, 4, Pin.IN, 9, contains="pull")
eq(repr(Pin(4)), "Pin(GPIO4, mode=IN)", "a rejected init leaves the pin as it was")

# Inputs: pulls, external drive, no drive of outputs.
p = Pin(5, Pin.IN, Pin.PULL_UP)
eq(p.value(), 1, "pull-up, undriven")
p.init(Pin.IN, Pin.PULL_DOWN)
eq(p(), 0, "pull-down, undriven")
simgpio.set(5, 1)
eq(p.value(), 1, "driven high beats the pull-down")
raises(ValueError, simgpio.set, 5, 2, contains="level")
eq(p.value(), 1, "a bad level changes nothing")

# Outputs record their changes with the virtual time.
t0 = time.ticks_ms()
LED.init(Pin.OUT, value=0)
LED.on()
time.sleep_ms(10)
LED.toggle()
time.sleep_ms(5)
LED.value(1)
LED.value(1)  # no change, no entry
LED.off()
eq(
    simgpio.log("LED"),
    [(t0, 1), (t0 + 10, 0), (t0 + 15, 1), (t0 + 15, 0)],
    "LED log (time.sleep_ms moves the virtual clock)",
)
eq(len(simgpio.log(25, True)), 4, "log(pin, clear=True) returns the log")
eq(simgpio.log(25), [], "then the log is empty")
raises(ValueError, simgpio.set, "LED", 1, contains="output")

# The clock: ticks agree everywhere; set/advance refuse the past; elapse crosses the wrap.
now = simgpio.ticks_ms()
eq(time.ticks_ms(), now, "time.ticks_ms() is the virtual clock")
eq(time.ticks_us(), now * 1000 & (2**30 - 1), "ticks_us follows it")
simgpio.advance(time.ticks_add(now, 7))
eq(time.ticks_diff(time.ticks_ms(), now), 7, "advance(t) moves to t")
raises(ValueError, simgpio.advance, now, contains="past")
raises(ValueError, simgpio.set, 5, 0, now, contains="past")
raises(TypeError, simgpio.advance, "soon", contains="t_ms")
raises(ValueError, simgpio.elapse, -1, contains="ms")
simgpio.elapse(2**30 - time.ticks_ms() - 3)
eq(time.ticks_ms(), 2**30 - 3, "elapse() gets near the wrap")
simgpio.elapse(5)
eq(time.ticks_ms(), 2, "ticks wrap at 2**30 as on the RP2040")
eq(time.ticks_diff(2, 2**30 - 3), 5, "ticks_diff across the wrap")

# Running code costs no virtual time between waits; a busy loop is charged (1 ms per 2000
# bytecode jumps), so polling ticks_ms ends as on the board.
time.sleep_ms(1)
t = time.ticks_ms()
n = 0
for _ in range(500):
    n += 1
eq(time.ticks_ms(), t, "a short computation takes no virtual time")
while time.ticks_diff(time.ticks_ms(), t) < 20:
    n += 1
eq(time.ticks_diff(time.ticks_ms(), t), 20, "a busy loop on ticks_ms ends")
true(20 * 500 < n < 20 * 2000, "busy loop ran %d turns for 20 ms" % n)

# Pin.irq: hard handlers run at the edge with the GC locked; soft ones are scheduled.
seen = []


def hard(pin):
    seen.append(pin.irq().flags())  # appending allocates only if the list grows


seen.extend([0] * 8)
del seen[:]
q = Pin(6, Pin.IN, Pin.PULL_UP)
q.irq(hard, Pin.IRQ_FALLING, hard=True)
eq(simgpio.irq(6), Pin.IRQ_FALLING, "simgpio.irq() shows the trigger")
simgpio.set(6, 0)
simgpio.set(6, 1)
eq(seen, [Pin.IRQ_FALLING], "hard handler on the falling edge only")


def allocating(pin):
    seen.append([1, 2, 3])  # MemoryError: heap locked, as in a real hard IRQ


q.irq(allocating, Pin.IRQ_RISING | Pin.IRQ_FALLING, hard=True)
simgpio.set(6, 0)
eq(simgpio.irq(6), 0, "a hard handler that raised is disabled, as mpirq does on the board")

soft = []
q.irq(lambda pin: soft.append(time.ticks_ms()), Pin.IRQ_RISING)
t = time.ticks_ms()
simgpio.schedule(6, 1, time.ticks_add(t, 30))
eq(simgpio.scheduled(), 1, "one change queued")
time.sleep_ms(50)
eq(soft, [time.ticks_add(t, 30)], "scheduled edge fired the soft IRQ at its time")
q.irq(None)
eq(simgpio.irq(6), 0, "irq(None) disables")

# Scheduled changes: time order, same-ms ones in call order, after any timer due in that ms.
edges = [0] * 4  # (flags, timers() at that edge) packed in an int: hard handlers can't allocate
n_edges = [0]


def record(pin):
    edges[n_edges[0]] = pin.irq().flags() | simgpio.timers() << 8
    n_edges[0] += 1


r = Pin(8, Pin.IN, Pin.PULL_UP)
r.irq(record, hard=True)
t = time.ticks_ms()
simgpio.schedule(8, 1, time.ticks_add(t, 40))
simgpio.schedule(8, 0, time.ticks_add(t, 20))  # queued later, due earlier
simgpio.schedule(8, 1, time.ticks_add(t, 20))
simgpio.schedule(8, 0, time.ticks_add(t, 20))
eq((simgpio.scheduled(), simgpio.timers()), (4, 0), "queued changes are not timers()")
simgpio.set("BUTTON", 1)
w = debounce.Button("BUTTON")  # window of 20 ms from the press at t: due at t + 20
simgpio.set("BUTTON", 0)
eq(simgpio.timers(), 1, "the window is armed")
simgpio.advance(time.ticks_add(t, 40))
F, R = Pin.IRQ_FALLING, Pin.IRQ_RISING
eq(edges, [F, R, F, R], "time order, same ms in call order, window first")
w.deinit()
r.irq(None)

# A change that can't apply (its pin became an output) is printed; the later ones still apply.
t = time.ticks_ms()
simgpio.schedule(10, 1, time.ticks_add(t, 5))
simgpio.schedule(11, 1, time.ticks_add(t, 6))
Pin(10, Pin.OUT, value=0)
simgpio.advance(time.ticks_add(t, 6))
eq((simgpio.level(10), simgpio.level(11), simgpio.scheduled()), (0, 1, 0), "failed one skipped")

# Ctrl-C at a virtual time.
t = time.ticks_ms()
simgpio.interrupt(time.ticks_add(t, 100))
try:
    time.sleep_ms(1000)
    raise AssertionError("no KeyboardInterrupt")
except KeyboardInterrupt:
    eq(time.ticks_diff(time.ticks_ms(), t), 100, "KeyboardInterrupt at the set time")

# Capacity: 256 pending changes, even with every timer taken.
t = time.ticks_ms()
for i in range(256):
    simgpio.schedule(9, i & 1, time.ticks_add(t, 1000 + i))
raises(RuntimeError, simgpio.schedule, 9, 0, time.ticks_add(t, 1), contains="256")
eq(simgpio.scheduled(), 256, "a refused change queues nothing")
simgpio.advance(time.ticks_add(t, 1255))
eq((simgpio.scheduled(), simgpio.level(9)), (0, 1), "all 256 applied")
for _ in range(32):
    simgpio.interrupt(time.ticks_add(t, 100000))
raises(RuntimeError, simgpio.interrupt, time.ticks_add(t, 100000), contains="32")
simgpio.schedule(9, 0, time.ticks_add(t, 1300))
simgpio.advance(time.ticks_add(t, 1300))
eq((simgpio.scheduled(), simgpio.level(9)), (0, 0), "a change still applies with no timer free")

print("OK")

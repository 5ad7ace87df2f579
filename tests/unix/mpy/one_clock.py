# One clock on the unix variant: time.time()/time_ns()/gmtime()/localtime(), time.sleep() and
# time.sleep_us() follow the simulated clock as sleep_ms() and the ticks do (ports/unix/README.md,
# "Virtual time"). An hour of sleeps takes no real time, and a program timing itself with
# time.time() around them sees the hour.
import time

import simgpio
from machine import Pin
from mpytest import eq, true

t_us, t_ms, wall, wall_ns = time.ticks_us(), time.ticks_ms(), time.time(), time.time_ns()
g0, l0, secs0 = time.gmtime(), time.localtime(), int(time.time())
true(g0[0] >= 2024, "gmtime() is the host's date at start-up, got %r" % (g0,))

time.sleep(2.5)
eq(time.ticks_diff(time.ticks_ms(), t_ms), 2500, "sleep(2.5) moves ticks_ms")
eq(time.ticks_diff(time.ticks_us(), t_us), 2500000, "sleep(2.5) moves ticks_us")
eq(round(time.time() - wall, 3), 2.5, "time.time() follows sleep()")
eq((time.time_ns() - wall_ns) // 1000, 2500000, "time_ns() follows sleep()")

# sleep_us: exact in ticks_us, whole ms in ticks_ms, and timers due on the way fire in order.
t_us, t_ms = time.ticks_us(), time.ticks_ms()
time.sleep_us(300)
eq(time.ticks_diff(time.ticks_us(), t_us), 300, "sleep_us(300) in ticks_us")
eq(time.ticks_diff(time.ticks_ms(), t_ms), 0, "300 us is still the same ms")
time.sleep_us(800)
eq(time.ticks_diff(time.ticks_us(), t_us), 1100, "then 800 us more")
eq(time.ticks_diff(time.ticks_ms(), t_ms), 1, "into the next ms")
seen = []
simgpio.schedule("GP4", 1, time.ticks_add(time.ticks_ms(), 3))
p = Pin("GP4", Pin.IN)
p.irq(lambda pin: seen.append(time.ticks_diff(time.ticks_ms(), t_ms)), Pin.IRQ_RISING)
time.sleep_us(5000)
eq(seen, [4], "an edge scheduled 3 ms ahead fires during sleep_us(5000), at its ms")
eq(time.ticks_diff(time.ticks_us(), t_us), 6100, "sleep_us(5000) moved 5000 us")
p.irq(None)

# The other clocks agree after an hour of sleep() and sleep_ms().
t_ms, wall = time.ticks_ms(), time.time()
time.sleep(1800)
time.sleep_ms(1800 * 1000)
eq(time.ticks_diff(time.ticks_ms(), t_ms), 3600 * 1000, "an hour of sleeps in ticks_ms")
eq(round(time.time() - wall), 3600, "and in time.time()")
secs = int(time.time()) - secs0  # 3602 or 3603 s: 3602.5061 from a fractional start
true(secs in (3602, 3603), "time.time() since the start: %d s" % secs)
eq(time.mktime(time.gmtime()) - time.mktime(g0), secs, "gmtime() moved as time.time()")
eq(time.mktime(time.localtime()) - time.mktime(l0), secs, "localtime() moved as time.time()")
print("OK")

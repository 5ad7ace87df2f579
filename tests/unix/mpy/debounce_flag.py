# debounce.Flag (ThreadSafeFlag's API with its poll in C) and Button.get_into() on the real
# binding, the real asyncio loop and simulated pins.
import asyncio
import select
import time

import debounce
import micropython
import simgpio
from mpytest import eq, raises, true

# The poll answers from C: readable while set.
f = debounce.Flag()
p = select.poll()
p.register(f, select.POLLIN)
eq(p.poll(0), [], "clear: not readable")
f.set()
eq([ev for _, ev in p.poll(0)], [select.POLLIN], "set: readable")
f.clear()
eq(p.poll(0), [], "cleared")
p.unregister(f)
raises(TypeError, debounce.Flag, 1)


async def set_later(flag, ms):
    await asyncio.sleep_ms(ms)
    flag.set()


async def flag_api():
    out = []
    asyncio.create_task(set_later(f, 10))
    t0 = time.ticks_ms()
    await f.wait()
    out.append(("woken", time.ticks_diff(time.ticks_ms(), t0)))
    f.set()
    await f.wait()  # already set: returns at once and clears it
    out.append(("at once", time.ticks_diff(time.ticks_ms(), t0)))
    # A coroutine for create_task() and wait_for(), as ThreadSafeFlag.wait() is.
    t = asyncio.create_task(f.wait())
    await asyncio.sleep_ms(5)
    f.set()
    await t
    out.append("task")
    try:
        await asyncio.wait_for_ms(f.wait(), 10)
    except asyncio.TimeoutError:
        out.append("timeout")
    # Cancelled while waiting: the flag is free for the next waiter.
    t = asyncio.create_task(f.wait())
    await asyncio.sleep_ms(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        out.append("cancelled")
    asyncio.create_task(set_later(f, 3))
    await f.wait()
    out.append("again")
    return out


eq(
    asyncio.run(flag_api()),
    [("woken", 10), ("at once", 10), "task", "timeout", "cancelled", "again"],
    "Flag as a ThreadSafeFlag",
)

# The IRQ sets the Button's native flag; get_into() reads without allocating.
b = debounce.Button("BUTTON", debounce_ms=0)
true(type(b.flag) is debounce.Flag, "a new Flag per Button")
ev = [None, None, None]
t0 = time.ticks_ms()
simgpio.set("BUTTON", 0, time.ticks_add(t0, 5))
simgpio.set("BUTTON", 1, time.ticks_add(t0, 9))
eq([ev for _, ev in (p.register(b.flag, select.POLLIN) or p.poll(0))], [select.POLLIN], "set")
p.unregister(b.flag)


def read_all(b, ev, out):
    # Stores into preallocated lists only: nothing here may allocate.
    out[0] = b.get_into(ev)
    out[1] = ev[0]
    out[2] = ev[1]
    out[3] = b.get_into(ev)
    out[4] = ev[0]
    out[5] = ev[1]
    out[6] = b.get_into(ev)


got = [None] * 7
micropython.heap_lock()
try:
    read_all(b, ev, got)
finally:
    micropython.heap_unlock()
got[2] = time.ticks_diff(got[2], t0)
got[5] = time.ticks_diff(got[5], t0)
eq(got, [True, 1, 5, True, 0, 9, False], "get_into with the heap locked")
eq(ev[0], 0, "an empty ring leaves the list as it was")
eq(ev[2], ev[1] * 1000 & (2**30 - 1), "ticks_us in the third item")
raises(TypeError, b.get_into, (0, 0, 0), contains="event")
raises(ValueError, b.get_into, [0, 0], contains="event")
b.deinit()
raises(ValueError, b.get_into, ev, contains="deinit")

# A plain asyncio.ThreadSafeFlag passed as flag= still works (its poll is Python).
tsf = asyncio.ThreadSafeFlag()
b = debounce.Button("BUTTON", flag=tsf, debounce_ms=0)
true(b.flag is tsf, "flag kept")


async def tsf_wake():
    t0 = time.ticks_ms()
    simgpio.schedule("BUTTON", 0, time.ticks_add(t0, 7))
    await tsf.wait()
    return time.ticks_diff(time.ticks_ms(), t0), b.get()[0]


eq(asyncio.run(tsf_wake()), (7, 1), "woken by the IRQ through a stock ThreadSafeFlag")
b.deinit()
print("OK")

# Soft reset soak (test_reliability_soft_reset.py), imported at the REPL: the demo
# runs with two more Buttons alive (GP13 raw, GP14 awaited by a task) until a task calls
# machine.soft_reset() 300 ms later, in the middle of everything. Prints the free heap first.
import asyncio
import gc

import buttons
import debounce
import machine
import tapblink

gc.collect()
free = gc.mem_free()
raw = debounce.Button(13, debounce_ms=50)
awaitable = buttons.Button(14)


async def waiter():
    t = await awaitable.pressed()
    print("GOT14", t)
    await awaitable.pressed()  # still waiting when the reset comes


async def reset_later():
    await asyncio.sleep_ms(300)
    machine.soft_reset()


asyncio.create_task(waiter())
asyncio.create_task(reset_later())
print("ARMED", free)
tapblink.run()

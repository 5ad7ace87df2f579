# A program written like the classic Raspberry Pi Pico asyncio tutorial (2021),
# re-created from its description in the project's ANCHORS notes, not copied.
# It must run unmodified on tapblink: `uasyncio`, `utime` and `queue` all resolve
# (queue is frozen into tapblink; on stock firmware it had to be copied to /lib).
# LED on GP25, push button from GP15 to GND with the internal pull-up.
# Known weaknesses, kept on purpose (tapblink's demo fixes them): 40 ms polling,
# the queue looked at only after each sleep, delay 0 until the first press.
import queue

import uasyncio
import utime
from machine import Pin

led = Pin(25, Pin.OUT)
button = Pin(15, Pin.IN, Pin.PULL_UP)


async def wait_button():
    # Poll every 40 ms until the button goes from released to pressed.
    btn_prev = button.value()
    while (button.value() == 1) or (button.value() == btn_prev):
        btn_prev = button.value()
        await uasyncio.sleep(0.04)


async def blink(q):
    delay = 0
    while True:
        led.toggle()
        await uasyncio.sleep_ms(delay)
        if not q.empty():
            delay = await q.get()


async def main():
    q = queue.Queue()
    uasyncio.create_task(blink(q))
    await wait_button()
    last = utime.ticks_ms()
    while True:
        await wait_button()
        now = utime.ticks_ms()
        interval = now - last  # as in the original: wrong across the 2**30 ticks wrap
        last = now
        print(interval)
        if interval > 2000:
            interval = 2000
        await q.put(interval)


uasyncio.run(main())

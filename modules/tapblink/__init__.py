"""tapblink: tap a button, the LED blinks at your tempo.

    import tapblink
    tapblink.run()                 # LED on pin "LED" (GP25), button on "BUTTON" (GP15)
    tapblink.run(led=16, button="GP14", cap_ms=1000, default_ms=250)

Wiring as in the classic Pico asyncio tutorial: LED on GP25, push button
from GP15 to GND (the internal pull-up is used, pressed reads 0).

What it does:
- Prints the interval between two consecutive presses in ms, a bare integer
  on its own line (the raw interval, before capping). The times are the
  debounced edges' interrupt timestamps, not when a task happened to run.
- The LED toggles with a half-period equal to the last interval, capped at
  cap_ms. Before the first interval it blinks calmly every default_ms.
- The press is the beat: at a press that gives a new delay the LED toggles
  at once, and the next toggle comes one new half-period after the press
  (its interrupt timestamp, not the time a task ran, so steady taps stay in
  step without drift). A slow old delay is never slept out.
- Except when the LED has just toggled: if its last toggle is at most
  min(old delay, new delay) // 4 ms before the press (a tap on the beat, or
  a toggle that came between the press and the moment the task saw it), it
  does not toggle again, so it never flips twice within a moment. The rhythm
  still counts from the press, not from that toggle: one rule for both
  cases, and the next toggles line up with the taps that follow it.
- A long press (held LONG_MS, 1 s) resets the tempo: at press + 1 s the LED
  goes back to blinking every default_ms, counted from that moment (toggling
  then, under the same "just toggled" rule as a tap), and the console prints
  "long press: tempo reset to <default_ms> ms". The long press's own press
  was a tap like any other (its interval was printed); the next tap after it
  starts a new interval. Taps are short, so they never trigger it.
- Ctrl-C stops it: the button's interrupt is released, the LED is switched
  off and run() returns (back at the REPL).

As in the tutorial, the button task hands each new delay to the blink task
through a `queue.Queue()`. The blink task always jumps to the NEWEST delay
(it drains the queue), so a burst of taps never replays stale rates.

How the blink task waits for "delay elapsed OR new delay" cheaply: it simply
`await asyncio.sleep_ms(remaining)` (no allocation per toggle), and the
button task, after putting a new delay, cancels that sleep with
Task.cancel() (marking it as a "poke", so a real cancellation is still
honoured). On MicroPython's asyncio a cancel takes the task out of the
timer heap and reschedules it now: no task is created, unlike
asyncio.wait_for_ms(), which creates one per call and would be paid on every
toggle. The poke is paid only per tap, and so is the queue: the blink task
looks at it only when a poke cancelled its sleep, so a toggle costs a sleep
and little else (idle, about 0.04 % CPU per LED toggle per second in the
benchmark). Measured on the RP2040 in rp2040js:
wait_for_ms(flag.wait(), 0) 1.41 ms per call; a task switch (sleep_ms(0))
0.19 ms; a poke 0.24 ms on top of the switch. Press to LED showing the new
rate: about 0.9 ms (interrupt, the button task woken by the flag itself, the
blink task).

Boot: tapblink's _boot.py writes a two-line /main.py calling main() when
the filesystem is empty, so a fresh board starts the demo; your own
/main.py replaces it. Hold the button while the board starts to get a
quiet REPL instead (safe mode).
"""

import asyncio
import queue
import sys
from time import ticks_add, ticks_diff, ticks_ms

import buttons
from machine import Pin

DEFAULT_MS = 500  # LED half-period before the first interval
CAP_MS = 2000  # longest half-period
LONG_MS = 1000  # a press held this long resets the tempo to the default blink
BUTTON = "BUTTON"  # pin names from the board's pins.csv
LED = "LED"


class _Blinker:
    # The blink task, and what the button task does to it at a press: the toggle at the
    # press (so the LED shows a tap in the round the press wakes the button task), then a
    # "poke" that makes the blink task count its new rhythm from the press.

    def __init__(self, led, q, delay_ms):
        self.led = led
        self.q = q  # (delay_ms, press ticks_ms) from the button task
        self.delay = delay_ms  # the half-period the LED blinks at
        self.toggled = ticks_ms()  # the LED's last toggle
        self.task = None
        self._running = False  # in its loop, where the task only ever waits in sleep_ms()
        self._poked = False

    def press(self, new, t):
        # The press at t is the beat: toggle at it, unless the LED has just toggled (a tap on
        # the beat, or a press seen after the next toggle).
        if ticks_diff(t, self.toggled) > min(self.delay, new) // 4:
            self.led.toggle()
            self.toggled = t
        self.delay = new

    def poke(self):
        # Called right after a new (delay, press time) was put on the queue. The blink task
        # is waiting in its sleep (or woken from it, not yet run): cancel that sleep, once.
        if self._running and not self._poked:
            self._poked = True
            self.task.cancel()

    async def run(self):
        led = self.led
        q = self.q
        delay = self.delay
        led.value(1)
        beat = self.toggled = ticks_ms()  # the rhythm counts from beat
        self._running = True
        try:
            while True:
                due = ticks_add(beat, delay)
                wait = ticks_diff(due, ticks_ms())
                if wait > 0:
                    try:
                        await asyncio.sleep_ms(wait)
                    except asyncio.CancelledError:
                        if not self._poked:
                            raise  # a real cancellation
                        self._poked = False
                        # A poke: the queue is only looked at here, once per press.
                        while not q.empty():
                            delay, t = q.get_nowait()  # the newest press wins
                        # Count from the press; from now if that half-period is already over
                        # (a press seen late, a tiny delay): never two toggles at once.
                        now = ticks_ms()
                        beat = t if ticks_diff(ticks_add(t, delay), now) > 0 else now
                        continue
                else:
                    due = ticks_ms()  # too late for this beat (a long GC): toggle now
                led.toggle()
                beat = self.toggled = due  # not ticks_ms(): no drift from late wake-ups
        finally:
            self._running = False


async def _taps(button, q, blinker, cap_ms, default_ms):
    # The button task: show each new rate at once, hand it on, print the interval. A press
    # held LONG_MS puts the default blink back. The gestures report every press at once
    # (presses=True), so a tap reaches the LED as fast as with button.presses().
    last = None
    async for kind, t, _ in button.gestures(long_ms=LONG_MS, presses=True):
        if kind == buttons.LONG:
            # Held 1 s (t = its press + LONG_MS): the default blink, counted from t; the
            # next tap starts a new interval (none is measured across the long press).
            blinker.press(default_ms, t)
            q.put_nowait((default_ms, t))
            blinker.poke()
            last = None
            await asyncio.sleep_ms(0)
            print("long press: tempo reset to %d ms" % default_ms)
            continue
        if kind != buttons.PRESS:
            continue  # clicks, the long press's release
        if last is not None:
            interval = ticks_diff(t, last)
            # Negative only after 2**29 ms (6.2 days) of no tap: that is long too.
            delay = cap_ms if interval < 0 or interval > cap_ms else max(1, interval)
            blinker.press(delay, t)
            q.put_nowait((delay, t))  # unbounded: never waits
            blinker.poke()
            # Let the blink task take the new rhythm first: a print to the USB console can
            # take most of a millisecond.
            await asyncio.sleep_ms(0)
            print(interval)
        last = t


async def _demo(led, button, cap_ms, default_ms):
    q = queue.Queue()
    blinker = _Blinker(led, q, default_ms)
    blinker.task = asyncio.create_task(blinker.run())
    try:
        await _taps(button, q, blinker, cap_ms, default_ms)
    finally:
        blinker.task.cancel()


def _check_ms(name, value, low, high):
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("%s must be an int" % name)
    if not low <= value <= high:
        raise ValueError("%s must be %d..%d" % (name, low, high))


def run(led=LED, button=BUTTON, cap_ms=CAP_MS, default_ms=DEFAULT_MS, debounce_ms=20):
    """Run the demo until Ctrl-C.

    led, button: pin name, GPIO number or machine.Pin.
    cap_ms: longest LED half-period; default_ms: half-period before the
    first interval (both 1..86400000); debounce_ms: the button's window.
    """
    _check_ms("cap_ms", cap_ms, 1, 86400000)
    _check_ms("default_ms", default_ms, 1, 86400000)
    if isinstance(led, bool) or not isinstance(led, (int, str, Pin)):
        # machine.Pin's own answer differs by port (rp2: ValueError "invalid pin").
        raise TypeError("led must be a pin name, a GPIO number or a Pin")
    # One try around everything, so a Ctrl-C at any moment (mpremote sends one to take over
    # the board) returns quietly and leaves neither the button's IRQ nor the LED on.
    btn = None
    out = None
    try:
        btn = buttons.Button(button, debounce_ms=debounce_ms)
        if isinstance(led, Pin):
            led.init(Pin.OUT)
            out = led
        else:
            out = Pin(led, Pin.OUT)
        asyncio.run(_demo(out, btn, cap_ms, default_ms))
    except KeyboardInterrupt:
        pass
    finally:
        if btn is not None:
            btn.deinit()  # a bad led leaves the button pin as it was
        if out is not None:
            out.value(0)
        if sys.implementation.name == "micropython":
            # MicroPython keeps unfinished tasks for the next asyncio.run().
            asyncio.new_event_loop()


def main():
    """Entry point of /main.py: the demo, unless the button is held (safe mode)."""
    if Pin(BUTTON, Pin.IN, Pin.PULL_UP).value() == 0:
        print("tapblink: button held at boot, safe mode: demo not started")
        return
    print("tapblink: tap the button, the LED blinks at your tempo (Ctrl-C stops)")
    run()

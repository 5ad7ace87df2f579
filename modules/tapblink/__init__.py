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
  A USB host that keeps the port open but does not read never holds the demo
  up: what fits the port's buffer and 32 more lines wait, and go out with the
  next line once it reads again; beyond that lines are dropped and one line
  says how many (_console.py).
- The LED toggles with a half-period equal to the last interval, capped at
  cap_ms. Before the first interval it blinks calmly every default_ms.
- The press is the beat: at a press that gives a new delay the LED toggles
  at once, and the next toggle comes one new half-period after the press
  (its interrupt timestamp, so steady taps stay in step without drift).
- Except when the LED toggled at most min(old delay, new delay) // 4 ms
  before the press (a tap on the beat): then it does not toggle again; the
  rhythm still counts from the press.
- A long press (held LONG_MS, 1 s) resets the tempo: at press + 1 s the LED
  goes back to blinking every default_ms, counted from that moment (toggling
  then, under the same "just toggled" rule as a tap), and the console prints
  "long press: tempo reset to <default_ms> ms". The long press's own press
  was a tap like any other (its interval was printed); the next tap after it
  starts a new interval. Taps are short, so they never trigger it.
- Ctrl-C stops it: the button's interrupt is released, the LED is switched
  off (its pin made an input again) and run() returns (back at the REPL).

As in the tutorial, the button task hands each new delay to the blink task
through a `queue.Queue()`; the blink task always jumps to the NEWEST delay, so
a burst of taps never replays stale rates. How the two tasks meet, and what
each step costs: docs/architecture.md (section 5) and docs/benchmark.md.

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
import debounce
from debounce import sleep_until
from machine import Pin

from ._console import Console

DEFAULT_MS = 500  # LED half-period before the first interval
CAP_MS = 2000  # longest half-period
LONG_MS = 1000  # a press held this long resets the tempo to the default blink
BUTTON = "BUTTON"  # pin names from the board's pins.csv
LED = "LED"


class _Blinker:
    # The blink task, and what the button task does to it: the toggle at a press (so the LED
    # shows a tap in the round the press wakes the button task), then a "poke" that makes the
    # blink task count its new rhythm from the press. It also keeps the time of the demo's one
    # other deadline, the long press: one sleeper for both (each waiting object costs every
    # wake-up of the CPU a poll: under 10 kHz of chatter a second one took 250 cycles an edge).

    def __init__(self, led, q, delay_ms, con):
        self.led = led
        self.q = q  # (delay_ms, press ticks_ms) from the button task
        self.con = con
        self.default = delay_ms
        self.delay = delay_ms  # the half-period the LED blinks at
        self.toggled = ticks_ms()  # the LED's last toggle
        self.pressed = None  # ticks_ms of the last press that counts for the next interval
        self.long_at = None  # ticks_ms at which the press `pressed` becomes a long one
        self.button = None
        self.task = None
        self._running = False  # in its loop, where the task only ever waits in sleep_until()
        self._poked = False

    def close(self):
        # Ctrl-C leaves the blink task waiting in sleep_until: closing its coroutine cancels
        # that alarm now rather than when it rings (up to cap_ms).
        if self.task is not None:
            self.task.coro.close()

    def poke(self):
        # Called right after the button task changed what the blink task waits for (a new
        # delay on the queue, a long-press deadline): cancel its sleep, once.
        if self._running and not self._poked:
            self._poked = True
            self.task.cancel()

    def watch(self, t):
        # A press at t: a long one at t + LONG_MS if the button is still held by it then.
        self.long_at = ticks_add(t, LONG_MS)
        self.poke()

    def unwatch(self):
        # The press being watched can't become a long one any more (released, or a new one).
        if self.long_at is not None:
            self.long_at = None
            self.poke()

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
                long_at = self.long_at
                # The long press first when it comes before the beat (on the same ms, after it).
                is_long = long_at is not None and ticks_diff(long_at, due) < 0
                wake = long_at if is_long else due
                wait = ticks_diff(wake, ticks_ms())
                if wait > 0:
                    try:
                        # Woken by a hardware alarm at the start of millisecond `wake`, not
                        # up to 1 ms later as asyncio.sleep_ms (debounce_sleep.c), and
                        # never before it.
                        await sleep_until(wake)
                    except asyncio.CancelledError:
                        if not self._poked:
                            raise  # a real cancellation
                        self._poked = False
                        # A poke: the queue is only looked at here, once per press.
                        if not q.empty():
                            while not q.empty():
                                delay, t = q.get_nowait()  # the newest press wins
                            # Count from the press; from now if that half-period is already
                            # over (a press seen late, a tiny delay): never two toggles at once.
                            now = ticks_ms()
                            beat = t if ticks_diff(ticks_add(t, delay), now) > 0 else now
                        continue
                if is_long:
                    self.long_at = None
                    delay, beat = self._long_press(long_at, delay, beat)
                    continue
                if wait <= 0:
                    due = ticks_ms()  # too late for this beat (a long GC): toggle now
                led.toggle()
                beat = self.toggled = due  # not ticks_ms(): no drift from late wake-ups
        finally:
            self._running = False

    def _long_press(self, at, delay, beat):
        # At `at`, from the press's interrupt stamp: a button still held by that press is a
        # long press (down, that press the last one taken, and no event after it waiting: a
        # release and a new press no task took yet). It resets the tempo to the default,
        # counted from `at`, with the toggle rule of a tap. Returns the new (delay, beat).
        button = self.button
        if not button.value() or button.untaken():
            return delay, beat
        self.pressed = None  # the next tap starts a new interval
        new = self.default
        if ticks_diff(at, self.toggled) > (delay if delay < new else new) // 4:
            self.led.toggle()
            self.toggled = at
        self.delay = new
        self.con.line("long press: tempo reset to %d ms" % new)
        return new, at


def _show(blinker, delay, t):
    # The press at t is the beat: toggle at it unless the LED has just toggled (a tap on the
    # beat, or a press seen after the next toggle); the blink task, poked, counts the new
    # rhythm from t.
    old = blinker.delay
    if ticks_diff(t, blinker.toggled) > (old if old < delay else delay) // 4:
        blinker.led.toggle()
        blinker.toggled = t
    blinker.delay = delay
    blinker.q.put_nowait((delay, t))  # unbounded: never waits
    blinker.poke()


async def _taps(blinker, button, cap_ms):
    # The button task (the main task: one coroutine frame less for every press to pass through
    # than a task awaiting it): start the blink task, then show each new rate at once, hand it
    # on, print the interval, and have the blink task watch the press for a long one.
    blinker.button = button
    blinker.task = asyncio.create_task(blinker.run())
    con = blinker.con

    def discarded(kind):
        # buttons drained an event no call waits for: a release ends the press being watched.
        if kind == buttons.RELEASE:
            blinker.unwatch()

    button._on_discard = discarded
    try:
        async for t in button.presses():
            last = blinker.pressed
            blinker.pressed = t
            if last is not None:
                interval = ticks_diff(t, last)
                # Negative only after 2**29 ms (6.2 days) of no tap: that is long too.
                _show(blinker, cap_ms if interval < 0 or interval > cap_ms else interval or 1, t)
            blinker.watch(t)  # after _show: one poke brings both to the blink task
            if last is not None:
                # Let the blink task take the new rhythm first: a print to the USB console can
                # take most of a millisecond.
                await asyncio.sleep_ms(0)
                con.line(interval)
    finally:
        blinker.task.cancel()


def run(led=LED, button=BUTTON, cap_ms=CAP_MS, default_ms=DEFAULT_MS, debounce_ms=20):
    """Run the demo until Ctrl-C.

    led, button: pin name, GPIO number or machine.Pin (errors name them:
    "button must be 0..29 or a pin name (...), not 99"), two different pins.
    cap_ms: longest LED half-period; default_ms: half-period before the
    first interval (both 1..86400000); debounce_ms: the button's window.
    """
    buttons.check_int("cap_ms", cap_ms, 1, 86400000)
    buttons.check_int("default_ms", default_ms, 1, 86400000)
    # Errors naming `led`/`button`, in the wording debounce.Button uses for `pin` (machine.Pin's
    # own differs by port and names no argument).
    led_pin = debounce.find_pin(led, "led", output=True)  # a Pico W's LED is on its wireless chip
    button_pin = debounce.find_pin(button, "button")
    if led_pin is button_pin:
        # The demo would drive its own button and count presses that never happened.
        raise ValueError("led and button are the same pin (led=%r, button=%r)" % (led, button))
    led, button = led_pin, button_pin
    # One try around everything, so a Ctrl-C at any moment (mpremote sends one to take over
    # the board) returns quietly and leaves neither the button's IRQ nor the LED on.
    btn = None
    out = None
    blinker = None
    try:
        btn = buttons.Button(button, debounce_ms=debounce_ms)
        led.init(Pin.OUT)
        out = led
        # The console never waits for a USB host that does not read (see _console.py).
        blinker = _Blinker(out, queue.Queue(), default_ms, Console())
        asyncio.run(_taps(blinker, btn, cap_ms))
    except KeyboardInterrupt:
        pass
    finally:
        if btn is not None:
            btn.deinit()  # a bad led leaves the button pin as it was
        if out is not None:
            out.value(0)
            out.init(Pin.IN)  # no pin stays an output after the demo (nor after a soft reset)
        if sys.implementation.name == "micropython":
            if blinker is not None:
                blinker.close()
            # MicroPython keeps unfinished tasks for the next asyncio.run().
            asyncio.new_event_loop()


def main():
    """Entry point of /main.py: the demo, unless the button is held (safe mode)."""
    if Pin(BUTTON, Pin.IN, Pin.PULL_UP).value() == 0:
        print("tapblink: button held at boot, safe mode: demo not started")
        return
    print("tapblink: tap the button, the LED blinks at your tempo (Ctrl-C stops)")
    run()

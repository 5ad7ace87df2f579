"""The five contenders: the MicroPython program each one runs (all on the same UF2)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PROBE_PIN = 2  # a spare GPIO the probe programs toggle when their task wakes with a press


class Contender:
    def __init__(self, key, name, about, source, probe_source, files=None):
        self.key = key
        self.files = files  # {board path: text} written onto the board before the program
        self.name = name
        self.about = about
        self.source = source  # the program, sent through the raw REPL
        self.probe_source = probe_source  # same, plus a GP2 toggle when the task wakes


def _replace_once(text, old, new):
    if text.count(old) != 1:
        raise RuntimeError("probe instrumentation: %r not found exactly once" % old)
    return text.replace(old, new)


def _probed(src, pin_line, woken_line, indent):
    """The contender's program with the probe: its pin made after `pin_line`, toggled (at
    `indent` spaces) right after `woken_line`, where the program's task has its press."""
    probe = _replace_once(
        src, pin_line, pin_line + "probe = Pin(%d, Pin.OUT, value=0)\n" % PROBE_PIN
    )
    return _replace_once(probe, woken_line, woken_line + " " * indent + "probe.toggle()\n")


def _tutorial():
    src = (HERE / "contenders" / "tutorial.py").read_text()
    probe = _probed(
        src, "button = Pin(15, Pin.IN, Pin.PULL_UP)\n", "        await wait_button()\n", 8
    )
    return Contender(
        "a",
        "tutorial (40 ms poll)",
        "bench/contenders/tutorial.py unmodified: polls every 40 ms, unbounded queue.Queue, the "
        "blink task reads the queue only after its sleep, delay 0 until the first interval",
        src,
        probe,
    )


def _irq_python():
    src = (HERE / "contenders" / "irq_python.py").read_text()
    probe = _probed(
        src, "flag = asyncio.ThreadSafeFlag()\n", "            await flag.wait()\n", 12
    )
    return Contender(
        "b",
        "Python hard IRQ",
        "bench/contenders/irq_python.py: hard Pin.irq on both edges, accepted after 20 ms of "
        "quiet (a change inside the quiet period settled by the task when it ends), ticks in a "
        "preallocated array ring, asyncio.ThreadSafeFlag, the demo's LED rule (toggle at the "
        "press, the new half-period counted from its IRQ stamp, the same collision rule) "
        "applied by the task the flag wakes; consts and locals in the handler; stock APIs only",
        src,
        probe,
    )


_TAPBLINK = "import tapblink\ntapblink.run()\n"

# The demo's button task is `async for t in button.presses()` (frozen, can't be edited at
# run time): the probe wraps the iterator so GP2 toggles the moment that task gets a press
# (one extra coroutine frame, a few microseconds; it does what _Presses.__anext__ does).
_TAPBLINK_PROBE = (
    """import buttons
import tapblink
from machine import Pin
probe = Pin(%d, Pin.OUT, value=0)


class _Probe(buttons._Presses):
    async def __anext__(self):
        t = await self._button._group_or_raise().take(self._events)
        probe.toggle()
        return t


buttons._Presses = _Probe
tapblink.run()
"""
    % PROBE_PIN
)


def _tapblink():
    return Contender(
        "c",
        "tapblink (C module)",
        "`import tapblink; tapblink.run()`: debounce C module (IRQ, window timer, ring), "
        "frozen buttons/queue/tapblink",
        _TAPBLINK,
        _TAPBLINK_PROBE,
    )


# (d) chumicro-buttons: the demo's behaviour (print each interval; LED half-period = the
# interval, capped at 2 s, counted from the press's stamp; the same collision rule) written
# on its README's API: `check(now)` in the program's loop, `just_pressed`, and `held_ms`
# (measured from the captured edge) for the press's time. The loop sleeps POLL_MS.
_CHUMICRO = """import asyncio
from machine import Pin
from chumicro_buttons import Button
from chumicro_timing import ticks, ticks_ms

button = Button(pin=Pin(15), ticks=ticks)
led = Pin(25, Pin.OUT)


async def main():
    led.value(1)
    delay = 500
    beat = toggled = ticks_ms()
    last = None
    while True:
        now = ticks_ms()
        button.check(now)
        if button.just_pressed:
            t = ticks.ticks_add(now, -button.held_ms)
            if last is not None:
                interval = ticks.ticks_diff(t, last)
                new = 2000 if interval > 2000 else max(1, interval)
                if ticks.ticks_diff(t, toggled) > min(delay, new) // 4:
                    led.toggle()
                    toggled = t
                delay = new
                beat = t
                print(interval)
            last = t
        elif ticks.ticks_diff(now, ticks.ticks_add(beat, delay)) >= 0:
            led.toggle()
            beat = toggled = ticks.ticks_add(beat, delay)
        await asyncio.sleep_ms(%d)


asyncio.run(main())
"""


def _chumicro():
    from bench import chumicro

    src = _CHUMICRO % chumicro.POLL_MS
    probe = _probed(src, "led = Pin(25, Pin.OUT)\n", "        if button.just_pressed:\n", 12)
    return Contender(
        "d",
        "chumicro-buttons 0.1.2",
        "chumicro-buttons and chumicro-timing from PyPI (%s), copied onto the board at bench "
        "time; its README's API: Button(pin=Pin(15), ticks=ticks) (Pin.irq capture ring, "
        "settle_ms 10), check(now) every %d ms in an asyncio loop, just_pressed and held_ms "
        "(from the captured edge) for the press time; the demo's LED rule in that loop"
        % (chumicro.version(), chumicro.POLL_MS),
        src,
        probe,
        files=chumicro.board_files(),
    )


# (e) adafruit-circuitpython-debouncer: the demo's behaviour written on its README's API:
# `Debouncer(lambda: pin.value())` (a function, not the Pin), `update()` in the program's loop
# and `fell` for a press (pulled up: a press pulls the pin low). It keeps no edge times: the
# press's time is ticks_ms() at the update that saw `fell`. The loop sleeps POLL_MS.
_ADAFRUIT = """import asyncio
from machine import Pin
from adafruit_debouncer import Debouncer
from adafruit_ticks import ticks_add, ticks_diff, ticks_ms

pin = Pin(15, Pin.IN, Pin.PULL_UP)
button = Debouncer(lambda: pin.value())
led = Pin(25, Pin.OUT)


async def main():
    led.value(1)
    delay = 500
    beat = toggled = ticks_ms()
    last = None
    while True:
        button.update()
        now = ticks_ms()
        if button.fell:
            if last is not None:
                interval = ticks_diff(now, last)
                new = 2000 if interval > 2000 else max(1, interval)
                if ticks_diff(now, toggled) > min(delay, new) // 4:
                    led.toggle()
                    toggled = now
                delay = new
                beat = now
                print(interval)
            last = now
        elif ticks_diff(now, ticks_add(beat, delay)) >= 0:
            led.toggle()
            beat = toggled = ticks_add(beat, delay)
        await asyncio.sleep_ms(%d)


asyncio.run(main())
"""


def _adafruit():
    from bench import adafruit

    src = _ADAFRUIT % adafruit.POLL_MS
    probe = _probed(src, "led = Pin(25, Pin.OUT)\n", "        if button.fell:\n", 12)
    return Contender(
        "e",
        "adafruit-circuitpython-debouncer 2.0.15",
        "adafruit-circuitpython-debouncer and adafruit-circuitpython-ticks from PyPI (%s), "
        "copied onto the board at bench time as they are (no shim: adafruit_ticks falls back "
        "from CircuitPython's supervisor.ticks_ms to time.ticks_ms, micropython.const exists, "
        "the typing imports are in a try/except); its README's API: "
        "Debouncer(lambda: pin.value()) (polls the level: 10 ms interval, its default), "
        "update() every %d ms in an asyncio loop, fell for a press, whose time is ticks_ms() "
        "at that update (it keeps no edge time); the demo's LED rule in that loop"
        % (adafruit.version(), adafruit.POLL_MS),
        src,
        probe,
        files=adafruit.board_files(),
    )


def contenders():
    return [_tutorial(), _irq_python(), _tapblink(), _chumicro(), _adafruit()]


# Reference points for "edge -> task wake" (not contenders): the same wake-up without the
# `buttons` layer, and the platform's floor. Each runs a 500 ms blink task beside the waiter,
# as the contenders do (a sleeping task makes the event loop wait with a timeout).
_BLINK = """led = Pin(25, Pin.OUT)


async def blink():
    while True:
        await asyncio.sleep_ms(500)
        led.toggle()
"""

_FLAG_DIRECT = (
    """import asyncio
import debounce
from machine import Pin
probe = Pin(%d, Pin.OUT, value=0)
"""
    % PROBE_PIN
    + _BLINK
    + """b = debounce.Button("BUTTON")


async def main():
    led.value(1)
    asyncio.create_task(blink())
    ev = [0, 0, 0]
    while True:
        await b.flag.wait()
        while b.get_into(ev):
            if ev[0] == debounce.PRESS:
                probe.toggle()


asyncio.run(main())
"""
)

_BARE_IRQ = (
    """import asyncio
from machine import Pin
probe = Pin(%d, Pin.OUT, value=0)
"""
    % PROBE_PIN
    + _BLINK
    + """flag = asyncio.ThreadSafeFlag()
button = Pin(15, Pin.IN, Pin.PULL_UP)


def _edge(pin):
    flag.set()


async def main():
    led.value(1)
    asyncio.create_task(blink())
    button.irq(_edge, Pin.IRQ_FALLING, hard=True)
    while True:
        await flag.wait()
        probe.toggle()


asyncio.run(main())
"""
)


_BARE_NATIVE = _BARE_IRQ.replace(
    "import asyncio\n", "import asyncio\nimport debounce\n", 1
).replace("flag = asyncio.ThreadSafeFlag()", "flag = debounce.Flag()")


def wake_references():
    """Probe-only programs: (key, what) with their source."""
    return [
        Contender(
            "c-flag",
            "tapblink's C module, its flag awaited directly (no `buttons`, no queue)",
            "debounce.Button('BUTTON'), one task on .flag.wait() reading .get()",
            _FLAG_DIRECT,
            _FLAG_DIRECT,
        ),
        Contender(
            "floor",
            "stock-flag floor: a hard Pin.irq that only sets an asyncio.ThreadSafeFlag (no "
            "debounce at all)",
            "falling edges only; the task toggles GP2 after flag.wait()",
            _BARE_IRQ,
            _BARE_IRQ,
        ),
        Contender(
            "floor-native",
            "native flag floor: the same with a debounce.Flag (its poll in C)",
            "falling edges only; the task toggles GP2 after flag.wait()",
            _BARE_NATIVE,
            _BARE_NATIVE,
        ),
    ]


# Reference for "interrupt cycles per edge" (not a contender): what machine.Pin's hard-IRQ
# dispatch costs before any handler code runs. Run on the chatter script.
_IRQ_PASS = (
    """import asyncio
from machine import Pin
"""
    + _BLINK
    + """button = Pin(15, Pin.IN, Pin.PULL_UP)


def _edge(pin):
    pass


async def main():
    led.value(1)
    button.irq(_edge, Pin.IRQ_FALLING | Pin.IRQ_RISING, hard=True)
    await blink()


asyncio.run(main())
"""
)


def irq_references():
    """Chatter-only programs: the per-edge interrupt cost of the dispatch alone."""
    return [
        Contender(
            "irq-pass",
            "machine.Pin hard IRQ on both edges, a Python handler that does nothing",
            "the dispatch floor every Pin.irq handler pays (tapblink's C handler included)",
            _IRQ_PASS,
            _IRQ_PASS,
        )
    ]

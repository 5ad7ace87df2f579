"""A Button and machine.Pin IRQs share the RP2040's one GPIO interrupt.

The rp2 glue puts its own IO_IRQ_BANK0 handler in place of machine_pin.c's (it takes the
Button pins' edges itself and calls machine_pin.c's handler for the other pins:
ports/rp2/debounce_port_rp2.c, "Edges"). These tests drive a Button pin and a Pin.irq pin
with edges at the same instants and a few microseconds apart, so that each handler runs while
the other pin's edge is pending, and check that neither side loses or misplaces one; then that
the pin works with Pin.irq again once the Button is gone.
"""

import ast

from tests.emulator.harness import BUTTON
from tests.emulator.timing import IRQ_LATENCY_US

BOARDS = ("pico", "pico2")  # each test runs on both (tests/firmware/conftest.py)

OTHER = 14  # a spare GPIO next to the button
EDGES = 120

PROGRAM = """
import array, debounce, time
from machine import Pin
b = debounce.Button(%(button)d, debounce_ms=0, max_events=%(n)d)
stamps = array.array("i", [0] * %(n)d)
count = [0]


def on_other(pin):
    i = count[0]
    if i < %(n)d:
        stamps[i] = time.ticks_us()
        count[0] = i + 1


other = Pin(%(other)d, Pin.IN)
other.irq(on_other, Pin.IRQ_FALLING | Pin.IRQ_RISING, hard=True)
print("GO")
while b.any() < %(n)d or count[0] < %(n)d:
    time.sleep_ms(5)
evs = []
ev = b.get()
while ev is not None:
    evs.append(ev)
    ev = b.get()
print("EVS", repr(evs))
print("OTHER", repr(list(stamps[: count[0]])))
b.deinit()
count[0] = 0
again = Pin(%(button)d, Pin.IN, Pin.PULL_UP)
again.irq(on_other, Pin.IRQ_FALLING | Pin.IRQ_RISING, hard=True)
print("AGAIN")
while count[0] < 4:
    time.sleep_ms(5)
print("PINIRQ", repr(list(stamps[:4])))
print("END")
"""

# Offsets (us) of the other pin's edge from the button's: the same instant, inside the button
# edge's handler, just after it, and before it.
OFFSETS_US = (0, 1, 3, 8, 20, -2, -6)


def _line(text, name):
    line = next(ln for ln in text.splitlines() if ln.startswith(name + " "))
    return ast.literal_eval(line[len(name) + 1 :])


def test_button_and_pin_irq_edges_at_the_same_instants(emu):
    emu.boot(emu.uf2, button_held=True, drive={OTHER: 1})
    emu.wait_for(">>> ", timeout_ms=2000)
    emu.release()
    emu.run_for(10)
    emu.start_raw(PROGRAM % {"button": BUTTON, "other": OTHER, "n": EDGES})
    emu.wait_for("GO", timeout_ms=2000)
    t0 = int(emu.now_ms) + 10
    button = [(t0 + 2 * k + (k * 7 % 1000) / 1000, k % 2) for k in range(EDGES)]
    other = [
        (t + OFFSETS_US[k % len(OFFSETS_US)] / 1000, k % 2) for k, (t, _) in enumerate(button)
    ]
    emu.button(button)
    emu.schedule(OTHER, other)  # from high: low, high, low, ...
    emu.wait_for("AGAIN", timeout_ms=3000)
    text = emu.console()
    evs, stamps = _line(text, "EVS"), _line(text, "OTHER")
    assert len(evs) == EDGES, "the Button lost edges"
    assert len(stamps) == EDGES, "the Pin.irq lost edges"
    worst_b = worst_o = 0
    for (kind, _ms, us), (t, level) in zip(evs, button):
        assert kind == 1 - level
        late = us - round(t * 1000)
        assert 0 <= late < IRQ_LATENCY_US, (t, us)
        worst_b = max(worst_b, late)
    for us, (t, _) in zip(stamps, other):
        late = us - round(t * 1000)
        assert 0 <= late < IRQ_LATENCY_US, (t, us)
        worst_o = max(worst_o, late)
    print("\nworst IRQ latency: Button %d us, Pin.irq %d us" % (worst_b, worst_o))

    # The Button gone, its pin works with machine.Pin's own IRQ again.
    t1 = int(emu.now_ms) + 5
    emu.button([(t1, 0), (t1 + 2, 1), (t1 + 4, 0), (t1 + 6, 1)])
    emu.wait_for("END", timeout_ms=2000)
    again = _line(emu.console(), "PINIRQ")
    for us, t in zip(again, (t1, t1 + 2, t1 + 4, t1 + 6)):
        assert 0 <= us - t * 1000 < IRQ_LATENCY_US, (t, us)

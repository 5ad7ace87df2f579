"""50 soft resets (Ctrl-D at the REPL, and machine.soft_reset() from a task while
the demo runs) with Buttons alive and a debounce window armed: no crash, no pin IRQ left
behind, the same free heap every time, and the demo (from /main.py) comes back each time
and follows taps."""

import re

from tests.emulator.harness import BUTTON, press_script
from tests.reliability.rel_support import PROGRAMS

CYCLES = 50
EXTRA_PINS = (13, 14)  # the Buttons rel_soft_*.py leave alive at the reset
BANNER = "tapblink: tap the button"
BAD = ("Traceback", "Error", "raised", "Fatal")


def _upload(emu, name):
    code = "f = open('/%s', 'w'); f.write(%r); f.close()" % (name, (PROGRAMS / name).read_text())
    out, err = emu.exec_raw(code)
    assert err == "", err


def _int_lines_since(emu, start_ms):
    return [v for _, v in emu.console_ints(start_ms)]


def _demo_follows_taps(emu, what):
    """After the banner: two taps 200 ms apart print 200 and the LED blinks; GP15 holds the
    demo's IRQ, the extra pins none."""
    t = emu.now_ms
    emu.button(press_script([t + 40, t + 240], hold_ms=60, bounce_ms=5))
    emu.run_until(t + 400)
    assert _int_lines_since(emu, t) == [200], (what, emu.console()[-400:])
    assert any(t < e < t + 400 for e, _ in emu.led_edges()), (what, "LED did not blink")
    for pin in EXTRA_PINS:
        assert emu.pin_state(pin)["irq_enable_mask"] == 0, (what, "IRQ left on GP%d" % pin)
    assert emu.pin_state(BUTTON)["irq_enable_mask"] != 0, (what, "demo holds no IRQ")


def test_fifty_soft_resets_with_buttons_alive(emu):
    emu.boot(emu.uf2)  # erased flash: _boot.py writes /main.py, the demo starts
    emu.wait_for(BANNER, timeout_ms=2000)
    emu.run_for(100)  # let the demo start before Ctrl-C (it may not be in run()'s try yet)
    _upload(emu, "rel_soft_live.py")
    _upload(emu, "rel_soft_demo.py")
    emu.write(b"\x04")  # back to the demo
    emu.wait_for(BANNER, timeout_ms=2000)
    _demo_follows_taps(emu, "first start")

    free = {"LIVE": set(), "ARMED": set()}
    for i in range(CYCLES):
        what = "cycle %d" % i
        emu.interrupt()
        if i % 2 == 0:
            # Ctrl-D at the REPL with both Buttons alive and GP13's window armed.
            emu.write(b"import rel_soft_live\r")
            emu.wait_for("\n", start=emu.wait_for("LIVE ", timeout_ms=1000))
            free["LIVE"].add(int(re.findall(r"LIVE (\d+)", emu.console())[-1]))
            t = emu.now_ms
            emu.schedule(13, [(t + 1, 0), (t + 1.2, None), (t + 1.4, 0)])
            emu.run_until(t + 3)
            emu.write(b"\x04")
            emu.wait_for("soft reboot", timeout_ms=1000)
        else:
            # machine.soft_reset() from a task 300 ms into the demo, a task waiting on GP14,
            # GP13's window armed, a tap on GP14 delivered before.
            emu.write(b"import rel_soft_demo\r")
            emu.wait_for("\n", start=emu.wait_for("ARMED ", timeout_ms=1000))
            free["ARMED"].add(int(re.findall(r"ARMED (\d+)", emu.console())[-1]))
            t = emu.now_ms
            emu.button(press_script([t + 50, t + 200], hold_ms=60))
            emu.schedule(14, [(t + 100, 0), (t + 150, None)])
            emu.schedule(13, [(t + 290, 0), (t + 290.2, None), (t + 290.4, 0)])
            emu.wait_for("GOT14", timeout_ms=300)
            emu.wait_for("soft reboot", timeout_ms=1000)
            # The demo ran under the program: it printed the interval of the two taps.
            assert _int_lines_since(emu, t) == [150], (what, emu.console()[-400:])
        emu.schedule(13, [(emu.now_ms + 0.1, None)])
        emu.wait_for(BANNER, timeout_ms=2000)
        _demo_follows_taps(emu, what)

    text = emu.console()
    assert text.count("soft reboot") == CYCLES + 1
    assert text.count(BANNER) == CYCLES + 2
    for b in BAD:
        at = text.find(b)
        assert at < 0, text[max(0, at - 1500) : at + 500]
    # A fresh heap after every reset: the same free memory at the same point each time.
    assert len(free["LIVE"]) == 1 and len(free["ARMED"]) == 1, free

"""The Pico W firmware (TAPBLINK_PICO_W) in rp2040js, which has no CYW43 wireless chip.

What the firmware does when the chip never answers (measured here): it boots to the REPL as
usual (cyw43_init at boot does not touch the bus); the first write to Pin("LED") tries to
bring the chip up, fails after about 350 ms ("[CYW43] Failed to start CYW43"), and the next
one waits in dma_channel_wait_for_finish_blocking (the driver's retry, on rp2040js). So the
LED is never used here: the demo runs with led= a plain GPIO, and the Button path (GP15, its
IRQ, the debounce C module, asyncio) is shown not to touch the chip.
"""

import pytest

from tests.emulator.harness import Emulator, Missing, press_script
from tests.emulator.timing import IRQ_LATENCY_US

LED_GPIO = 16  # a plain GPIO standing in for the LED
INTERVALS = [250, 600, 1000]


@pytest.fixture
def wemu(picow_uf2):
    uf2 = picow_uf2
    try:
        e = Emulator()
    except Missing as exc:
        pytest.skip("emulator: %s" % exc)
    e.uf2 = uf2
    yield e
    e.close()


def _quiet_repl(emu):
    emu.boot(emu.uf2, button_held=True)  # safe mode: the demo (and its LED) is not started
    emu.wait_for(">>> ", timeout_ms=2000)
    emu.release()
    emu.run_for(10)


def test_boots_to_the_repl_without_the_chip(wemu):
    _quiet_repl(wemu)
    assert "tapblink on Raspberry Pi Pico W with RP2040" in wemu.console()
    out, err = wemu.exec_raw("import network, bluetooth, debounce; print(network.WLAN)")
    assert (out.strip(), err) == ("<class 'CYW43'>", ""), (out, err)


def test_led_and_button_pin_checks(wemu):
    _quiet_repl(wemu)
    out, err = wemu.exec_raw(
        "import debounce\n"
        "print(debounce.find_pin('LED', 'led', output=True))\n"
        "for f in (lambda: debounce.Button('LED'), lambda: debounce.find_pin('LED', 'button')):\n"
        "    try:\n        f()\n    except ValueError as e:\n        print(e)\n"
    )
    assert err == "", err
    lines = out.strip().splitlines()
    assert lines[0].startswith("Pin(EXT_GPIO0"), out
    assert lines[1] == "pin: LED is on the wireless chip and has no interrupt"
    assert lines[2] == "button: LED is on the wireless chip and has no interrupt"


def test_button_edges_without_the_chip(wemu):
    _quiet_repl(wemu)
    wemu.start_raw(
        "import debounce, time\nb = debounce.Button('BUTTON', debounce_ms=0, max_events=32)\n"
        "print('GO')\nwhile b.any() < 20: time.sleep_ms(5)\n"
        "print('EVS', [b.get() for _ in range(20)])\nb.deinit()\n"
    )
    wemu.wait_for("GO", timeout_ms=2000)
    t0 = int(wemu.now_ms) + 10
    script = [(t0 + 2 * k, k % 2) for k in range(20)]
    wemu.button(script)
    wemu.wait_for("EVS", timeout_ms=2000)
    wemu.wait_for("\n", timeout_ms=500)
    line = next(ln for ln in wemu.console().splitlines() if ln.startswith("EVS "))
    evs = eval(line[4:])
    assert len(evs) == 20
    for (kind, _ms, us), (t, level) in zip(evs, script):
        assert kind == 1 - level
        assert 0 <= us - t * 1000 < IRQ_LATENCY_US, (t, us)
    assert "CYW43" not in wemu.console()  # nothing asked the chip


def test_demo_with_a_gpio_led_gives_exact_intervals(wemu):
    _quiet_repl(wemu)
    # The raw REPL's "OK" starts the program's first line: print a line of ours first.
    wemu.start_raw("print()\nimport tapblink\ntapblink.run(led=%d)" % LED_GPIO)
    start = wemu.now_ms + 1000  # the demo is up well before this
    presses = [start]
    for i in INTERVALS:
        presses.append(presses[-1] + i)
    wemu.button(press_script(presses, hold_ms=100, bounce_ms=5))
    wemu.run_until(presses[-1] + 1500)
    printed = [v for _, v in wemu.console_ints()]
    assert printed == INTERVALS, printed  # the scripted intervals, to the ms
    led = wemu.edges(LED_GPIO)
    assert len(led) >= 6, led
    # At each press off the beat the LED toggles at once (its rate is shown within 2 ms).
    assert any(0 <= t - presses[-1] <= 2 for t, _ in led), (presses[-1], led)
    assert "CYW43" not in wemu.console()

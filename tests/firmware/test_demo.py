"""The tapblink demo on the real UF2, with a scripted bouncy button and exact simulated time."""

from tests.emulator.harness import BUTTON, LED, press_script
from tests.emulator.timing import AT_ONCE_MS, LED_TOL_MS

BOARDS = ("pico", "pico2")  # each test runs on both (tests/firmware/conftest.py)

BOOT_MS = 1000  # the demo runs well before this
DEFAULT_MS = 500  # tapblink.DEFAULT_MS: half-period before the first interval
CAP_MS = 2000
INTERVALS = [250, 600, 1000, 3000]


def _presses(start, intervals):
    t = [start]
    for i in intervals:
        t.append(t[-1] + i)
    return t


def _edges_between(edges, lo, hi):
    return [t for t, _ in edges if lo <= t < hi]


def test_fresh_board_runs_demo_and_follows_taps(emu):
    presses = _presses(BOOT_MS, INTERVALS)
    emu.boot(emu.uf2, button_script=press_script(presses, hold_ms=100, bounce_ms=5))
    end = presses[-1] + 2 * CAP_MS + 200
    emu.run_until(end)
    text = emu.console()
    assert "tapblink: tap the button" in text, text[-500:]

    # The console prints exactly the intervals between the (first edges of the) presses.
    printed = emu.console_ints()
    assert len(printed) == len(INTERVALS), printed
    assert all(abs(p - v) <= 1 for (_, p), v in zip(printed, INTERVALS)), printed
    for (t, _), press in zip(printed, presses[1:]):
        assert press <= t < press + 50, (t, press)

    led = emu.led_edges()
    assert led, "the LED never changed"
    # Before the first interval: calm default blinking.
    early = _edges_between(led, 0, presses[1])
    assert len(early) >= 2
    worst = max(abs(b - a - DEFAULT_MS) for a, b in zip(early, early[1:]))
    assert worst <= LED_TOL_MS, early

    # The press is the beat: at each press the LED toggles at once (the new rate shows within
    # 2 ms of the press), unless it toggled at most min(old, new) // 4 ms before the press (then
    # the first toggle after it is one new half-period later); then every new half-period.
    # INTERVALS make the last three presses come well off the beat; the first one's phase
    # against the LED depends on the boot.
    bounds = presses[1:] + [end]
    old = DEFAULT_MS
    at_once = 0
    for k, interval in enumerate(INTERVALS):
        press, nxt = bounds[k], bounds[k + 1]
        half = min(interval, CAP_MS)
        before = [t for t, _ in led if t < press]
        after = _edges_between(led, press, nxt)
        assert before and after, (press, led)
        gap, just = press - before[-1], min(old, half) // 4
        if gap > just + 1:
            late = after[0] - press
            assert 0 <= late <= AT_ONCE_MS, ("not at once", interval, press, after[0])
            print("press %.1f: LED at once, %.2f ms later" % (press, late))
            at_once += 1
        elif gap <= just - 1:
            assert abs(after[0] - press - half) <= LED_TOL_MS, ("toggled twice", press, after[0])
        errors = [abs(b - a - half) for a, b in zip(after, after[1:])]
        worst = max(errors + [worst])
        assert all(e <= LED_TOL_MS for e in errors), (interval, after)
        # Enough edges to show the rate before the next press.
        assert len(after) >= max(1, (nxt - after[0]) // half), (interval, after)
        old = half
    assert at_once >= 3, "presses off the beat toggle the LED at once"
    print("worst half-period error %.2f ms (tolerance %.2f ms)" % (worst, LED_TOL_MS))


def test_button_held_at_reset_gives_quiet_repl(emu):
    emu.boot(emu.uf2, button_held=True)
    emu.wait_for("safe mode", timeout_ms=2000)
    emu.wait_for(">>> ", timeout_ms=2000)
    t = emu.now_ms
    # Let go and tap: nothing may react.
    emu.button([(t + 100, 1)] + press_script(_presses(t + 400, [300, 300]), hold_ms=80))
    emu.run_until(t + 2500)
    assert "tapblink: tap the button" not in emu.console()
    assert emu.console_ints() == []
    assert [e for e in emu.led_edges() if e[1] == 1] == []
    out, err = emu.exec_raw("print(6 * 7)")
    assert (out.strip(), err) == ("42", "")


def test_user_main_replaces_demo(emu):
    emu.boot(emu.uf2)
    emu.run_until(300)
    user_main = "from machine import Pin\nPin('LED', Pin.OUT).value(1)\nprint('user main here')\n"
    out, err = emu.exec_raw("f = open('/main.py', 'w'); f.write(%r); f.close()" % user_main)
    assert err == ""
    fs = emu.save_fs()

    presses = _presses(BOOT_MS, [300, 300])
    emu.boot(emu.uf2, fs_image=fs, button_script=press_script(presses, hold_ms=80))
    emu.wait_for("user main here", timeout_ms=2000)
    emu.run_until(presses[-1] + 1500)
    assert "tapblink: tap the button" not in emu.console()
    assert emu.console_ints() == []
    assert [lv for _, lv in emu.led_edges()] == [1]
    out, err = emu.exec_raw("print(open('/main.py').read())")
    assert "user main here" in out and err == ""


def test_ctrl_c_returns_to_repl_led_off_irq_released(emu):
    presses = _presses(BOOT_MS, [300])
    emu.boot(emu.uf2, button_script=press_script(presses, hold_ms=80))
    emu.run_until(presses[-1] + 400)
    assert [v for _, v in emu.console_ints()] == [300]
    assert emu.pin_state(BUTTON)["irq_enable_mask"] != 0, "the demo should hold the pin IRQ"

    emu.interrupt()
    n_led = len(emu.led_edges())
    state = emu.pin_state(LED)
    assert state["level"] == 0, state
    assert emu.pin_state(BUTTON)["irq_enable_mask"] == 0
    # Taps after Ctrl-C: no output, no LED.
    t = emu.now_ms
    emu.button(press_script(_presses(t + 100, [250, 250]), hold_ms=80))
    emu.run_until(t + 1000)
    assert [v for _, v in emu.console_ints()] == [300]
    assert len(emu.led_edges()) == n_led
    # A new Button works on the pin (the IRQ was released above: irq_enable_mask 0).
    out, err = emu.exec_raw(
        "import debounce\nb = debounce.Button('BUTTON')\nprint(b.value())\nb.deinit()"
    )
    assert (out.strip(), err) == ("0", "")

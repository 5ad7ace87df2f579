"""A program written like the classic Pico asyncio tutorial (bench/contenders/tutorial.py:
`uasyncio`, `utime`, `import queue`) runs unmodified on the firmware and behaves as the
tutorial describes: 40 ms polling, the raw interval printed, the LED at the capped delay,
the queue looked at only after each sleep, delay 0 (flicker) until the first interval."""

from pathlib import Path

from tests.emulator.harness import LED, press_script
from tests.emulator.timing import LED_TOL_MS

BOARDS = ("pico", "pico2")  # each test runs on both (tests/firmware/conftest.py)

TUTORIAL = Path(__file__).resolve().parents[2] / "bench" / "contenders" / "tutorial.py"
POLL_MS = 40


def test_tutorial_program_runs_unmodified(emu):
    source = TUTORIAL.read_text()
    emu.boot(emu.uf2, button_held=True)  # safe mode: a quiet REPL, no demo
    emu.wait_for(">>> ", timeout_ms=2000)
    emu.release()
    emu.run_for(50)
    pos = emu.start_raw(source)  # the program's output starts right after raw REPL's OK
    t_start = emu.wait_edge(LED, timeout_ms=1000)

    # Delay 0 until the first interval: the LED toggles on every loop turn.
    emu.run_until(t_start + 100)
    assert len(emu.led_edges()) > 50, "the LED should flicker at full speed before a press"

    # Presses (bouncy, held 150 ms): the first only starts the clock.
    p0 = t_start + 500
    intervals = [600, 600, 900]
    presses = [p0]
    for i in intervals:
        presses.append(presses[-1] + i)
    emu.button(press_script(presses, hold_ms=150, bounce_ms=5))
    end = presses[-1] + 900 + 3 * 900 + 100
    emu.run_until(end)

    out = emu.console()
    assert "Traceback" not in out, out[-800:]
    printed = [int(w) for w in emu.console(pos).split() if w.isdigit()]
    assert len(printed) == len(intervals), printed
    for p, true in zip(printed, intervals):
        # Presses are seen at a poll: each one up to 40 ms (plus loop overhead) late.
        assert abs(p - true) <= POLL_MS + 5, (printed, intervals)

    # The blink task takes the new delay only after its current sleep: the LED settles at
    # the last printed delay (capped at 2000).
    last = min(printed[-1], 2000)
    led = [t for t, _ in emu.led_edges() if t > presses[-1]]
    periods = [b - a for a, b in zip(led, led[1:])]
    assert len(periods) >= 2, led
    assert all(abs(d - last) <= LED_TOL_MS for d in periods[-2:]), (periods, last)
    # ...and not at once: the first toggle after the last press is on the old schedule.
    prev = min(printed[-2], 2000)
    before = [t for t, _ in emu.led_edges() if t <= presses[-1]]
    assert abs((led[0] - before[-1]) - prev) <= LED_TOL_MS, (led[0], before[-1], prev)

    emu.interrupt()

"""The shared behaviour cases of tests/cases/ (demo cases) and the tutorial contender
(bench/contenders/tutorial.py) on the unix port.

Same files as the CPython and emulator tiers (tests/cases/README.md). The unix port runs the
real binding, asyncio and demo on simulated pins with virtual time, so the LED times must be
exact, like on CPython; each case runs from ticks 0 and across the 2**30 ms ticks wrap.
"""

import json
import re
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CASES = HERE.parent / "cases"
TUTORIAL = Path(__file__).resolve().parents[2] / "bench" / "contenders" / "tutorial.py"
DEMO_CASES = sorted((CASES / "demo").glob("*.json"))
GESTURE_CASES = sorted((CASES / "gestures").glob("*.json"))


def _run_case(mpy, path, start):
    out = mpy.run(HERE / "runners" / "demo_case.py", path, start).stdout
    lines = out.splitlines()
    assert "BEGIN" in lines and "END" in lines, "runner output:\n" + out
    printed = lines[lines.index("BEGIN") + 1 : lines.index("END")]
    return printed, json.loads(lines[lines.index("END") + 1])


@pytest.mark.parametrize("start", ["zero", "wrap"])
@pytest.mark.parametrize("path", DEMO_CASES, ids=lambda p: p.stem)
def test_demo_case(mpy, path, start):
    case = json.loads(path.read_text())
    printed, seen = _run_case(mpy, path, start)
    assert printed == case["lines"], "printed lines"
    assert seen["led"] == case["led"], "LED changes in [t0, end_ms)"
    after = seen["after"]
    if start == "wrap":
        assert after["t0"] == 2**30 - 1000, "the wrap run starts 1 s before the wrap"
    assert after["returned_at"] == case["end_ms"], "run() returns at Ctrl-C"
    assert after["led_value"] == 0, "LED off after Ctrl-C"
    assert (after["button_irq"], after["timers"]) == (0, 0), "button IRQ and window released"


@pytest.mark.parametrize("start", ["zero", "wrap"])
@pytest.mark.parametrize("path", GESTURE_CASES, ids=lambda p: p.stem)
def test_gesture_case(mpy, path, start):
    # Virtual time: the gestures' times are exact, as on CPython.
    case = json.loads(path.read_text())
    out = mpy.run(HERE / "runners" / "gestures_case.py", path, start, CASES).stdout
    seen = json.loads(out.splitlines()[-1])
    assert seen["gestures"] == case["gestures"]
    assert (seen["irq"], seen["timers"]) == (0, 0), "button IRQ and window released"


def test_demo_cases_exist():
    assert DEMO_CASES, "no demo cases in %s" % (CASES / "demo")


def test_tutorial_runs_unmodified(mpy, tmp_path):
    # The tutorial program never returns: drive taps 300 ms apart and press Ctrl-C at 3 s.
    # Its 40 ms polling quantizes the intervals; the blink task toggles on every loop turn.
    driver = tmp_path / "tutorial_driver.py"
    driver.write_text(
        "import simgpio, time, sys\n"
        "t0 = time.ticks_ms()\n"
        "for i in range(6):\n"
        "    at = 500 + 300 * i\n"
        "    simgpio.schedule(15, 0, time.ticks_add(t0, at))\n"
        "    simgpio.schedule(15, 1, time.ticks_add(t0, at + 100))\n"
        "simgpio.interrupt(time.ticks_add(t0, 3000))\n"
        "sys.path.insert(0, %r)\n"
        "try:\n"
        "    import tutorial\n"
        "except KeyboardInterrupt:\n"
        "    print('stopped', time.ticks_diff(time.ticks_ms(), t0))\n"
        "print(simgpio.count(25))\n" % str(TUTORIAL.parent)
    )
    lines = mpy.run(driver).stdout.splitlines()
    assert lines[-2] == "stopped 3000", lines
    intervals = [int(x) for x in lines[:-2]]
    assert len(intervals) == 5, "one interval per press after the first: %r" % lines
    assert all(abs(i - 300) <= 40 for i in intervals), intervals
    assert re.fullmatch(r"\d+", lines[-1]) and int(lines[-1]) > 10, "the LED blinked"

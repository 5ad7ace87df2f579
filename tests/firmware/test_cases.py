"""The shared behaviour cases (tests/cases/) on the real UF2 in the emulator."""

import ast
import json
from pathlib import Path

import pytest

from tests.emulator.harness import BUTTON, LED
from tests.emulator.timing import LED_TOL_MS

BOARDS = ("pico", "pico2")  # each test runs on both (tests/firmware/conftest.py)

CASES = Path(__file__).resolve().parent.parent / "cases"
DEMO_CASES = sorted((CASES / "demo").glob("*.json"))
# tests/cases/README.md: a runtime with real scheduling latency allows a tolerance on each LED
# time (tests/emulator/timing.py: a tick plus a wake-up, 2x margin), but none on the number or
# order of changes. The new half-period counts from the press's interrupt timestamp, so a
# press's latency does not carry on. The CPython and unix tiers check the times exactly.


@pytest.mark.parametrize("path", DEMO_CASES, ids=[p.stem for p in DEMO_CASES])
def test_demo_case(emu, path):
    case = json.loads(path.read_text())
    emu.boot_quiet(emu.uf2, settle_ms=50)
    start = emu.start_raw("import tapblink\ntapblink.run(**%r)" % case["params"])
    t0 = emu.wait_edge(LED, 1, timeout_ms=1000)
    emu.button([(t0 + t, lv) for t, lv in case["button"]])
    emu.run_until(t0 + case["end_ms"])
    emu.write(b"\x03")
    end = emu.wait_for("\x04>", timeout_ms=2000)

    out, _, err = emu.console(start)[: end - start - 2].partition("\x04")
    assert err == "", "run() raised:\n" + err
    assert [ln.strip() for ln in out.splitlines() if ln.strip()] == case["lines"], out
    got = [(t - t0, lv) for t, lv in emu.led_edges() if t0 <= t < t0 + case["end_ms"]]
    want = [tuple(e) for e in case["led"]]
    assert [lv for _, lv in got] == [lv for _, lv in want], (got, want)
    worst = max(abs(g - w) for (g, _), (w, _) in zip(got, want))
    print("%s: worst LED time error %.2f ms (tolerance %.2f ms)" % (path.stem, worst, LED_TOL_MS))
    assert worst <= LED_TOL_MS, (worst, got, want)

    # After Ctrl-C: LED off, pin IRQ released, the button pin free for a new Button.
    assert emu.pin_state(LED)["level"] == 0
    assert emu.pin_state(BUTTON)["irq_enable_mask"] == 0
    emu.write(b"\x02")
    out, err = emu.exec_raw(
        "import debounce\nb = debounce.Button('BUTTON')\nb.deinit()\nprint('free')"
    )
    assert (out.strip(), err) == ("free", "")


GESTURE_CASES = sorted((CASES / "gestures").glob("*.json"))
# On the board: the runner of tests/cases/gestures_run.py, printing T0 (the ticks_ms the case
# counts from) as soon as the gestures are armed, then what they reported.
GESTURE_MAIN = """
got = run(%r, %d, lambda t0: print("T0", t0))
print("GOT", got)
"""


@pytest.mark.parametrize("path", GESTURE_CASES, ids=[p.stem for p in GESTURE_CASES])
def test_gesture_case(emu, path):
    case = json.loads(path.read_text())
    emu.boot_quiet(emu.uf2, settle_ms=50)
    code = (CASES / "gestures_run.py").read_text() + GESTURE_MAIN % (
        case["params"],
        case["end_ms"],
    )
    start = emu.start_raw(code)
    pos = emu.wait_for("T0 ", timeout_ms=2000, start=start)
    emu.wait_for("\n", timeout_ms=100, start=pos)
    t0 = int(emu.console(pos).split()[0])
    # The board's ticks_ms is the emulated timer's microseconds // 1000 (test_debounce_ticks):
    # edges put 0.3 ms into their millisecond are stamped with exactly that millisecond.
    assert emu.now_ms < t0 + 50, "the runner started late"
    emu.button([(t0 + t + 0.3, lv) for t, lv in case["button"]])
    end = emu.wait_for("GOT ", timeout_ms=case["end_ms"] + 2000, start=pos)
    emu.wait_for("\n", timeout_ms=100, start=end)
    out = emu.console(end).splitlines()[0]
    assert ast.literal_eval(out.strip()) == case["gestures"], emu.console(start)

"""The programs a newcomer runs first: every ```python block of README.md and every
examples/*.py, plus the README's earlier buttons example that did not clean up on Ctrl-C.

Each is played the same way on the unix port (tests/unix/test_readme_examples.py) and on the
firmware (tests/firmware/test_rerun.py): bouncy presses at fixed times after it starts,
Ctrl-C at STOP_MS, then the same program again in the same interpreter (what Thonny and
`mpremote run` do). Both runs must print what `check` expects; programs that clean up must
have released their pins' interrupts after Ctrl-C. CPython code (imported by the tiers).
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BUTTON, OTHER = 15, 14  # pins.csv BUTTON; examples/two_buttons.py's second button (GP14)
PRESSES = {BUTTON: [100, 400, 700], OTHER: [250, 550]}  # ms after the program starts
HOLD_MS = 80
STOP_MS = 1000  # Ctrl-C

# The README's example once made its Button inside main(): Ctrl-C (raised in
# asyncio's loop) left it registered, and running it again raised OSError. It must re-run.
NO_CLEANUP = """\
import asyncio, buttons, time


async def main():
    b = buttons.Button("BUTTON")
    last = await b.pressed()
    async for t in b.presses():
        print(time.ticks_diff(t, last))
        last = t


asyncio.run(main())
"""


def readme_blocks():
    text = (ROOT / "README.md").read_text()
    return re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)


def _ints(lines):
    return [int(x) for x in lines if re.fullmatch(r"-?\d+", x)]


def _close(got, want, tol):
    return len(got) == len(want) and all(abs(g - w) <= tol for g, w in zip(got, want))


def check_intervals(lines, tol):
    # Presses of BUTTON 300 ms apart: the two intervals after the first press.
    return _close(_ints(lines), [300, 300], tol)


def check_raw_events(lines, tol):
    ev = [x.split() for x in lines if x.startswith(("press ", "release "))]
    kinds = [e[0] for e in ev]
    if kinds != ["press", "release"] * 3 or any(x.startswith("dropped") for x in lines):
        return False
    ms = [int(e[1]) for e in ev]
    presses, releases = ms[0::2], ms[1::2]
    return _close([b - a for a, b in zip(presses, presses[1:])], [300, 300], tol) and _close(
        [r - p for p, r in zip(presses, releases)], [HOLD_MS] * 3, tol
    )


def check_two_buttons(lines, tol):
    # right (BUTTON) at 100, 400, 700 and left (GP14) at 250, 550: each 150 ms after the other.
    got = [x for x in lines if " after " in x]
    names = [x.split()[0] for x in got]
    if names != ["left", "right", "left", "right"]:
        return False
    return _close([int(x.split()[2]) for x in got], [150] * 4, tol)


def check_gestures(lines, tol):
    # examples/gesture_kinds.py (suppress, double_ms=200): BUTTON's presses 300 ms apart, released
    # after HOLD_MS, are single clicks, each reported when its double window closed.
    got = [re.fullmatch(r"\s*(-?\d+) ms  click \(1\)", x) for x in lines if " ms  " in x]
    if len(got) != 3 or not all(got):
        return False
    t = [int(m.group(1)) for m in got]
    return _close([b - a for a, b in zip(t, t[1:])], [300, 300], tol)


# name -> (source, check(lines, tol), pins whose IRQ must be free after Ctrl-C, output pin
# that must blink or None)
def programs():
    blocks = readme_blocks()
    assert len(blocks) == 1, "a new README block needs its expectations here"
    ex = ROOT / "examples"
    return {
        "README buttons example": (blocks[0], check_intervals, [BUTTON], None),
        "README example without cleanup": (NO_CLEANUP, check_intervals, [], None),
        "examples/raw_events.py": (
            (ex / "raw_events.py").read_text(),
            check_raw_events,
            [BUTTON],
            None,
        ),
        "examples/two_buttons.py": (
            (ex / "two_buttons.py").read_text(),
            check_two_buttons,
            [BUTTON, OTHER],
            None,
        ),
        "examples/tempo.py": ((ex / "tempo.py").read_text(), check_intervals, [BUTTON], 16),
        "examples/gesture_kinds.py": (
            (ex / "gesture_kinds.py").read_text(),
            check_gestures,
            [BUTTON],
            None,
        ),
    }


def example_files():
    return sorted(p.name for p in (ROOT / "examples").glob("*.py"))

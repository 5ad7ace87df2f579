"""A user's own files beside their program must not break tapblink's frozen modules.

On the board `/` comes before the frozen modules on sys.path, and on unix the program's own
directory does: a user file named like an internal module would be imported in its place.
"""

PROGRAM = """\
import asyncio
import buttons
import simgpio
import time

b = buttons.Button("BUTTON")
t0 = time.ticks_ms()
simgpio.schedule("BUTTON", 0, time.ticks_add(t0, 100))
simgpio.schedule("BUTTON", 1, time.ticks_add(t0, 180))


async def main():
    async for kind, t, n in b.gestures():
        return kind, time.ticks_diff(t, t0), n


print(asyncio.run(main()) == (buttons.CLICK, 180, 1))
b.deinit()
print("OK")
"""


def test_a_user_gestures_py_does_not_break_gestures(mpy, tmp_path):
    user = tmp_path / "user"
    user.mkdir()
    (user / "gestures.py").write_text("raise ImportError('the user gestures.py was used')\n")
    (user / "prog.py").write_text(PROGRAM)
    r = mpy.run(user / "prog.py")
    assert r.stdout.splitlines() == ["True", "OK"], r.stdout + r.stderr

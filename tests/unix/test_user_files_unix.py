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


def test_an_idle_sim_with_nothing_scripted_says_so_and_burns_no_core(unix_micropython, repo_root):
    # examples/raw_events.py as a user runs it on unix: nothing presses the button. Before,
    # the virtual clock raced on (a whole core, nothing printed). Now it says so on stderr
    # after 60 simulated seconds, then waits at the wall clock's pace.
    import resource
    import signal
    import subprocess
    import time

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(
        [str(unix_micropython), str(repo_root / "examples" / "raw_events.py")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)
    proc.send_signal(signal.SIGINT)  # Ctrl-C: KeyboardInterrupt, the example cleans up
    out, err = proc.communicate(timeout=10)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print("idle sim: %.2f s of CPU in 3 s" % cpu)
    assert "simgpio: 60 s of simulated time passed with nothing scheduled" in err, err
    assert "press" not in out and "release" not in out, out  # no event invented
    # Stated bound: racing takes all 3 s of a core; pacing well under half of that.
    assert cpu < 1.5, "the idle sim used %.2f s of CPU in 3 s" % cpu

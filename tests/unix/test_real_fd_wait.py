"""Waits on real file descriptors are not cut short by the virtual clock (ports/unix/README.md,
"Virtual time"): select.poll on sys.stdin waits in real time while the clock moves its ms, so
input that comes while poll waits is seen, as on the board.
"""

import subprocess
import time

PROGRAM = """
import select, sys, time
p = select.poll()
p.register(sys.stdin, select.POLLIN)
t0 = time.ticks_ms()
ready = p.poll(%d)
print(len(ready), time.ticks_diff(time.ticks_ms(), t0))
"""


def _run(binary, tmp_path, timeout_ms, input_after_s):
    prog = tmp_path / "poll_stdin.py"
    prog.write_text(PROGRAM % timeout_ms)
    proc = subprocess.Popen(
        [str(binary), str(prog)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    start = time.monotonic()
    if input_after_s is not None:
        time.sleep(input_after_s)
        proc.stdin.write("hello\n")
        proc.stdin.flush()
    proc.wait(timeout=30)  # stdin stays open (silent) until the program has ended
    out, err = proc.communicate()
    assert (proc.returncode, err) == (0, "")
    ready, virtual_ms = map(int, out.split())
    return ready, virtual_ms, time.monotonic() - start


def test_poll_on_stdin_sees_input_that_comes_while_it_waits(unix_micropython, tmp_path):
    ready, virtual_ms, _ = _run(unix_micropython, tmp_path, 5000, input_after_s=0.3)
    assert ready == 1, "poll(5000) returned at virtual %d ms without the input" % virtual_ms
    assert virtual_ms < 5000


def test_poll_on_silent_stdin_lasts_its_timeout_in_real_time(unix_micropython, tmp_path):
    ready, virtual_ms, wall_s = _run(unix_micropython, tmp_path, 300, input_after_s=None)
    assert (ready, virtual_ms) == (0, 300)
    # Each virtual ms of it waited 1 ms for stdin (poll with a 1 ms timeout): a lower bound.
    assert wall_s >= 0.3, "300 virtual ms on stdin took only %.3f s real" % wall_s

"""Press/release cycles leave the heap where it was (within 256 bytes) on the
firmware in the emulator (mpy/rel_mem_cycles.py). The 10,000-cycle check runs on the unix
port, across the ticks wrap, for the binding alone and for the awaitables
(tests/unix/mpy/mem_cycles.py). Here the default is 1,000 cycles (about 11 s wall; each
cycle costs about 4 ms of emulated CPU, so 10,000 take about 2 minutes):
TAPBLINK_REL_CYCLES=10000 runs the full count (measured: +0 bytes)."""

import ast
import os
import re

from tests.emulator.harness import press_script
from tests.reliability.rel_support import PROGRAMS

WARMUP = 100
CYCLES = int(os.environ.get("TAPBLINK_REL_CYCLES", "1000"))
PERIOD = 50
SLACK = 256


def test_ten_thousand_cycles_heap_flat(emu):
    emu.boot_quiet(emu.uf2)
    program = (PROGRAMS / "rel_mem_cycles.py").read_text()
    program, n = re.subn(r"(?m)^CYCLES = \d+$", "CYCLES = %d" % CYCLES, program)
    assert n == 1
    emu.start_raw(program)
    emu.wait_for("GO ", timeout_ms=1000)
    t0 = round(emu.now_ms) + 20.5
    presses = [t0 + i * PERIOD for i in range(WARMUP + CYCLES)]
    emu.button(press_script(presses, hold_ms=PERIOD / 2, bounce_ms=3, bounces=2))
    emu.wait_for("RESULT", timeout_ms=presses[-1] - emu.now_ms + 1000)
    emu.wait_for("\n", timeout_ms=100)
    line = next(ln for ln in emu.console().splitlines() if ln.startswith("RESULT "))
    n, wrong, overflows, base, end = ast.literal_eval(line[7:])
    assert (n, wrong, overflows) == (WARMUP + CYCLES, 0, 0)
    print("heap after %d cycles: %+d bytes" % (CYCLES, base - end))
    assert abs(base - end) <= SLACK, (base, end)
    assert "Traceback" not in emu.console()

"""A program re-run after Ctrl-C, on the real firmware. Every README code block and
examples/ program (tests/cases/readme_programs.py) is started as `mpremote run` does (raw
REPL), played scripted bouncy presses, stopped with Ctrl-C, then started again in the same
interpreter: both runs print what the presses mean, and the programs that clean up have
released their pins' interrupts after Ctrl-C."""

import pytest

from tests.cases import readme_programs as rp  # noqa: E402
from tests.emulator.harness import press_script

BOARDS = ("pico", "pico2")  # each test runs on both (tests/firmware/conftest.py)

PROGRAMS = rp.programs()
# Emulator time is exact, but a press is stamped in whole ms (ticks_ms) at its IRQ: an
# interval can come out 1 ms off the script's; stated bound 1 ms, doubled.
TOL_MS = 2


def _play(emu, t0):
    for pin, times in rp.PRESSES.items():
        script = press_script([t0 + dt for dt in times], hold_ms=rp.HOLD_MS, bounce_ms=2)
        emu.schedule(pin, [(t, None if lv else 0) for t, lv in script])


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_runs_again_after_ctrl_c(emu, name):
    source, check, freed, out = PROGRAMS[name]
    emu.boot_quiet(emu.uf2)
    for run in (1, 2):
        start = len(emu.console())
        n_out = len(emu.edges(out)) if out is not None else 0
        emu.start_raw(source)
        t0 = emu.now_ms
        _play(emu, t0)
        emu.run_until(t0 + rp.STOP_MS)
        emu.interrupt()
        text = emu.console(start)
        # What the program printed: after the raw REPL's "OK", before Ctrl-C's traceback.
        lines = [x.strip() for x in text.partition(">OK")[2].splitlines()]
        assert "OSError" not in text and check(lines, TOL_MS), "run %d:\n%s" % (run, text)
        for pin in freed:
            state = emu.pin_state(pin)
            assert state["irq_enable_mask"] == 0, "run %d: GP%d's IRQ still on: %r" % (
                run,
                pin,
                state,
            )
        if out is not None:
            assert len(emu.edges(out)) - n_out >= 4, "run %d: GP%d did not blink" % (run, out)

"""Bad input, one table (mpy/rel_bad_input.py) run on the unix port and on the
firmware in the emulator. Every row: the documented exception, a message naming the
argument, and the state intact afterwards (nothing half-registered, pins free again)."""

import pytest

from tests.emulator.harness import Emulator, Missing
from tests.reliability.rel_support import PROGRAMS, UnixRunner, case_lines, table

PROGRAM = "rel_bad_input.py"
ROWS = table(PROGRAM)
TIERS = ("unix", "emulator", "pico2")  # pico2: the Pico 2 UF2 in rp2350js


@pytest.fixture(scope="module")
def unix_results(unix_micropython, pins, tmp_path_factory):
    r = UnixRunner(unix_micropython, pins, tmp_path_factory.mktemp("bad_input")).run(PROGRAM)
    return case_lines(r.stdout) + (r.stdout + r.stderr,)


def _on_board(chip, uf2):
    try:
        emu = Emulator(chip=chip)
    except Missing as exc:
        pytest.skip("emulator (%s): %s" % (chip, exc))
    with emu:
        emu.uf2 = uf2
        emu.boot_quiet(emu.uf2)
        out, err = emu.exec_raw((PROGRAMS / PROGRAM).read_text(), timeout_ms=60000)
    return case_lines(out) + (out + err,)


@pytest.fixture(scope="module")
def emulator_results(firmware_uf2):
    return _on_board("rp2040", firmware_uf2)


@pytest.fixture(scope="module")
def pico2_results(pico2_uf2):
    return _on_board("rp2350", pico2_uf2)


def test_table_is_whole():
    names = [r[0] for r in ROWS]
    assert len(names) == len(set(names)), "row names must be unique"
    assert len(ROWS) >= 60


@pytest.mark.parametrize("tier", TIERS)
def test_program_ran_every_row(request, tier):
    cases, end, text = request.getfixturevalue(tier + "_results")
    assert end == len(ROWS) and len(cases) == len(ROWS), text[-3000:]


@pytest.mark.parametrize("tier", TIERS)
def test_errors_in_the_irq_are_reported(request, tier):
    # The rows "Button flag.set raises/allocates": the IRQ prints what went wrong, once per
    # queued event, and carries on (the rows check the events were kept).
    _cases, _end, text = request.getfixturevalue(tier + "_results")
    assert text.count("Uncaught exception in IRQ callback handler") >= 4, text[-3000:]
    # (rp2 prints the type only: with the heap locked the exception keeps no message.)
    assert "RuntimeError" in text
    assert "MemoryError" in text


@pytest.mark.parametrize("row", ROWS, ids=[r[0] for r in ROWS])
@pytest.mark.parametrize("tier", TIERS)
def test_bad_input(request, tier, row):
    name, _setup, call, exc, word, _after = row
    cases, _end, text = request.getfixturevalue(tier + "_results")
    assert name in cases, "the program stopped before this row:\n" + text[-3000:]
    _, got, msg, after, leaked = cases[name]
    assert got != "setup", "the row's setup failed: %s" % msg
    if exc is None:
        assert got is None, "%s raised %s(%r)" % (call, got, msg)
    else:
        assert got == exc, "%s: want %s, got %s(%r)" % (call, exc, got, msg)
        if word is not None:
            words = (word,) if isinstance(word, str) else word
            assert any(w in msg for w in words), "%s: message %r names none of %r" % (
                call,
                msg,
                words,
            )
    assert after == "ok", "state after %s: %s" % (call, after)
    assert leaked == [], "pins still held after the row: %r" % leaked

"""Power pulled while the flash is written: the real UF2 in rp2040js, whose flash
model counts every program/erase operation and can cut the power at any one of them
(tests/emulator: Emulator.boot(cut_at_op=k)). The op and everything after it never reaches the
flash (or, torn, only its first half does); the board is then powered on again with the
flash as the cut left it.

Every run must end with the demo running (its banner, the LED blinking, a tap printed) or at
the REPL with a message saying what happened: never a silent board.
"""

import pytest

from tests.emulator.harness import EmulatorError, press_script

BANNER = "tapblink: tap the button"
DEMO_MAIN = "import tapblink\ntapblink.main()\n"
FAILED = "tapblink: could not write /main.py"
CUT_RUN_MS = 3000  # a first boot writes /main.py within ~130 ms; the cut comes before


def _demo_runs(emu, uf2, fs):
    """Power on with fs; True when the demo runs and follows a tap. Else the board must be at
    the REPL with tapblink's message (asserted here)."""
    emu.boot(uf2, fs_image=fs, button_script=press_script([1000, 1250]))
    emu.run_until(1600)
    text = emu.console()
    if BANNER in text:
        assert len(emu.led_edges()) >= 3, "banner but the LED does not blink"
        assert [v for _, v in emu.console_ints()] == [250], text[-300:]
        return True
    assert ">>> " in text and FAILED in text, "silent board: %r" % text[-300:]
    return False


def _cut(emu, uf2, fs, k, torn=False, until_ms=CUT_RUN_MS):
    emu.boot(uf2, fs_image=fs, cut_at_op=k, cut_torn=torn)
    emu.run_until(until_ms)
    assert emu.stats()["power_cut"] == k, "the power cut did not happen at op %d" % k
    return emu.save_fs()


def _first_boot_ops(emu, uf2, fs=None):
    emu.boot(uf2, fs_image=fs)
    emu.wait_for(BANNER, timeout_ms=2000)
    emu.run_for(200)
    return emu.flash_ops()


def test_first_boot_survives_a_power_cut_at_every_flash_op(emu):
    uf2 = emu.uf2
    n = _first_boot_ops(emu, uf2)
    assert n >= 4, "a first boot formats and writes /main.py: %d flash ops" % n
    outcomes = []
    for torn in (False, True):
        for k in range(n):
            fs = _cut(emu, uf2, None, k, torn)
            outcomes.append(_demo_runs(emu, uf2, fs))
    # The rename makes /main.py whole or absent: every cut ends with the demo running.
    assert outcomes == [True] * (2 * n), outcomes


def test_first_boot_survives_a_second_cut_while_it_recovers(emu):
    # Cut at op k of the first boot, then again at every op j of the boot that repairs it.
    uf2 = emu.uf2
    n = _first_boot_ops(emu, uf2)
    runs = 0
    for k in range(n):
        fs = _cut(emu, uf2, None, k)
        m = _first_boot_ops(emu, uf2, fs)
        for j in range(m):
            fs2 = _cut(emu, uf2, fs, j)
            assert _demo_runs(emu, uf2, fs2), (k, j)
            runs += 1
    assert runs >= n, "the repairing boots wrote the flash again"


def _fs_after(emu, uf2, setup):
    """A fresh board's filesystem after the first boot and `setup` (raw-REPL code)."""
    emu.boot(uf2)
    emu.wait_for(BANNER, timeout_ms=2000)
    out, err = emu.exec_raw(setup)
    assert not err, err
    return emu.save_fs()


def _read(emu, path):
    return emu.eval("open(%r).read()" % path)


def test_empty_main_py_from_an_older_firmware_is_replaced(emu):
    # What a first boot that did not write /main.py atomically could leave: /main.py created,
    # the power gone before the write. The board now treats it as an unfinished first boot.
    uf2 = emu.uf2
    fs = _fs_after(emu, uf2, "import os\nos.remove('main.py')\nopen('main.py', 'w').close()")
    assert _demo_runs(emu, uf2, fs)
    assert _read(emu, "main.py") == DEMO_MAIN
    assert emu.eval("__import__('os').listdir('/')") == ["main.py"]


def test_leftover_temporary_file_is_replaced(emu):
    uf2 = emu.uf2
    fs = _fs_after(
        emu,
        uf2,
        "import os\nos.remove('main.py')\n"
        "with open('main.py.tapblink-tmp', 'w') as f:\n f.write('impo')",
    )
    assert _demo_runs(emu, uf2, fs)
    assert emu.eval("__import__('os').listdir('/')") == ["main.py"]
    assert _read(emu, "main.py") == DEMO_MAIN


def test_users_files_are_left_alone(emu):
    # An empty /main.py next to a file of the user's is the user's choice: not rewritten.
    uf2 = emu.uf2
    fs = _fs_after(
        emu,
        uf2,
        "open('main.py', 'w').close()\nwith open('notes.txt', 'w') as f:\n f.write('mine')",
    )
    emu.boot(uf2, fs_image=fs)
    emu.run_until(1500)
    assert BANNER not in emu.console() and emu.flash_ops() == 0
    assert _read(emu, "main.py") == "" and _read(emu, "notes.txt") == "mine"


def test_a_write_that_fails_is_said_at_the_repl(emu):
    # A directory where the temporary file goes: the write fails with EISDIR. The board
    # boots to the REPL and says why the demo does not start.
    uf2 = emu.uf2
    fs = _fs_after(emu, uf2, "import os\nos.remove('main.py')\nos.mkdir('main.py.tapblink-tmp')")
    emu.boot(uf2, fs_image=fs)
    emu.wait_for(">>> ", timeout_ms=2000)
    emu.wait_for(FAILED, timeout_ms=3000)
    assert BANNER not in emu.console()


# -- a user's `mpremote fs cp my_main.py :main.py`, cut at every flash op ---------------------

USER_MAIN = (
    "# my own main.py\n"
    + "".join("# line %03d of padding, so the copy takes several chunks\n" % i for i in range(24))
    + "print('my main.py runs')\n"
)
USER_BANNER = "my main.py runs"


def _mpremote_fs_cp(emu, dest, data, chunk_size=256):
    """What mpremote's fs cp sends (tools/mpremote transport.fs_writefile): open, write in
    256-byte chunks, each its own raw-REPL exec, close."""
    emu.exec_raw("f=open('%s','wb')\nw=f.write" % dest)
    while data:
        chunk, data = data[:chunk_size], data[chunk_size:]
        emu.exec_raw("w(" + repr(chunk) + ")")
    emu.exec_raw("f.close()")


def _installed_board(emu, uf2):
    emu.boot(uf2)
    emu.wait_for(BANNER, timeout_ms=2000)
    emu.run_for(200)
    return emu.save_fs()


@pytest.mark.parametrize("torn", [False, True], ids=["whole", "torn"])
def test_users_copy_of_main_py_survives_a_power_cut_at_every_flash_op(emu, torn):
    uf2 = emu.uf2
    fs = _installed_board(emu, uf2)
    data = USER_MAIN.encode()
    assert len(data) > 3 * 256

    # The copy, uncut: count its flash ops (the boot itself writes nothing).
    emu.boot(uf2, fs_image=fs)
    emu.wait_for(BANNER, timeout_ms=2000)
    assert emu.flash_ops() == 0
    _mpremote_fs_cp(emu, "main.py", data)
    m = emu.flash_ops()
    assert m >= 2, m

    seen = set()
    for k in range(m):
        emu.boot(uf2, fs_image=fs, cut_at_op=k, cut_torn=torn)
        emu.wait_for(BANNER, timeout_ms=2000)
        with pytest.raises(EmulatorError):
            _mpremote_fs_cp(emu, "main.py", data)  # the power goes during the copy
        assert emu.stats()["power_cut"] == k
        cut_fs = emu.save_fs()

        emu.boot(uf2, fs_image=cut_fs)
        emu.run_until(1500)
        text = emu.console()
        assert BANNER in text or USER_BANNER in text, "silent board: %r" % text[-300:]
        content = _read(emu, "main.py")
        assert content in (DEMO_MAIN, USER_MAIN), (k, content[:80])
        # What runs is what the file holds.
        assert (BANNER in text) == (content == DEMO_MAIN), k
        seen.add(content == USER_MAIN)
    # Cut before the close's commit: the old file; the last op is the commit itself.
    assert False in seen

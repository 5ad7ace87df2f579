"""mpremote (PyPI, pinned in tests/requirements.txt) talks to the emulated board over a
loopback TCP console while the demo runs."""

import importlib.util
import subprocess
import sys

import pytest

BOARDS = ("pico", "pico2")  # each test runs on both (tests/firmware/conftest.py)


def _mpremote(port, *args, timeout=60):
    r = subprocess.run(
        [sys.executable, "-m", "mpremote", "connect", "socket://127.0.0.1:%d" % port, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert r.returncode == 0, (args, r.stdout, r.stderr)
    return r.stdout


def test_mpremote_exec_ls_cp_while_demo_runs(emu, tmp_path):
    if importlib.util.find_spec("mpremote") is None:
        pytest.skip("mpremote is not installed (make venv installs tests/requirements.txt)")
    emu.boot(emu.uf2)
    emu.run_until(1200)
    assert "tapblink: tap the button" in emu.console()
    blinking = len(emu.led_edges())
    assert blinking >= 2, "the demo should be blinking"

    port = emu.serve()
    try:
        out = _mpremote(port, "exec", "import sys; print('board', sys.platform, 6 * 7)")
        assert "board rp2 42" in out
        local = tmp_path / "hello.txt"
        local.write_text("tapped twice\n")
        _mpremote(port, "fs", "cp", str(local), ":hello.txt")
        listing = _mpremote(port, "fs", "ls", ":")
        assert "hello.txt" in listing and "main.py" in listing, listing
        back = tmp_path / "back.txt"
        _mpremote(port, "fs", "cp", ":hello.txt", str(back))
        assert back.read_text() == "tapped twice\n"
    finally:
        emu.unserve()
    out, err = emu.exec_raw("print(open('/hello.txt').read())")
    assert out.strip() == "tapped twice" and err == ""

"""What `make` prints: tools/quiet_build.py's filter, the size line, no rewrite when nothing
changed (tools/uf2.py). The whole builds are in test_firmware_build.py; these need no tree."""

import subprocess
import sys
import textwrap

import uf2
from size_report import module_line

ROOT = subprocess.run(
    ["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True
).stdout.strip()

# What a first build prints on a tree without the Pico W submodules (shortened).
FIRST_BUILD = textwrap.dedent(
    """\
    -- Found Python3: /usr/bin/python3 (found version "3.11.2") found components: Interpreter
    [ 62%] Performing configure step for 'rp2'
    PICO_SDK_PATH is /t/lib/pico-sdk
    Target board (PICO_BOARD) is 'pico'.
    CMake Warning at /t/lib/pico-sdk/src/rp2_common/pico_btstack/CMakeLists.txt:11 (message):
      btstack submodule has not been initialized; Pico W BLE support will be
      unavailable.  hint: try git submodule update --init from your SDK directory

    Call Stack (most recent call first):
      /t/lib/pico-sdk/src/rp2_common/CMakeLists.txt:94 (pico_add_subdirectory)

    CMake Warning at /t/lib/pico-sdk/src/rp2_common/pico_lwip/CMakeLists.txt:11 (message):
      LWIP submodule has not been initialized; Pico W wireless support will be
      unavailable

    Including User C Module(s) from /r/usercmodules/micropython.cmake
    -- Configuring done
    GEN /r/build/rp2/genhdr/mpversion.h
    MPY buttons.py
    [  1%] Building C object CMakeFiles/firmware.dir/t/py/mpstate.c.o
    /r/usercmodules/debounce/debounce.c:10:5: warning: unused variable 'x' [-Wunused-variable]
       10 |     int x;
          |         ^
    [ 97%] Linking CXX executable firmware.elf
       text	   data	    bss	    dec	    hex	filename
     356868	      0	   5176	 362044	  5863c	/r/build/rp2/firmware.elf
    size: flash 356868 B (17.0 % of 2 MiB), static RAM 5176 B (1.9 % of 264 KiB)
    tapblink: wrote /r/build/tapblink.uf2
    """
)


def _quiet(transcript, rc=0):
    prog = "import sys; sys.stdout.write(%r); sys.exit(%d)" % (transcript, rc)
    return subprocess.run(
        [sys.executable, "tools/quiet_build.py", "build/tapblink.uf2", "--", sys.executable]
        + ["-c", prog],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_first_build_shows_only_what_matters():
    r = _quiet(FIRST_BUILD)
    assert r.returncode == 0
    assert r.stdout.splitlines() == [
        "tapblink: building build/tapblink.uf2",
        "/r/usercmodules/debounce/debounce.c:10:5: warning: unused variable 'x' "
        "[-Wunused-variable]",
        "   10 |     int x;",
        "      |         ^",
        "size: flash 356868 B (17.0 % of 2 MiB), static RAM 5176 B (1.9 % of 264 KiB)",
        "tapblink: wrote /r/build/tapblink.uf2",
    ], r.stdout


def test_a_build_that_fails_before_compiling_shows_everything():
    r = _quiet(
        "CMake Error at CMakeLists.txt:3 (message):\n  no tree\n-- Configuring incomplete\n", rc=1
    )
    assert r.returncode == 1
    assert "CMake Error" in r.stdout and "-- Configuring incomplete" in r.stdout


def test_nothing_compiled_is_one_line():
    r = _quiet(
        "[100%] Built target rp2\nsize: flash 1 B\ntapblink: x unchanged (the same bytes)\n"
    )
    assert r.stdout.splitlines() == ["tapblink: build/tapblink.uf2 is up to date"]


def test_the_size_line_parts_add_up_to_its_total():
    mod = {
        "debounce_core.c.o": 378,
        "debounce.c.o": 1731,
        "debounce_flag.c.o": 432,
        "debounce_port_rp2.c.o": 1020,
        "debounce_args.c.o": 462,
        "debounce_sleep.c.o": 1123,
        "debounce_alarm_rp2.c.o": 182,
        "debounce_new_thing.c.o": 7,  # an object the report does not know yet
    }
    line = module_line(mod)
    total, parts = line.split("debounce: ", 1)[1].split(" B flash = ")
    numbers = [int(p.rsplit(" ", 1)[1]) for p in parts.split(" + ")]
    assert int(total) == sum(numbers) == sum(mod.values()), line
    assert "sleep_until 1123" in line and "other 7" in line


def test_pack_leaves_an_unchanged_uf2_alone(tmp_path):
    binf, out = tmp_path / "fw.bin", tmp_path / "fw.uf2"
    binf.write_bytes(b"\1" * 1000)
    cli = [sys.executable, "tools/uf2.py", "pack", str(binf), str(out)]
    r = subprocess.run(cli, cwd=ROOT, capture_output=True, text=True, check=True)
    assert r.stdout == "tapblink: wrote %s\n" % out
    before = out.stat().st_mtime_ns
    r = subprocess.run(cli, cwd=ROOT, capture_output=True, text=True, check=True)
    assert r.stdout == "tapblink: %s unchanged (the same bytes)\n" % out
    assert out.stat().st_mtime_ns == before
    assert out.read_bytes() == uf2.pack(binf.read_bytes())


def test_a_no_op_make_unix_says_up_to_date(unix_micropython, repo_root):
    # The fixture built it; building again changes nothing and says so, not "wrote".
    if unix_micropython != repo_root / "build" / "unix" / "micropython":
        import pytest

        pytest.skip("TAPBLINK_UNIX_MICROPYTHON names a prebuilt binary")
    before = unix_micropython.stat().st_mtime_ns
    r = subprocess.run(["make", "-s", "unix"], cwd=repo_root, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == ["tapblink: build/unix/micropython is up to date"], r.stdout
    assert unix_micropython.stat().st_mtime_ns == before

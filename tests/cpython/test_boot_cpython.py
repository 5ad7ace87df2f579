"""ports/rp2/modules/_boot.py (tapblink's frozen _boot) on fakes of vfs, rp2 and the flash."""

import builtins
import os
import types
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BOOT = REPO / "ports" / "rp2" / "modules" / "_boot.py"
MAIN_PY = "import tapblink\ntapblink.main()\n"


class Flash:
    def __init__(self, formatted):
        self.formatted = formatted
        self.mkfs_calls = 0


class Timer:
    """machine.Timer as _boot uses it: the one-shot timers it started, fired by the test."""

    ONE_SHOT = 0
    started = []

    def __init__(self, mode, period, callback):
        assert mode == Timer.ONE_SHOT and period > 0
        Timer.started.append(callback)


def run_boot(root, flash, open_fails=False):
    """Execute _boot.py with "/" mapped to the directory root; return (globals, mounts)."""
    mounts = []
    Timer.started = []

    class VfsLfs2:
        def __init__(self, bdev, progsize):
            assert progsize == 256
            if not bdev.formatted:
                raise OSError(19)
            self.bdev = bdev

        @staticmethod
        def mkfs(bdev, progsize):
            bdev.formatted = True
            bdev.mkfs_calls += 1

    fakes = {
        "vfs": types.SimpleNamespace(
            VfsLfs2=VfsLfs2, mount=lambda fs, path: mounts.append((fs, path))
        ),
        "rp2": types.SimpleNamespace(Flash=lambda: flash),
        "machine": types.SimpleNamespace(Timer=Timer),
        "os": types.SimpleNamespace(
            listdir=lambda p: sorted(x.name for x in local(p).iterdir()),
            stat=lambda p: tuple(os.stat(local(p))),
            rename=lambda a, b: os.replace(local(a), local(b)),
        ),
    }

    def local(path):
        assert path.startswith("/"), "the board's paths are absolute"
        return root / path.lstrip("/")

    def fake_import(name, *args, **kwargs):
        return fakes[name]

    def fake_open(path, mode="r"):
        if open_fails:
            raise OSError(28)  # ENOSPC
        return open(local(path), mode)

    b = dict(builtins.__dict__, __import__=fake_import, open=fake_open)
    g = {"__builtins__": b, "__name__": "_boot"}
    exec(compile(BOOT.read_text(), str(BOOT), "exec"), g)
    return g, mounts


def test_fresh_board_gets_a_main_py_that_starts_the_demo(tmp_path):
    flash = Flash(formatted=False)
    g, mounts = run_boot(tmp_path, flash)
    assert flash.mkfs_calls == 1 and len(mounts) == 1 and mounts[0][1] == "/"
    assert (tmp_path / "main.py").read_text() == MAIN_PY
    assert not {"vfs", "bdev", "fs", "_first_boot"} & set(g), "boot leaves no helpers behind"


def test_formatted_but_empty_filesystem_also_gets_it(tmp_path):
    flash = Flash(formatted=True)
    run_boot(tmp_path, flash)
    assert flash.mkfs_calls == 0
    assert (tmp_path / "main.py").read_text() == MAIN_PY


@pytest.mark.parametrize("existing", ["main.py", "boot.py", "notes.txt"])
def test_a_filesystem_with_anything_on_it_is_left_alone(tmp_path, existing):
    (tmp_path / existing).write_text("# the user's\n")
    run_boot(tmp_path, Flash(formatted=True))
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing]
    assert (tmp_path / existing).read_text() == "# the user's\n"


def test_a_write_failure_does_not_stop_the_boot(tmp_path, capsys):
    g, mounts = run_boot(tmp_path, Flash(formatted=False), open_fails=True)
    assert mounts and not (tmp_path / "main.py").exists()
    # The console does not exist yet: the message comes from a one-shot timer, later.
    assert capsys.readouterr().out == "" and len(Timer.started) == 1
    Timer.started[0](None)
    out = capsys.readouterr().out
    assert (
        out.startswith("tapblink: could not write /main.py (OSError(28")
        and "tapblink.main()" in out
    )


TMP = "main.py.tapblink-tmp"


def test_main_py_is_written_under_a_temporary_name_then_renamed(tmp_path, monkeypatch):
    renames = []
    real_replace = os.replace

    def spy(a, b):
        renames.append((Path(a).name, Path(b).name, Path(a).read_text()))
        real_replace(a, b)

    monkeypatch.setattr(os, "replace", spy)
    run_boot(tmp_path, Flash(formatted=False))
    assert renames == [(TMP, "main.py", MAIN_PY)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.py"]


@pytest.mark.parametrize(
    "left",
    [{TMP: ""}, {TMP: "impo"}, {"main.py": ""}, {"main.py": "", TMP: "import tap"}],
    ids=["empty_tmp", "partial_tmp", "empty_main_py", "both"],
)
def test_what_an_unfinished_first_boot_left_is_replaced(tmp_path, left):
    for name, text in left.items():
        (tmp_path / name).write_text(text)
    run_boot(tmp_path, Flash(formatted=True))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.py"]
    assert (tmp_path / "main.py").read_text() == MAIN_PY
    assert Timer.started == []


def test_an_empty_main_py_next_to_the_users_files_is_theirs(tmp_path):
    (tmp_path / "main.py").write_text("")
    (tmp_path / "lib").mkdir()
    run_boot(tmp_path, Flash(formatted=True))
    assert (tmp_path / "main.py").read_text() == ""


def test_main_py_runs_the_demo_entry_point(sim, capsys):
    # The two lines _boot writes, run on the fakes with the button held: safe mode.
    sim.board.drive("BUTTON", 0)
    exec(compile(MAIN_PY, "main.py", "exec"), {"__name__": "__main__"})
    assert "safe mode" in capsys.readouterr().out


def test_mount_logic_is_the_ports_own(micropython_dir):
    # Same mount-or-format code as the pinned MicroPython's rp2 _boot.py.
    ours = BOOT.read_text()
    port = (micropython_dir / "ports" / "rp2" / "modules" / "_boot.py").read_text()
    start = port.index("bdev = rp2.Flash()")
    block = port[start : port.index("del vfs, bdev, fs")]
    for line in block.splitlines():
        assert line.split("#")[0].rstrip() in ours, line

"""ports/rp2/modules/_boot.py (tapblink's frozen _boot) on fakes of vfs, rp2 and the flash."""

import builtins
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


def run_boot(root, flash, open_fails=False):
    """Execute _boot.py with "/" mapped to the directory root; return (globals, mounts)."""
    mounts = []

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
        "machine": types.SimpleNamespace(),
        "os": types.SimpleNamespace(listdir=lambda p: sorted(x.name for x in local(p).iterdir())),
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


def test_a_write_failure_does_not_stop_the_boot(tmp_path):
    g, mounts = run_boot(tmp_path, Flash(formatted=False), open_fails=True)
    assert mounts and not (tmp_path / "main.py").exists()


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

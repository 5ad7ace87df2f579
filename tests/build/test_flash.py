"""tools/flash.py writes only to an RPI-RP2 drive, and says so when there is none."""

import flash


def _drive(path, board_id="RPI-RP2"):
    path.mkdir(parents=True)
    (path / "INFO_UF2.TXT").write_text(
        "UF2 Bootloader v3.0\nModel: Raspberry Pi RP2\nBoard-ID: %s\n" % board_id
    )
    return path


def test_copies_onto_the_boot_drive(tmp_path, capsys):
    uf2 = tmp_path / "tapblink.uf2"
    uf2.write_bytes(b"U" * 512)
    drive = _drive(tmp_path / "media" / "user" / "RPI-RP2")
    rc = flash.main([str(uf2)], roots=[str(tmp_path / "media" / "*" / "*")])
    assert rc == 0
    assert (drive / "tapblink.uf2").read_bytes() == b"U" * 512
    assert "copied" in capsys.readouterr().out


def test_never_writes_to_another_drive(tmp_path, capsys):
    uf2 = tmp_path / "tapblink.uf2"
    uf2.write_bytes(b"U" * 512)
    other = _drive(tmp_path / "media" / "user" / "USBSTICK", board_id="SOMETHING-ELSE")
    plain = tmp_path / "media" / "user" / "DATA"
    plain.mkdir()
    rc = flash.main([str(uf2)], roots=[str(tmp_path / "media" / "*" / "*")], wait_s=0)
    assert rc == 1
    assert sorted(p.name for p in other.iterdir()) == ["INFO_UF2.TXT"]
    assert list(plain.iterdir()) == []
    assert "no RPI-RP2 drive found" in capsys.readouterr().err


def test_refuses_two_boards(tmp_path, capsys):
    uf2 = tmp_path / "tapblink.uf2"
    uf2.write_bytes(b"U" * 512)
    a = _drive(tmp_path / "m" / "a")
    b = _drive(tmp_path / "m" / "b")
    assert flash.main([str(uf2)], roots=[str(tmp_path / "m" / "*")]) == 1
    assert not (a / "tapblink.uf2").exists() and not (b / "tapblink.uf2").exists()


def test_missing_uf2_is_explained(tmp_path, capsys):
    assert flash.main([str(tmp_path / "nope.uf2")], roots=[]) == 2
    assert "run `make` first" in capsys.readouterr().err


def test_bootloader_step_uses_the_project_mpremote(tmp_path, monkeypatch, capsys):
    # `make flash` runs flash.py with the system python: mpremote lives in .venv, not on PATH.
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    fake = tmp_path / ".venv" / "bin" / "mpremote"
    fake.parent.mkdir(parents=True)
    log = tmp_path / "args"
    fake.write_text('#!/bin/sh\necho "$@" > %s\necho "no device found" >&2\nexit 1\n' % log)
    fake.chmod(0o755)
    assert flash.find_mpremote(str(tmp_path)) == [str(fake)]
    assert flash.ask_board_for_bootloader(str(tmp_path)) is False
    assert log.read_text().split() == ["connect", "auto", "bootloader"]
    err = capsys.readouterr().err
    assert "no running board entered its bootloader" in err and "no device found" in err


def test_bootloader_step_says_why_it_is_skipped(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert flash.find_mpremote(str(tmp_path)) is None
    assert flash.ask_board_for_bootloader(str(tmp_path)) is False
    assert "skipped asking a running board" in capsys.readouterr().err

"""tools/flash.py writes only to the boot drive of the chip the UF2 is for, and says so when
there is none or only the other chip's (fake drive folders; no board needed)."""

import flash
import pytest
import uf2

DRIVES = {
    # what each bootrom writes into INFO_UF2.TXT (line ends vary: both are accepted)
    "rp2040": "UF2 Bootloader v3.0\nModel: Raspberry Pi RP2\nBoard-ID: RPI-RP2\n",
    "rp2350": "UF2 Bootloader v1.0\r\nModel: Raspberry Pi RP2350\r\nBoard-ID: RP2350\r\n",
}
FAMILY = {"rp2040": uf2.RP2040_FAMILY_ID, "rp2350": uf2.RP2350_ARM_S_FAMILY_ID}


def _drive(path, chip="rp2040", info=None):
    path.mkdir(parents=True)
    (path / "INFO_UF2.TXT").write_text(info if info is not None else DRIVES[chip])
    return path


def _uf2(tmp_path, chip="rp2040"):
    path = tmp_path / ("tapblink-%s.uf2" % chip)
    path.write_bytes(uf2.pack(bytes(range(256)) * 2, family=FAMILY[chip]))
    return path


@pytest.mark.parametrize("chip,label", [("rp2040", "RPI-RP2"), ("rp2350", "RP2350")])
def test_copies_onto_the_boot_drive_of_its_chip(tmp_path, capsys, chip, label):
    image = _uf2(tmp_path, chip)
    drive = _drive(tmp_path / "media" / "user" / label, chip)
    rc = flash.main([str(image)], roots=[str(tmp_path / "media" / "*" / "*")])
    assert rc == 0
    assert (drive / image.name).read_bytes() == image.read_bytes()
    assert "copied" in capsys.readouterr().out


@pytest.mark.parametrize(
    "uf2_chip,drive_chip,board",
    [("rp2040", "rp2350", "TAPBLINK_PICO2"), ("rp2350", "rp2040", "TAPBLINK_PICO")],
)
def test_refuses_the_other_chips_drive_naming_the_board(
    tmp_path, capsys, uf2_chip, drive_chip, board
):
    image = _uf2(tmp_path, uf2_chip)
    drive = _drive(tmp_path / "media" / "user" / "BOOT", drive_chip)
    rc = flash.main([str(image)], roots=[str(tmp_path / "media" / "*" / "*")], wait_s=0)
    err = capsys.readouterr().err
    print(err)
    assert rc == 1
    assert sorted(p.name for p in drive.iterdir()) == ["INFO_UF2.TXT"]
    assert "make BOARD=%s flash" % board in err
    assert uf2_chip.upper() in err and str(drive) in err


def test_picks_its_chips_drive_when_both_are_mounted(tmp_path):
    image = _uf2(tmp_path, "rp2350")
    pico = _drive(tmp_path / "m" / "RPI-RP2", "rp2040")
    pico2 = _drive(tmp_path / "m" / "RP2350", "rp2350")
    assert flash.main([str(image)], roots=[str(tmp_path / "m" / "*")]) == 0
    assert (pico2 / image.name).exists() and not (pico / image.name).exists()


def test_never_writes_to_another_drive(tmp_path, capsys):
    image = _uf2(tmp_path)
    other = _drive(tmp_path / "media" / "user" / "USBSTICK", info="Board-ID: SOMETHING-ELSE\n")
    lookalike = _drive(tmp_path / "media" / "user" / "X", info="Board-ID: RP2350-CLONE\n")
    plain = tmp_path / "media" / "user" / "DATA"
    plain.mkdir()
    rc = flash.main([str(image)], roots=[str(tmp_path / "media" / "*" / "*")], wait_s=0)
    assert rc == 1
    assert sorted(p.name for p in other.iterdir()) == ["INFO_UF2.TXT"]
    assert sorted(p.name for p in lookalike.iterdir()) == ["INFO_UF2.TXT"]
    assert list(plain.iterdir()) == []
    assert "no RPI-RP2 drive found" in capsys.readouterr().err


def test_no_drive_for_a_pico2_image_names_its_board(tmp_path, capsys):
    rc = flash.main([str(_uf2(tmp_path, "rp2350"))], roots=[str(tmp_path / "*")], wait_s=0)
    assert rc == 1
    assert "no RP2350 drive found" in capsys.readouterr().err
    assert flash.find_drives([str(tmp_path / "*")]) == []


def test_refuses_two_boards(tmp_path, capsys):
    image = _uf2(tmp_path)
    a = _drive(tmp_path / "m" / "a")
    b = _drive(tmp_path / "m" / "b")
    assert flash.main([str(image)], roots=[str(tmp_path / "m" / "*")]) == 1
    assert not (a / image.name).exists() and not (b / image.name).exists()


def test_copy_to_drive_checks_the_chip(tmp_path):
    drive = _drive(tmp_path / "RP2350", "rp2350")
    with pytest.raises(RuntimeError, match="not an RPI-RP2 drive"):
        flash.copy_to_drive(str(_uf2(tmp_path)), str(drive), "rp2040")
    assert sorted(p.name for p in drive.iterdir()) == ["INFO_UF2.TXT"]


def test_missing_or_foreign_uf2_is_explained(tmp_path, capsys):
    assert flash.main([str(tmp_path / "nope.uf2")], roots=[]) == 2
    assert "run `make` first" in capsys.readouterr().err
    bad = tmp_path / "bad.uf2"
    bad.write_bytes(b"U" * 512)
    assert flash.main([str(bad)], roots=[]) == 2
    assert "bad magic" in capsys.readouterr().err
    data = tmp_path / "data.uf2"
    data.write_bytes(uf2.pack(b"x" * 256, family=uf2.DATA_FAMILY_ID, abs_block=None))
    assert flash.main([str(data)], roots=[]) == 2
    assert "family data" in capsys.readouterr().err


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


@pytest.mark.parametrize(
    "board,chip,twin_board",
    [
        ("TAPBLINK_PICO", "rp2040", "TAPBLINK_PICO_W"),
        ("TAPBLINK_PICO_W", "rp2040", "TAPBLINK_PICO"),
        ("TAPBLINK_PICO2", "rp2350", "TAPBLINK_PICO2_W"),
        ("TAPBLINK_PICO2_W", "rp2350", "TAPBLINK_PICO2"),
    ],
)
def test_says_which_of_the_twins_sharing_a_drive_the_uf2_is_for(
    tmp_path, capsys, board, chip, twin_board
):
    # A Pico and a Pico W show the same drive: the copy goes ahead, and the output says which
    # board it is for, what to look at, and the twin's command.
    image = _uf2(tmp_path, chip)
    drive = _drive(tmp_path / "m" / "BOOT", chip)
    rc = flash.main(["--board", board, str(image)], roots=[str(tmp_path / "m" / "*")])
    out = capsys.readouterr().out
    assert rc == 0
    assert (drive / image.name).read_bytes() == image.read_bytes()
    assert "(BOARD=%s)" % board in out
    assert "make BOARD=%s flash" % twin_board in out
    assert "wireless module" in out


def test_a_board_of_the_other_chip_is_refused_before_any_copy(tmp_path, capsys):
    image = _uf2(tmp_path, "rp2040")
    drive = _drive(tmp_path / "m" / "BOOT", "rp2040")
    rc = flash.main(["--board", "TAPBLINK_PICO2_W", str(image)], roots=[str(tmp_path / "m" / "*")])
    assert rc == 2
    assert sorted(p.name for p in drive.iterdir()) == ["INFO_UF2.TXT"]
    assert "--board TAPBLINK_PICO2_W" in capsys.readouterr().err


def test_an_unknown_board_is_a_usage_error(tmp_path, capsys):
    rc = flash.main(["--board", "RPI_PICO", str(_uf2(tmp_path))], roots=[])
    assert rc == 2
    assert "--board" in capsys.readouterr().err

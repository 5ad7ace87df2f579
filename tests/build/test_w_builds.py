"""The Pico W and Pico 2 W builds: `make BOARD=TAPBLINK_PICO_W` / `BOARD=TAPBLINK_PICO2_W`.

Each is the stock W firmware (RPI_PICO_W / RPI_PICO2_W: lwIP, the CYW43 driver, BTstack, the
frozen networking bundle and aioble) plus tapblink (its frozen modules, the debounce C module),
with the button on GP15 and the LED on the wireless chip (pins.csv LED,EXT_GPIO0). These tests
check the images and compare them with the stock W firmware of the same tree (built on demand,
reused when present). The Pico W's firmware also runs in rp2040js (tests/firmware/test_pico_w.py);
no emulator runs the Pico 2 W's, so this tier is what is verified for it.
"""

import re
import subprocess
import sys

import pytest
import uf2
from tests.conftest import BUILD, board_stock, board_uf2
from tests.build.test_pico2_build import _blocks
from tests.build.test_pico2_build import test_uf2_blocks_follow_the_rp2350_rules as rp2350_blocks_check

RP2040 = 0xE48BFF56
BOARDS = {
    # board: (pico-sdk board, stock twin, what the size report says the chip has)
    "TAPBLINK_PICO_W": ("pico_w", "RPI_PICO_W", "of 2 MiB", "of 264 KiB"),
    "TAPBLINK_PICO2_W": ("pico2_w", "RPI_PICO2_W", "of 4 MiB", "of 520 KiB"),
}
# What makes a W firmware a W firmware, by object file in the linker map.
W_OBJECTS = ("cyw43_ll.c.o", "machine_pin_cyw43.c.o", "modbluetooth_btstack.c.o", "tcp.c.o")
DEBOUNCE_OBJECTS = ("debounce_core.c.o", "debounce.c.o", "debounce_port_rp2.c.o")

pytestmark = pytest.mark.parametrize("board", list(BOARDS))


@pytest.fixture
def w_uf2(request, board):
    return board_uf2(request, board)


def _info(path):
    return uf2.binary_info(*uf2.unpack(path.read_bytes()))


def test_uf2_family(board, w_uf2):
    raw = w_uf2.read_bytes()
    if board == "TAPBLINK_PICO2_W":
        # The E10 absolute block first, then the image as RP2350 ARM-S (the Pico 2's rules).
        rp2350_blocks_check(w_uf2)
        base, image = uf2.unpack(raw)
        loop = uf2.boot_blocks(image)
        assert loop["closed"] and loop["image_def"]["chip"] == "rp2350", loop
        assert (loop["image_def"]["cpu"], loop["image_def"]["security"]) == ("arm", "secure")
        return
    n = len(raw) // 512
    for i, (flags, addr, size, no, total, family, _) in enumerate(_blocks(raw)):
        assert (flags, family) == (0x2000, RP2040), i
        assert (addr, size, no, total) == (0x10000000 + 256 * i, 256, i, n), i
    assert uf2.image_family(raw) == RP2040
    print("Pico W UF2: %d bytes, %d blocks, all RP2040 family, no E10 block" % (len(raw), n))


def test_binary_info_names_the_w_board(board, w_uf2):
    info = _info(w_uf2)
    assert info["board"] == BOARDS[board][0]
    assert info["version"].startswith("v1.28.0")


def test_links_the_w_stack_and_the_debounce_module(board, w_uf2):
    mapfile = BUILD / board / "tapblink.map"
    if not mapfile.exists():
        pytest.skip("no %s linker map here (prebuilt UF2)" % board)
    text = mapfile.read_text()
    for obj in W_OBJECTS + DEBOUNCE_OBJECTS:
        assert obj in text, obj


def test_pins_led_on_the_wireless_chip_button_on_gp15(board, w_uf2, pins):
    hdr = BUILD / board / "rp2" / "genhdr" / "pins.h"
    if not hdr.exists():
        pytest.skip("no %s build tree here (prebuilt UF2)" % board)
    text = hdr.read_text()
    assert "#define pin_BUTTON pin_GPIO%d\n" % pins["BUTTON"] in text  # the Pico's wiring
    assert "#define pin_LED pin_EXT_GPIO0\n" in text


def test_frozen_set_is_the_stock_ws_plus_tapblinks(request, board, w_uf2, firmware_uf2):
    """Nothing of the stock W set is lost; what is added is exactly what tapblink adds to
    the Pico's (its own modules)."""
    stock = board_stock(request, board) / "firmware.uf2"
    ours = set(_info(w_uf2)["frozen"])
    theirs = set(_info(stock)["frozen"])
    pico = set(_info(firmware_uf2)["frozen"])
    print("%s frozen: %d modules (stock %d)" % (board, len(ours), len(theirs)))
    assert ours == theirs | pico, (sorted(theirs - ours), sorted(ours - theirs - pico))
    assert {"aioble", "requests"} <= theirs - pico  # the stock W bundle is there
    assert {"tapblink", "buttons", "queue"} <= ours - theirs


def test_size_against_the_stock_w_firmware(request, board, w_uf2):
    _, stock_board, flash_total, ram_total = BOARDS[board]
    stock = board_stock(request, board)
    build = BUILD / board
    r = subprocess.run(
        [
            sys.executable,
            "tools/size_report.py",
            "--stock-board",
            stock_board,
            str(build / "tapblink.elf"),
            str(stock / "firmware.elf"),
        ],
        cwd=request.config.rootpath,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    print(r.stdout)
    assert flash_total in r.stdout and ram_total in r.stdout
    m = re.search(
        r"against stock %s: flash ([+-]\d+) B, static RAM ([+-]\d+) B" % stock_board, r.stdout
    )
    assert m, r.stdout
    # tapblink adds its modules and the C module to the stock W firmware and takes nothing out.
    assert int(m.group(1)) > 0

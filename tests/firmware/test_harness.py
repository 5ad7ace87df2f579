"""The emulator harness itself, on the tapblink UF2 in safe mode (a quiet REPL): the gaps of
rp2040js 1.4.1 it fills must stay filled, or the demo tests prove nothing."""

import time

from tests.emulator.harness import BUTTON, LED, press_script
from tests.emulator.timing import IRQ_LATENCY_US, LED_TOL_MS

BOARDS = ("pico", "pico2")  # each test runs on both (tests/firmware/conftest.py)


def test_boot_is_fast_and_usb_enumerates(emu):
    emu.boot_quiet(emu.uf2)
    assert emu.now_ms < 200
    s = emu.stats()
    assert s["usb_connected"] and s["halted"] is None


def test_flash_writes_persist_across_power_cycles(emu):
    emu.boot_quiet(emu.uf2)
    out, err = emu.exec_raw(
        "import os\n"
        "f = open('/persist.txt', 'w'); f.write('x' * 5000); f.close()\n"
        "print(os.stat('/persist.txt')[6])"
    )
    assert (out.strip(), err) == ("5000", "")
    assert emu.stats()["flash_writes"] > 0
    image = emu.save_fs()
    emu.boot_quiet(emu.uf2, fs_image=image)
    out, err = emu.exec_raw("print(open('/persist.txt').read() == 'x' * 5000)")
    assert (out.strip(), err) == ("True", "")


def test_pulls_and_output_loopback(emu):
    emu.boot_quiet(emu.uf2)
    out, err = emu.exec_raw(
        "from machine import Pin\n"
        "print(Pin(14, Pin.IN, Pin.PULL_UP).value(), Pin(14, Pin.IN, Pin.PULL_DOWN).value())\n"
        "led = Pin(%d, Pin.OUT)\n"
        "led.value(1); a = led.value(); led.value(0); print(a, led.value())" % LED
    )
    assert (out.split(), err) == (["1", "0", "1", "0"], "")


def test_irq_fires_only_on_real_level_changes_at_the_scripted_time(emu):
    emu.boot_quiet(emu.uf2)
    emu.exec_raw(
        "from machine import Pin\n"
        "import time, array\n"
        "ts = array.array('l', [0] * 32)\n"
        "n = array.array('l', [0])\n"
        "def h(p):\n"
        "    if n[0] < 32:\n"
        "        ts[n[0]] = time.ticks_us()\n"
        "    n[0] += 1\n"
        "p = Pin(%d, Pin.IN, Pin.PULL_UP)\n"
        "p.irq(h, Pin.IRQ_FALLING | Pin.IRQ_RISING, hard=True)\n" % BUTTON
    )
    t = round(emu.now_ms) + 10
    # Repeated levels are not edges: 4 real changes among 6 scripted levels.
    emu.button([(t, 0), (t + 1, 0), (t + 2, 1), (t + 3, 1), (t + 4, 0), (t + 5, 1)])
    emu.run_until(t + 20)
    out, err = emu.exec_raw("print(n[0], list(ts[:n[0]]))")
    count, _, stamps = out.partition(" ")
    assert (count, err) == ("4", "")
    edges_us = [t * 1000, (t + 2) * 1000, (t + 4) * 1000, (t + 5) * 1000]
    lat = [s - e for s, e in zip(eval(stamps), edges_us)]
    assert all(0 <= d < IRQ_LATENCY_US for d in lat), lat  # hard IRQ latency, microseconds
    assert [lv for _, lv in emu.edges(BUTTON)][-4:] == [0, 1, 0, 1]


def test_idle_asyncio_is_cheap_and_sleeps(emu):
    emu.boot_quiet(emu.uf2)
    s0 = emu.stats()
    w0 = time.monotonic()
    emu.exec_raw(
        "import asyncio\n"
        "from machine import Pin\n"
        "led = Pin(%d, Pin.OUT)\n"
        "async def main():\n"
        "    for _ in range(50):\n"
        "        led.toggle()\n"
        "        await asyncio.sleep_ms(100)\n"
        "asyncio.run(main())" % LED,
        timeout_ms=10000,
    )
    wall = time.monotonic() - w0
    s1 = emu.stats()
    sim_s = (s1["now_ns"] - s0["now_ns"]) / 1e9
    assert 5.0 <= sim_s < 5.5
    # About 0.03 wall s per simulated s here; a USB host that never NAKs costs ~2.5.
    assert wall / sim_s < 0.5, (wall, sim_s)
    assert (s1["sleep_ns"] - s0["sleep_ns"]) / 1e9 > 0.9 * sim_s
    edges = [t for t, _ in emu.led_edges()][-50:]
    periods = [b - a for a, b in zip(edges, edges[1:])]
    print("worst period error %.2f ms" % max(abs(p - 100) for p in periods))
    assert all(abs(p - 100) <= LED_TOL_MS for p in periods), periods


def test_soft_reset_and_press_script(emu):
    emu.boot_quiet(emu.uf2)
    emu.exec_raw("x = 1")
    emu.soft_reset()  # main.py starts the demo again; exec_raw interrupts it
    out, err = emu.exec_raw("print('x' in globals())")
    assert out.strip() == "False"
    script = press_script([0, 200], hold_ms=50, bounce_ms=5, bounces=2)
    assert len(script) == 4 * 5
    assert [lv for t, lv in script if t < 5] == [0, 1, 0, 1]
    assert script[4] == (5.0, 0)

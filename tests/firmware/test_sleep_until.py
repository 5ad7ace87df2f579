"""debounce.sleep_until(t) on the real UF2: a hardware alarm wakes the task at the start of
ticks_ms t. Each wake (the task's pin write) lies in [t, t + WAKE_MS], the stated bound of
tests/emulator/timing.py for a timer toggle, never before t; asyncio.sleep_ms in the same run
is printed beside it for comparison (it ends anywhere in [t, t + 1 ms) plus the wake). The
alarm slots: a 9th concurrent sleeper falls back to asyncio's timer queue and still never
wakes early; cancelled alarms free their slot; soft reset cancels every armed alarm."""

import ast

from tests.emulator.harness import LED
from tests.emulator.timing import WAKE_MS

BOARDS = ("pico", "pico2")  # each test runs on both (tests/firmware/conftest.py)

SLOTS = 8  # DEBOUNCE_SLEEP_SLOTS (usercmodules/debounce/debounce_port.h)

# Deadlines 3..25 ms apart, each sleep started at a different point of its millisecond (a
# busy loop of varying length first). The LED toggles right after each wake.
EXACT = (
    """
import array, asyncio, debounce, time
from machine import Pin
led = Pin(%d, Pin.OUT)
N = 60
due = array.array('i', [0] * N)
late = array.array('i', [0] * N)
async def main(exact):
    t = time.ticks_ms()
    for i in range(N):
        for _ in range((i * 13) %% 40):
            pass
        t = time.ticks_add(t, 3 + (i * 7) %% 23)
        if exact:
            await debounce.sleep_until(t)
        else:
            await asyncio.sleep_ms(time.ticks_diff(t, time.ticks_ms()))
        led.toggle()
        late[i] = time.ticks_diff(time.ticks_us(), t * 1000)
        due[i] = t
"""
    % LED
)


def _run(emu, exact):
    n0 = len(emu.led_edges())
    out, err = emu.exec_raw(
        "asyncio.run(main(%d))\nprint(list(due))\nprint(list(late))" % exact, timeout_ms=20000
    )
    assert err == "", err
    due, late_us = (ast.literal_eval(line) for line in out.strip().splitlines())
    edges = [t for t, _ in emu.led_edges()[n0:]]
    assert len(edges) == len(due) == 60
    # ticks_ms counts from power-on as the emulator's clock does: each LED write against its
    # due millisecond, in emulator time (ms, exact to the ns).
    return [e - d for e, d in zip(edges, due)], late_us


def test_sleep_until_wakes_at_its_millisecond(emu):
    emu.boot_quiet(emu.uf2)
    emu.exec_raw(EXACT)
    led_ms, late_us = _run(emu, 1)
    led_ms_stock, _ = _run(emu, 0)
    print(
        "\nsleep_until: LED %.3f..%.3f ms after its due ms (asyncio.sleep_ms: %.3f..%.3f ms); "
        "task woken %d..%d us after it"
        % (
            min(led_ms),
            max(led_ms),
            min(led_ms_stock),
            max(led_ms_stock),
            min(late_us),
            max(late_us),
        )
    )
    assert all(0 <= d <= WAKE_MS for d in led_ms), led_ms
    assert all(0 <= us <= WAKE_MS * 1000 for us in late_us), late_us


SLOTS_PROG = """
import asyncio, debounce, time
async def wait_on(a, t, log):
    await a
    log.append(time.ticks_diff(time.ticks_us(), t * 1000))
async def crowd(n, ahead, keep):
    # n sleepers at distinct deadlines; their states once started; how late each woke (us).
    log = []
    t0 = time.ticks_ms()
    aws = [debounce.sleep_until(time.ticks_add(t0, ahead + 3 * i)) for i in range(n)]
    for i, a in enumerate(aws):
        asyncio.create_task(wait_on(a, time.ticks_add(t0, ahead + 3 * i), log))
    await asyncio.sleep_ms(0)
    states = [repr(a).split()[-1][:-1] for a in aws]
    if not keep:
        await asyncio.sleep_ms(ahead + 3 * n + 5)
    return states, log
async def churn(n):
    # n sleepers started and cancelled at once: each alarm is cancelled with its task.
    for _ in range(n):
        t = asyncio.create_task(debounce.sleep_until(time.ticks_add(time.ticks_ms(), 500)))
        await asyncio.sleep_ms(1)
        t.cancel()
        await asyncio.sleep_ms(0)
"""


def test_slots_fallback_cancel_and_soft_reset(emu):
    emu.boot_quiet(emu.uf2)
    emu.exec_raw(SLOTS_PROG)
    # More sleepers than slots: the extra ones fall back, and none wakes early.
    out, err = emu.exec_raw("print(asyncio.run(crowd(%d, 20, False)))" % (SLOTS + 3))
    assert err == ""
    states, log = ast.literal_eval(out.strip())
    assert states == ["armed"] * SLOTS + ["fallback"] * 3
    assert len(log) == SLOTS + 3 and min(log) >= 0, log
    assert max(log[:SLOTS]) <= WAKE_MS * 1000, log  # the alarm-woken ones, in deadline order
    # Cancelled alarms free their slots: after 3 x SLOTS start-and-cancel rounds, SLOTS new
    # sleepers all get an alarm.
    out, err = emu.exec_raw(
        "asyncio.run(churn(%d))\nprint(asyncio.run(crowd(%d, 20, False)))" % (3 * SLOTS, SLOTS)
    )
    assert err == ""
    assert ast.literal_eval(out.strip())[0] == ["armed"] * SLOTS
    # Sleepers left armed an hour ahead (their loop abandoned) hold every slot ...
    out, err = emu.exec_raw(
        "print(asyncio.run(crowd(%d, 3600000, True))[0])\n"
        "asyncio.new_event_loop()\n"
        "print(asyncio.run(crowd(1, 20, False))[0])" % SLOTS
    )
    assert err == ""
    assert out.split() == ["['armed',"] + ["'armed',"] * (SLOTS - 2) + ["'armed']", "['fallback']"]
    # ... until a soft reset, which cancels them (MICROPY_BOARD_END_SOFT_RESET).
    emu.soft_reset()  # main.py starts the demo; exec_raw stops it (its alarms closed)
    emu.exec_raw(SLOTS_PROG)
    out, err = emu.exec_raw("print(asyncio.run(crowd(%d, 20, False)))" % SLOTS)
    assert err == ""
    states, log = ast.literal_eval(out.strip())
    assert states == ["armed"] * SLOTS
    assert 0 <= min(log) and max(log) <= WAKE_MS * 1000, log

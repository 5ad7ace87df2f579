"""The fakes themselves: if they lie, every other CPython test lies with them."""

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fakes.debounce import PRESS, RELEASE, DebounceCore
from tests.fakes.sim import TICKS_PERIOD, Clock, ticks_add, ticks_diff

HALF = TICKS_PERIOD // 2


def test_ticks_diff_and_add_wrap_like_micropython():
    top = TICKS_PERIOD - 1
    assert ticks_add(top, 1) == 0
    assert ticks_add(0, -1) == top
    assert ticks_diff(0, top) == 1
    assert ticks_diff(top, 0) == -1
    assert ticks_diff(HALF - 1, 0) == HALF - 1
    assert ticks_diff(HALF, 0) == -HALF  # the period is split asymmetrically
    with pytest.raises(OverflowError):
        ticks_add(0, HALF)
    with pytest.raises(OverflowError):
        ticks_add(0, -HALF)  # excluded so that ticks_diff(T, ticks_add(T, d)) == -d
    assert ticks_add(5, -HALF + 1) == (5 - HALF + 1) % TICKS_PERIOD


@given(st.integers(0, TICKS_PERIOD - 1), st.integers(-HALF + 1, HALF - 1))
def test_ticks_add_diff_roundtrip(t, d):
    assert 0 <= ticks_add(t, d) < TICKS_PERIOD
    assert ticks_diff(ticks_add(t, d), t) == d
    assert ticks_diff(t, ticks_add(t, d)) == -d


def test_clock_ticks_wrap_and_events_in_order():
    c = Clock(start_ms=TICKS_PERIOD - 2)
    seen = []
    c.at_ms(TICKS_PERIOD + 3, lambda: seen.append(("b", c.ticks_ms())))
    c.at_ms(TICKS_PERIOD - 1, lambda: seen.append(("a", c.ticks_ms())))
    c.advance_ms(10)
    assert seen == [("a", TICKS_PERIOD - 1), ("b", 3)]
    assert c.ticks_ms() == 8
    with pytest.raises(ValueError):
        c.at_ms(0, lambda: None)


def test_virtual_loop_is_exact_and_instant(sim):
    async def main():
        t0 = sim.clock.now_us
        await asyncio.sleep_ms(1500)
        t1 = sim.clock.now_us
        await asyncio.sleep(0.25)
        return t1 - t0, sim.clock.now_us - t1

    assert sim.run(main()) == (1_500_000, 250_000)


def test_sleep_ms_ends_on_a_millisecond_boundary(sim):
    sim.clock.advance_us(400)  # 0.4 ms into a millisecond, as after an interrupt

    async def main():
        await asyncio.sleep_ms(10)
        return sim.clock.now_us

    assert sim.run(main()) == 10_000  # MicroPython: ticks_ms() + 10, not now + 10 ms


def test_sleep_until_wakes_at_the_start_of_its_millisecond(sim):
    # The fake of debounce.sleep_until (debounce_sleep.c): resume when ticks_ms() reaches t,
    # at the start of that ms; a t that has come (also across the wrap) completes at once;
    # bad input raises at the call, as the C function does.
    import debounce

    sim.clock.advance_us(400)

    async def main():
        await debounce.sleep_until(10)
        woke = sim.clock.now_us
        await debounce.sleep_until(5)  # behind: at once
        await debounce.sleep_until(TICKS_PERIOD - 1)  # 2**30 - 1 ahead by ticks_diff: behind
        return woke, sim.clock.now_us

    assert sim.run(main()) == (10_000, 10_000)
    for bad in (1.5, True, "5", None):
        with pytest.raises(TypeError, match="t must be an int, not"):
            debounce.sleep_until(bad)
    for bad in (-1, TICKS_PERIOD):
        with pytest.raises(ValueError, match="t must be 0..1073741823"):
            debounce.sleep_until(bad)


def test_thread_safe_flag_merges_and_allows_one_waiter(sim):
    async def main():
        flag = asyncio.ThreadSafeFlag()
        wakes = []

        async def waiter():
            while True:
                await flag.wait()
                wakes.append(sim.clock.now_ms)

        t = asyncio.create_task(waiter())
        await asyncio.sleep_ms(0)
        sim.clock.at_ms(10, flag.set)
        sim.clock.at_ms(10, flag.set)  # merged with the one before
        sim.clock.at_ms(20, flag.set)
        await asyncio.sleep_ms(30)
        with pytest.raises(RuntimeError, match="second task"):
            await flag.wait()
        t.cancel()
        await asyncio.sleep_ms(0)
        assert not flag.waiting, "a cancelled wait leaves no waiter behind"
        flag.set()
        await flag.wait()  # already set: returns at once and clears
        assert flag.state == 0
        return wakes

    assert sim.run(main()) == [10, 20]


def core_run(core, steps):
    # steps: ("edge", pressed, t) or ("end", pressed, t); returns the events.
    for step in steps:
        if step[0] == "edge":
            core.edge(step[1], step[2], step[2] * 1000)
        else:
            core.window_end(step[1], step[2] * 1000)
    out = []
    while True:
        ev = core.get()
        if ev is None:
            return out
        out.append(ev[:2])


def test_debounce_core_semantics():
    # Bouncy press at 100, bouncy release at 300 (window 20 ms).
    c = DebounceCore(20, 16, False)
    steps = [("edge", 1, 100), ("edge", 0, 101), ("edge", 1, 103), ("end", 1, 120)]
    steps += [("edge", 0, 300), ("edge", 1, 302), ("edge", 0, 304), ("end", 0, 320)]
    assert core_run(c, steps) == [(PRESS, 100), (RELEASE, 300)]
    # A tap shorter than the window: the release is stamped with its own edge.
    c = DebounceCore(20, 16, False)
    assert core_run(c, [("edge", 1, 10), ("edge", 0, 17), ("end", 0, 30), ("end", 0, 37)]) == [
        (PRESS, 10),
        (RELEASE, 17),
    ]
    # Out and back while idle: no event.
    c = DebounceCore(20, 16, False)
    assert core_run(c, [("edge", 0, 5)]) == []
    # No window: every change is an event.
    c = DebounceCore(0, 16, False)
    assert core_run(c, [("edge", 1, 1), ("edge", 0, 2), ("edge", 1, 3)]) == [
        (PRESS, 1),
        (RELEASE, 2),
        (PRESS, 3),
    ]
    # Full ring: the newest is dropped and counted; the state still follows the pin.
    c = DebounceCore(0, 2, False)
    assert core_run(c, [("edge", 1, 1), ("edge", 0, 2), ("edge", 1, 3)]) == [
        (PRESS, 1),
        (RELEASE, 2),
    ]
    assert c.overflows == 1 and c.state is True


def test_fake_button_errors_follow_the_contract(sim):
    import debounce
    from machine import Pin

    with pytest.raises(ValueError, match="debounce_ms must be 0..1000"):
        debounce.Button(15, debounce_ms=1001)
    with pytest.raises(TypeError, match="debounce_ms"):
        debounce.Button(15, debounce_ms=1.5)
    with pytest.raises(ValueError, match="max_events must be 1..1024"):
        debounce.Button(15, max_events=0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'depth'"):
        debounce.Button(15, depth=16)  # buttons.Button's word, not the C ring's
    with pytest.raises(TypeError, match="flag"):
        debounce.Button(15, flag=object())
    with pytest.raises(ValueError, match="NOPE"):
        debounce.Button("NOPE")
    assert debounce.claimed == {}, "nothing half-registered"
    b = debounce.Button("BUTTON")
    c = debounce.Button(Pin(15))  # takes the pin over: b is deinitialized
    with pytest.raises(ValueError, match="deinitialized"):
        b.get()
    assert debounce.claimed == {15: c}
    c.deinit()
    b = debounce.Button("BUTTON")
    assert isinstance(b.flag, asyncio.ThreadSafeFlag)
    b.deinit()
    b.deinit()
    with pytest.raises(ValueError, match="deinitialized"):
        b.get()
    assert b.overflows == 0 and b.debounce_ms == 20
    debounce.Button(15).deinit()  # the pin is free again


def test_fake_button_from_pin_edges(sim):
    import debounce

    b = debounce.Button("BUTTON")
    assert sim.board.level(15) == 1, "pull-up: released reads 1"
    sim.board.script("BUTTON", [(10, 0), (11, 1), (12, 0), (200, 1)])
    sim.clock.advance_ms(300)
    assert b.any() == 2
    assert b.get() == (PRESS, 10, 10_000)
    assert b.get() == (RELEASE, 200, 200_000)
    assert b.get() is None
    assert b.flag.sets == 2


def test_fake_pin_levels_outputs_and_irq(sim):
    from machine import Pin

    led = Pin("LED", Pin.OUT)
    led.toggle()
    led.value(1)  # no change: not recorded
    led.off()
    assert sim.board.history(25) == [(0, 1), (0, 0)]
    b = Pin(15, Pin.IN, Pin.PULL_UP)
    assert b.value() == 1
    seen = []
    b.irq(lambda p: seen.append((p, sim.clock.now_ms, p.value())), Pin.IRQ_FALLING)
    sim.board.script(15, [(5, 0), (7, 1), (9, 0)])
    sim.clock.advance_ms(10)
    assert seen == [(b, 5, 0), (b, 9, 0)]
    b.irq(None)
    sim.board.drive(15, 1)
    sim.board.drive(15, 0)
    assert len(seen) == 2
    assert Pin("GP15") == b and Pin("BUTTON") == b
    with pytest.raises(ValueError):
        Pin(30)

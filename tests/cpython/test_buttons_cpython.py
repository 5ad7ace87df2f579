"""modules/buttons.py on the fakes: awaitable presses, shared flags, cancellation, idleness."""

import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fakes import install


def tap(at, hold=80):
    """Button pin edges of one clean press at `at` ms, released `hold` ms later."""
    return [(at, 0), (at + hold, 1)]


def taps(*times, hold=80):
    return [e for t in times for e in tap(t, hold)]


def test_pressed_and_released_return_the_edge_times(sim):
    import buttons

    b = buttons.Button("BUTTON")
    # A 10 ms tap inside the 20 ms window: the release is only known at the
    # window's end (t=120, quiet as long as it had been settled), but it is stamped with
    # its edge (t=110).
    sim.board.script("BUTTON", [(100, 0), (110, 1)] + tap(500))

    async def main():
        p = await b.pressed()
        r = await b.released()
        dispatched_at = sim.clock.now_ms
        p2 = await b.pressed()
        return p, r, dispatched_at, p2

    assert sim.run(main()) == (100, 110, 120, 500)
    b.deinit()


def test_presses_in_order_while_the_consumer_is_busy(sim):
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", taps(100, 300, 500, 700, 900, hold=50))

    async def main():
        got = []
        async for t in b.presses():
            got.append(t)
            await asyncio.sleep_ms(450)  # busy across the next presses
            if len(got) == 5:
                return got

    assert sim.run(main()) == [100, 300, 500, 700, 900]
    assert b.overflows == 0
    b.deinit()


def test_first_call_gets_the_next_press_not_an_old_one(sim):
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", taps(100, 600))

    async def main():
        await asyncio.sleep_ms(300)  # the press at 100 happened before anyone asked
        return await b.pressed()

    assert sim.run(main()) == 600
    b.deinit()


def test_several_buttons_one_flag_several_tasks(sim):
    import buttons

    b14, b15, b16 = buttons.group("GP14", "BUTTON", 16)
    assert b14.flag is b15.flag is b16.flag
    # Presses on all three, some at the very same millisecond (one merged flag set).
    sim.board.script("GP14", taps(100, 250, 400))
    sim.board.script("BUTTON", taps(100, 260, 400, 450, hold=5))
    sim.board.script(16, taps(100, 400))

    async def collect(b, n, out):
        async for t in b.presses():
            out.append(t)
            if len(out) == n:
                return

    async def main():
        outs = ([], [], [])
        await asyncio.gather(
            collect(b14, 3, outs[0]), collect(b15, 4, outs[1]), collect(b16, 2, outs[2])
        )
        return outs

    got = sim.run(main())
    assert got == ([100, 250, 400], [100, 260, 400, 450], [100, 400])
    assert len(buttons._groups) == 1, "one flag, one set of waiters"
    assert b14.flag.sets > 0
    for b in (b14, b15, b16):
        b.deinit()
    assert buttons._groups == {}


def test_several_tasks_on_one_button_each_press_once_oldest_waiter_first(sim):
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", taps(100, 200, 300, 400))

    async def main():
        got = []

        async def waiter(name):
            while True:
                got.append((name, await b.pressed()))

        tasks = [asyncio.create_task(waiter(n)) for n in "abc"]
        await asyncio.sleep_ms(1000)
        for t in tasks:
            t.cancel()
        return got

    got = sim.run(main())
    assert [t for _, t in got] == [100, 200, 300, 400], "each press exactly once"
    assert [n for n, _ in got] == ["a", "b", "c", "a"], "oldest waiter first"
    b.deinit()


def test_a_cancelled_wait_loses_nothing(sim):
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", taps(100, 200))

    async def main():
        w = asyncio.create_task(b.pressed())
        await asyncio.sleep_ms(50)
        w.cancel()  # cancelled while waiting (it held the lead: waited on the flag)
        await asyncio.sleep_ms(0)
        assert w.cancelled()
        first = await b.pressed()

        # Now cancel the waiter right after the interrupt woke it, before it ran.
        victim = asyncio.create_task(b.pressed())
        await asyncio.sleep_ms(0)
        flag_set = b.flag.set

        def set_then_cancel():
            flag_set()
            victim.cancel()

        b.flag.set = set_then_cancel
        await asyncio.sleep_ms(150)
        del b.flag.set
        assert victim.cancelled()
        return first, await b.pressed()

    assert sim.run(main()) == (100, 200)
    b.deinit()


def test_a_follower_cancelled_after_its_event_was_promised_passes_it_on(sim):
    import buttons

    b14, b15 = buttons.group(14, 15)
    sim.board.script(15, taps(100, 300))

    async def main():
        got = []

        async def waiter(b, name):
            got.append((name, await b.pressed()))

        leader = asyncio.create_task(waiter(b14, "leader"))  # waits on the flag for both
        await asyncio.sleep_ms(0)
        victim = asyncio.create_task(waiter(b15, "victim"))
        await asyncio.sleep_ms(0)
        heir = asyncio.create_task(waiter(b15, "heir"))
        await asyncio.sleep_ms(0)
        d = buttons._groups[id(b15.flag)]
        assert d.leader is not None and d.leader.events.button is b14
        promise = d.promise

        def promise_then_cancel():
            promise()
            if any(w.ready for w in d.waiters if w.events.button is b15):
                victim.cancel()  # woken for the press at 100, cancelled before it ran

        d.promise = promise_then_cancel
        await asyncio.sleep_ms(150)
        del d.promise
        assert victim.cancelled()
        await asyncio.sleep_ms(0)
        leader.cancel()  # the lead passes on; the press at 300 still arrives
        nxt = await b15.pressed()
        await asyncio.sleep_ms(0)
        assert heir.done() and leader.cancelled()
        return got, nxt

    got, nxt = sim.run(main())
    assert got == [("heir", 100)], "the promised press went to the next waiter in line"
    assert nxt == 300
    b14.deinit()
    b15.deinit()


def test_one_waiter_is_woken_by_the_flag_itself(sim):
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", tap(500))

    async def main():
        w = asyncio.create_task(b.pressed())
        await asyncio.sleep_ms(100)
        before = len(sim.loop.activity)
        t = await w
        return t, [a for a in sim.loop.activity[before:] if a[0] == 500_000]

    t, woke = sim.run(main())
    assert t == 500
    # The flag's wake-up runs the waiting task's step, which returns the press: that task's
    # completion then wakes main(). No dispatcher task and no queue in between.
    assert [name for _, name in woke] == ["Task.task_wakeup", "Task.task_wakeup"], woke
    b.deinit()


def test_no_task_wakes_up_while_nothing_happens(sim):
    import buttons

    b14, b15 = buttons.group(14, 15)
    sim.board.script(15, tap(10_000))

    async def main():
        waiters = [
            asyncio.create_task(b14.pressed()),
            asyncio.create_task(b15.pressed()),
            asyncio.create_task(b15.released()),
        ]
        await asyncio.sleep_ms(100)  # everyone is parked now
        loop = sim.loop
        before = len(loop.activity)
        t0 = sim.clock.now_us
        await asyncio.sleep_ms(9_000)  # our own wake-up at 9.1 s
        idle = [a for a in loop.activity[before:] if a[0] < t0 + 9_000_000]
        at_press = len(loop.activity)
        t = await waiters[1]
        woke = [a for a in loop.activity[at_press:] if a[0] == 10_000_000]
        for w in waiters:
            w.cancel()
        return idle, t, woke

    idle, t, woke = sim.run(main())
    assert idle == [], "nothing ran between 0.1 s and 9.1 s"
    assert t == 10_000
    assert 0 < len(woke) <= 4, "a press wakes its waiter (and whoever awaits it), little else"
    b14.deinit()
    b15.deinit()


def test_overflow_is_counted_not_silent(sim):
    import buttons

    b = buttons.Button("BUTTON", depth=2)
    sim.board.script("BUTTON", taps(100, 200, 300, 400, 500, hold=20))

    async def main():
        it = b.presses()  # start keeping presses, then take none for a while
        await asyncio.sleep_ms(1000)
        return [await it.__anext__(), await it.__anext__()]

    assert sim.run(main()) == [100, 200]
    assert b.overflows >= 3
    b.deinit()


def test_deinit_releases_pin_and_flag_group(sim):
    import buttons
    import debounce

    async def main():
        with buttons.Button("BUTTON") as b:
            w = asyncio.create_task(b.pressed())
            await asyncio.sleep_ms(10)
            assert buttons._groups[id(b.flag)].leader is not None, "w waits on the flag"
        assert buttons._groups == {}, "the flag's bookkeeping went with its last button"
        await asyncio.sleep_ms(100)
        assert not w.done(), "a waiting task is not woken by deinit()"
        w.cancel()  # as documented; leaving loses nothing and raises nothing else
        await asyncio.sleep_ms(0)
        return b, w

    b, w = sim.run(main())
    assert w.cancelled()
    assert debounce.claimed == {}, "the pin is free"
    with pytest.raises(ValueError, match="deinitialized"):
        b.value()
    with pytest.raises(ValueError, match="deinitialized"):
        sim.run(b.pressed())  # even for a kind it was already keeping
    b.deinit()  # idempotent


def test_survives_a_new_event_loop(sim):
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", taps(100, 300))
    assert sim.run(b.pressed()) == 100
    assert sim.run(b.pressed()) == 300  # a fresh asyncio.run(): the flag group starts over
    b.deinit()


def test_timestamps_across_the_ticks_wrap(sim_near_wrap):
    from time import ticks_diff

    import buttons

    b = buttons.Button("BUTTON")
    sim_near_wrap.board.script("BUTTON", taps(1000, 2500, 4000, 5500))

    async def main():
        out = []
        async for t in b.presses():
            out.append(t)
            if len(out) == 4:
                return out

    ts = sim_near_wrap.run(main())
    assert ts[-1] < ts[0], "the ticks wrapped during the test"
    assert [ticks_diff(b_, a) for a, b_ in zip(ts, ts[1:])] == [1500, 1500, 1500]
    b.deinit()


# -- property: several buttons, one flag, busy and cancelled consumers --------------------


def press_scripts(draw, n_pins):
    scripts = []
    for _ in range(n_pins):
        t = draw(st.integers(1, 50))
        presses, edges = [], []
        for _ in range(draw(st.integers(0, 12))):
            # Below 20 ms: a tap inside the window. Not 19 or 20: a release less than 2 ms
            # (DEBOUNCE_QUIET_US) before the window's end restarts the window, and the
            # release's own window ends 20 ms later than assumed below.
            hold = draw(st.integers(1, 60).filter(lambda h: h not in (19, 20)))
            presses.append(t)
            edges += [(t, 0), (t + hold, 1)]
            # The next press comes after the release's own window: that window
            # starts at the release, or at the end of the press's window for a
            # tap shorter than it (a press inside it would be debounced away).
            t = max(t + hold, t + 20) + draw(st.integers(21, 300))
        scripts.append((presses, edges))
    return scripts


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_no_press_lost_or_duplicated_under_busy_and_cancelled_consumers(data):
    pins = [14, 15, 16][: data.draw(st.integers(1, 3), label="pins")]
    scripts = press_scripts(data.draw, len(pins))
    # One or two consumers per button (then each press goes to exactly one of them).
    slots = [i for i in range(len(pins)) for _ in range(data.draw(st.integers(1, 2)))]
    busy = [data.draw(st.lists(st.integers(0, 250), max_size=12), label="busy") for _ in slots]
    cancels = data.draw(
        st.lists(st.tuples(st.integers(0, len(slots) - 1), st.integers(1, 4000)), max_size=6),
        label="cancels",
    )
    with pytest.MonkeyPatch.context() as mp:
        sim = install(mp)
        try:
            import buttons

            btns = buttons.group(*pins)
            for pin, (_, edges) in zip(pins, scripts):
                sim.board.script(pin, edges)
            got = [[] for _ in pins]

            async def consumer(k):
                i = slots[k]
                async for t in btns[i].presses():
                    got[i].append(t)  # in the order taken: must be the order pressed
                    if busy[k]:
                        await asyncio.sleep_ms(busy[k].pop(0))

            async def main():
                tasks = [asyncio.create_task(consumer(k)) for k in range(len(slots))]
                now = 0
                for k, at in sorted(cancels, key=lambda c: c[1]):
                    await asyncio.sleep_ms(at - now)
                    now = at
                    tasks[k].cancel()
                    tasks[k] = asyncio.create_task(consumer(k))
                await asyncio.sleep_ms(8000 - now)
                for t in tasks:
                    t.cancel()

            sim.run(main())
            for i, (presses, _) in enumerate(scripts):
                assert got[i] == presses, "button %d" % pins[i]
                assert btns[i].overflows == 0
            for b in btns:
                b.deinit()
        finally:
            sim.close()


@pytest.mark.parametrize(
    "pins, exc, word",
    [
        ((15, 99), ValueError, "pins must be 0..29"),
        ((15, "nope"), ValueError, "pins must be 0..29"),
        ((15, 2.5), TypeError, "pins must be an int"),
        ((15, "GP15"), ValueError, "are the same pin"),
        ((15, "LED"), ValueError, "is an output"),  # refused by debounce.Button
    ],
)
def test_a_refused_group_leaves_a_working_button_alone(sim, pins, exc, word):
    import buttons
    from machine import Pin

    Pin("LED", Pin.OUT)
    b = buttons.Button(15)
    with pytest.raises(exc, match=word):
        buttons.group(*pins)
    assert b.value() == 0  # not "Button is deinitialized"
    sim.board.script("BUTTON", [(100, 0), (180, 1)])

    async def main():
        return await b.pressed()

    assert sim.run(main()) == 100
    b.deinit()


def test_group_takes_over_held_pins_and_keeps_the_order(sim):
    import buttons

    old = buttons.Button(15)
    a, b = buttons.group(15, 14)
    assert a.flag is b.flag
    with pytest.raises(ValueError, match="deinitialized"):
        old.value()
    assert repr(a).startswith("Button(GPIO15,") and repr(b).startswith("Button(GPIO14,")
    a.deinit()
    b.deinit()


def test_repr_is_debounce_buttons(sim):
    import buttons

    b = buttons.Button("BUTTON", debounce_ms=30)
    assert repr(b) == repr(b.raw) == "Button(GPIO15, value=0, debounce_ms=30)"
    b.deinit()
    assert repr(b) == "Button(GPIO15, deinit)"


def test_a_second_consumer_of_one_kind_is_said_once(sim, capsys):
    # Two tasks on pressed() split the presses between them: allowed, but said (once).
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", [(100, 0), (150, 1), (300, 0), (350, 1), (500, 0), (550, 1)])
    got = []

    async def one(name):
        while True:
            got.append((name, await b.pressed()))

    async def main():
        tasks = [asyncio.create_task(one("a")), asyncio.create_task(one("b"))]
        await asyncio.sleep_ms(700)
        for t in tasks:
            t.cancel()

    sim.run(main())
    assert got == [("a", 100), ("b", 300), ("a", 500)]
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "buttons: Button(GPIO15, value=0, debounce_ms=20): a second call waits for its "
        "presses; each goes to only one of them (one consumer per button and kind, or "
        "buttons.group() for several buttons)"
    ]
    b.deinit()


def test_one_consumer_is_not_warned(sim, capsys):
    import buttons

    b = buttons.Button("BUTTON")
    sim.board.script("BUTTON", [(100, 0), (150, 1), (300, 0), (350, 1)])

    async def main():
        out = []
        async for t in b.presses():
            out.append(t)
            if len(out) == 2:
                return out

    assert sim.run(main()) == [100, 300]
    assert capsys.readouterr().err == ""
    b.deinit()

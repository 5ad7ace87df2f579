"""modules/queue.py on CPython, with CPython's asyncio.Queue as the oracle.

The operation programs and their interpreter are tests/cases/queue_ops.py
(MicroPython-runnable, so the unix tier runs the very same programs).
"""

import asyncio
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

CASES = Path(__file__).resolve().parents[1] / "cases"

from tests.cases import queue_ops  # noqa: E402
from tests.fakes import MODULES, load_module  # noqa: E402

# Our queue under its own name: CPython's stdlib `queue` stays untouched here.
ours = load_module("tapblink_queue", MODULES / "queue.py")


def trace_ours(program):
    return queue_ops.run_program(ours.Queue, ours.QueueEmpty, ours.QueueFull, program)


def trace_oracle(program):
    return queue_ops.run_program(asyncio.Queue, asyncio.QueueEmpty, asyncio.QueueFull, program)


values = st.integers(0, 99)
ops = st.one_of(
    st.tuples(st.just("spawn"), st.just("get")),
    st.tuples(st.just("spawn"), st.just("put"), values),
    st.tuples(st.just("spawn"), st.just("join")),
    st.tuples(st.just("put_nowait"), values),
    st.tuples(st.just("get_nowait")),
    st.tuples(st.just("task_done")),
    st.tuples(st.just("cancel"), st.integers(0, 7)),
    st.tuples(st.just("yield")),
    st.tuples(st.just("yield")),
    st.tuples(st.just("state")),
)
programs = st.fixed_dictionaries(
    {"maxsize": st.integers(-1, 3), "ops": st.lists(ops.map(list), max_size=40)}
)


@settings(max_examples=400, deadline=None)
@given(programs)
def test_same_results_as_asyncio_queue(program):
    assert trace_ours(program) == trace_oracle(program)


def load_programs():
    return json.loads((CASES / "queue_programs.json").read_text())


@pytest.mark.parametrize("program", load_programs(), ids=lambda p: p["name"])
def test_named_programs_match_asyncio_queue(program):
    trace = trace_ours(program)
    assert trace == trace_oracle(program)
    assert trace, "a program must observe something"


def test_named_programs_show_what_they_claim():
    # The scenarios are only useful if they really exercise the hard paths.
    by_name = {p["name"]: trace_ours(p) for p in load_programs()}
    done = [e for e in by_name["getters_woken_in_order"] if e[0] == "done"]
    assert done == [["done", 0, 10], ["done", 1, 20], ["done", 2, 30]]
    passed_on = by_name["getter_cancelled_after_wakeup_passes_it_on"]
    assert ["cancelled", 0] in passed_on and ["done", 1, 7] in passed_on
    skipped = by_name["getter_cancelled_before_wakeup_is_skipped"]
    # task 1 was woken at once (not after task 0 ran), so it got 7 before the driver looked.
    assert ["done", 1, 7] in skipped and ["get_nowait", "QueueEmpty"] in skipped


def test_api_surface():
    q = ours.Queue(2)
    assert q.maxsize == 2 and q.qsize() == 0 and q.empty() and not q.full()
    assert issubclass(ours.QueueEmpty, Exception) and issubclass(ours.QueueFull, Exception)
    with pytest.raises(ours.QueueEmpty):
        q.get_nowait()
    q.put_nowait("a")
    q.put_nowait("b")
    assert q.full() and q.qsize() == 2
    with pytest.raises(ours.QueueFull):
        q.put_nowait("c")
    assert q.qsize() == 2, "a refused put leaves the queue as it was"
    assert ours.Queue().maxsize == 0 and not ours.Queue(0).full()
    with pytest.raises(ValueError, match="task_done"):
        ours.Queue().task_done()
    assert "maxsize=2" in repr(q)


def test_long_fifo_with_trimming():
    # Exercise the head index and the trimming of the item list.
    q = ours.Queue()
    expected = []
    n = 0
    for round_ in range(50):
        for _ in range(round_ % 7 + 1):
            q.put_nowait(n)
            n += 1
        for _ in range(round_ % 5):
            if not q.empty():
                expected.append(q.get_nowait())
    while not q.empty():
        expected.append(q.get_nowait())
    assert expected == list(range(n))
    assert q._items == [] and q._head == 0, "an emptied queue keeps no items"


def test_cancelled_get_loses_and_duplicates_nothing():
    async def main():
        q = ours.Queue()
        got = []

        async def consumer(name):
            while True:
                got.append((name, await q.get()))

        tasks = [asyncio.create_task(consumer(i)) for i in range(3)]
        await asyncio.sleep(0)
        for i in range(30):
            q.put_nowait(i)
            if i % 4 == 0:
                tasks[i % 3].cancel()  # often right after it was woken
                tasks[i % 3] = asyncio.create_task(consumer(i % 3))
            await asyncio.sleep(0)
        for _ in range(3):
            await asyncio.sleep(0)
        for t in tasks:
            t.cancel()
        return got, q.qsize()

    got, left = asyncio.run(main())
    values = [v for _, v in got]
    # FIFO, nothing lost, nothing twice: the values taken are 0, 1, 2, ... in order,
    # and whatever was not taken is still in the queue.
    assert values == list(range(len(values)))
    assert left == 30 - len(values)
    assert len(values) >= 20, "the consumers kept up"

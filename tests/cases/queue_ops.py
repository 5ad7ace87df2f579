"""Queue behaviour programs, runnable on MicroPython and on CPython.

A program is {"maxsize": int, "ops": [op, ...]}; a driver task runs the ops
in order and every observable result is appended to a trace:

    ["spawn", "get"]         start task N (numbered from 0): await q.get()
    ["spawn", "put", x]      start task N: await q.put(x)
    ["spawn", "join"]        start task N: await q.join()
    ["put_nowait", x]        trace: ["put_nowait", "ok" | "QueueFull"]
    ["get_nowait"]           trace: ["get_nowait", x | "QueueEmpty"]
    ["task_done"]            trace: ["task_done", "ok" | "ValueError"]
    ["cancel", n]            cancel task n (nothing traced)
    ["yield"]                let ready tasks run (asyncio.sleep(0) / sleep_ms(0))
    ["state"]                trace: ["state", qsize, empty, full]

A spawned task traces ["done", n, result] when its await returns (result is
the item for get, null otherwise) or ["cancelled", n]. At the end the driver
yields 3 times, cancels what is left, yields 3 times and traces ["state", ...].

Command line (one JSON trace per line, programs from a JSON list in a file):
    micropython queue_ops.py programs.json      # tapblink's frozen queue
    python3 queue_ops.py --oracle programs.json # CPython's asyncio.Queue
"""

import asyncio
import json
import sys

try:
    _sleep0 = asyncio.sleep_ms  # MicroPython
    _ZERO = 0
except AttributeError:
    _sleep0 = asyncio.sleep  # CPython
    _ZERO = 0


async def _yield():
    await _sleep0(_ZERO)


async def _worker(q, n, op, trace, cancelled_error):
    try:
        if op[1] == "get":
            result = await q.get()
        elif op[1] == "put":
            result = await q.put(op[2])
        else:
            result = await q.join()
        trace.append(["done", n, result])
    except cancelled_error:
        trace.append(["cancelled", n])
        raise


async def _driver(q, program, empty_exc, full_exc, trace):
    tasks = []
    for op in program["ops"]:
        name = op[0]
        if name == "spawn":
            tasks.append(
                asyncio.create_task(_worker(q, len(tasks), op, trace, asyncio.CancelledError))
            )
        elif name == "put_nowait":
            try:
                q.put_nowait(op[1])
                trace.append(["put_nowait", "ok"])
            except full_exc:
                trace.append(["put_nowait", "QueueFull"])
        elif name == "get_nowait":
            try:
                trace.append(["get_nowait", q.get_nowait()])
            except empty_exc:
                trace.append(["get_nowait", "QueueEmpty"])
        elif name == "task_done":
            try:
                q.task_done()
                trace.append(["task_done", "ok"])
            except ValueError:
                trace.append(["task_done", "ValueError"])
        elif name == "cancel":
            if op[1] < len(tasks):
                tasks[op[1]].cancel()
        elif name == "yield":
            await _yield()
        elif name == "state":
            trace.append(["state", q.qsize(), q.empty(), q.full()])
        else:
            raise ValueError("unknown op %r" % (name,))
    for _ in range(3):
        await _yield()
    for t in tasks:
        t.cancel()
    for _ in range(3):
        await _yield()
    trace.append(["state", q.qsize(), q.empty(), q.full()])


def run_program(queue_cls, empty_exc, full_exc, program):
    """Run one program on a fresh event loop; return its trace (a list)."""
    trace = []

    async def main():
        q = queue_cls(program["maxsize"])
        await _driver(q, program, empty_exc, full_exc, trace)

    if hasattr(asyncio, "new_event_loop") and sys.implementation.name == "micropython":
        asyncio.new_event_loop()
    asyncio.run(main())
    return trace


def main(argv):
    oracle = "--oracle" in argv
    paths = [a for a in argv if not a.startswith("--")]
    if oracle:
        q = asyncio
        cls, empty_exc, full_exc = q.Queue, q.QueueEmpty, q.QueueFull
    else:
        import queue as q

        cls, empty_exc, full_exc = q.Queue, q.QueueEmpty, q.QueueFull
    with open(paths[0]) as f:
        programs = json.load(f)
    for program in programs:
        print(json.dumps(run_program(cls, empty_exc, full_exc, program)))


if __name__ == "__main__":
    main(sys.argv[1:])

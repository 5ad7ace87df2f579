"""The queue cases of tests/cases/ on the unix port, against CPython's asyncio.Queue.

The same programs (tests/cases/queue_programs.json) and the same interpreter
(tests/cases/queue_ops.py) as the CPython tier; here they run on MicroPython's own asyncio
with tapblink's frozen `queue`, and CPython's asyncio.Queue gives the expected traces.
"""

import asyncio
import json
import random
from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parents[1] / "cases"

from tests.cases import queue_ops  # noqa: E402


def oracle(program):
    return queue_ops.run_program(asyncio.Queue, asyncio.QueueEmpty, asyncio.QueueFull, program)


def run_on_unix(mpy, programs, tmp_path):
    path = tmp_path / "programs.json"
    path.write_text(json.dumps(programs))
    out = mpy.run(CASES / "queue_ops.py", path).stdout
    traces = [json.loads(line) for line in out.splitlines()]
    assert len(traces) == len(programs), "one trace per program:\n" + out
    return traces


def test_named_programs(mpy, tmp_path):
    programs = json.loads((CASES / "queue_programs.json").read_text())
    for program, trace in zip(programs, run_on_unix(mpy, programs, tmp_path)):
        assert trace, "%s observed nothing" % program["name"]
        assert trace == oracle(program), program["name"]


def random_program(rng):
    def op():
        kind = rng.choice(
            ["spawn_get", "spawn_put", "spawn_join", "put", "get", "done", "cancel", "yield"]
            + ["yield", "state"]
        )
        if kind == "spawn_get":
            return ["spawn", "get"]
        if kind == "spawn_put":
            return ["spawn", "put", rng.randrange(100)]
        if kind == "spawn_join":
            return ["spawn", "join"]
        if kind == "put":
            return ["put_nowait", rng.randrange(100)]
        if kind == "get":
            return ["get_nowait"]
        if kind == "done":
            return ["task_done"]
        if kind == "cancel":
            return ["cancel", rng.randrange(8)]
        return [kind]

    return {"maxsize": rng.randint(-1, 3), "ops": [op() for _ in range(rng.randrange(41))]}


@pytest.mark.parametrize("seed", [1, 2])
def test_random_programs(mpy, tmp_path, seed):
    # 150 programs per seed in one MicroPython process; a failure names the program.
    rng = random.Random(seed)
    programs = [random_program(rng) for _ in range(150)]
    for program, trace in zip(programs, run_on_unix(mpy, programs, tmp_path)):
        assert trace == oracle(program), json.dumps(program)

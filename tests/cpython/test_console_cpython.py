"""tapblink/_console.py on CPython: the writer's logic against a fake console whose room the
test sets (on the board the room is the USB FIFO's, polled through select.poll)."""

import importlib.util
from pathlib import Path

# Loaded on its own: the tapblink package needs the board fakes, this module does not.
_PATH = Path(__file__).resolve().parents[2] / "modules" / "tapblink" / "_console.py"
_spec = importlib.util.spec_from_file_location("tapblink_console", _PATH)
_console = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_console)


class FakePort:
    """select.poll's ipoll(0) on a console with `room` free bytes; write() takes one."""

    def __init__(self, room):
        self.room = room
        self.out = bytearray()
        self.polls = 0

    def ipoll(self, timeout):
        assert timeout == 0, "the writer never waits"
        self.polls += 1
        return [(None, 4)] if self.room > 0 else []

    def write(self, b):
        assert self.room > 0 and len(b) == 1, "a byte at a time, only with room"
        self.room -= 1
        self.out += b


def writer(room):
    c = _console.Console()
    port = FakePort(room)
    c.poll, c.write, c.one = port, port.write, bytearray(1)
    return c, port


def lines(port):
    return port.out.decode().split(_console.EOL.decode())


def test_plain_print_where_stdout_cannot_be_polled(capsys):
    c = _console.Console()
    assert c.poll is None  # CPython
    c.line(250)
    assert capsys.readouterr().out == "250\n"


def test_lines_go_out_whole_when_there_is_room():
    c, port = writer(1000)
    for v in (250, -3, 1999):
        c.line(v)
    assert lines(port) == ["250", "-3", "1999", ""]
    assert c.pending == [] and c.dropped == 0


def test_no_room_keeps_lines_then_drops_with_a_count_in_order():
    c, port = writer(5)  # "100" + EOL fits (4 or 5 bytes), then the port is full
    values = list(range(100, 100 + 1 + _console.KEEP + 7))
    for v in values:
        c.line(v)
    assert port.out.startswith(b"100")
    # 100 went out, 101 is half out, KEEP lines wait, the rest are dropped.
    assert c.dropped == len(values) - 2 - _console.KEEP
    assert len(c.pending) == _console.KEEP + 1 and c.pending[-1] == [c.dropped]
    # The host reads again: the next line brings the kept ones, the count, then itself.
    port.room = 10_000
    c.line(999)
    c.flush()
    c.flush()
    out = [x for x in lines(port) if x]
    n = c.dropped
    count = "tapblink: %d intervals not printed (console not read)" % n
    assert count in out
    k = out.index(count)
    assert out[:k] == [str(v) for v in values[:k]]
    assert out[k + 1 :] == [str(v) for v in values[k + n :]] + ["999"]


def test_one_call_writes_at_most_a_burst():
    c, port = writer(100_000)
    c.pending = list(range(10_000, 10_100))  # a backlog of 600 bytes
    assert c.flush() is False
    assert len(port.out) == _console.BURST
    while not c.flush():
        pass
    assert [x for x in lines(port) if x] == [str(v) for v in range(10_000, 10_100)]

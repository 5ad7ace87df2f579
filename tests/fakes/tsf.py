"""asyncio.ThreadSafeFlag for CPython, faithful to MicroPython's extmod/asyncio/event.py.

- set() only sets a flag (safe from an interrupt); repeated sets before the
  waiter runs merge into ONE wake-up: it is a flag, not a counter.
- wait() returns at once if the flag is set, else waits; either way it
  clears the flag (self-clearing).
- ONE waiter at a time. MicroPython does not check this (its assert is
  compiled out of frozen code) and silently loses the first waiter; this fake
  raises RuntimeError instead so tests catch the mistake.
- A cancelled wait leaves the flag as it was.
"""

import asyncio


class ThreadSafeFlag:
    def __init__(self):
        self.state = 0
        self._waiter = None  # the future of the one waiting task
        self.sets = 0  # number of set() calls, for tests

    def set(self):
        self.sets += 1
        self.state = 1
        w = self._waiter
        if w is not None and not w.done():
            w.set_result(None)

    def clear(self):
        self.state = 0

    @property
    def waiting(self):
        """True while a task waits on the flag."""
        return self._waiter is not None

    async def wait(self):
        if not self.state:
            if self._waiter is not None:
                raise RuntimeError("ThreadSafeFlag: a second task waits on the flag")
            fut = asyncio.get_running_loop().create_future()
            self._waiter = fut
            try:
                await fut
            finally:
                self._waiter = None
        self.state = 0

"""An asyncio queue with the API of CPython's asyncio.Queue (frozen in tapblink)."""

from typing import Generic, TypeVar

_T = TypeVar("_T")

class QueueEmpty(Exception):
    """Raised by get_nowait() on an empty queue."""

class QueueFull(Exception):
    """Raised by put_nowait() on a full queue."""

class Queue(Generic[_T]):
    """A first-in first-out queue for asyncio tasks; maxsize <= 0 means unbounded."""

    def __init__(self, maxsize: int = 0) -> None: ...
    @property
    def maxsize(self) -> int: ...
    def qsize(self) -> int: ...
    def empty(self) -> bool: ...
    def full(self) -> bool: ...
    async def put(self, item: _T) -> None:
        """Put item into the queue, waiting while it is full."""
    def put_nowait(self, item: _T) -> None:
        """Put item into the queue at once; raise QueueFull if it is full."""
    async def get(self) -> _T:
        """Remove and return the oldest item, waiting while the queue is empty."""
    def get_nowait(self) -> _T:
        """Remove and return the oldest item at once; raise QueueEmpty if empty."""
    def task_done(self) -> None:
        """One item taken from the queue is processed; ValueError if called too often."""
    async def join(self) -> None:
        """Wait until task_done() has been called for every item put."""

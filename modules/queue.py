"""An asyncio queue with the API of CPython's asyncio.Queue, for MicroPython.

MicroPython's asyncio has no Queue; this one is frozen into tapblink so that
`import queue` works out of the box, as in the classic Pico asyncio tutorial:

    q = queue.Queue()          # Queue(maxsize=0): unbounded
    await q.put(x)             # waits while the queue is full
    x = await q.get()          # waits while the queue is empty
    q.put_nowait(x)            # raises QueueFull when full
    x = q.get_nowait()         # raises QueueEmpty when empty
    q.qsize(), q.empty(), q.full(), q.maxsize
    q.task_done(); await q.join()

It behaves like CPython's asyncio.Queue, step for step, and runs on both:
the CPython tests use asyncio.Queue itself as the oracle.

How waiting works: each task that must wait appends its own asyncio.Event to
a FIFO list (getters or putters) and waits on it. put_nowait() wakes the
first getter, get_nowait() the first putter. A woken task does not receive
the item; it loops and takes it with get_nowait() (or retries the put). So
an item is never in two places, and a cancelled get() or put() loses and
duplicates nothing: if a waiter is cancelled after it was woken but before it
ran, it hands the wake-up on to the next waiter in line, and a waiter that
was cancelled before it was woken is skipped (both as CPython does). Waiters
are woken in the order they started waiting.

Cost: nothing while idle; a wait allocates one Event.
"""

import asyncio

__all__ = ("Queue", "QueueEmpty", "QueueFull")


class QueueEmpty(Exception):
    """Raised by get_nowait() on an empty queue."""


class QueueFull(Exception):
    """Raised by put_nowait() on a full queue."""


def _abandoned(ev):
    # True when the task waiting on ev was cancelled but has not run yet, so it
    # cannot take a wake-up. The event loops differ in how they show this:
    waiting = getattr(ev, "waiting", None)
    if waiting is not None:
        # MicroPython: Task.cancel() removed the task from the Event's TaskQueue.
        return waiting.peek() is None
    # CPython: Task.cancel() cancelled the future that Event.wait() awaits.
    futures = getattr(ev, "_waiters", None)
    return bool(futures) and all(f.cancelled() for f in futures)


def _wake_first(waiters):
    # Wake the longest-waiting task that can still take the wake-up, if any.
    # Its Event leaves the list here, so one wait is never woken twice.
    while waiters:
        ev = waiters.pop(0)
        if not _abandoned(ev):
            ev.set()
            return


def _give_up(waiters, ev, can_proceed):
    # A waiting task is leaving because of an exception (normally
    # CancelledError). If it was still waiting, take it off the list. If it had
    # already been woken, pass that wake-up on so that it is not lost.
    if ev in waiters:
        waiters.remove(ev)
    elif ev.is_set() and can_proceed:
        _wake_first(waiters)


class Queue:
    """A first-in first-out queue for asyncio tasks.

    maxsize <= 0 means unbounded; otherwise put() waits while qsize() == maxsize.
    """

    def __init__(self, maxsize=0):
        # Checked here, where the mistake is: a wrong type would otherwise only surface
        # later, as a comparison error in put(). (CPython's asyncio.Queue does not check.)
        if not isinstance(maxsize, int) or isinstance(maxsize, bool):
            raise TypeError("maxsize must be an int")
        self._maxsize = maxsize
        # Items live in _items[_head:]; the consumed prefix is trimmed now and
        # then (a list is portable; MicroPython's deque has a fixed size).
        self._items = []
        self._head = 0
        self._getters = []  # Events of tasks waiting in get(), oldest first
        self._putters = []  # Events of tasks waiting in put(), oldest first
        self._unfinished = 0
        self._finished = asyncio.Event()
        self._finished.set()

    @property
    def maxsize(self):
        """Number of items allowed in the queue (0 or less: no limit)."""
        return self._maxsize

    def qsize(self):
        """Number of items in the queue."""
        return len(self._items) - self._head

    def empty(self):
        """True if the queue holds no item."""
        return self.qsize() == 0

    def full(self):
        """True if the queue holds maxsize items (never true when unbounded)."""
        return 0 < self._maxsize <= self.qsize()

    # The hot paths below avoid calling qsize()/empty()/full(): on MicroPython a
    # method call costs about as much as the rest of put_nowait() together.

    async def put(self, item):
        """Put item into the queue, waiting while it is full."""
        while 0 < self._maxsize <= len(self._items) - self._head:
            ev = asyncio.Event()
            self._putters.append(ev)
            try:
                await ev.wait()
            except BaseException:
                _give_up(self._putters, ev, not self.full())
                raise
        self.put_nowait(item)

    def put_nowait(self, item):
        """Put item into the queue at once; raise QueueFull if it is full."""
        if 0 < self._maxsize <= len(self._items) - self._head:
            raise QueueFull
        self._items.append(item)
        self._unfinished += 1
        if self._unfinished == 1:
            self._finished.clear()  # it is only ever set when the count is 0
        if self._getters:
            _wake_first(self._getters)

    async def get(self):
        """Remove and return the oldest item, waiting while the queue is empty."""
        while self._head == len(self._items):
            ev = asyncio.Event()
            self._getters.append(ev)
            try:
                await ev.wait()
            except BaseException:
                _give_up(self._getters, ev, not self.empty())
                raise
        return self.get_nowait()

    def get_nowait(self):
        """Remove and return the oldest item at once; raise QueueEmpty if empty."""
        items = self._items
        head = self._head
        if head == len(items):
            raise QueueEmpty
        item = items[head]
        items[head] = None  # drop the reference now, not at the next trim
        head += 1
        if head == len(items):
            items.clear()
            head = 0
        elif head >= 16 and 2 * head >= len(items):
            del items[:head]
            head = 0
        self._head = head
        if self._putters:
            _wake_first(self._putters)
        return item

    def task_done(self):
        """Tell the queue that the processing of one item taken from it is done."""
        if self._unfinished <= 0:
            raise ValueError("task_done() called too many times")
        self._unfinished -= 1
        if self._unfinished == 0:
            self._finished.set()

    async def join(self):
        """Wait until task_done() has been called for every item put."""
        if self._unfinished > 0:
            await self._finished.wait()

    def __repr__(self):
        return "<Queue maxsize=%d qsize=%d>" % (self._maxsize, self.qsize())

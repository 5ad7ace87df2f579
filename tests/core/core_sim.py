"""A button wired to the debounce core the way the firmware wires it, in simulated time.

Times are integer microseconds. The pin's level is piecewise constant; a level change latches
an IRQ that runs `latency_us` later and reads the level THEN (changes in between are latched
together, as on the RP2040). The IRQ takes ticks_ms/ticks_us, calls debounce_edge(), and
arms the one-shot timer (debounce_wait_ms() after the call) when asked; the timer reads the
level and ticks_us when it fires. At one instant: timers first, then level changes, then IRQs.
"""

import heapq

TICKS_PERIOD = 1 << 30
TICKS_MASK = TICKS_PERIOD - 1
QUEUED, ARM = 1, 2
PRESS, RELEASE = 1, 0
QUIET_US = 2000  # DEBOUNCE_QUIET_US: edges closer than this are one burst

_TIMER, _CHANGE, _IRQ = 0, 1, 2


def ticks_diff(a, b):
    """MicroPython's time.ticks_diff for 2**30 ticks."""
    return ((a - b + TICKS_PERIOD // 2) & TICKS_MASK) - TICKS_PERIOD // 2


def settle_us(window_ms):
    """Long enough (us) after the last IRQ for the core to be idle again: a change that began
    at that edge is decided at most a window after it, a moving line is looked at again a
    window later, and an event's window runs a window at most."""
    return 3 * window_ms * 1000 + QUIET_US


class Sim:
    def __init__(self, core, *, window_ms, max_events=64, initial=0, latency_us=0, t0_us=0):
        self.core = core
        self.window_ms = window_ms
        self.latency_us = latency_us
        self.t0_us = t0_us
        self.level = initial
        core.init(max_events, window_ms, initial)

    def ms(self, t_us):
        """ticks_ms at simulated time t_us."""
        return ((self.t0_us + t_us) // 1000) & TICKS_MASK

    def us(self, t_us):
        return (self.t0_us + t_us) & TICKS_MASK

    def run(self, changes, until_us):
        """Apply [(t_us, level)] and run to until_us. Returns the IRQ times (one per IRQ)."""
        heap, seq = [], 0
        for t, lv in changes:
            heap.append((t, _CHANGE, seq, lv))
            seq += 1
        heapq.heapify(heap)
        irq_pending = False
        timer_gen = 0
        irqs = []
        while heap and heap[0][0] <= until_us:
            t, kind, _, arg = heapq.heappop(heap)
            if kind == _CHANGE:
                if arg != self.level:
                    self.level = arg
                    if not irq_pending:
                        irq_pending = True
                        heapq.heappush(heap, (t + self.latency_us, _IRQ, seq, None))
                        seq += 1
                continue
            if kind == _IRQ:
                irq_pending = False
                irqs.append(t)
                todo = self.core.edge(self.level, self.ms(t), self.us(t))
            else:
                if arg != timer_gen:
                    continue  # re-armed or cancelled since
                todo = self.core.window_end(self.level, self.us(t))
            if todo & ARM:
                timer_gen += 1
                heapq.heappush(heap, (t + self.core.wait_ms * 1000, _TIMER, seq, timer_gen))
                seq += 1
        return irqs

"""The demo's LED rule (modules/tapblink/__init__.py) as a model: from the presses' interrupt
stamps, the ideal time of every LED toggle. Tests compare the emulated LED with it.

The rule: the LED starts on at the demo's start and toggles every default_ms. A press that
gives an interval (every press but the first) sets delay = min(interval, cap) (cap when the
interval is negative, at least 1) and is the beat: the LED toggles at the press unless its
last toggle is at most min(old delay, new delay) // 4 ms before the press; the next toggles
come every new delay after the press.
"""

import copy


class Rhythm:
    def __init__(self, start_ms, default_ms=500, cap_ms=2000):
        self.cap = cap_ms
        self.delay = default_ms
        self.beat = self.toggled = start_ms
        self.last = None
        self.toggles = []  # [(t_ms, kind)], kind "press" (at a press) or "beat"

    def advance(self, until_ms):
        """Toggles due up to and including until_ms."""
        due = self.beat + self.delay
        while due <= until_ms:
            self.toggles.append((due, "beat"))
            self.beat = self.toggled = due
            due = self.beat + self.delay

    def margin(self, stamp):
        """How far a press at `stamp` is from the rule's knife edges, in ms: a toggle due at
        about the same moment (which of the two the firmware runs first then depends on
        sub-millisecond latencies) and the min(old, new) // 4 threshold. The model is left
        as it was."""
        m = copy.copy(self)
        m.toggles = []
        m.advance(stamp)
        edges = [stamp - m.toggled, m.beat + m.delay - stamp]
        if m.last is not None:
            interval = stamp - m.last
            new = m.cap if interval < 0 or interval > m.cap else max(1, interval)
            edges.append(abs((stamp - m.toggled) - min(m.delay, new) // 4))
        return min(edges)

    def press(self, stamp):
        self.advance(stamp)
        if self.last is not None:
            interval = stamp - self.last
            new = self.cap if interval < 0 or interval > self.cap else max(1, interval)
            if stamp - self.toggled > min(self.delay, new) // 4:
                self.toggles.append((stamp, "press"))
                self.toggled = stamp
            self.delay = new
            self.beat = stamp
        self.last = stamp

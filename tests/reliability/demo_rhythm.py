"""The demo's LED rule (modules/tapblink/__init__.py) as a model: given the presses' interrupt
stamps, the ideal time of every LED toggle. Tests compare the emulated LED with it.

The rule: the LED starts on at the demo's start and toggles every default_ms. A press that
gives an interval (every press but the first) sets delay = min(interval, cap) (cap when the
interval is negative, at least 1) and is the beat: the LED toggles at the press unless its
last toggle is at most min(old delay, new delay) // 4 ms before the press; the next toggles
come every new delay after the press.
"""


def ideal_toggles(start_ms, stamps, end_ms, default_ms=500, cap_ms=2000):
    """[(t_ms, kind)] of the ideal toggles up to end_ms; kind "press" (at a press) or "beat".
    stamps: the presses' interrupt stamps (ms), ascending. Returns also, per press from the
    second on, (stamp, gap) where gap = stamp - last toggle before it, for the callers that
    keep presses away from the rule's threshold."""
    out = []
    delay = default_ms
    beat = toggled = start_ms
    last = None
    decisions = []
    for t in list(stamps) + [None]:
        limit = end_ms if t is None else t
        due = beat + delay
        while due <= limit:
            out.append((due, "beat"))
            beat = toggled = due
            due = beat + delay
        if t is None:
            break
        if last is not None:
            interval = t - last
            new = cap_ms if interval < 0 or interval > cap_ms else max(1, interval)
            gap = t - toggled
            decisions.append((t, gap, min(delay, new) // 4, due - t))
            if gap > min(delay, new) // 4:
                out.append((t, "press"))
                toggled = t
            delay = new
            beat = t
        last = t
    return out, decisions

"""Metrics of the benchmark, computed from recorded runs (bench/emurun.py). Pure Python.

Definitions (docs/benchmark.md repeats them for readers):
- detection: a line the program printed (a bare integer, the interval it measured); its
  time is when the line reached the USB host. The press that only starts the clock prints
  nothing: its detection time is taken as (first line's time - first interval).
- attribution: a detection belongs to the latest scripted press whose first edge is at or
  before it (1 ms of slack for the estimated first detection). The first detection of a
  press is a hit; further ones are extra presses; a press with none is missed; detections
  before the first press are extra.
- interval error: for every hit line that belongs to press j >= 1, |printed interval -
  (first edge of press j - first edge of press j-1)| (the tapped interval).
- press -> new rate: for every hit line of press j >= 1, the tapped half-period
  h = min(press j - press j-1, 2000). The new rate shows at the first LED toggle in
  [press j, press j+1) that is h (+-2 ms) after the toggle before it (the half-period was
  re-timed to h) or h before the toggle after it (a new sequence of half-periods starts
  there); latency = that toggle - press j. A press whose rate never shows before the next
  press is counted as "not shown". "At once": the presses where the last toggle before the
  press is at least h old (the new half-period is already over, so a program that follows
  the demo's behaviour toggles as soon as it reacts): the press -> LED reaction time.
"""

import statistics

from bench.scenarios import CAP_MS

SLACK_MS = 1.0
# A half-period "shows the tapped rate" within this. The demo counts it from the press's
# ticks_ms stamp (up to 1 ms before the press) over an interval of whole ticks (1 ms either
# way), its first toggle after an at-once toggle wakes up to a tick plus a wake-up after its
# tick, and the at-once toggle itself comes up to a wake-up after the press: the first
# half-period can be off by almost 3 ms (2.21 ms seen when the first boot took 8 ms longer).
# 2 x (tick + wake-up), as tests/emulator/timing.py on main bounds one LED change.
RATE_TOL_MS = 4.0
# A toggle this much before a press still counts as the press's: the press's own tick. The
# demo stamps a press with its ticks_ms and, by its collision rule, takes a beat toggle in
# that millisecond (the LED already on the tapped beat) as the tap's; a blink task woken at
# the start of its tick (debounce.sleep_until) makes that toggle up to 1 ms before a press
# that lands late in the same tick. Its latency counts as 0.
TICK_MS = 1.0


def detections(run):
    """[(t_rel_ms, interval or None)] of the presses the program detected."""
    lines = [(t - run.start, v) for t, v in run.lines]
    if not lines:
        return []
    return [(lines[0][0] - lines[0][1], None)] + lines


def attribute(presses, dets):
    """For each detection the index of its press (-1 before the first); per-press counts."""
    downs = [p.down for p in presses]
    owner = []
    for t, _ in dets:
        j = -1
        for i, d in enumerate(downs):
            if d <= t + SLACK_MS:
                j = i
        owner.append(j)
    counts = [owner.count(i) for i in range(len(downs))]
    return owner, counts


def led_toggles(run):
    return [t - run.start for t, _ in run.led]


def press_metrics(run):
    """missed, extra, interval errors, latencies and 'not shown' of one run."""
    s = run.script
    downs = [p.down for p in s.presses]
    dets = detections(run)
    owner, counts = attribute(s.presses, dets)
    missed = sum(1 for c in counts if c == 0)
    extra = sum(max(0, c - 1) for c in counts) + owner.count(-1)
    errors, lat, at_once, not_shown = [], [], [], 0
    seen = set()
    toggles = led_toggles(run)
    for (_t, interval), j in zip(dets, owner):
        if j < 0 or j in seen:
            continue
        seen.add(j)
        if interval is None or j == 0:
            continue
        true = downs[j] - downs[j - 1]
        errors.append(abs(interval - true))
        half = min(true, CAP_MS)  # the rate the user tapped
        # Up to the next press's tick: a toggle there is the next press's (see TICK_MS).
        bound = downs[j + 1] - TICK_MS if j + 1 < len(downs) else s.end_ms
        shown = rate_shows(toggles, downs[j], bound, half)
        if shown is None:
            not_shown += 1
            continue
        lat.append(max(0.0, shown - downs[j]))
        before = [t for t in toggles if t < downs[j]]
        if before and before[-1] + half <= downs[j]:
            at_once.append(max(0.0, shown - downs[j]))  # the half-period was already over
    return {
        "presses": len(downs),
        "missed": missed,
        "extra": extra,
        "errors": errors,
        "latencies": lat,
        "at_once": at_once,
        "not_shown": not_shown,
        "detections": [t for t, _ in dets],
    }


def rate_shows(toggles, press, bound, half):
    """First toggle in [press - TICK_MS, bound) that ends or starts a half-period of `half`
    ms."""
    for i, t in enumerate(toggles):
        if t < press - TICK_MS:
            continue
        if t >= bound:
            return None
        if i > 0 and abs(t - toggles[i - 1] - half) <= RATE_TOL_MS:
            return t
        if i + 1 < len(toggles) and abs(toggles[i + 1] - t - half) <= RATE_TOL_MS:
            return t
    return None


def probe_latencies_us(run):
    """Edge -> task wake: each GP2 toggle of a probe run against the latest first contact
    edge (press or release) before it; only the first wake after a press counts."""
    s = run.script
    contacts = sorted([(p.down, "down") for p in s.presses] + [(p.up, "up") for p in s.presses])
    out, used = [], set()
    for t_abs, _ in run.probe_edges:
        t = t_abs - run.start
        last = None
        for i, (c, kind) in enumerate(contacts):
            if c <= t:
                last = (i, c, kind)
        if last is None or last[0] in used:
            continue
        used.add(last[0])
        if last[2] == "down":
            out.append((t - last[1]) * 1000.0)
    return out


def summary(values):
    if not values:
        return None
    return {
        "mean": statistics.fmean(values),
        "median": statistics.median(values),
        "max": max(values),
        "n": len(values),
    }

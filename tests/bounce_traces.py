"""Ground-truth bouncy switch traces: contact changes placed by us, bounce shapes measured on
real switches (Ganssle, "A Guide to Debouncing", 2004), and what a debouncer must report.

The oracle of every tier's physical-truth test is the truth this generator PLACED: the time X
at which each contact change began and its new level. Nothing here restates the debounce rule.

Vocabulary (docs/contracts.md, "Debounce semantics"), W = the button's debounce_ms:
- a contact change at X to level L is followed by a bounce of length B: the line toggles during
  (X, X + B] and ends at L;
- the settled period before a change is the time from the end of the previous bounce to X;
- a gap inside a bounce is the time between two consecutive toggles of it (from X on).

A trace is "in contract" when every bounce is shorter than W, every settled period is at least
2 ms and longer than every gap inside the bounce that follows it, and each change's new level
holds for at least W after X unless the change started from idle (its settled period longer
than W). Then every change must be reported exactly once, in order, stamped with ticks_ms at X
(one tick later allowed for IRQ latency at a millisecond boundary), and nothing else. Traces
outside the contract carry a label saying what may happen to them (see OUTSIDE).

Pure Python with `random` only: it runs under CPython for every tier (the unix and firmware
tiers send the toggles it makes to their runtime). Times are integer microseconds.
"""

import random

QUIET_US = 2000  # the shortest settled period the contract asks a debouncer to see
# A debouncer sees edges through its IRQ, up to ~100 us late (rp2 under load), and a runt pulse
# as one IRQ: "longer than a gap" means longer by more than that, or nothing can tell.
RESOLUTION_US = 100
SHAPES = ("none", "us_pulses", "even_ringing", "growing_gaps", "late_chatter")
MAX_BOUNCE_US = 15_000
RELEASED, PRESSED = 0, 1

# What may happen to a trace that breaks the contract (label -> what a debouncer may do).
OUTSIDE = {
    "pair_inside_window": "a press and its release both inside the previous change's W: the "
    "pair may be lost (neither reported); everything before and after it is exact",
    "settled_shorter_than_gap": "the settled period is not longer than a gap inside the bounce "
    "that follows: the change may be stamped at a later edge of its bounce",
    "settled_shorter_than_previous_gap": "the settled period is not longer than a gap inside "
    "the bounce before it: that trace reads exactly like another in-contract one (a short tap "
    "that began at that gap's end), so the change may be stamped at an edge of the previous "
    "bounce, never before the previous change; the end of its own bounce may then read as one "
    "more release and press",
    "settled_too_short": "a release and a re-press less than 2 ms apart: no debouncer can tell "
    "them from bounce; both may be lost, or both reported",
    "chatter": "a line that never settles (10 kHz): nothing is reported while it chatters",
}


class Change:
    """One contact change as placed: began at x_us, to `level`, bounce over (x, x + bounce]."""

    __slots__ = ("x_us", "level", "shape", "bounce_us", "settled_us", "max_gap_us", "toggles")

    def __init__(self, x_us, level, shape, toggles, settled_us):
        self.x_us = x_us
        self.level = level
        self.shape = shape
        self.toggles = toggles  # [(t_us, level)] after x_us, ending at `level`
        self.bounce_us = toggles[-1][0] - x_us if toggles else 0
        self.settled_us = settled_us
        times = [x_us] + [t for t, _ in toggles]
        self.max_gap_us = max((b - a for a, b in zip(times, times[1:])), default=0)

    def __repr__(self):
        return "Change(x=%d, %s, %s, B=%d, S=%d, gap=%d)" % (
            self.x_us,
            "press" if self.level else "release",
            self.shape,
            self.bounce_us,
            self.settled_us,
            self.max_gap_us,
        )


class Trace:
    """Contact changes from `initial` (released), the line's levels, and the label."""

    def __init__(self, changes, window_ms, label="contract", initial=RELEASED, end_us=None):
        self.changes = changes
        self.window_ms = window_ms
        self.label = label
        self.initial = initial
        last = changes[-1] if changes else None
        settle = (last.x_us + last.bounce_us) if last else 0
        self.end_us = end_us if end_us is not None else settle + 3 * window_ms * 1000 + 5000

    def levels(self):
        """[(t_us, level)]: every change of the line, in time order (pressed = 1)."""
        out = []
        for c in self.changes:
            out.append((c.x_us, c.level))
            out += c.toggles
        return out

    def expected(self):
        """[(kind, x_us)]: what must be reported (in contract: every change, at its X)."""
        return [(c.level, c.x_us) for c in self.changes]

    def in_contract(self):
        return self.label == "contract"

    def __repr__(self):
        return "Trace(%s, W=%d, %r)" % (self.label, self.window_ms, self.changes)


def ambiguous_problems(changes):
    """Changes whose settled period is not longer than a gap of the bounce BEFORE it. The
    contract's words admit them, but each reads exactly like a second in-contract trace (the
    previous bounce ended at that gap's start, and a short tap began at its end): no debouncer
    can tell the two apart, so they are labelled rather than promised."""
    return [
        "change %d: settled %d us, previous gap %d us" % (i, c.settled_us, prev.max_gap_us)
        for i, (prev, c) in enumerate(zip(changes, changes[1:]), 1)
        if c.settled_us <= prev.max_gap_us + RESOLUTION_US
    ]


def contract_problems(changes, window_ms):
    """The contract's conditions a list of changes breaks (empty: in contract). The
    generator's own check, from the placed values only."""
    w = window_ms * 1000
    problems = []
    prev_end = None
    for i, c in enumerate(changes):
        if c.bounce_us >= w:
            problems.append("change %d: bounce %d us >= W" % (i, c.bounce_us))
        if prev_end is not None:
            settled = c.x_us - prev_end
            if settled < QUIET_US or settled <= c.max_gap_us + RESOLUTION_US:
                problems.append("change %d: settled %d us, gap %d us" % (i, settled, c.max_gap_us))
        if i + 1 < len(changes):
            from_idle = prev_end is None or c.x_us - prev_end > w
            if not from_idle and changes[i + 1].x_us - c.x_us < w:
                problems.append("change %d: held %d us < W" % (i, changes[i + 1].x_us - c.x_us))
        prev_end = c.x_us + c.bounce_us
    return problems


# --- bounce shapes ---------------------------------------------------------------------------


def _pulse_us(rng, grid):
    # Runt pulses: well under a microsecond to a few; on a coarse grid, one grid step.
    return grid if grid > 1 else rng.choice((1, 1, 2, 3, 5))


def bounce(rng, shape, x_us, level, bounce_us, grid=1):
    """Toggles after a change at x_us to `level` with a bounce of about bounce_us (exactly
    bounce_us for ringing shapes), ending at `level`. [] for "none" or bounce_us too short."""
    away = 1 - level

    def snap(t):
        return x_us + max(grid, (t - x_us) // grid * grid)

    times = []
    if shape == "none" or bounce_us < 2 * grid:
        return []
    if shape == "us_pulses":
        # Short pulses back to the old level at random instants, the last one ending at B.
        n = rng.randint(1, 6)
        starts = sorted(rng.randint(grid, max(grid, bounce_us - 2 * grid)) for _ in range(n))
        for s in starts:
            s = snap(x_us + s)
            if times and s <= times[-1] + grid:
                continue
            times += [s, s + _pulse_us(rng, grid)]
    elif shape == "even_ringing":
        # Evenly spaced toggles: n pulses of equal length and equal gaps.
        n = rng.randint(1, 6)
        step = bounce_us // (2 * n)
        if step < grid:
            return []
        times = [snap(x_us + k * step) for k in range(1, 2 * n + 1)]
    elif shape == "growing_gaps":
        # Intervals growing toward the end, the longest at most 30 % of the bounce.
        n = rng.randint(2, 6)
        ratio = rng.uniform(1.15, 1.6)
        weights = [ratio**k for k in range(2 * n)]
        scale = bounce_us / sum(weights)
        if weights[-1] * scale > 0.3 * bounce_us:
            scale = 0.3 * bounce_us / weights[-1]
        t = x_us
        for wgt in weights:
            t = max(t + grid, snap(t + int(wgt * scale)))
            times.append(t)
    elif shape == "late_chatter":
        # Clean for most of the bounce, then a few isolated late flicks ending at B.
        n = rng.randint(1, 3)
        t = x_us + int(bounce_us * rng.uniform(0.5, 0.8))
        width_max = max(grid, (x_us + bounce_us - t) // (2 * n))
        for _ in range(n):
            t = snap(t)
            w = min(width_max, max(grid, rng.randint(grid, max(grid, width_max // 2))))
            times += [t, t + w]
            t += 2 * w
    else:
        raise ValueError("shape: one of %s, not %r" % (", ".join(SHAPES), shape))
    # Snapped to a coarse grid, a shape may spill past its bounce: it ends within it.
    times = sorted(t for t in set(times) if t - x_us <= bounce_us)
    if len(times) % 2:
        times.pop()
    return [(t, away if i % 2 == 0 else level) for i, t in enumerate(times)]


# --- traces ----------------------------------------------------------------------------------


def _draw_settled(rng, max_gap, kind):
    """A settled period that meets the contract for a bounce whose largest gap is max_gap."""
    low = max(QUIET_US, max_gap + 1)
    if kind == "fast":
        return rng.randint(low, max(low, 40_000))
    return rng.randint(max(low, 60_000), 400_000)  # a hand's pace: idle in between


def press_release_trace(
    seed, window_ms=20, presses=8, shapes=SHAPES, grid=1, fast_share=0.5, min_bounce_us=0
):
    """In-contract presses and releases from released. Each change has a shape from `shapes`
    (0-15 ms of bounce, shorter than W), fast re-presses (2-40 ms settled) and taps shorter
    than W from idle among them, sub-ms phases (grid=1 us; grid=1000 puts every time on a
    whole ms, for runtimes that place changes in whole ms). Deterministic for a seed."""
    rng = random.Random(seed)
    w = window_ms * 1000
    max_b = min(MAX_BOUNCE_US, w - grid - 1)
    changes = []
    t = 10_000 + rng.randrange(0, 1000, grid) if grid < 1000 else 10_000
    prev = None
    from_idle = True
    n = 2 * presses
    for i in range(n):
        level = PRESSED if i % 2 == 0 else RELEASED
        shape = rng.choice(shapes)
        bounce_us = rng.randint(min(min_bounce_us, max_b), max_b) if max_b > 0 else 0
        toggles = bounce(rng, shape, t, level, bounce_us, grid)
        # The settled period before THIS change must beat its own gaps: if it doesn't, push
        # the change later (the previous level simply holds longer).
        c = Change(t, level, shape, toggles, 0)
        if prev is not None:
            prev_end = prev.x_us + prev.bounce_us
            margin = max(grid, RESOLUTION_US)
            need = max(QUIET_US, max(c.max_gap_us, prev.max_gap_us) + margin + 1)
            if t - prev_end < need:
                shift = need - (t - prev_end)
                shift = -(-shift // grid) * grid
                c = Change(t + shift, level, shape, [(a + shift, b) for a, b in toggles], 0)
            c.settled_us = c.x_us - prev_end
            from_idle = c.settled_us > w
        changes.append(c)
        prev = c
        # When the next change may begin: held at least W unless this one came from idle (a
        # tap shorter than W), then a fast or a slow settled period after the bounce.
        end = c.x_us + c.bounce_us
        kind = "fast" if rng.random() < fast_share else "slow"
        settled = _draw_settled(rng, 0, kind)
        nxt = end + settled
        if not from_idle:
            nxt = max(nxt, c.x_us + w + rng.randint(0, 3000))
        elif kind == "fast" and rng.random() < 0.3:
            # A tap: the release comes before W has passed since the press.
            nxt = end + rng.randint(QUIET_US, max(QUIET_US, w))
        t = -(-nxt // grid) * grid
    trace = Trace(changes, window_ms)
    problems = contract_problems(changes, window_ms) + ambiguous_problems(changes)
    assert not problems, (seed, problems, changes)
    return trace


def repress_trace(seed, window_ms=20, shape=None, after_us=None, grid=1):
    """The bench's bouncy-switch script unit: a press held long, its release, and a fast
    re-press `after_us` (0-40 ms) after the release's bounce ended, then its release. The
    re-press is in contract when after_us >= 2 ms and beats its own gaps; otherwise the trace
    is labelled "settled_shorter_than_gap"."""
    rng = random.Random(seed)
    w = window_ms * 1000
    shape = shape or rng.choice(SHAPES)
    after_us = rng.randint(0, 40_000) if after_us is None else after_us
    max_b = min(MAX_BOUNCE_US, w - grid - 1)
    changes = []
    t = 10_000 + (rng.randrange(0, 1000, grid) if grid < 1000 else 0)
    plan = [(PRESSED, None), (RELEASED, None), (PRESSED, after_us), (RELEASED, None)]
    prev = None
    for level, settled in plan:
        toggles = bounce(rng, shape, t, level, rng.randint(0, max_b), grid)
        c = Change(t, level, shape, toggles, 0)
        if prev is not None:
            c.settled_us = c.x_us - (prev.x_us + prev.bounce_us)
        changes.append(c)
        prev = c
        end = c.x_us + c.bounce_us
        if level == PRESSED:
            t = max(end + rng.randint(30_000, 80_000), c.x_us + w + 1000)
        elif settled is None and len(changes) == 2:
            t = end + plan[2][1]
            t = -(-t // grid) * grid
        else:
            t = end + 200_000
    if changes[2].settled_us < QUIET_US:
        label = "settled_too_short"
    elif contract_problems(changes, window_ms):
        label = "settled_shorter_than_gap"
    elif ambiguous_problems(changes):
        label = "settled_shorter_than_previous_gap"
    else:
        label = "contract"
    return Trace(changes, window_ms, label)


def chatter_trace(seed, window_ms=20, ms=200, period_us=100):
    """A 10 kHz storm from released: the line toggles every period_us (+-20 %) for `ms` and
    ends released. Nothing may be reported while it chatters; the storm's first edge is a
    press from idle and, once the line rests released, its release (stamped at that edge)."""
    rng = random.Random(seed)
    t, lv, toggles = 10_000, PRESSED, []
    first = t
    while t < first + ms * 1000:
        t += int(period_us * rng.uniform(0.8, 1.2))
        lv ^= 1
        toggles.append((t, lv))
    if lv == PRESSED:
        t += period_us
        toggles.append((t, RELEASED))
    c = Change(first, PRESSED, "chatter", toggles[:-1], 0)
    trace = Trace([c], window_ms, "chatter", end_us=t + 3 * window_ms * 1000)
    trace.chatter_toggles = toggles
    return trace


def pair_inside_window_trace(seed, window_ms=20, grid=1):
    """Outside the contract: a release from idle, then a press and its release both inside the
    release's W. The pair may be lost; the release before it and the press after are exact."""
    rng = random.Random(seed)
    w = window_ms * 1000
    t = 10_000
    press = Change(t, PRESSED, "none", [], 0)
    release = Change(t + 200_000, RELEASED, "none", [], 200_000)
    x = release.x_us + rng.randint(QUIET_US, w // 3) // grid * grid
    hold = rng.randint(QUIET_US, w // 3) // grid * grid
    p2 = Change(x, PRESSED, "none", [], x - release.x_us)
    r2 = Change(x + hold, RELEASED, "none", [], hold)
    p3 = Change(r2.x_us + 300_000, PRESSED, "none", [], 300_000)
    r3 = Change(p3.x_us + 100_000, RELEASED, "none", [], 100_000)
    return Trace([press, release, p2, r2, p3, r3], window_ms, "pair_inside_window")


def stamp_bounds(trace):
    """[(lo_us, hi_us)] per change: where its stamp may lie. X itself for a change that meets
    the contract; a change settled for no longer than a gap of its own bounce may be stamped
    up to the end of that bounce, and one settled for no longer than a gap of the bounce
    before it as early as the previous change (OUTSIDE)."""
    bounds = []
    for prev, c in zip([None] + trace.changes, trace.changes):
        lo = hi = c.x_us
        if prev is not None and c.settled_us <= prev.max_gap_us + RESOLUTION_US:
            lo = prev.x_us
        if prev is not None and c.settled_us <= max(c.max_gap_us + RESOLUTION_US, QUIET_US):
            hi = c.x_us + c.bounce_us
        bounds.append((lo, hi))
    return bounds


def stamps_ok(trace, events, ms_of, latency_ticks=1):
    """Compare reported events [(kind, ticks_ms)] with the placed truth of an in-contract
    trace: exactly one event per change, in order, kind right, stamped ms_of(X) or up to
    `latency_ticks` later. Returns a list of problems (empty: exact)."""
    want = trace.expected()
    problems = []
    if [k for k, _ in events] != [k for k, _ in want]:
        problems.append("kinds %s, placed %s" % ([k for k, _ in events], [k for k, _ in want]))
        return problems
    for i, ((_, got), (_, x)) in enumerate(zip(events, want)):
        late = (got - ms_of(x)) & 0x3FFFFFFF
        if late > latency_ticks:
            problems.append(
                "change %d (X=%d us): stamped %d, placed ms %d" % (i, x, got, ms_of(x))
            )
    return problems

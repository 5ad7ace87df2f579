"""Scripted button presses (the ground truth) for the benchmark.

A script is a list of presses; each press is the first edge of the contact closing (the
time a user would say they pressed) and of it opening again, plus the bounce edges that
follow each of them. Times are ms relative to the script's start; `edges()` turns a script
into pin levels for the emulator (1 released: the pull-up; 0 pressed). Everything is drawn
from a seeded random generator: the same script every run.
"""

import random

from tests import bounce_traces

CAP_MS = 2000  # the contenders' longest half-period
MIN_FLIP_MS = 0.1  # bounce flips closer than this are merged (no switch is that fast)


class Press:
    __slots__ = ("down", "up", "bounce_down", "bounce_up")

    def __init__(self, down, up, bounce_down=(), bounce_up=()):
        self.down = down  # first edge of the press, ms
        self.up = up  # first edge of the release, ms
        self.bounce_down = tuple(bounce_down)  # flip times after `down`, ms from it
        self.bounce_up = tuple(bounce_up)

    def shifted(self, ms):
        return Press(self.down + ms, self.up + ms, self.bounce_down, self.bounce_up)


class Script:
    def __init__(
        self, name, about, presses, end_ms, idle=(), storm=None, reference=None, family=None
    ):
        self.name = name
        self.family = family  # SWITCH_FAMILY for the bouncy-switch scripts, else None
        self.about = about
        self.presses = presses
        self.end_ms = end_ms  # run until here
        self.idle = list(idle)  # [(from_ms, to_ms)]: stretches with nothing but the LED
        self.storm = storm  # (from_ms, to_ms, edge_every_ms) or None
        self.reference = reference  # (from_ms, to_ms): calm window to compare the storm with

    def shifted(self, ms):
        storm = self.storm
        if storm is not None:
            storm = (storm[0] + ms, storm[1] + ms, storm[2])
        return Script(
            self.name,
            self.about,
            [p.shifted(ms) for p in self.presses],
            self.end_ms + ms,
            [(a + ms, b + ms) for a, b in self.idle],
            storm,
            None if self.reference is None else tuple(x + ms for x in self.reference),
            self.family,
        )

    def edges(self):
        """[(t_ms, level)] of the button pin, every entry a real level change."""
        out = []
        for p in self.presses:
            out += _contact(p.down, 0, p.bounce_down)
            out += _contact(p.up, 1, p.bounce_up)
        if self.storm:
            a, b, step = self.storm
            n = int(round((b - a) / step))
            n -= n % 2  # end released, as it started
            out += [(a + i * step, i % 2) for i in range(n)]  # 0 (pressed) first
        out.sort()
        level, clean = 1, []
        for t, lv in out:
            if lv != level:
                clean.append((t, lv))
                level = lv
        return clean

    def intervals(self):
        d = [p.down for p in self.presses]
        return [b - a for a, b in zip(d, d[1:])]


def _contact(t, level, flips):
    # The contact reaches `level` at t, then bounces away and back at each pair of flips.
    out = [(t, level)]
    for i, f in enumerate(flips):
        out.append((t + f, level if i % 2 else 1 - level))
    return out


def _bounce(rng, total_ms):
    # An even number of flips (away, back, ...) within total_ms, the last one at total_ms.
    pairs = rng.randint(2, 4)
    while True:
        ts = sorted(rng.uniform(0.05, total_ms) for _ in range(2 * pairs - 1)) + [total_ms]
        if all(b - a >= MIN_FLIP_MS for a, b in zip([0.0] + ts, ts)):
            return ts


def _burst(rng, total_ms, max_gap_ms):
    # Flips closer than max_gap_ms to each other (one burst, as a contact bounces), for about
    # total_ms; an even number, so the contact ends where it started. May be empty.
    ts, x = [], 0.0
    while True:
        x += rng.uniform(MIN_FLIP_MS, max_gap_ms)
        if x > total_ms:
            break
        ts.append(round(x, 3))
    return ts[: len(ts) - len(ts) % 2]


def _re_presses(rng, n, gap, hold, bounce, max_gap_ms):
    """Presses that each begin `gap` ms (+ REPRESS_QUIET_MS) after the release before them:
    inside the release's debounce window, at its end or just after it. The release's bounce
    (drawn from `bounce`) is cut to end REPRESS_QUIET_MS before that press."""
    presses, t = [], 0.0
    for i in range(n):
        bd = _burst(rng, rng.uniform(*bounce), max_gap_ms)
        up = t + max(rng.uniform(*hold), (bd[-1] if bd else 0) + REPRESS_QUIET_MS)
        g = rng.uniform(*gap)
        room = g if i < n - 1 else bounce[1]
        bu = _burst(rng, min(rng.uniform(*bounce), room), max_gap_ms)
        presses.append(Press(round(t, 3), round(up, 3), bd, bu))
        t = up + REPRESS_QUIET_MS + g
    return presses


def _series(rng, n, gap, hold, bounce=None, start=0.0):
    presses, t = [], start
    for i in range(n):
        h = rng.uniform(*hold)
        bd = _bounce(rng, rng.uniform(*bounce)) if bounce else ()
        bu = _bounce(rng, rng.uniform(*bounce)) if bounce else ()
        presses.append(Press(round(t, 3), round(t + h, 3), bd, bu))
        t += rng.uniform(*gap) if i < n - 1 else 0
    return presses


def scripts():
    """The press scripts of the benchmark (unshifted)."""
    rng = random.Random(9)
    tail = 3000  # after the last press: time for every contender to show the last rate
    out = []

    p = [Press(i * 400.0, i * 400.0 + 100) for i in range(7)]
    p += [Press(2400.0 + i * 700.0, 2400.0 + i * 700.0 + 120) for i in range(1, 6)]
    out.append(
        Script(
            "regular", "12 clean taps, 400 ms then 700 ms apart, held 100 ms", p, p[-1].down + tail
        )
    )

    p = _series(rng, 14, (60, 150), (20, 35))
    out.append(
        Script("fast", "14 clean taps 60-150 ms apart, held 20-35 ms", p, p[-1].down + tail)
    )

    p = _series(rng, 10, (250, 600), (10, 30))
    out.append(
        Script("short", "10 clean taps of 10-30 ms, 250-600 ms apart", p, p[-1].down + tail)
    )

    p = _series(rng, 12, (150, 1200), (60, 200), bounce=(5, 15))
    out.append(
        Script(
            "bouncy",
            "12 taps 150-1200 ms apart, 5-15 ms of bounce (2-4 flips "
            "away and back) after every press AND release edge",
            p,
            p[-1].down + tail,
        )
    )

    # Drawn from their own generator, so that the scripts above stay as they were.
    p = _re_presses(random.Random(12), 16, (0, 30), (40, 120), (0, 15), 1.5)
    out.append(
        Script(
            "re-press",
            "16 quick re-presses: each press begins 0-30 ms (+%g ms) after the release before "
            "it, inside the release's 20 ms debounce window, at its end or just after it; held "
            "40-120 ms; 0-15 ms of bounce (flips 0.1-1.5 ms apart) after every press AND "
            "release edge, the release's cut to end %g ms (the quiet that tells a new press "
            "from bounce) before the next press" % (REPRESS_QUIET_MS, REPRESS_QUIET_MS),
            p,
            p[-1].down + tail,
        )
    )

    a = _series(rng, 3, (250, 250), (80, 80))
    b = [Press(6500.0, 6580.0), Press(7500.0, 7580.0)]
    out.append(
        Script(
            "idle",
            "3 taps 250 ms apart, 6 s idle, 2 taps 1000 ms apart, 5 s idle",
            a + b,
            7500.0 + 5500,
            idle=[(1500.0, 6400.0), (9600.0, 12900.0)],
        )
    )
    return out


SWITCH_FAMILY = "bouncy switch"
SWITCH_UNITS = 6  # repress_trace units per script: 12 presses, 6 of them fast re-presses
SWITCH_TAIL_MS = 600  # after the last press: every contender has printed it by then
QUIET_MS = bounce_traces.QUIET_US / 1000.0  # a re-press settled for less is bounce to anyone


def _press_of(press, release, offset_ms):
    # A placed press and its release (bounce_traces.Change, us) as a bench Press (ms).
    def flips(c):
        return [round((t - c.x_us) / 1000.0, 3) for t, _ in c.toggles]

    return Press(
        round(offset_ms + press.x_us / 1000.0, 3),
        round(offset_ms + release.x_us / 1000.0, 3),
        flips(press),
        flips(release),
    )


def switch_scripts(units=SWITCH_UNITS):
    """The bouncy-switch family: one script per bounce shape of
    tests/bounce_traces.py, each `units` of its repress_trace (a press held long, its release,
    a fast re-press 2-40 ms after the release's bounce ended, spread evenly over that range,
    its release), 150-350 ms of idle between units. Only units the generator labels in
    contract are kept: a re-press settled for less than 2 ms (0-2 ms of 0-40 ms), or for no
    longer than a gap of a bounce, is no press any debouncer can promise to see, so the next
    seed is drawn instead (the count is in the script's description). The truth is the X the
    generator placed for each press; seeded, so every run is the same."""
    out = []
    for k, shape in enumerate(bounce_traces.SHAPES):
        rng = random.Random(2200 + k)
        presses, t, seed, skipped, settled = [], 0.0, 22_000 + 1000 * k, 0, []
        for i in range(units):
            # The re-presses spread evenly over the contract's part of 0-40 ms (2-40 ms).
            lo = QUIET_MS + i * (40.0 - QUIET_MS) / units
            after_us = int(1000 * rng.uniform(lo, lo + (40.0 - QUIET_MS) / units))
            while True:
                tr = bounce_traces.repress_trace(seed, shape=shape, after_us=after_us)
                seed += 1
                if tr.in_contract():
                    break
                skipped += 1
            p1, r1, p2, r2 = tr.changes
            presses += [_press_of(p1, r1, t), _press_of(p2, r2, t)]
            settled.append(p2.settled_us / 1000.0)
            t += tr.end_us / 1000.0 + rng.uniform(150, 350)
        bounces = [len(p.bounce_down) + len(p.bounce_up) for p in presses]
        out.append(
            Script(
                "switch: %s" % shape,
                "bouncy switch, bounce shape %s: %d units of bounce_traces.repress_trace "
                "(seeds %d.., %d drawn outside the contract skipped), %d presses, re-presses "
                "%.1f-%.1f ms after the release's bounce, %d bounce flips in all"
                % (
                    shape,
                    units,
                    22_000 + 1000 * k,
                    skipped,
                    len(presses),
                    min(settled),
                    max(settled),
                    sum(bounces),
                ),
                presses,
                presses[-1].up + SWITCH_TAIL_MS,
                family=SWITCH_FAMILY,
            )
        )
    return out


def storm_script():
    """Taps set a 100 ms blink; the line is calm for 1 s (the reference window), two more
    taps 100 ms apart, then, on the next beat, 1 s of 10 kHz chatter (a level change every
    100 us, 10,000 edges) starting with a press-like edge: a contender that keeps the beat
    keeps blinking every 100 ms. Then calm."""
    p = [Press(i * 100.0, i * 100.0 + 40) for i in range(3)]
    p += [Press(1300.0, 1340.0), Press(1400.0, 1440.0)]
    p.append(Press(STORM[0], STORM[0] + STORM[2]))  # the storm's first edge, on the beat
    return Script(
        "storm",
        "10 kHz chatter for 1 s while the LED blinks every 100 ms",
        p,
        4500.0,
        storm=STORM,
        reference=(250.0, 1250.0),
    )


STORM = (1500.0, 2500.0, 0.1)  # from, to, ms between edges
STORM_HALF_MS = 100.0
# Whole-script shifts: across a 40 ms poll (0-35 ms), and across the ticks_ms quantum.
PHASES_MS = (0, 7, 14, 21, 28, 35, 0.1, 0.3, 0.5, 0.7, 0.9)
# The quiet that separates two contact changes (debounce_core.h DEBOUNCE_QUIET_US): a re-press
# sooner than this after the release's bounce is that bounce, for any debouncer.
REPRESS_QUIET_MS = 2.0

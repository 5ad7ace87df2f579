"""Timing bounds for the firmware in rp2040js, stated once, with what each one rests on.

Emulator time is exact for one UF2 but moves with code layout (a 6-byte longer version string
moved blink toggles by 0.8 ms; a real RP2040's XIP cache does the same). So no tolerance in the
emulator tiers is fitted to one build's numbers. Each is either derived by the test from what
the same run measured (the longest GC pause: test_reliability_gc_chatter.py), or is one of the
stated bounds below, at least twice the worst seen over the default build and layout-shifted
builds (`make test-layout` runs both tiers again on a shifted UF2; the tests print what they
see, so the margin can be read in any run with -s).
"""

# asyncio sleeps in whole ticks_ms: a sleep due at millisecond d ends in [d, d + 1).
TICK_MS = 1.0

# From the tick (or a press's interrupt) to the task's pin write: the scheduler's wake-up, a
# poll of the flag, a task switch, a queue hand-over. Worst seen on the default build and on
# builds shifted by 6 and 64 bytes (identical there): 0.35 ms past the tick for a timer
# toggle, 0.95 ms from a press to the LED showing it at once.
WAKE_MS = 1.0

# One LED change against its ideal time (and one half-period against its ideal length): a
# tick plus a wake, with 2x margin (worst seen 0.95 ms). The smallest thing the demo tests
# tell apart is a toggle a quarter-period early or a half-period late (tens of ms).
LED_TOL_MS = 2 * (TICK_MS + WAKE_MS)

# A press that the demo shows "at once": its IRQ, the button task and the blink task, with 2x
# margin (worst seen 0.95 ms). Nothing waits for a tick in between, so no TICK_MS.
AT_ONCE_MS = 2 * WAKE_MS

# An edge's interrupt timestamp (ticks_us) after the edge itself. Measured 4-5 us, also with
# gc.collect() running and 10 kHz chatter; published rp2 hard-IRQ latency is
# 20-25 us typically (MicroPython issue 6957). 50 us is twice the published typical bound.
IRQ_LATENCY_US = 50

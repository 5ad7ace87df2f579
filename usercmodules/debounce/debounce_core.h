// The debounce core: an edge-filter state machine and a fixed-size event ring.
//
// Pure C99 with no MicroPython or pico-sdk headers, so it is compiled and tested natively
// (tests/core/) and fuzzed (tools/fuzz.sh) exactly as it runs on the board.
//
// The contract (docs/contracts.md, "Debounce semantics", in the same words). W is the window
// (debounce_ms). A contact change at time X is followed by a bounce of length B: the line
// toggles during (X, X+B] and ends at the new level. The settled period before a change is
// the time from the end of the previous bounce to X. For every trace where
//   - every bounce is shorter than W,
//   - every settled period is at least 2 ms and longer than every gap inside the bounce that
//     follows it, and
//   - each change's new level holds for at least W after X, unless the change started from
//     idle (more than W after the previous change's settling),
// every change is reported exactly once, in order, stamped with the IRQ's ticks at X, and
// nothing else is reported. A line that never settles reports nothing while it chatters.
//
// The rule that meets it:
// - Idle: an edge whose level differs from the state is a change that began there: an event
//   stamped with that edge, the state flips, and its window of W starts at that edge. An edge
//   whose level equals the state (out and back within the IRQ latency) is ignored.
// - In a window, edges are only remembered. The next change, if one has begun, began at the
//   edge where the line left the state's level after its longest settled period there (a
//   departure), unless the line has since stayed away from that level at least as long: that
//   was a pulse of the bounce, not a settled period (the change's own gaps are shorter).
// - The window ends W after its event's first edge. If a next change has begun, it is decided
//   when its own bounce must be over: W after its first edge, or sooner once the line has
//   been quiet longer than the settled period before it. If the line is still moving and no
//   change is open, it is looked at again a window later. Once decided: if the level differs
//   from the state, an event stamped with that change's first edge, and its window runs on
//   to W after that edge; else idle.
// - window_ms == 0: every level change is an event and no window is ever started.
// - The ring holds `max_events` events; when full the NEWEST event is dropped and counted.
// O(1) per call, no allocation. The caller serialises calls (the binding wraps them in a
// critical section).
#ifndef TAPBLINK_DEBOUNCE_CORE_H
#define TAPBLINK_DEBOUNCE_CORE_H

#include <stdbool.h>
#include <stdint.h>

// MicroPython's ticks period is 2**30: values handed to Python stay below it.
#define DEBOUNCE_TICKS_MASK ((uint32_t)0x3fffffff)

#define DEBOUNCE_RELEASE (0)
#define DEBOUNCE_PRESS (1)

#define DEBOUNCE_WINDOW_MAX_MS (1000)

// The shortest settled period the contract promises to see (ticks_us): a line quiet for less
// is still moving, and a level read then is a coin toss.
#define DEBOUNCE_QUIET_US (2000)
// The largest ring a Button may ask for (its max_events).
#define DEBOUNCE_MAX_EVENTS (1024)

// Bits returned by debounce_edge() and debounce_window_end(): what the caller must do next.
#define DEBOUNCE_QUEUED (1) // an event was stored: wake the consumer (set the flag)
#define DEBOUNCE_ARM (2)    // (re)start the one-shot timer for debounce_wait_us()

typedef struct _debounce_event_t {
    uint32_t ms;  // ticks_ms of the edge, masked with DEBOUNCE_TICKS_MASK
    uint32_t us;  // ticks_us of the edge, masked with DEBOUNCE_TICKS_MASK
    uint8_t kind; // DEBOUNCE_PRESS or DEBOUNCE_RELEASE
} debounce_event_t;

// Fields are the core's: callers use the functions below. The ones every edge reads come
// first: the Cortex-M0+ loads a byte at offsets up to 31 (a word up to 124) in one instruction.
typedef struct _debounce_t {
    uint8_t in_window;
    uint8_t state;            // debounced state: 1 pressed, 0 released
    uint8_t level;            // the level the last edge's IRQ read
    uint8_t has_next;         // a next change has begun in the window (next_*)
    uint32_t last_us;         // the last edge seen in the window
    uint32_t start_us;        // the first edge of the change the window is for
    uint32_t window_us;       // window_ms in us, the unit of every comparison
    uint32_t next_us;         // the first edge of the next change, when one has begun
    uint32_t next_settled_us; // how long the line had been settled before it
    uint32_t next_ms;
    uint32_t wait_us;       // with DEBOUNCE_ARM: how long the caller's timer must run
    debounce_event_t *ring; // max_events entries, owned by the caller
    uint16_t max_events;
    uint32_t head;  // index of the oldest queued event
    uint32_t count; // queued events
    uint16_t window_ms;
    uint32_t overflows; // events dropped because the ring was full
} debounce_t;

// In every call `pressed` is a level the caller read: exactly 1 (pressed) or 0, not normalised
// here. The binding's are: debounce_port_pin_read() (0 or 1) ^ active_low.

// Start released or pressed (`pressed`, the level read at construction) with an empty ring.
// max_events (the ring's size: `ring` holds that many) must be 1..DEBOUNCE_MAX_EVENTS (0 is
// taken as 1) and window_ms 0..DEBOUNCE_WINDOW_MAX_MS: the caller checks them (the binding
// raises ValueError), the core does not clamp them.
void debounce_init(
    debounce_t *d, debounce_event_t *ring, uint16_t max_events, uint16_t window_ms, int pressed);

// An edge happened at (ms, us); `pressed` is the level read now.
unsigned debounce_edge(debounce_t *d, int pressed, uint32_t ms, uint32_t us);

// The timer expired at now_us (ticks_us, same clock as the edges' us); `pressed` is the level
// read now.
unsigned debounce_window_end(debounce_t *d, int pressed, uint32_t now_us);

// The timer could not be armed: end the window now whatever the line does (no debounce for
// this change) rather than stay in it forever. Never returns DEBOUNCE_ARM.
unsigned debounce_window_abort(debounce_t *d, int pressed);

// Pop the oldest event into *ev; false when the ring is empty.
bool debounce_get(debounce_t *d, debounce_event_t *ev);

static inline unsigned debounce_count(const debounce_t *d) {
    return d->count;
}

static inline int debounce_state(const debounce_t *d) {
    return d->state;
}

static inline unsigned debounce_window_ms(const debounce_t *d) {
    return d->window_ms;
}

// With DEBOUNCE_ARM: the timer's length in us (1..window_ms * 1000): it must not ring sooner.
static inline uint32_t debounce_wait_us(const debounce_t *d) {
    return d->wait_us;
}

// The same rounded up to whole ms (1..window_ms), for a timer counted in ms from now.
static inline unsigned debounce_wait_ms(const debounce_t *d) {
    return (d->wait_us + 999) / 1000;
}

static inline uint32_t debounce_overflows(const debounce_t *d) {
    return d->overflows;
}

#endif // TAPBLINK_DEBOUNCE_CORE_H

// The debounce core: an edge-filter state machine and a fixed-size event ring.
//
// Pure C99 with no MicroPython or pico-sdk headers, so it is compiled and tested natively
// (tests/core/) and fuzzed (tools/fuzz.sh) exactly as it runs on the board.
//
// Semantics (docs/contracts.md, "Debounce semantics"). A burst is a run of edges less than
// DEBOUNCE_QUIET_US apart; its first edge is the first edge after the line was quiet, the
// moment a contact change began. Every event is stamped with the first edge of its burst.
// - Idle: an edge whose level differs from the debounced state gives an event stamped with
//   that edge's time, the state flips and a window of window_ms starts. An edge whose level
//   equals the state (a glitch shorter than the IRQ latency, both edges latched) is ignored.
// - In a window, edges are only remembered: the last one, and the first one of the current
//   burst (an edge at least DEBOUNCE_QUIET_US after the edge before it starts a burst).
// - Window end: if the last edge is younger than DEBOUNCE_QUIET_US, the line is still moving,
//   and if the level now is not the one the last edge's IRQ read, an edge's IRQ is pending:
//   either way it is not sampled, the window restarts (ARM, no event). Else if the level
//   differs from the state, an event stamped with the first edge of the last burst is
//   queued, the state flips and a new window starts. Else idle.
// - window_ms == 0: every level change is an event and no window is ever started.
// - The ring holds `max_events` events; when full the NEWEST event is dropped and counted.
// The caller serialises calls (the binding wraps them in a critical section).
#ifndef TAPBLINK_DEBOUNCE_CORE_H
#define TAPBLINK_DEBOUNCE_CORE_H

#include <stdbool.h>
#include <stdint.h>

// MicroPython's ticks period is 2**30: values handed to Python stay below it.
#define DEBOUNCE_TICKS_MASK ((uint32_t)0x3fffffff)

#define DEBOUNCE_RELEASE (0)
#define DEBOUNCE_PRESS (1)

#define DEBOUNCE_WINDOW_MAX_MS (1000)

// Quiet time (ticks_us) that separates two contact changes: edges closer than this are one
// burst (bounce, chatter). At a window's end the line must have been quiet this long to be
// sampled: a level read in the middle of a burst is a coin toss.
#define DEBOUNCE_QUIET_US (2000)
// The largest ring a Button may ask for (its max_events).
#define DEBOUNCE_MAX_EVENTS (1024)

// Bits returned by debounce_edge() and debounce_window_end(): what the caller must do next.
#define DEBOUNCE_QUEUED (1) // an event was stored: wake the consumer (set the flag)
#define DEBOUNCE_ARM (2)    // (re)start the one-shot window timer for window_ms

typedef struct _debounce_event_t {
    uint32_t ms;  // ticks_ms of the edge, masked with DEBOUNCE_TICKS_MASK
    uint32_t us;  // ticks_us of the edge, masked with DEBOUNCE_TICKS_MASK
    uint8_t kind; // DEBOUNCE_PRESS or DEBOUNCE_RELEASE
} debounce_event_t;

// Fields are the core's: callers use the functions below.
typedef struct _debounce_t {
    debounce_event_t *ring; // max_events entries, owned by the caller
    uint16_t max_events;
    uint16_t head;  // index of the oldest queued event
    uint16_t count; // queued events
    uint16_t window_ms;
    uint32_t overflows; // events dropped because the ring was full
    uint32_t last_us;   // last edge seen in the current window
    uint32_t first_ms;  // first edge of the current burst in the window
    uint32_t first_us;
    uint8_t state; // debounced state: 1 pressed, 0 released
    uint8_t level; // the level the last edge's IRQ read
    uint8_t in_window;
} debounce_t;

// Start released or pressed (`pressed`, the level read at construction) with an empty ring.
// max_events (the ring's size) must be 1..DEBOUNCE_MAX_EVENTS and window_ms
// 0..DEBOUNCE_WINDOW_MAX_MS (the binding checks them; the core clamps so that it stays
// memory-safe whatever it is given).
void debounce_init(
    debounce_t *d, debounce_event_t *ring, uint16_t max_events, uint16_t window_ms, int pressed);

// An edge happened at (ms, us); `pressed` is the level read now (1 pressed, 0 released).
unsigned debounce_edge(debounce_t *d, int pressed, uint32_t ms, uint32_t us);

// The window timer expired at now_us (ticks_us, same clock as the edges' us); `pressed` is
// the level read now.
unsigned debounce_window_end(debounce_t *d, int pressed, uint32_t now_us);

// The window timer could not be armed: end the window now whatever the line does (no
// debounce for this edge) rather than stay in it forever. Returns what debounce_window_end()
// would for a quiet line, without ARM: the caller has no timer to arm.
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

static inline uint32_t debounce_overflows(const debounce_t *d) {
    return d->overflows;
}

#endif // TAPBLINK_DEBOUNCE_CORE_H

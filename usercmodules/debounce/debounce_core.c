// The debounce core (see debounce_core.h for the semantics). No allocation, no library calls:
// it runs inside the GPIO IRQ on the board.
#include "debounce_core.h"

void debounce_init(
    debounce_t *d, debounce_event_t *ring, uint16_t depth, uint16_t window_ms, int pressed) {
    d->ring = ring;
    // Clamp rather than trust: the binding validates, but the fuzzer calls this directly.
    d->depth = depth == 0 ? 1 : depth > DEBOUNCE_DEPTH_MAX ? DEBOUNCE_DEPTH_MAX : depth;
    d->window_ms = window_ms > DEBOUNCE_WINDOW_MAX_MS ? DEBOUNCE_WINDOW_MAX_MS : window_ms;
    d->head = 0;
    d->count = 0;
    d->overflows = 0;
    d->last_ms = 0;
    d->last_us = 0;
    d->state = pressed != 0;
    d->in_window = 0;
}

// Queue an event (or count it as dropped), flip the state and say what the caller must do.
static unsigned emit(debounce_t *d, uint32_t ms, uint32_t us) {
    unsigned todo = 0;
    d->state ^= 1;
    if (d->count < d->depth) {
        unsigned tail = d->head + d->count;
        if (tail >= d->depth) {
            tail -= d->depth;
        }
        debounce_event_t *ev = &d->ring[tail];
        ev->ms = ms & DEBOUNCE_TICKS_MASK;
        ev->us = us & DEBOUNCE_TICKS_MASK;
        ev->kind = d->state;
        d->count += 1;
        todo = DEBOUNCE_QUEUED;
    } else {
        d->overflows += 1;
    }
    if (d->window_ms != 0) {
        // The level just changed: ignore what it does for the next window_ms.
        d->in_window = 1;
        d->last_ms = ms;
        d->last_us = us;
        todo |= DEBOUNCE_ARM;
    }
    return todo;
}

unsigned debounce_edge(debounce_t *d, int pressed, uint32_t ms, uint32_t us) {
    if (d->in_window) {
        d->last_ms = ms;
        d->last_us = us;
        return 0;
    }
    if ((pressed != 0) == d->state) {
        // Out and back before we could look: too short to be a real press or release.
        return 0;
    }
    return emit(d, ms, us);
}

unsigned debounce_window_end(debounce_t *d, int pressed, uint32_t now_us) {
    if (!d->in_window) {
        return 0;
    }
    if (((now_us - d->last_us) & DEBOUNCE_TICKS_MASK) < DEBOUNCE_QUIET_US) {
        // Still chattering: a level read now is random. Wait a whole window more; the edge
        // that will be reported (if any) is still the last one seen.
        return DEBOUNCE_ARM;
    }
    d->in_window = 0;
    if ((pressed != 0) == d->state) {
        return 0;
    }
    // The level settled on the other side during the window (a tap shorter than the window,
    // or a release whose bounce we ignored): the last edge seen is when it got there.
    return emit(d, d->last_ms, d->last_us);
}

bool debounce_get(debounce_t *d, debounce_event_t *ev) {
    if (d->count == 0) {
        return false;
    }
    *ev = d->ring[d->head];
    d->head = d->head + 1 == d->depth ? 0 : d->head + 1;
    d->count -= 1;
    return true;
}

// The debounce core (see debounce_core.h for the semantics). No allocation, no library calls:
// it runs inside the GPIO IRQ on the board.
#include "debounce_core.h"

void debounce_init(
    debounce_t *d, debounce_event_t *ring, uint16_t max_events, uint16_t window_ms, int pressed) {
    d->ring = ring;
    // Clamp rather than trust: the binding validates, but the fuzzer calls this directly.
    if (max_events == 0) {
        max_events = 1;
    } else if (max_events > DEBOUNCE_MAX_EVENTS) {
        max_events = DEBOUNCE_MAX_EVENTS;
    }
    d->max_events = max_events;
    d->window_ms = window_ms > DEBOUNCE_WINDOW_MAX_MS ? DEBOUNCE_WINDOW_MAX_MS : window_ms;
    d->head = 0;
    d->count = 0;
    d->overflows = 0;
    d->last_us = 0;
    d->first_ms = 0;
    d->first_us = 0;
    d->state = pressed != 0;
    d->level = d->state;
    d->in_window = 0;
}

// Queue an event stamped (ms, us), or count it as dropped, and flip the state.
static unsigned emit(debounce_t *d, uint32_t ms, uint32_t us) {
    d->state ^= 1;
    if (d->count == d->max_events) {
        d->overflows += 1;
        return 0;
    }
    unsigned tail = d->head + d->count;
    if (tail >= d->max_events) {
        tail -= d->max_events;
    }
    debounce_event_t *ev = &d->ring[tail];
    ev->ms = ms & DEBOUNCE_TICKS_MASK;
    ev->us = us & DEBOUNCE_TICKS_MASK;
    ev->kind = d->state;
    d->count += 1;
    return DEBOUNCE_QUEUED;
}

// The level just changed: ignore what it does for the next window_ms.
static unsigned start_window(debounce_t *d) {
    if (d->window_ms == 0) {
        return 0;
    }
    d->in_window = 1;
    return DEBOUNCE_ARM;
}

unsigned debounce_edge(debounce_t *d, int pressed, uint32_t ms, uint32_t us) {
    if (d->in_window) {
        if (((us - d->last_us) & DEBOUNCE_TICKS_MASK) >= DEBOUNCE_QUIET_US) {
            // The line was quiet before this edge: a new contact change may begin here.
            d->first_ms = ms;
            d->first_us = us;
        }
        d->last_us = us;
        d->level = pressed != 0;
        return 0;
    }
    if ((pressed != 0) == d->state) {
        // Out and back before we could look: too short to be a real press or release.
        return 0;
    }
    // Idle means the line was quiet (the last window ended on a quiet line): this edge is the
    // first of its burst.
    d->last_us = us;
    d->first_ms = ms;
    d->first_us = us;
    d->level = pressed != 0;
    return emit(d, ms, us) | start_window(d);
}

unsigned debounce_window_abort(debounce_t *d, int pressed) {
    if (!d->in_window) {
        return 0;
    }
    d->in_window = 0;
    if ((pressed != 0) == d->state) {
        return 0;
    }
    // The level settled on the other side during the window (a tap shorter than the window, a
    // press that began in the previous release's window): it got there with the last burst.
    return emit(d, d->first_ms, d->first_us);
}

unsigned debounce_window_end(debounce_t *d, int pressed, uint32_t now_us) {
    if (d->in_window && (((now_us - d->last_us) & DEBOUNCE_TICKS_MASK) < DEBOUNCE_QUIET_US ||
                            (pressed != 0) != d->level)) {
        // Still moving: a level read now is random. Or the level is not the one the last IRQ
        // read: an edge came and its IRQ is still pending (this timer ran first), and it will
        // tell when it began. Wait a whole window more.
        return DEBOUNCE_ARM;
    }
    uint8_t state = d->state;
    unsigned todo = debounce_window_abort(d, pressed);
    // An event (queued or dropped) starts a new window, as at an idle edge.
    return d->state != state ? todo | start_window(d) : todo;
}

bool debounce_get(debounce_t *d, debounce_event_t *ev) {
    if (d->count == 0) {
        return false;
    }
    *ev = d->ring[d->head];
    d->head = d->head + 1 == d->max_events ? 0 : d->head + 1;
    d->count -= 1;
    return true;
}

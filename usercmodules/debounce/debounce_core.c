// The debounce core (see debounce_core.h for the contract and the rule). No allocation, no
// library calls: it runs inside the GPIO IRQ on the board.
#include "debounce_core.h"

#define US_PER_MS (1000)

static uint32_t elapsed_us(uint32_t now, uint32_t then) {
    return (now - then) & DEBOUNCE_TICKS_MASK;
}

void debounce_init(
    debounce_t *d, debounce_event_t *ring, uint16_t max_events, uint16_t window_ms, int pressed) {
    *d = (debounce_t){.ring = ring};
    d->state = d->level = (uint8_t)pressed;
    // A ring of none would drop every event: take it as one (the binding asks for 1..).
    if (max_events == 0) {
        max_events = 1;
    }
    d->max_events = max_events;
    d->window_ms = window_ms;
    d->window_us = (uint32_t)window_ms * US_PER_MS;
}

// Ask for the timer in `us` (the caller rounds it up to its clock: never early).
static unsigned wait(debounce_t *d, uint32_t us) {
    d->wait_us = us;
    return DEBOUNCE_ARM;
}

// Report the change that began at (ms, us): queue its event, or count it as dropped when the
// ring is full, flip the state, and run its window `left_us` more (none when 0).
static unsigned report(debounce_t *d, uint32_t ms, uint32_t us, uint32_t left_us) {
    unsigned todo = 0;
    d->state ^= 1;
    if (d->count == d->max_events) {
        d->overflows += 1;
    } else {
        unsigned tail = d->head + d->count;
        if (tail >= d->max_events) {
            tail -= d->max_events;
        }
        debounce_event_t *ev = &d->ring[tail];
        ev->ms = ms & DEBOUNCE_TICKS_MASK;
        ev->us = us & DEBOUNCE_TICKS_MASK;
        ev->kind = d->state;
        d->count += 1;
        todo = DEBOUNCE_QUEUED;
    }
    d->start_us = us;
    d->has_next = 0;
    d->in_window = left_us != 0;
    return d->in_window ? todo | wait(d, left_us) : todo;
}

// The window is over with the line at `pressed`: if it is away from the state, the change
// began at the departure found, and its window runs `left_us` more; else idle. A level the
// last edge's IRQ read away from the state always has a departure on record; without one
// (an abort's fresh read) the line left after that IRQ and the next one is pending: idle now,
// that edge reports the change itself.
static unsigned settle(debounce_t *d, int pressed, uint32_t left_us) {
    if (!d->in_window) {
        return 0;
    }
    d->in_window = 0;
    if (pressed == d->state || !d->has_next) {
        return 0;
    }
    return report(d, d->next_ms, d->next_us, left_us);
}

// The next change's first edge was `age` us ago: how long until its bounce must be over.
static uint32_t open_for(const debounce_t *d, uint32_t age) {
    return d->has_next && age < d->window_us ? d->window_us - age : 0;
}

unsigned debounce_edge(debounce_t *d, int pressed, uint32_t ms, uint32_t us) {
    unsigned todo = 0;
    uint32_t gap = elapsed_us(us, d->last_us);
    int was = d->level;
    d->last_us = us;
    d->level = pressed;
    if (d->in_window) {
        if (gap < DEBOUNCE_QUIET_US || elapsed_us(us, d->start_us) < d->window_us ||
            open_for(d, elapsed_us(us, d->next_us))) {
            // In the window: the edge is only remembered.
            if (was != d->state) {
                // The interval ending here was spent away from the state's level. As long as
                // the next change's settled period, it was no gap of that change's bounce.
                if (gap >= d->next_settled_us) {
                    d->has_next = 0;
                }
                if (pressed == d->state) {
                    return 0;
                }
                gap = 0; // both edges of a pulse latched: it leaves again at once
            }
            // The line leaves the state's level here: the next change began here if the line
            // had been settled longer than before the departure found so far (a later one on
            // a tie).
            if (!d->has_next || gap >= d->next_settled_us) {
                d->has_next = 1;
                d->next_ms = ms;
                d->next_us = us;
                d->next_settled_us = gap;
            }
            return 0;
        }
        // The window's time is over and the line was quiet before this edge, but the timer
        // (armed in whole ms, so up to a ms late) has not run yet: decide as it would have,
        // so that this edge, which may begin the next change, is seen as idle's.
        todo = settle(d, was, 0);
    }
    if (pressed == d->state) {
        // Out and back before we could look: too short to be a real press or release.
        return todo;
    }
    // Idle means the line had settled: this edge is where the change began.
    return todo | report(d, ms, us, d->window_us);
}

unsigned debounce_window_abort(debounce_t *d, int pressed) {
    // No debounce for this change: on the other side now, it began at the departure found.
    return settle(d, pressed, 0);
}

unsigned debounce_window_end(debounce_t *d, int pressed, uint32_t now_us) {
    if (!d->in_window) {
        return 0;
    }
    if (pressed != d->level) {
        // Not the level the last IRQ read: an edge came and its IRQ is still pending (this
        // timer ran first). It will tell when it began; look again just after it.
        return wait(d, 1);
    }
    // Decide what the window was waiting for.
    uint32_t quiet = elapsed_us(now_us, d->last_us);
    uint32_t left = open_for(d, elapsed_us(now_us, d->next_us));
    if (left && (quiet < DEBOUNCE_QUIET_US || quiet < d->next_settled_us)) {
        // A change has begun and its bounce may not be over: that is certain W after its
        // first edge, or once the line has been quiet as long as it had been settled before.
        if (quiet >= DEBOUNCE_QUIET_US && d->next_settled_us - quiet < left) {
            left = d->next_settled_us - quiet;
        }
        return wait(d, left);
    }
    if (quiet < DEBOUNCE_QUIET_US) {
        // Still moving, and no change's bounce can explain it: chatter. A window more.
        return wait(d, d->window_us);
    }
    // The change is decided: stamped with its first edge, its window runs on from there.
    return settle(d, d->level, left);
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

// libFuzzer target for the debounce core (tools/fuzz.sh builds and runs it).
//
// The input is a configuration followed by a stream of operations (edges with arbitrary
// levels and timestamps, window ends at arbitrary times, gets, re-inits). ASan/UBSan catch
// memory and undefined-behaviour errors; the checks below abort on any broken invariant of
// the contract.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "debounce_core.h"

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

typedef struct {
    const uint8_t *p;
    size_t n;
} input_t;

static uint32_t take(input_t *in, unsigned bytes) {
    uint32_t v = 0;
    while (bytes-- && in->n) {
        v = (v << 8) | *in->p++;
        in->n--;
    }
    return v;
}

// What a checker knows from outside: every emitted event flips the state, and a stored event
// is the new state; with no drop since init, stored kinds alternate.
typedef struct {
    debounce_t d;
    debounce_event_t *ring;
    unsigned max_events;
    int last_kind;  // kind of the newest event popped or expected next, -1 unknown
    uint32_t flips; // events emitted since init (stored + dropped)
    uint32_t popped;
    int aborted; // the operation being checked is a window abort
} harness_t;

static void start(harness_t *h, input_t *in) {
    free(h->ring);
    // The ring size asked for: usually small (so the ring fills), sometimes anything up to
    // 65535 (clamped).
    uint32_t asked = take(in, 1);
    if (asked == 255) {
        asked = take(in, 2);
    }
    uint32_t window = take(in, 2);
    int pressed = (int)(take(in, 1) & 1);
    unsigned real = asked == 0 ? 1 : asked > DEBOUNCE_MAX_EVENTS ? DEBOUNCE_MAX_EVENTS : asked;
    h->ring = malloc(sizeof(*h->ring) * real);
    CHECK(h->ring != NULL);
    debounce_init(&h->d, h->ring, (uint16_t)asked, (uint16_t)window, pressed);
    h->max_events = real;
    CHECK(h->d.max_events == real);
    CHECK(h->d.window_ms <= DEBOUNCE_WINDOW_MAX_MS);
    CHECK(h->d.state == (uint8_t)pressed && debounce_count(&h->d) == 0 && h->d.overflows == 0);
    h->last_kind = pressed;
    h->flips = 0;
    h->popped = 0;
}

static void after(harness_t *h, const debounce_t *before, unsigned todo) {
    const debounce_t *d = &h->d;
    CHECK(debounce_count(d) <= h->max_events);
    CHECK((todo & ~(unsigned)(DEBOUNCE_QUEUED | DEBOUNCE_ARM)) == 0);
    int flipped = d->state != before->state;
    if (flipped) {
        h->flips++;
        // Either stored (count+1, QUEUED) or dropped (overflows+1, ring was full).
        if (todo & DEBOUNCE_QUEUED) {
            CHECK(debounce_count(d) == debounce_count(before) + 1);
            CHECK(d->overflows == before->overflows);
        } else {
            CHECK(debounce_count(before) == h->max_events);
            CHECK(d->overflows == before->overflows + 1);
        }
        // A window follows every event unless the window is 0 (or could not be armed).
        CHECK(((todo & DEBOUNCE_ARM) != 0) == (d->window_ms != 0 && !h->aborted));
        CHECK(d->in_window == (d->window_ms != 0 && !h->aborted));
    } else {
        // Nothing, or a window restarted because the line was still moving.
        CHECK(todo == 0 || (todo == DEBOUNCE_ARM && before->in_window && d->in_window));
        CHECK(debounce_count(d) == debounce_count(before));
        CHECK(d->overflows == before->overflows);
    }
    CHECK(h->flips == h->popped + debounce_count(d) + d->overflows);
}

// An event queued at a window's end carries the first edge of the last burst.
static void check_stamp(harness_t *h, const debounce_t *before) {
    const debounce_t *d = &h->d;
    if (d->state != before->state && debounce_count(d) > debounce_count(before)) {
        unsigned tail = d->head + debounce_count(d) - 1;
        const debounce_event_t *ev = &d->ring[tail >= d->max_events ? tail - d->max_events : tail];
        CHECK(ev->ms == (before->first_ms & DEBOUNCE_TICKS_MASK));
        CHECK(ev->us == (before->first_us & DEBOUNCE_TICKS_MASK));
        CHECK(ev->kind == d->state);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    input_t in = {data, size};
    harness_t h = {0};
    start(&h, &in);
    uint32_t ms = take(&in, 4), us = take(&in, 4);
    while (in.n) {
        uint8_t op = (uint8_t)take(&in, 1);
        int level = (op >> 2) & 1;
        debounce_t before = h.d;
        unsigned todo;
        switch (op & 3) {
            case 0: // edge, time moves forward by a fuzzed step (wrapping, as ticks do)
                ms += take(&in, 1);
                us += take(&in, 2);
                todo = debounce_edge(&h.d, level, ms, us);
                if (!before.in_window && level == before.state) {
                    CHECK(todo == 0 && h.d.state == before.state);
                }
                if (before.in_window) {
                    // Only remembered: the last edge, its level, and a burst begins here
                    // exactly when the line was quiet before it.
                    CHECK(todo == 0 && h.d.last_us == us && h.d.level == level);
                    if (((us - before.last_us) & DEBOUNCE_TICKS_MASK) >= DEBOUNCE_QUIET_US) {
                        CHECK(h.d.first_ms == ms && h.d.first_us == us);
                    } else {
                        CHECK(h.d.first_ms == before.first_ms && h.d.first_us == before.first_us);
                    }
                } else if (level != before.state) {
                    // Idle: the event carries this edge, which begins a burst.
                    CHECK(h.d.first_ms == ms && h.d.first_us == us && h.d.last_us == us);
                }
                after(&h, &before, todo);
                break;
            case 1: // window end at a fuzzed time after the last edge (wrapping)
                us += take(&in, 2);
                todo = debounce_window_end(&h.d, level, us);
                if (!before.in_window) {
                    CHECK(todo == 0 && h.d.state == before.state);
                } else if (((us - before.last_us) & DEBOUNCE_TICKS_MASK) < DEBOUNCE_QUIET_US ||
                           level != before.level) {
                    // Still moving, or an edge's IRQ pending: no sample, the window restarts,
                    // what it remembers is kept.
                    CHECK(todo == DEBOUNCE_ARM && h.d.state == before.state && h.d.in_window);
                    CHECK(h.d.last_us == before.last_us && h.d.first_us == before.first_us);
                } else {
                    CHECK(h.d.state == (uint8_t)level);
                    check_stamp(&h, &before);
                }
                after(&h, &before, todo);
                break;
            case 3: // the port could not arm the timer: the window ends now, no timer asked for
                if (!(op & 8)) {
                    goto reinit;
                }
                todo = debounce_window_abort(&h.d, level);
                h.aborted = 1;
                CHECK((todo & DEBOUNCE_ARM) == 0 && !h.d.in_window);
                if (before.in_window) {
                    CHECK(h.d.state == (uint8_t)level);
                    check_stamp(&h, &before);
                } else {
                    CHECK(todo == 0 && h.d.state == before.state);
                }
                after(&h, &before, todo);
                h.aborted = 0;
                break;
            case 2: { // get
                debounce_event_t ev;
                bool got = debounce_get(&h.d, &ev);
                CHECK(got == (debounce_count(&before) != 0));
                if (got) {
                    h.popped++;
                    CHECK(ev.kind == DEBOUNCE_PRESS || ev.kind == DEBOUNCE_RELEASE);
                    CHECK(
                        (ev.ms & ~DEBOUNCE_TICKS_MASK) == 0 && (ev.us & ~DEBOUNCE_TICKS_MASK) == 0);
                    if (h.d.overflows == 0) {
                        // Nothing dropped: presses and releases alternate.
                        CHECK(ev.kind != h.last_kind);
                    }
                    h.last_kind = ev.kind;
                    CHECK(debounce_count(&h.d) == debounce_count(&before) - 1);
                }
                CHECK(h.flips == h.popped + debounce_count(&h.d) + h.d.overflows);
                break;
            }
            default: // re-init with new parameters
            reinit:
                if (level) {
                    start(&h, &in);
                }
                break;
        }
    }
    free(h.ring);
    return 0;
}

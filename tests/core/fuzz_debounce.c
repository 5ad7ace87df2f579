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
} harness_t;

static void start(harness_t *h, input_t *in) {
    free(h->ring);
    // The ring size asked for: usually small (so the ring fills), sometimes anything up to
    // 65535; and a window up to 65535 ms. Above their maxima the caller must refuse them (the
    // binding raises ValueError; the core does not clamp): cut down here, as the binding's
    // ranges allow. 0 is passed on, the core takes it as a ring of one.
    uint32_t asked = take(in, 1);
    if (asked == 255) {
        asked = take(in, 2);
    }
    if (asked > DEBOUNCE_MAX_EVENTS) {
        asked = DEBOUNCE_MAX_EVENTS;
    }
    uint32_t window = take(in, 2);
    if (window > DEBOUNCE_WINDOW_MAX_MS) {
        window = DEBOUNCE_WINDOW_MAX_MS;
    }
    int pressed = (int)(take(in, 1) & 1);
    unsigned real = asked == 0 ? 1 : asked;
    h->ring = malloc(sizeof(*h->ring) * real);
    CHECK(h->ring != NULL);
    debounce_init(&h->d, h->ring, (uint16_t)asked, (uint16_t)window, pressed);
    h->max_events = real;
    CHECK(h->d.max_events == real && h->d.window_ms == window);
    CHECK(h->d.state == (uint8_t)pressed && debounce_count(&h->d) == 0 && h->d.overflows == 0);
    h->last_kind = pressed;
    h->flips = 0;
    h->popped = 0;
}

static void after(harness_t *h, const debounce_t *before, unsigned todo) {
    const debounce_t *d = &h->d;
    CHECK(debounce_count(d) <= h->max_events);
    CHECK((todo & ~(unsigned)(DEBOUNCE_QUEUED | DEBOUNCE_ARM)) == 0);
    // Events reported by this call (stored or dropped): one, or two when an edge first settles
    // the change its window was deciding; the state flipped once per event.
    unsigned now = debounce_count(d) + d->overflows - h->popped;
    unsigned was = debounce_count(before) + before->overflows - h->popped;
    unsigned events = now - was;
    CHECK(events <= 2 && (events & 1) == (unsigned)(d->state != before->state));
    CHECK(((todo & DEBOUNCE_QUEUED) != 0) == (debounce_count(d) > debounce_count(before)));
    h->flips += events;
    // A timer is asked for exactly when a window stays open, never longer than a window.
    if (todo & DEBOUNCE_ARM) {
        CHECK(d->in_window && debounce_wait_ms(d) >= 1 && debounce_wait_ms(d) <= d->window_ms);
    }
    if (d->window_ms == 0) {
        CHECK(!d->in_window && !(todo & DEBOUNCE_ARM));
    }
    CHECK(h->flips == h->popped + debounce_count(d) + d->overflows);
}

// An event carries the first edge of its change: the edge being handled, or the departure the
// window had found.
static void check_stamps(harness_t *h, const debounce_t *before, uint32_t ms, uint32_t us) {
    const debounce_t *d = &h->d;
    for (unsigned k = debounce_count(before); k < debounce_count(d); k++) {
        unsigned i = d->head + k;
        const debounce_event_t *ev = &d->ring[i >= d->max_events ? i - d->max_events : i];
        int at_edge = ev->ms == (ms & DEBOUNCE_TICKS_MASK) && ev->us == (us & DEBOUNCE_TICKS_MASK);
        int at_next = before->has_next && ev->ms == (before->next_ms & DEBOUNCE_TICKS_MASK) &&
                      ev->us == (before->next_us & DEBOUNCE_TICKS_MASK);
        CHECK(at_edge || at_next);
    }
    (void)h;
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
                // Every edge is remembered: its time and the level its IRQ read.
                CHECK(h.d.last_us == us && h.d.level == level);
                check_stamps(&h, &before, ms, us);
                after(&h, &before, todo);
                break;
            case 1: // the timer fires at a fuzzed time after the last edge (wrapping)
                us += take(&in, 2);
                todo = debounce_window_end(&h.d, level, us);
                if (!before.in_window) {
                    CHECK(todo == 0 && h.d.state == before.state);
                } else if (level != before.level) {
                    // An edge's IRQ pending: look again just after it, nothing else changes.
                    CHECK(todo == DEBOUNCE_ARM && debounce_wait_ms(&h.d) == 1 &&
                          h.d.state == before.state);
                } else if (!h.d.in_window) {
                    CHECK(h.d.state == (uint8_t)level); // decided: the state is the level
                }
                check_stamps(&h, &before, (uint32_t)-1, (uint32_t)-1);
                after(&h, &before, todo);
                break;
            case 3: // the port could not arm the timer: the window ends now, no timer asked for
                if (!(op & 8)) {
                    goto reinit;
                }
                todo = debounce_window_abort(&h.d, level);
                CHECK((todo & DEBOUNCE_ARM) == 0 && !h.d.in_window);
                if (!before.in_window) {
                    CHECK(todo == 0 && h.d.state == before.state);
                }
                check_stamps(&h, &before, (uint32_t)-1, (uint32_t)-1);
                after(&h, &before, todo);
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

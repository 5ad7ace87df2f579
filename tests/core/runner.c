// Drives the debounce core from a line protocol on stdin, one answer line per command, so
// pytest (tests/core/conftest.py) can feed it traces through a pipe. Built with ASan and UBSan
// (tests/core/native.mk): any memory or undefined-behaviour error aborts the run.
//
//   i DEPTH WINDOW PRESSED   init            -> "ok"
//   e PRESSED MS US          edge            -> "TODO WAIT": todo bits (1 queued, 2 arm) and
//                                               debounce_wait_ms() (the timer's length)
//   w PRESSED US             window end      -> "TODO WAIT"
//   a PRESSED                window abort    -> todo bits
//   g                        get             -> "KIND MS US" or "none"
//   s                        status          -> "STATE COUNT OVERFLOWS IN_WINDOW"
//   t NOW_US                 rp2 ticks_ms from a 64-bit us count (debounce_ticks.h, one
//                            base kept across calls) -> "MS"
#include <stdio.h>
#include <stdlib.h>
#include "debounce_core.h"
#include "debounce_ticks.h"

int main(void) {
    debounce_t d;
    debounce_event_t *ring = NULL;
    debounce_ms_base_t ms_base = {0};
    char line[128];
    setvbuf(stdout, NULL, _IOLBF, 0);
    while (fgets(line, sizeof(line), stdin) != NULL) {
        unsigned long a = 0, b = 0, c = 0;
        debounce_event_t ev;
        unsigned todo;
        switch (line[0]) {
            case 'i':
                if (sscanf(line + 1, "%lu %lu %lu", &a, &b, &c) != 3) {
                    goto bad;
                }
                free(ring);
                // Exactly `max_events` entries, so ASan catches any write past the ring.
                ring = malloc(sizeof(*ring) * (a ? a : 1));
                if (ring == NULL) {
                    return 1;
                }
                debounce_init(&d, ring, (uint16_t)a, (uint16_t)b, (int)c);
                puts("ok");
                break;
            case 'e':
                if (ring == NULL || sscanf(line + 1, "%lu %lu %lu", &a, &b, &c) != 3) {
                    goto bad;
                }
                todo = debounce_edge(&d, (int)a, (uint32_t)b, (uint32_t)c);
                printf("%u %u\n", todo, debounce_wait_ms(&d));
                break;
            case 'w':
                if (ring == NULL || sscanf(line + 1, "%lu %lu", &a, &b) != 2) {
                    goto bad;
                }
                todo = debounce_window_end(&d, (int)a, (uint32_t)b);
                printf("%u %u\n", todo, debounce_wait_ms(&d));
                break;
            case 'a':
                if (ring == NULL || sscanf(line + 1, "%lu", &a) != 1) {
                    goto bad;
                }
                printf("%u\n", debounce_window_abort(&d, (int)a));
                break;
            case 'g':
                if (ring == NULL) {
                    goto bad;
                }
                if (debounce_get(&d, &ev)) {
                    printf("%u %lu %lu\n", (unsigned)ev.kind, (unsigned long)ev.ms,
                        (unsigned long)ev.us);
                } else {
                    puts("none");
                }
                break;
            case 's':
                if (ring == NULL) {
                    goto bad;
                }
                printf("%u %u %lu %u\n", (unsigned)debounce_state(&d), debounce_count(&d),
                    (unsigned long)debounce_overflows(&d), (unsigned)d.in_window);
                break;
            case 't': {
                unsigned long long now = 0;
                if (sscanf(line + 1, "%llu", &now) != 1) {
                    goto bad;
                }
                printf("%lu\n", (unsigned long)debounce_ms_from_us(&ms_base, (uint64_t)now));
                break;
            }
            default:
            bad:
                printf("error: %s", line);
                break;
        }
    }
    free(ring);
    return 0;
}

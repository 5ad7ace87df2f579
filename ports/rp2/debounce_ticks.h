// ticks_ms from one read of a 64-bit microsecond counter, with at most one 32-bit division.
//
// MicroPython's rp2 ticks_ms() is (uint32_t)(time_us_64() / 1000) and ticks_us() is the
// counter's low word. The edge IRQ needs both for the same instant, so the port reads the
// counter once (high word hi, low word lo) and derives ms here. hi * 2**32 / 1000 is cached
// per value of hi (it changes once per 71.6 minutes): its quotient and remainder. Then
// now / 1000 = that quotient + (remainder + lo) / 1000, a 32-bit division (the RP2040's SIO
// divider), with a fix-up when remainder + lo carries past 32 bits. The 64-bit division runs
// only when hi changes. (pico-sdk's own us_to_ms() divides in 32 bits only while hi is 0,
// the first 71.6 minutes; after that every call is a 64-bit division.)
//
// The last millisecond worked out is cached too (its value and where it began): an edge in the
// same millisecond as the one before costs two compares.
//
// Pure C99 and header-only so that tests/core checks it natively across every wrap. The
// caller serialises access to the cache (the rp2 glue reads the clock inside its critical
// section).
#ifndef TAPBLINK_DEBOUNCE_TICKS_H
#define TAPBLINK_DEBOUNCE_TICKS_H

#include <stdint.h>

// 2**32 == DEBOUNCE_TICKS_2_32_MS * 1000 + DEBOUNCE_TICKS_2_32_REM
#define DEBOUNCE_TICKS_2_32_MS (4294967u)
#define DEBOUNCE_TICKS_2_32_REM (296u)

// {0} is a valid cache (hi 0, the first millisecond).
typedef struct _debounce_ms_base_t {
    uint32_t hi;  // the counter's high word the next two are for
    uint32_t ms;  // (uint32_t)((hi << 32) / 1000)
    uint32_t rem; // (hi << 32) % 1000
    // The last millisecond worked out: its value, and the low words of `hi` it spans,
    // last_len of them from last_start (0: none). Under a chatter of 10 kHz most edges fall in
    // the millisecond of the edge before: they cost a compare instead of a division.
    uint32_t last_ms;
    uint32_t last_start;
    uint32_t last_len;
} debounce_ms_base_t;

// Make the cache hold `hi` (a 64-bit division: once per 71.6 minutes).
static inline void debounce_ms_base_move(debounce_ms_base_t *b, uint32_t hi) {
    uint64_t t = (uint64_t)hi << 32;
    b->hi = hi;
    b->ms = (uint32_t)(t / 1000);
    b->rem = (uint32_t)(t % 1000);
    b->last_len = 0;
}

// (uint32_t)(((hi << 32) | lo) / 1000), the cache already holding `hi`.
static inline uint32_t debounce_ms_from_lo(debounce_ms_base_t *b, uint32_t lo) {
    if (lo - b->last_start < b->last_len) {
        return b->last_ms; // the same millisecond as last time (lo below last_start wraps: no)
    }
    uint32_t x = lo + b->rem;
    uint32_t ms = b->ms;
    if (x < lo) {
        // Carried: the sum is x + 2**32, and x < rem < 1000 so x + 296 cannot carry.
        ms += DEBOUNCE_TICKS_2_32_MS;
        x += DEBOUNCE_TICKS_2_32_REM;
    }
    uint32_t q = x / 1000;
    uint32_t into = x - q * 1000; // microseconds into this millisecond
    // Its span within this high word: from lo - into (or 0, if it began in the previous one)
    // for 1000 us (or to the word's end, if it ends in the next one).
    uint32_t start = lo >= into ? lo - into : 0;
    uint32_t end = lo - into + 1000;
    b->last_ms = ms + q;
    b->last_start = start;
    b->last_len = end > start ? end - start : 0u - start;
    return b->last_ms;
}

// Both steps: ticks_ms (unmasked) of the 64-bit count now_us.
static inline uint32_t debounce_ms_from_us(debounce_ms_base_t *b, uint64_t now_us) {
    uint32_t hi = (uint32_t)(now_us >> 32);
    if (hi != b->hi) {
        debounce_ms_base_move(b, hi);
    }
    return debounce_ms_from_lo(b, (uint32_t)now_us);
}

#endif // TAPBLINK_DEBOUNCE_TICKS_H

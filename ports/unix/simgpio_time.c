// The time module's unix part on the virtual clock: extmod/modtime.c includes this file
// (MICROPY_PY_TIME_INCLUDEFILE, set by the variant) in place of the tree's ports/unix/modtime.c,
// which this file includes in turn with its host-clock calls swapped for the simulation's, so
// the functions stay the stock ones. After it: time.time(), time_ns(), gmtime(), localtime()
// read simgpio_time_us() (the host's wall clock at start-up plus virtual time), time.sleep()
// and time.sleep_us() wait in virtual time as sleep_ms() does. Not compiled on its own.
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include "simgpio.h"

static int simgpio_gettimeofday(struct timeval *tv) {
    uint64_t us = simgpio_time_us();
    tv->tv_sec = (time_t)(us / 1000000);
    tv->tv_usec = (suseconds_t)(us % 1000000);
    return 0;
}

static time_t simgpio_time(time_t *t) {
    time_t now = (time_t)(simgpio_time_us() / 1000000);
    if (t != NULL) {
        *t = now;
    }
    return now;
}

// time.sleep(s): modtime.c sleeps with select() and no descriptors; never interrupted here.
static int simgpio_select_sleep(const struct timeval *tv) {
    simgpio_delay_us((uint64_t)tv->tv_sec * 1000000 + (uint64_t)tv->tv_usec);
    return 0;
}

// The headers above are in, so only the calls in modtime.c are renamed, not the declarations.
#define gettimeofday(tv, tz) simgpio_gettimeofday(tv)
#define time(t) simgpio_time(t)
#define select(nfds, rd, wr, ex, tv) simgpio_select_sleep(tv)
#include "ports/unix/modtime.c"
#undef gettimeofday
#undef time
#undef select

// time.sleep_us() in extmod/modtime.c, after this file (the unix port's mp_hal_delay_us() is a
// real usleep() that the rest of the port may keep).
#define mp_hal_delay_us(us) simgpio_delay_us(us)

// The wait hook (MICROPY_EVENT_POLL_HOOK): 1 ms of virtual time per idle round (simgpio_idle),
// except when nothing could ever end the wait.
//
// A program waiting for a button that nothing presses (`build/unix/micropython
// examples/raw_events.py` without scripted input) would race the virtual clock on with
// nothing to do, burning a core and printing nothing. So once SIMGPIO_IDLE_NOTICE_MS of
// virtual time pass with no timer armed (debounce windows, sleep_until alarms, interrupt())
// and no level change scheduled, it says so on stderr, once, and from then on each idle ms
// also takes 1 ms of the host's time, as on the board. Anything armed or scheduled ends that.
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

#include "simgpio.h"

#define SIMGPIO_IDLE_NOTICE_MS (60 * 1000)

static bool idle;
static bool told;
static uint64_t idle_since_ms;

void simgpio_wait(void) {
    if (simgpio_timers_armed() == 0 && simgpio_scheduled() == 0) {
        uint64_t now = simgpio_clock_ms();
        if (!idle) {
            idle = true;
            idle_since_ms = now;
        } else if (now - idle_since_ms >= SIMGPIO_IDLE_NOTICE_MS) {
            if (!told) {
                told = true;
                fprintf(stderr,
                    "simgpio: %u s of simulated time passed with nothing scheduled: the program "
                    "waits for input that only simgpio.schedule() or simgpio.set() give on the "
                    "unix port (ports/unix/README.md); time now runs at the wall clock's pace\n",
                    SIMGPIO_IDLE_NOTICE_MS / 1000);
            }
            usleep(1000);
        }
    } else {
        idle = false;
    }
    simgpio_idle();
}

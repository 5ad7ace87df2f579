// The virtual clock of the tapblink unix variant and its one-shot timers. See simgpio.h.
#include <poll.h>
#include <sys/time.h>
#include "py/mphal.h"
#include "py/runtime.h"
#include "simgpio.h"

typedef struct _simgpio_timer_t {
    bool armed;
    uint64_t due_ms;
    simgpio_timer_cb_t cb;
    void *arg;
} simgpio_timer_t;

static uint64_t clock_ms;
// Microseconds into the current ms, moved only by simgpio_delay_us() (time.sleep_us() and the
// fraction of a time.sleep()): ticks_us = clock_ms * 1000 + clock_sub_us, and a whole ms
// step keeps the fraction, so both ticks only ever go forward.
static uint32_t clock_sub_us;
// The host's wall clock (us since the Epoch) minus virtual us, fixed at the first read.
static uint64_t epoch_us;
static bool epoch_set;
// Bytecode jumps since the clock last moved (see MICROPY_VM_HOOK_LOOP in the variant).
unsigned int simgpio_busy_jumps;
// Depth of simulated interrupt context (timer callbacks, pin IRQ handlers).
static unsigned in_callback;
// Slots 0..SIMGPIO_NUM_TIMERS-1 for anyone, then the reserved SIMGPIO_TIMER_LAST.
static simgpio_timer_t timers[SIMGPIO_TIMER_LAST + 1];

uint64_t simgpio_clock_ms(void) {
    return clock_ms;
}

uint64_t simgpio_clock_us(void) {
    return clock_ms * 1000 + clock_sub_us;
}

uint64_t simgpio_time_us(void) {
    if (!epoch_set) {
        struct timeval tv;
        gettimeofday(&tv, NULL);
        epoch_us = (uint64_t)tv.tv_sec * 1000000 + (uint64_t)tv.tv_usec - simgpio_clock_us();
        epoch_set = true;
    }
    return epoch_us + simgpio_clock_us();
}

uint64_t simgpio_time_ns(void) {
    return simgpio_time_us() * 1000;
}

uint64_t simgpio_ticks_to_ms(mp_obj_t ticks_in, qstr arg_name) {
    if (!mp_obj_is_small_int(ticks_in)) {
        mp_raise_msg_varg(
            &mp_type_TypeError, MP_ERROR_TEXT("%q must be a ticks_ms value"), arg_name);
    }
    mp_int_t ticks = MP_OBJ_SMALL_INT_VALUE(ticks_in);
    if (ticks < 0 || ticks > (mp_int_t)SIMGPIO_TICKS_MASK) {
        mp_raise_msg_varg(&mp_type_ValueError, MP_ERROR_TEXT("%q must be 0..2**30-1"), arg_name);
    }
    uint32_t now = (uint32_t)clock_ms & SIMGPIO_TICKS_MASK;
    uint32_t ahead = ((uint32_t)ticks - now) & SIMGPIO_TICKS_MASK;
    // As time.ticks_diff(): half the period ahead, half behind.
    if (ahead >= (SIMGPIO_TICKS_MASK + 1) / 2) {
        mp_raise_msg_varg(&mp_type_ValueError, MP_ERROR_TEXT("%q=%d is in the past (now %d)"),
            arg_name, (int)ticks, (int)now);
    }
    return clock_ms + ahead;
}

// Simulated interrupt context: time can't move while a timer callback runs. A callback that
// calls Python enters MicroPython's IRQ context itself, as on the board (the debounce binding
// does, through mpirq.c's mp_irq_dispatch, for a Python flag.set()); an exception it lets out
// is printed and the simulation goes on.
void simgpio_irq_enter(void) {
    ++in_callback;
}

void simgpio_irq_exit(void) {
    --in_callback;
}

static void call_in_irq_context(simgpio_timer_cb_t cb, void *arg) {
    simgpio_irq_enter();
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        cb(arg);
        nlr_pop();
    } else {
        mp_printf(MICROPY_ERROR_PRINTER, "simgpio: uncaught exception in timer callback\n");
        mp_obj_print_exception(MICROPY_ERROR_PRINTER, MP_OBJ_FROM_PTR(nlr.ret_val));
    }
    simgpio_irq_exit();
}

// The next timer to fire: the earliest due, the lowest slot among equals (so the reserved last
// slot comes after every other timer due in its ms).
static int earliest_timer(void) {
    int best = -1;
    for (int i = 0; i <= SIMGPIO_TIMER_LAST; ++i) {
        if (timers[i].armed && (best < 0 || timers[i].due_ms < timers[best].due_ms)) {
            best = i;
        }
    }
    return best;
}

void simgpio_run_until(uint64_t ms) {
    if (in_callback) {
        mp_raise_msg(&mp_type_RuntimeError,
            MP_ERROR_TEXT("simgpio: time can't move inside an IRQ or timer callback"));
    }
    for (int t = earliest_timer(); t >= 0 && timers[t].due_ms <= ms; t = earliest_timer()) {
        if (timers[t].due_ms > clock_ms) {
            clock_ms = timers[t].due_ms;
        }
        timers[t].armed = false;
        call_in_irq_context(timers[t].cb, timers[t].arg);
    }
    if (ms > clock_ms) {
        clock_ms = ms;
    }
    simgpio_busy_jumps = 0;
}

void simgpio_busy(void) {
    simgpio_busy_jumps = 0;
    if (!in_callback) {
        simgpio_run_until(clock_ms + 1);
    }
}

void simgpio_delay_ms(uint64_t ms) {
    uint64_t end = clock_ms + ms;
    do {
        // Step 1 ms at a time so scheduled (soft) callbacks run close to their time.
        if (!in_callback && clock_ms < end) {
            simgpio_run_until(clock_ms + 1);
        }
        mp_handle_pending(MP_HANDLE_PENDING_CALLBACKS_AND_EXCEPTIONS);
    } while (clock_ms < end && !in_callback);
}

void simgpio_delay_us(uint64_t us) {
    if (in_callback) {
        return; // time can't move in an interrupt (as simgpio_delay_ms)
    }
    if (clock_sub_us + us >= 1000) {
        // To the start of the next ms, then whole ms (timers fire on the way), then the rest.
        us -= 1000 - clock_sub_us;
        clock_sub_us = 0;
        simgpio_run_until(clock_ms + 1);
        simgpio_delay_ms(us / 1000);
        us %= 1000;
    }
    clock_sub_us += (uint32_t)us;
    mp_handle_pending(MP_HANDLE_PENDING_CALLBACKS_AND_EXCEPTIONS);
}

// Waits on real file descriptors. The bare-metal select.poll asks each stream in turn, and the
// unix streams ask the kernel with poll(fd, 0): the variant links with --wrap=poll, so a
// descriptor found not ready is noted here, and the next idle step (the poll loop's wait)
// waits for it in real time, up to 1 ms, while the virtual clock moves its 1 ms. So a
// poll(1000) on stdin lasts a real second unless input comes, as on the board, while a wait
// on virtual things alone (timers, scheduled edges, flags) still costs no real time.
#define NUM_FD_WAITS (8)
static struct pollfd fd_waits[NUM_FD_WAITS];
static nfds_t num_fd_waits;

int __real_poll(struct pollfd *fds, nfds_t nfds, int timeout);

int __wrap_poll(struct pollfd *fds, nfds_t nfds, int timeout) {
    int ready = __real_poll(fds, nfds, timeout);
    for (nfds_t i = 0; ready == 0 && timeout == 0 && i < nfds; ++i) {
        if (num_fd_waits < NUM_FD_WAITS) {
            fd_waits[num_fd_waits] = fds[i];
            ++num_fd_waits;
        }
    }
    return ready;
}

void simgpio_idle(void) {
    if (!in_callback) {
        if (num_fd_waits > 0) {
            __real_poll(fd_waits, num_fd_waits, 1);
            num_fd_waits = 0;
        }
        simgpio_run_until(clock_ms + 1);
    }
}

int simgpio_timer_arm(int slot, uint64_t due_ms, simgpio_timer_cb_t cb, void *arg) {
    if (slot < 0 || slot > SIMGPIO_TIMER_LAST) {
        for (slot = 0; slot < SIMGPIO_NUM_TIMERS && timers[slot].armed; ++slot) {
        }
        if (slot == SIMGPIO_NUM_TIMERS) {
            return -1;
        }
    }
    timers[slot].due_ms = due_ms;
    timers[slot].cb = cb;
    timers[slot].arg = arg;
    timers[slot].armed = true;
    return slot;
}

void simgpio_timer_cancel(int slot) {
    if (slot >= 0 && slot <= SIMGPIO_TIMER_LAST) {
        timers[slot].armed = false;
    }
}

// The reserved slot is not counted: what it does is its user's to tell (simgpio_scheduled()).
size_t simgpio_timers_armed(void) {
    size_t n = 0;
    for (int i = 0; i < SIMGPIO_NUM_TIMERS; ++i) {
        n += timers[i].armed;
    }
    return n;
}

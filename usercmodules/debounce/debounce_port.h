// What the debounce binding needs from a port: the only hardware/time interface it uses.
//
// Implemented once per port: ports/rp2/debounce_port_rp2.c (real GPIO through
// mp_hal_pin_interrupt, pico-sdk alarm pool for the window) and ports/unix/debounce_port_unix.c
// (simulated pins and virtual time, driven by the simgpio module).
//
// Contexts: functions marked IRQ-safe may run in the hard edge IRQ or the window-timer
// callback, where the GC and the scheduler are locked: they must not allocate or raise.
// Everything else runs in thread context and may allocate and raise.
#ifndef TAPBLINK_DEBOUNCE_PORT_H
#define TAPBLINK_DEBOUNCE_PORT_H

#include <stdbool.h>
#include <stdint.h>
#include "py/obj.h"

// The Python Button object, defined by the binding (debounce.c); the port only passes it back.
typedef struct _debounce_button_obj_t debounce_button_obj_t;

typedef enum {
    DEBOUNCE_PULL_NONE,
    DEBOUNCE_PULL_UP,
    DEBOUNCE_PULL_DOWN,
} debounce_pull_t;

// A resolved pin, stored in the Button: the port's pin number (GPIO number), at most one
// Button per id. The port finds its own pin object from it when it needs one.
typedef struct _debounce_port_pin_t {
    uint32_t id;
} debounce_port_pin_t;

// Per-Button window-timer state, stored in the Button. Its meaning is the port's: rp2 keeps
// the alarm id in `handle`, a simulating port may keep the owner and the due time. The binding
// zeroes it before first use and touches it only through the functions below.
typedef struct _debounce_port_timer_t {
    uintptr_t handle; // 0 when not armed
    uint32_t due_ms;
} debounce_port_timer_t;

// ---- Implemented by the port ----------------------------------------------------------------

// Resolve the `pin` argument: an int GPIO number, a str pin name ("BUTTON", "GP15") or the
// port's Pin object. Raises TypeError/ValueError whose message names "pin".
void debounce_port_pin_resolve(mp_obj_t pin_in, debounce_port_pin_t *pin);

// Make the pin an input with the given pull. May raise ValueError naming pull, before it
// touches the pin, when the chip can't honour that pull (rp2: PULL_DOWN on an RP2350 A2).
void debounce_port_pin_input(const debounce_port_pin_t *pin, debounce_pull_t pull);

// Raw pin level, 0 or 1. IRQ-safe.
int debounce_port_pin_read(const debounce_port_pin_t *pin);

// Route both edges of the pin, as a hard IRQ, to debounce_on_edge(owner) (rp2: a GPIO
// handler of its own ahead of machine.Pin's, which stays as the fallback). Replaces any
// handler on that pin.
void debounce_port_irq_enable(const debounce_port_pin_t *pin, debounce_button_obj_t *owner);

// Stop the pin's IRQ (idempotent); no debounce_on_edge() for it after this returns.
void debounce_port_irq_disable(const debounce_port_pin_t *pin);

// ticks_ms() and ticks_us() of one instant (one read of the clock), each masked to
// MICROPY_PY_TIME_TICKS_PERIOD - 1: exactly what time.ticks_ms()/ticks_us() would have
// returned then. ms in the low word, us in the high word (returned in two registers: no
// round trip through memory on every edge; use debounce_ticks_ms()/debounce_ticks_us()).
// Called on every edge, so it must be cheap. IRQ-safe.
uint64_t debounce_port_ticks(void);

static inline uint32_t debounce_ticks_ms(uint64_t ticks) {
    return (uint32_t)ticks;
}

static inline uint32_t debounce_ticks_us(uint64_t ticks) {
    return (uint32_t)(ticks >> 32);
}

// Arm, or re-arm if armed, a one-shot timer that calls debounce_on_window_end(owner) after
// `ms` milliseconds. IRQ-safe, never allocates. Returns false when it could not be armed
// (the binding then ends the window at once).
bool debounce_port_timer_arm(
    debounce_port_timer_t *timer, uint32_t ms, debounce_button_obj_t *owner);

// Disarm (idempotent); no debounce_on_window_end() for it after this returns. IRQ-safe.
void debounce_port_timer_cancel(debounce_port_timer_t *timer);

// Wake-up alarms of debounce.sleep_until (debounce_sleep.c): up to DEBOUNCE_SLEEP_SLOTS armed
// at once. Each is a debounce_port_alarm_t in the binding's rooted table (never freed while
// armed); its meaning is the port's (rp2: the alarm-pool id; unix: the simgpio timer slot + 1),
// zeroed before first use. The binding arms an alarm only when it is not armed, and arms and
// cancels inside debounce_port_enter/exit.
#define DEBOUNCE_SLEEP_SLOTS (8)
#define DEBOUNCE_ALARM_ARMED (1) // debounce_on_alarm(alarm) will be called at t_ms
#define DEBOUNCE_ALARM_DUE (0)   // t_ms has come (ticks_diff(t_ms, now) <= 0): nothing armed
#define DEBOUNCE_ALARM_NONE (-1) // the port has no alarm free: nothing armed

typedef struct _debounce_port_alarm_t {
    uintptr_t handle; // 0 when not armed
} debounce_port_alarm_t;

// Arm `alarm` to call debounce_on_alarm(alarm), in IRQ context, at the first instant whose
// ticks_ms() is `t_ms` (a ticks value, masked to MICROPY_PY_TIME_TICKS_PERIOD - 1; ahead by
// time.ticks_diff). Returns one of DEBOUNCE_ALARM_*. IRQ-safe, never allocates or raises.
int debounce_port_alarm_arm(debounce_port_alarm_t *alarm, uint32_t t_ms);

// Disarm (idempotent); no debounce_on_alarm(alarm) after this returns. IRQ-safe.
void debounce_port_alarm_cancel(debounce_port_alarm_t *alarm);

// Critical section excluding the edge IRQ and the timer callback. IRQ-safe, nestable.
mp_uint_t debounce_port_enter(void);
void debounce_port_exit(mp_uint_t state);

// ---- Implemented by the binding (debounce.c), called by the port ---------------------------

// Both are called from a hard IRQ (on a simulating port, its stand-in) and take the critical
// section themselves. They run plain C and need no MicroPython IRQ context (stack limit, GC
// and scheduler locked): the binding enters that itself, through shared/runtime/mpirq.c's
// mp_irq_dispatch, only when it must call Python (a flag other than a debounce.Flag). A port
// may also call them from inside that context (a Pin.irq handler): nesting is harmless.

// An edge on owner's pin.
void debounce_on_edge(debounce_button_obj_t *owner);

// owner's window timer expired (rp2: from the alarm IRQ; may preempt the thread).
void debounce_on_window_end(debounce_button_obj_t *owner);

// The live Button on pin `id` (its debounce_port_pin_t id), or NULL (also for a moment
// after debounce_port_irq_enable(): the Button is listed once that has returned). IRQ-safe:
// the list of live Buttons only changes inside the critical section.
debounce_button_obj_t *debounce_button_on_pin(uint32_t id);

// A sleep_until alarm rang (debounce_sleep.c; IRQ context; one store, no Python, so the port
// calls it directly, without mp_irq_dispatch).
void debounce_on_alarm(debounce_port_alarm_t *alarm);

// Deinitialize every live Button and cancel every sleep_until alarm. Called on soft reset
// (rp2: MICROPY_BOARD_END_SOFT_RESET).
void debounce_deinit_all(void);

#endif // TAPBLINK_DEBOUNCE_PORT_H

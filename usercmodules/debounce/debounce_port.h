// What the debounce binding needs from a port: the only hardware/time interface it uses.
//
// Implemented once per port: ports/rp2/debounce_port_rp2.c (real GPIO through
// mp_hal_pin_interrupt, pico-sdk alarm pool for the window) and ports/unix/debounce_port_unix.c
// (simulated pins and virtual time, driven by the simgpio module).
//
// Contexts: functions marked IRQ-safe may run in the hard edge IRQ or an alarm's callback, where
// the GC and the scheduler are locked: they must not allocate or raise. Everything else runs in
// thread context and may allocate and raise.
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

// One alarm, for a Button's window and for a debounce.sleep_until wake-up alike: it calls
// debounce_on_alarm() once, in IRQ context, at the first instant whose ticks_ms() is the time
// it was armed for. `id` is the port's while armed (rp2: the alarm-pool id; unix: the simgpio
// timer slot + 1) and 0 when not: the port zeroes it before it calls debounce_on_alarm(), so
// a rung alarm's id, which may belong to someone else by then, is never cancelled. `owner` is
// the binding's (the Button whose window it is, NULL for a sleep_until slot); the port only
// hands the alarm back. Zeroed before first use; never freed while armed.
typedef struct _debounce_port_alarm_t {
    uintptr_t id;
    debounce_button_obj_t *owner;
} debounce_port_alarm_t;

// ---- Implemented by the port ----------------------------------------------------------------

// Resolve the `pin` argument: an int GPIO number, a str pin name ("BUTTON", "GP15") or the
// port's Pin object. Raises TypeError/ValueError whose message names "pin".
void debounce_port_pin_resolve(mp_obj_t pin_in, debounce_port_pin_t *pin);

// Make the pin an input with the given pull. May raise ValueError naming pull, before it
// touches the pin, when the chip can't honour that pull (rp2: PULL_DOWN on an RP2350 A2).
void debounce_port_pin_input(const debounce_port_pin_t *pin, debounce_pull_t pull);

// Raw pin level, 0 or 1. IRQ-safe (the binding reads it at construction and when a window
// ends; at an edge the port hands the level over itself).
int debounce_port_pin_read(const debounce_port_pin_t *pin);

// Route both edges of the pin, as a hard IRQ, to debounce_on_edge(owner, ...) (rp2: a GPIO
// handler of its own ahead of machine.Pin's, which stays as the fallback). Replaces any handler
// on that pin. The port keeps `owner` for the pin until debounce_port_irq_disable(), in a table
// that is a GC root: the one list of live Buttons (the binding keeps none). May raise (it may
// allocate) only before it has changed anything.
void debounce_port_irq_enable(const debounce_port_pin_t *pin, debounce_button_obj_t *owner);

// Stop the pin's IRQ and forget its owner (idempotent); no debounce_on_edge() for it after this
// returns.
void debounce_port_irq_disable(const debounce_port_pin_t *pin);

// The owner the pin was given by debounce_port_irq_enable() (and not yet forgotten), or NULL.
debounce_button_obj_t *debounce_port_owner(const debounce_port_pin_t *pin);

// Any pin's owner, or NULL when no pin has one (soft reset deinitializes them one by one).
debounce_button_obj_t *debounce_port_any_owner(void);

// ticks_ms() and ticks_us() of one instant (one read of the clock), each masked to
// MICROPY_PY_TIME_TICKS_PERIOD - 1: exactly what time.ticks_ms()/ticks_us() would have
// returned then. ms in the low word, us in the high word (two registers, no round trip through
// memory on every edge; use debounce_ticks_ms()/debounce_ticks_us()). Called on every edge,
// inside the critical section, so it must be cheap.
uint64_t debounce_port_ticks(void);

static inline uint32_t debounce_ticks_ms(uint64_t ticks) {
    return (uint32_t)ticks;
}

static inline uint32_t debounce_ticks_us(uint64_t ticks) {
    return (uint32_t)(ticks >> 32);
}

#define DEBOUNCE_ALARM_ARMED (1) // debounce_on_alarm(alarm) will be called at t_ms
#define DEBOUNCE_ALARM_DUE (0)   // t_ms has come (ticks_diff(t_ms, now) <= 0): nothing armed
#define DEBOUNCE_ALARM_NONE (-1) // the port has no alarm free: nothing armed

// Arm `alarm` (not armed) to call debounce_on_alarm(alarm) at the first instant whose
// ticks_ms() is `t_ms` (a ticks value, masked to MICROPY_PY_TIME_TICKS_PERIOD - 1; ahead by
// time.ticks_diff). Returns one of DEBOUNCE_ALARM_*. IRQ-safe, never allocates or raises.
int debounce_port_alarm_arm(debounce_port_alarm_t *alarm, uint32_t t_ms);

// Disarm (idempotent); no debounce_on_alarm(alarm) after this returns. IRQ-safe.
void debounce_port_alarm_cancel(debounce_port_alarm_t *alarm);

// Soft reset, after every Button was deinitialized: forget what the port keeps on the heap,
// which goes next (debounce_deinit_all() calls it).
void debounce_port_reset(void);

// Critical section excluding the edge IRQ and the alarms. IRQ-safe, nestable.
mp_uint_t debounce_port_enter(void);
void debounce_port_exit(mp_uint_t state);

// ---- Implemented by the binding (debounce.c), called by the port ---------------------------

// The port's interrupt handlers call these inside the critical section (debounce_port_enter),
// having read what the binding needs of that instant: the scan, then one call to record it
// (as CircuitPython's keypad scans, then records). They run plain C and need no MicroPython
// IRQ context. Each returns true when the Button's flag is a Python object (not a
// debounce.Flag, which they set themselves): the port then calls debounce_wake(owner) after
// leaving the critical section, which enters MicroPython's hard-IRQ context
// (shared/runtime/mpirq.c's mp_irq_dispatch) for its set(). A port may also call them from
// inside that context (a Pin.irq handler): nesting is harmless.

// An edge on owner's pin: `level` its raw level read now, `ticks` debounce_port_ticks() now.
bool debounce_on_edge(debounce_button_obj_t *owner, int level, uint64_t ticks);

// `alarm` rang (the port zeroed its id): a Button's window ended, or a sleep_until is due.
bool debounce_on_alarm(debounce_port_alarm_t *alarm);

// Call the flag's set() of owner (after a true from the two above).
void debounce_wake(debounce_button_obj_t *owner);

// Deinitialize every live Button and cancel every sleep_until alarm. Called on soft reset
// (rp2: MICROPY_BOARD_END_SOFT_RESET).
void debounce_deinit_all(void);

#endif // TAPBLINK_DEBOUNCE_PORT_H

// Simulated GPIO and virtual time for the tapblink unix variant.
//
// Nothing here runs on its own: time moves only when MicroPython waits (select.poll,
// asyncio's idle loop, time.sleep_ms) or when a test calls simgpio.set/advance/elapse. Due
// window timers and scheduled edges fire in time order as the clock passes them, in a
// simulated interrupt context (GC and scheduler locked), like the board's alarm and GPIO IRQs.
#ifndef TAPBLINK_SIMGPIO_H
#define TAPBLINK_SIMGPIO_H

#include <stdbool.h>
#include <stdint.h>
#include "py/obj.h"

// RP2040 has GPIO0..GPIO29.
#define SIMGPIO_NUM_PINS (30)
// One-shot timers (debounce windows): one per Button is enough, with room to spare.
#define SIMGPIO_NUM_TIMERS (32)
// One more timer slot, reserved: simgpio_timer_arm(-1, ...) never hands it out and
// simgpio_timers_armed() doesn't count it, and of the timers due in one ms it fires last (ties
// go by slot). The scheduled level changes use it, so a change always has its timer and a
// window ending at t sees the level from before an edge scheduled at t.
#define SIMGPIO_TIMER_LAST (SIMGPIO_NUM_TIMERS)
// Level changes queued by simgpio.schedule() and not yet applied.
#define SIMGPIO_NUM_SCHEDULED (256)

// MicroPython's ticks period (2**30, the variant's MICROPY_PY_TIME_TICKS_PERIOD): ticks values
// handed to Python are masked with this.
#define SIMGPIO_TICKS_MASK ((uint32_t)(MICROPY_PY_TIME_TICKS_PERIOD - 1))

// Pin modes, pulls and IRQ triggers: the rp2 values, so code sees the same constants.
#define SIMGPIO_MODE_IN (0)
#define SIMGPIO_MODE_OUT (1)
#define SIMGPIO_MODE_OPEN_DRAIN (2)
#define SIMGPIO_PULL_NONE (0)
#define SIMGPIO_PULL_UP (1)
#define SIMGPIO_PULL_DOWN (2)
#define SIMGPIO_IRQ_FALLING (4)
#define SIMGPIO_IRQ_RISING (8)

// ---- Clock (simgpio_clock.c) -----------------------------------------------------------------

// Virtual time since start-up, never wrapping (64 bits).
uint64_t simgpio_clock_ms(void);
uint64_t simgpio_clock_us(void);

// The wall clock on virtual time: the host's time at the first call, plus virtual time since
// (time.time(), time_ns(), gmtime(), localtime()).
uint64_t simgpio_time_us(void);
uint64_t simgpio_time_ns(void);

// Move the clock forward to `ms`, firing the timers due on the way in time order (those due in
// the same ms by slot, lowest first). Raises RuntimeError when called from inside such a
// callback (time can't move inside an interrupt).
void simgpio_run_until(uint64_t ms);

// Bracket code that runs in simulated interrupt context (time can't move there).
void simgpio_irq_enter(void);
void simgpio_irq_exit(void);

// Wait hooks (see the variant's mpconfigvariant.h): time passes instead of real sleeping.
void simgpio_delay_ms(uint64_t ms);
// time.sleep_us(), time.sleep(): `us` of virtual time (whole ms as simgpio_delay_ms, timers
// firing on the way; the rest within the ms).
void simgpio_delay_us(uint64_t us);
void simgpio_idle(void);
// The wait hook: simgpio_idle(), at the wall clock's pace once a long wait has nothing armed or
// scheduled that could end it (simgpio_idle.c).
void simgpio_wait(void);
// Charge a busy program 1 ms (called from the VM loop every SIMGPIO_BUSY_JUMPS jumps).
void simgpio_busy(void);

// Convert a ticks_ms value that is now or later to absolute virtual ms; ValueError naming
// `arg_name` when it lies in the past (by ticks_diff).
uint64_t simgpio_ticks_to_ms(mp_obj_t ticks_in, qstr arg_name);

typedef void (*simgpio_timer_cb_t)(void *arg);

// Arm one-shot timer `slot` (or a free slot below SIMGPIO_NUM_TIMERS if slot < 0) to call
// cb(arg) at absolute `due_ms` in timer context. Returns the slot, or -1 when none is free.
// Never allocates.
int simgpio_timer_arm(int slot, uint64_t due_ms, simgpio_timer_cb_t cb, void *arg);
// Disarm (idempotent; slot < 0 is ignored).
void simgpio_timer_cancel(int slot);
// Number of armed timers (SIMGPIO_TIMER_LAST not counted).
size_t simgpio_timers_armed(void);

// ---- Scheduled level changes (simgpio_schedule.c) --------------------------------------------

// Queue a level change of input pin `id` at absolute `due_ms` (after those queued for the same
// ms, and after every other timer due in it); false when the queue is full.
bool simgpio_schedule(uint32_t id, int level, uint64_t due_ms);
// Changes queued and not yet applied.
size_t simgpio_scheduled(void);

// ---- Pins (machine_pin_sim.c) ----------------------------------------------------------------

typedef struct _machine_pin_obj_t {
    mp_obj_base_t base;
    uint8_t id;
} machine_pin_obj_t;

// Resolve an int GPIO number, a pin name (registered by simgpio.name(), the board's from
// pins.csv, or "GPIOn") or a Pin to its number. TypeError/ValueError naming `arg_name`, in
// the wording of usercmodules/debounce/debounce_args.h.
uint32_t simgpio_pin_resolve(mp_obj_t pin_in, qstr arg_name);
// The same without raising: the number, -1 for no such pin, -2 for the wrong type.
int simgpio_pin_lookup(mp_obj_t pin_in);
// The pin drives its level (Pin.OUT, or Pin.OPEN_DRAIN pulling low), as rp2's output enable.
bool simgpio_pin_is_output(uint32_t id);
mp_obj_t simgpio_pin_obj(uint32_t id);

// Register `name` for pin `id` (replacing an earlier registration of that name).
void simgpio_pin_name(qstr name, uint32_t id);

// Make the pin an input with the given pull (SIMGPIO_PULL_*).
void simgpio_pin_config_input(uint32_t id, int pull);

// The level on the pin: what Pin.value() reads.
int simgpio_pin_level(uint32_t id);

// Drive an input pin from outside (the test's button). Level changes fire the pin's IRQ.
// ValueError when the pin is an output.
void simgpio_pin_drive(uint32_t id, int level);

// Like rp2's mp_hal_pin_interrupt: route the pin's edges in `trigger` to `handler` (called
// with the Pin; hard: at once with the GC locked, else scheduled). handler None disables.
void simgpio_pin_interrupt(uint32_t id, mp_obj_t handler, uint32_t trigger, bool hard);

// The triggers of the pin's enabled IRQ, 0 when none.
uint32_t simgpio_pin_irq_trigger(uint32_t id);

// Output pins' level changes: (ticks_ms, level) pairs in time order.
mp_obj_t simgpio_pin_log(uint32_t id, bool clear);
size_t simgpio_pin_log_len(uint32_t id);

extern const mp_obj_type_t machine_pin_type;

#endif // TAPBLINK_SIMGPIO_H

// debounce port glue for the tapblink unix variant: simulated pins and virtual time.
//
// Mirrors the rp2 glue: edges reach the binding through the Pin's own IRQ machinery (here
// simgpio's, dispatched by shared/runtime/mpirq.c as a hard IRQ; rp2 has a faster way of its
// own); the alarms are simgpio timers (debounce_alarm_unix.c).
#include "py/runtime.h"
#include "debounce_port.h"
#include "debounce_args.h"
#include "simgpio.h"

// The Button of each pin whose IRQ debounce_port_irq_enable() gave one, NULL for the others:
// the one list of live Buttons, a GC root.
// (A literal: the declaration is copied into mpstate.h, where simgpio.h is not included.)
MP_REGISTER_ROOT_POINTER(struct _debounce_button_obj_t *debounce_pin_owner[30]);
#define pin_owner (MP_STATE_VM(debounce_pin_owner))
MP_STATIC_ASSERT(MP_ARRAY_SIZE(pin_owner) == SIMGPIO_NUM_PINS);

void debounce_port_pin_resolve(mp_obj_t pin_in, debounce_port_pin_t *pin) {
    pin->id = simgpio_pin_resolve(pin_in, MP_QSTR_pin);
    // As on rp2: refuse a pin the program drives rather than make it an input behind its back.
    if (simgpio_pin_is_output(pin->id)) {
        debounce_pin_output_error(MP_QSTR_pin, pin->id);
    }
}

static mp_obj_t debounce_find_pin(size_t n_args, const mp_obj_t *args) {
    qstr arg = mp_obj_str_get_qstr(args[1]);
    // output= changes nothing here: the simulated board has no pin without an interrupt.
    return simgpio_pin_obj(simgpio_pin_resolve(args[0], arg));
}
MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(debounce_find_pin_obj, 3, 3, debounce_find_pin);

void debounce_port_pin_input(const debounce_port_pin_t *pin, debounce_pull_t pull) {
    int sim_pull = pull == DEBOUNCE_PULL_UP     ? SIMGPIO_PULL_UP
                   : pull == DEBOUNCE_PULL_DOWN ? SIMGPIO_PULL_DOWN
                                                : SIMGPIO_PULL_NONE;
    simgpio_pin_config_input(pin->id, sim_pull);
}

int debounce_port_pin_read(const debounce_port_pin_t *pin) {
    return simgpio_pin_level(pin->id);
}

// The hard IRQ handler given to the pin: called with the Pin, as on rp2.
static mp_obj_t edge_handler(mp_obj_t pin_in) {
    const machine_pin_obj_t *pin = MP_OBJ_TO_PTR(pin_in);
    debounce_button_obj_t *owner = pin_owner[pin->id];
    // Scan, then record, in one call (the critical section is empty here).
    if (owner != NULL &&
        debounce_on_edge(owner, simgpio_pin_level(pin->id), debounce_port_ticks())) {
        debounce_wake(owner);
    }
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(edge_handler_obj, edge_handler);

void debounce_port_irq_enable(const debounce_port_pin_t *pin, debounce_button_obj_t *owner) {
    simgpio_pin_interrupt(pin->id, MP_OBJ_FROM_PTR(&edge_handler_obj),
        SIMGPIO_IRQ_FALLING | SIMGPIO_IRQ_RISING, true);
    pin_owner[pin->id] = owner;
}

void debounce_port_irq_disable(const debounce_port_pin_t *pin) {
    simgpio_pin_interrupt(pin->id, mp_const_none, 0, false);
    pin_owner[pin->id] = NULL;
}

debounce_button_obj_t *debounce_port_owner(const debounce_port_pin_t *pin) {
    return pin_owner[pin->id];
}

debounce_button_obj_t *debounce_port_any_owner(void) {
    for (size_t i = 0; i < SIMGPIO_NUM_PINS; i++) {
        if (pin_owner[i] != NULL) {
            return pin_owner[i];
        }
    }
    return NULL;
}

void debounce_port_reset(void) {
    // Nothing on the heap (the unix port has no soft reset, and its RAM is not the board's).
}

uint64_t debounce_port_ticks(void) {
    uint32_t ms = (uint32_t)simgpio_clock_ms() & SIMGPIO_TICKS_MASK;
    uint32_t us = (uint32_t)simgpio_clock_us() & SIMGPIO_TICKS_MASK;
    return (uint64_t)us << 32 | ms;
}

// Nothing preempts the VM here: timer and edge callbacks run only while MicroPython waits or
// a test moves the clock, never inside the binding's critical sections.
mp_uint_t debounce_port_enter(void) {
    return 0;
}

void debounce_port_exit(mp_uint_t state) {
    (void)state;
}

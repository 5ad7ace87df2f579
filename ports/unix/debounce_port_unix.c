// debounce port glue for the tapblink unix variant: simulated pins and virtual time.
//
// Mirrors the rp2 glue: edges reach the binding through the Pin's own IRQ machinery (here
// simgpio's, dispatched by shared/runtime/mpirq.c as a hard IRQ; rp2 has a faster way of its
// own), and the window is a one-shot timer that fires in timer context when the virtual clock
// passes it. The pin's Button is found in the binding's list (debounce_button_on_pin()).
#include "py/runtime.h"
#include "debounce_port.h"
#include "debounce_args.h"
#include "simgpio.h"

// Which Button owns each armed timer slot. Owners are live Buttons, kept alive by the
// binding's root list; entries are cleared before a Button is released.
static debounce_button_obj_t *timer_owner[SIMGPIO_NUM_TIMERS];

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
    debounce_button_obj_t *owner = debounce_button_on_pin(pin->id);
    if (owner != NULL) {
        debounce_on_edge(owner);
    }
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(edge_handler_obj, edge_handler);

void debounce_port_irq_enable(const debounce_port_pin_t *pin, debounce_button_obj_t *owner) {
    simgpio_pin_interrupt(pin->id, MP_OBJ_FROM_PTR(&edge_handler_obj),
        SIMGPIO_IRQ_FALLING | SIMGPIO_IRQ_RISING, true);
}

void debounce_port_irq_disable(const debounce_port_pin_t *pin) {
    simgpio_pin_interrupt(pin->id, mp_const_none, 0, false);
}

uint64_t debounce_port_ticks(void) {
    uint32_t ms = (uint32_t)simgpio_clock_ms() & SIMGPIO_TICKS_MASK;
    uint32_t us = (uint32_t)simgpio_clock_us() & SIMGPIO_TICKS_MASK;
    return (uint64_t)us << 32 | ms;
}

// Timer context (simgpio's). The slot is free again already.
static void window_end(void *arg) {
    debounce_port_timer_t *timer = arg;
    int slot = (int)timer->handle - 1;
    debounce_button_obj_t *owner = timer_owner[slot];
    timer_owner[slot] = NULL;
    timer->handle = 0;
    if (owner != NULL) {
        debounce_on_window_end(owner); // plain C, as from rp2's alarm IRQ (debounce_port.h)
    }
}

bool debounce_port_timer_arm(
    debounce_port_timer_t *timer, uint32_t ms, debounce_button_obj_t *owner) {
    uint64_t due = simgpio_clock_ms() + ms;
    int slot = simgpio_timer_arm((int)timer->handle - 1, due, window_end, timer);
    if (slot < 0) {
        return false;
    }
    timer_owner[slot] = owner;
    timer->handle = slot + 1;
    timer->due_ms = (uint32_t)due & SIMGPIO_TICKS_MASK;
    return true;
}

void debounce_port_timer_cancel(debounce_port_timer_t *timer) {
    if (timer->handle != 0) {
        int slot = (int)timer->handle - 1;
        simgpio_timer_cancel(slot);
        timer_owner[slot] = NULL;
        timer->handle = 0;
    }
}

// Nothing preempts the VM here: timer and edge callbacks run only while MicroPython waits or
// a test moves the clock, never inside the binding's critical sections.
mp_uint_t debounce_port_enter(void) {
    return 0;
}

void debounce_port_exit(mp_uint_t state) {
    (void)state;
}

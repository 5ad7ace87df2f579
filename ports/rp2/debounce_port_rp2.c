// rp2 glue for the debounce module (debounce_port.h).
//
// Edges: MicroPython's own GPIO IRQ (mp_hal_pin_interrupt, hard, both edges). machine_pin.c
// owns the one shared IO_IRQ_BANK0 handler and acknowledges every pin's edges; a second raw
// handler would lose edges to it.
//
// Window timer: pico-sdk's default alarm pool (the one machine.Timer uses), NOT softtimer.
// The timer is armed from the GPIO IRQ, and soft_timer_insert() takes the PendSV mutex
// (pendsv_suspend), which is neither safe nor non-blocking in an IRQ: the thread may hold it
// (deadlock), or, the mutex being recursive per core, the IRQ may walk into the timer heap
// while the thread is half-way through changing it. Adding and cancelling alarm-pool alarms
// is documented as IRQ-safe, allocates nothing, and the callback runs in the timer IRQ.
//
// debounce_port_timer_t use here: `handle` is the owner Button while armed (0 when not),
// `due_ms` holds the alarm id.
#include "py/runtime.h"
#include "py/mphal.h"
#include "py/smallint.h"
#include "hardware/gpio.h"
#include "hardware/sync.h"
#include "hardware/timer.h"
#include "pico/time.h"
#include "extmod/modmachine.h"
#include "shared/runtime/mpirq.h"
#include "machine_pin.h"
#include "debounce_port.h"
#include "debounce_ticks.h"

void debounce_port_pin_resolve(mp_obj_t pin_in, debounce_port_pin_t *pin) {
    if (!mp_obj_is_int(pin_in) && !mp_obj_is_str(pin_in) &&
        !mp_obj_is_type(pin_in, &machine_pin_type)) {
        mp_raise_TypeError(MP_ERROR_TEXT("pin must be an int, a str or a Pin"));
    }
    // machine_pin_find() would raise OverflowError for an int beyond a machine word: that is
    // a bad value, not an arithmetic problem.
    if (mp_obj_is_int(pin_in) && !mp_obj_is_small_int(pin_in)) {
        mp_raise_ValueError(MP_ERROR_TEXT("invalid pin"));
    }
    // Raises ValueError("invalid pin") / ("unknown named pin ...").
    const machine_pin_obj_t *p = machine_pin_find(pin_in);
#if MICROPY_HW_PIN_EXT_COUNT
    if (p->is_ext) {
        mp_raise_ValueError(MP_ERROR_TEXT("pin must be a GPIO pin"));
    }
#endif
    pin->obj = MP_OBJ_FROM_PTR(p);
    pin->id = p->id;
}

void debounce_port_pin_input(const debounce_port_pin_t *pin, debounce_pull_t pull) {
    mp_hal_pin_input(pin->id);
    gpio_set_pulls(pin->id, pull == DEBOUNCE_PULL_UP, pull == DEBOUNCE_PULL_DOWN);
}

int debounce_port_pin_read(const debounce_port_pin_t *pin) {
    return gpio_get(pin->id);
}

// The IRQ handler machine_pin.c calls: a bound method (owner, pin) of this function.
static mp_obj_t debounce_rp2_edge(mp_obj_t owner_in, mp_obj_t pin_in) {
    (void)pin_in;
    debounce_on_edge(MP_OBJ_TO_PTR(owner_in));
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_2(debounce_rp2_edge_obj, debounce_rp2_edge);

void debounce_port_irq_enable(const debounce_port_pin_t *pin, debounce_button_obj_t *owner) {
    // Allocated here, in thread context; machine_pin.c roots it through its IRQ object.
    mp_obj_t handler =
        mp_obj_new_bound_meth(MP_OBJ_FROM_PTR(&debounce_rp2_edge_obj), MP_OBJ_FROM_PTR(owner));
    mp_hal_pin_interrupt(pin->id, handler, MP_HAL_PIN_TRIGGER_FALL | MP_HAL_PIN_TRIGGER_RISE, true);
}

void debounce_port_irq_disable(const debounce_port_pin_t *pin) {
    mp_hal_pin_interrupt(pin->id, mp_const_none, MP_HAL_PIN_TRIGGER_NONE, false);
}

// mp_hal_ticks_ms() is (uint32_t)(time_us_64() / 1000) and mp_hal_ticks_us() is
// time_us_32(), the low word of the same counter: one read gives both, and ms needs one
// 32-bit division against a cache for the counter's high word (debounce_ticks.h) instead of
// pico-sdk's 64-bit one (every call after 71.6 minutes of uptime).
static debounce_ms_base_t ms_base;

uint64_t debounce_port_ticks(void) {
    // One consistent read of the 64-bit counter, as timer_time_us_64() does it (inline here:
    // this runs on every edge).
    uint32_t hi = timer_hw->timerawh;
    uint32_t lo;
    for (;;) {
        lo = timer_hw->timerawl;
        uint32_t next_hi = timer_hw->timerawh;
        if (next_hi == hi) {
            break;
        }
        hi = next_hi;
    }
    // The cache is shared by the edge IRQ and the window alarm, which may preempt each other.
    // It is moved with interrupts off (all three fields at once), and used without: only if
    // it held `hi` both before and after its two values were read, so no move came between.
    volatile debounce_ms_base_t *b = &ms_base;
    uint32_t before = b->hi;
    uint32_t base_ms = b->ms;
    uint32_t rem = b->rem;
    if (before != hi || b->hi != hi) {
        uint32_t state = save_and_disable_interrupts();
        debounce_ms_base_move(&ms_base, hi);
        base_ms = ms_base.ms;
        rem = ms_base.rem;
        restore_interrupts(state);
    }
    uint32_t ms = debounce_ms_from_lo(base_ms, rem, lo) & (MICROPY_PY_TIME_TICKS_PERIOD - 1);
    return (uint64_t)(lo & (MICROPY_PY_TIME_TICKS_PERIOD - 1)) << 32 | ms;
}

static mp_obj_t window_end(mp_obj_t owner_in) {
    debounce_on_window_end(MP_OBJ_TO_PTR(owner_in));
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(window_end_obj, window_end);

static int64_t window_alarm(alarm_id_t id, void *user_data) {
    (void)id;
    debounce_port_timer_t *timer = user_data;
    debounce_button_obj_t *owner = (debounce_button_obj_t *)timer->handle;
    timer->handle = 0;
    timer->due_ms = 0;
    if (owner != NULL) {
        // Enter IRQ context as the edge path does (machine_pin.c -> mpirq.c): stack limit,
        // scheduler and GC locked, exceptions caught.
        mp_irq_dispatch(MP_OBJ_FROM_PTR(&window_end_obj), MP_OBJ_FROM_PTR(owner), true);
    }
    return 0; // one-shot
}

void debounce_port_timer_cancel(debounce_port_timer_t *timer) {
    uint32_t state = save_and_disable_interrupts();
    if (timer->handle != 0) {
        // Only a live id is cancelled: a fired alarm's id may already belong to someone else.
        alarm_pool_cancel_alarm(alarm_pool_get_default(), (alarm_id_t)timer->due_ms);
        timer->handle = 0;
        timer->due_ms = 0;
    }
    restore_interrupts(state);
}

bool debounce_port_timer_arm(
    debounce_port_timer_t *timer, uint32_t ms, debounce_button_obj_t *owner) {
    debounce_port_timer_cancel(timer);
    uint32_t state = save_and_disable_interrupts();
    // fire_if_past=false: ms >= 1, and a synchronous callback from here would re-enter.
    alarm_id_t id =
        alarm_pool_add_alarm_in_ms(alarm_pool_get_default(), ms, window_alarm, timer, false);
    if (id > 0) {
        timer->handle = (uintptr_t)owner;
        timer->due_ms = (uint32_t)id;
    }
    restore_interrupts(state);
    return id > 0;
}

mp_uint_t debounce_port_enter(void) {
    return save_and_disable_interrupts();
}

void debounce_port_exit(mp_uint_t state) {
    restore_interrupts(state);
}

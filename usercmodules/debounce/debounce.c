// The `debounce` module: a thin MicroPython binding over debounce_core.c.
//
// Argument checking, object lifetime and waking asyncio live here; the edge filter and the
// ring are in the core, the hardware in the port glue (debounce_port.h).
#include "py/mphal.h"
#include "py/runtime.h"
#include "py/smallint.h" // MICROPY_PY_TIME_TICKS_PERIOD
#include "shared/runtime/mpirq.h"
#include "debounce_core.h"
#include "debounce_flag.h"
#include "debounce_sleep.h"
#include "debounce_port.h"
#include "debounce_args.h"

struct _debounce_button_obj_t {
    mp_obj_base_t base;
    // Read on every edge: first, where the Cortex-M0+ loads a byte in one instruction.
    uint8_t live;
    uint8_t active_low;
    uint8_t native_flag; // flag is a debounce.Flag: carry_out() stores instead of calling
    debounce_port_pin_t pin;
    debounce_port_alarm_t window; // the window's alarm (its owner is this Button)
    mp_obj_t flag;
    mp_obj_t flag_set[2]; // flag.set as (method, self), for mp_call_method_n_kw
    debounce_t core;
    debounce_event_t ring[];
};

// The core masks stamps itself (it includes no MicroPython header): its mask must be the
// port's ticks period, or ticks_diff() on the stamps would be wrong across the wrap.
MP_STATIC_ASSERT(DEBOUNCE_TICKS_MASK == MICROPY_PY_TIME_TICKS_PERIOD - 1);

// Every live Button is in the port's table of pin owners (debounce_port_irq_enable), which is
// a GC root: nothing an IRQ touches can be collected, and that table is the one list of them.

static int read_pressed(debounce_button_obj_t *self) {
    return debounce_port_pin_read(&self->pin) ^ self->active_low;
}

// flag.set() of a flag other than a debounce.Flag, a Python method: called in MicroPython's
// hard-IRQ context, entered as for a Pin.irq handler (shared/runtime/mpirq.c: stack limit, GC
// and scheduler locked; an exception is printed, "Uncaught exception in IRQ callback handler",
// and goes no further). The event itself is queued already.
static mp_obj_t call_flag_set(mp_obj_t self_in) {
    return mp_call_method_n_kw(0, 0, ((debounce_button_obj_t *)MP_OBJ_TO_PTR(self_in))->flag_set);
}
static MP_DEFINE_CONST_FUN_OBJ_1(call_flag_set_obj, call_flag_set);

void debounce_wake(debounce_button_obj_t *self) {
    mp_irq_dispatch(MP_OBJ_FROM_PTR(&call_flag_set_obj), MP_OBJ_FROM_PTR(self), true);
}

// Do what the core asked for (`todo`, at `ticks`, the line at `pressed`): start the window's
// alarm, then wake the consumer. True when that is a Python flag's set(), for the port to call
// through debounce_wake() once it has left the critical section.
static bool carry_out(debounce_button_obj_t *self, unsigned todo, int pressed, uint64_t ticks) {
    if (todo & DEBOUNCE_ARM) {
        // The alarm rings at a millisecond's start: the first one at least wait_us from now
        // (the microseconds into this millisecond count). Not for the edges inside a window:
        // most of them.
        uint32_t ms = debounce_ticks_ms(ticks);
        uint32_t into = (debounce_ticks_us(ticks) - ms * 1000) & DEBOUNCE_TICKS_MASK;
        uint32_t t = ms + (into + debounce_wait_us(&self->core) + 999) / 1000;
        debounce_port_alarm_cancel(&self->window);
        int armed = debounce_port_alarm_arm(&self->window, t & DEBOUNCE_TICKS_MASK);
        if (armed == DEBOUNCE_ALARM_DUE) { // that millisecond began while we worked
            armed = debounce_port_alarm_arm(&self->window, (t + 1) & DEBOUNCE_TICKS_MASK);
        }
        if (armed != DEBOUNCE_ALARM_ARMED) {
            // No alarm: the core ends the window at once (no debounce for this change) rather
            // than stay in it forever.
            todo = (todo & DEBOUNCE_QUEUED) | debounce_window_abort(&self->core, pressed);
        }
    }
    if (!(todo & DEBOUNCE_QUEUED)) {
        return false;
    }
    if (self->native_flag) {
        // debounce.Flag.set() is one store: no call, no IRQ-context set-up.
        ((debounce_flag_obj_t *)MP_OBJ_TO_PTR(self->flag))->state = 1;
        return false;
    }
    return true;
}

bool debounce_on_edge(debounce_button_obj_t *self, int level, uint64_t ticks) {
    // Always live: the port forgets the owner (debounce_port_irq_disable) before deinit.
    int pressed = level ^ self->active_low;
    unsigned todo =
        debounce_edge(&self->core, pressed, debounce_ticks_ms(ticks), debounce_ticks_us(ticks));
    return todo && carry_out(self, todo, pressed, ticks);
}

bool debounce_on_alarm(debounce_port_alarm_t *alarm) {
    debounce_button_obj_t *self = alarm->owner;
    if (self == NULL) {
        debounce_sleep_rang(alarm);
        return false;
    }
    if (!self->live) {
        return false;
    }
    uint64_t ticks = debounce_port_ticks();
    int pressed = read_pressed(self);
    unsigned todo = debounce_window_end(&self->core, pressed, debounce_ticks_us(ticks));
    return todo && carry_out(self, todo, pressed, ticks);
}

static void button_deinit_helper(debounce_button_obj_t *self) {
    if (!self->live) {
        return;
    }
    // The port forgets the owner first: no edge reaches it after this, and an alarm is over
    // once cancelled (IRQ-safe), so no IRQ sees the Button half-way.
    debounce_port_irq_disable(&self->pin);
    debounce_port_alarm_cancel(&self->window);
    self->live = 0;
}

void debounce_deinit_all(void) {
    debounce_sleep_cancel_all();
    debounce_button_obj_t *b;
    while ((b = debounce_port_any_owner()) != NULL) {
        button_deinit_helper(b);
    }
    debounce_port_reset();
}

static debounce_button_obj_t *get_live(mp_obj_t self_in) {
    debounce_button_obj_t *self = MP_OBJ_TO_PTR(self_in);
    if (!self->live) {
        mp_raise_ValueError(MP_ERROR_TEXT("Button is deinitialized"));
    }
    return self;
}

// The `pull` argument: None, machine.Pin.PULL_UP or machine.Pin.PULL_DOWN, compared with the
// port's own Pin constants (their values are the port's).
static debounce_pull_t pull_from_obj(mp_obj_t pull_in) {
    if (pull_in == mp_const_none) {
        return DEBOUNCE_PULL_NONE;
    }
    // Pin's pull constants are ints: anything else is the wrong type, not a wrong value.
    if (!mp_obj_is_int(pull_in)) {
        mp_raise_TypeError(MP_ERROR_TEXT("pull must be None, Pin.PULL_UP or Pin.PULL_DOWN"));
    }
    mp_obj_t machine = mp_import_name(MP_QSTR_machine, mp_const_none, MP_OBJ_NEW_SMALL_INT(0));
    mp_obj_t pin_type = mp_load_attr(machine, MP_QSTR_Pin);
    // In debounce_pull_t's order: DEBOUNCE_PULL_UP, DEBOUNCE_PULL_DOWN.
    static const uint16_t names[] = {MP_QSTR_PULL_UP, MP_QSTR_PULL_DOWN};
    for (int i = 0; i < 2; i++) {
        if (mp_obj_equal(pull_in, mp_load_attr(pin_type, names[i]))) {
            return (debounce_pull_t)(DEBOUNCE_PULL_UP + i);
        }
    }
    mp_raise_ValueError(MP_ERROR_TEXT("pull must be None, Pin.PULL_UP or Pin.PULL_DOWN"));
}

// Button(pin, *, pull=..., active_low=True, debounce_ms=20, max_events=16, flag=None)
static mp_obj_t button_make_new(
    const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *all_args) {
    enum { ARG_pin, ARG_pull, ARG_active_low, ARG_debounce_ms, ARG_max_events, ARG_flag };
    static const mp_arg_t allowed_args[] = {
        {MP_QSTR_pin, MP_ARG_REQUIRED | MP_ARG_OBJ, {.u_obj = MP_OBJ_NULL}},
        {MP_QSTR_pull, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_obj = MP_OBJ_NULL}},
        {MP_QSTR_active_low, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_TRUE}},
        {MP_QSTR_debounce_ms, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_INT(20)}},
        {MP_QSTR_max_events, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_INT(16)}},
        {MP_QSTR_flag, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE}},
    };
    mp_arg_val_t args[MP_ARRAY_SIZE(allowed_args)];
    debounce_check_keywords(n_args, n_kw, all_args, MP_ARRAY_SIZE(allowed_args), allowed_args);
    mp_arg_parse_all_kw_array(
        n_args, n_kw, all_args, MP_ARRAY_SIZE(allowed_args), allowed_args, args);

    // Check everything before touching anything, so that a bad argument leaves no trace.
    // active_low: True/False, or 1/0 as machine.Pin's values are; no other truthiness (a 2 or
    // a str is more likely a mistake than a wish).
    bool active_low = debounce_flag_arg(args[ARG_active_low].u_obj, MP_QSTR_active_low);
    mp_int_t window_ms = debounce_int_arg(
        args[ARG_debounce_ms].u_obj, MP_QSTR_debounce_ms, 0, DEBOUNCE_WINDOW_MAX_MS);
    mp_int_t max_events =
        debounce_int_arg(args[ARG_max_events].u_obj, MP_QSTR_max_events, 1, DEBOUNCE_MAX_EVENTS);
    debounce_pull_t pull = active_low ? DEBOUNCE_PULL_UP : DEBOUNCE_PULL_DOWN;
    if (args[ARG_pull].u_obj != MP_OBJ_NULL) {
        pull = pull_from_obj(args[ARG_pull].u_obj);
    }
    debounce_port_pin_t pin;
    debounce_port_pin_resolve(args[ARG_pin].u_obj, &pin);
    // A new Button on a pin takes it over from the one there, which is deinitialized (as
    // Pin.irq() replaces a pin's handler): a program re-run after Ctrl-C, whose old Button
    // nobody can reach any more to deinit(), just works.
    debounce_button_obj_t *prev = debounce_port_owner(&pin);
    mp_obj_t flag = args[ARG_flag].u_obj;
    if (flag == mp_const_none) {
        flag = debounce_flag_new();
    }
    mp_obj_t flag_set[2];
    mp_load_method_maybe(flag, MP_QSTR_set, flag_set);
    if (flag_set[0] == MP_OBJ_NULL) {
        mp_raise_TypeError(MP_ERROR_TEXT("flag must have a set() method"));
    }

    debounce_button_obj_t *self =
        mp_obj_malloc_var(debounce_button_obj_t, ring, debounce_event_t, max_events, type);
    self->pin = pin;
    self->window.id = 0;
    self->window.owner = self;
    self->flag = flag;
    self->flag_set[0] = flag_set[0];
    self->flag_set[1] = flag_set[1];
    self->active_low = active_low;
    self->native_flag = mp_obj_is_type(flag, &debounce_flag_type);
    self->live = 1;

    // May refuse the pull (rp2: RP2350 erratum E9) before it touches the pin: first, so that a
    // refused Button leaves the one it would take over untouched.
    debounce_port_pin_input(&self->pin, pull);
    if (prev != NULL) {
        button_deinit_helper(prev);
    }
    debounce_init(&self->core, self->ring, max_events, window_ms, read_pressed(self));
    // May allocate (and so raise) before it changes anything. From here the port's table of
    // owners keeps the Button: live and rooted.
    debounce_port_irq_enable(&self->pin, self);
    return MP_OBJ_FROM_PTR(self);
}

static mp_obj_t button_any(mp_obj_t self_in) {
    debounce_button_obj_t *self = get_live(self_in);
    return MP_OBJ_NEW_SMALL_INT(debounce_count(&self->core));
}
static MP_DEFINE_CONST_FUN_OBJ_1(button_any_obj, button_any);

// Pop the oldest event into items[0..2] as (kind, ticks_ms, ticks_us); false when empty.
static bool pop_event(mp_obj_t self_in, mp_obj_t *items) {
    debounce_button_obj_t *self = get_live(self_in);
    debounce_event_t ev;
    mp_uint_t state = debounce_port_enter();
    bool got = debounce_get(&self->core, &ev);
    debounce_port_exit(state);
    if (got) {
        items[0] = MP_OBJ_NEW_SMALL_INT(ev.kind);
        items[1] = MP_OBJ_NEW_SMALL_INT(ev.ms);
        items[2] = MP_OBJ_NEW_SMALL_INT(ev.us);
    }
    return got;
}

static mp_obj_t button_get(mp_obj_t self_in) {
    mp_obj_t items[3];
    return pop_event(self_in, items) ? mp_obj_new_tuple(3, items) : mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(button_get_obj, button_get);

// get_into(event): the oldest event written into the list `event` as [kind, ticks_ms,
// ticks_us], without allocating (no tuple per event, as CircuitPython's
// keypad.EventQueue.get_into()). Returns True, or False when there is none.
static mp_obj_t button_get_into(mp_obj_t self_in, mp_obj_t event_in) {
    get_live(self_in); // deinit is reported before a bad argument, as by every method
    if (!mp_obj_is_type(event_in, &mp_type_list)) {
        mp_raise_TypeError(MP_ERROR_TEXT("event must be a list of 3 items"));
    }
    size_t len;
    mp_obj_t *items;
    mp_obj_list_get(event_in, &len, &items);
    if (len < 3) {
        mp_raise_ValueError(MP_ERROR_TEXT("event must be a list of 3 items"));
    }
    return mp_obj_new_bool(pop_event(self_in, items));
}
static MP_DEFINE_CONST_FUN_OBJ_2(button_get_into_obj, button_get_into);

static mp_obj_t button_value(mp_obj_t self_in) {
    debounce_button_obj_t *self = get_live(self_in);
    return MP_OBJ_NEW_SMALL_INT(debounce_state(&self->core));
}
static MP_DEFINE_CONST_FUN_OBJ_1(button_value_obj, button_value);

static mp_obj_t button_deinit(mp_obj_t self_in) {
    button_deinit_helper(MP_OBJ_TO_PTR(self_in));
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(button_deinit_obj, button_deinit);

static mp_obj_t button_exit(size_t n_args, const mp_obj_t *args) {
    (void)n_args;
    return button_deinit(args[0]);
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(button_exit_obj, 4, 4, button_exit);

// Button(GPIO15, value=0, debounce_ms=20): pin, state and window, as machine.Pin shows its
// configuration; Button(GPIO15, deinit) once deinitialized (that format ignores the rest).
static void button_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    (void)kind;
    debounce_button_obj_t *self = MP_OBJ_TO_PTR(self_in);
    mp_printf(print,
        self->live ? "Button(GPIO%u, value=%u, debounce_ms=%u)" : "Button(GPIO%u, deinit)",
        (unsigned)self->pin.id, (unsigned)debounce_state(&self->core),
        debounce_window_ms(&self->core));
}

// Read-only attributes: flag, overflows, debounce_ms (readable after deinit, for reports).
static void button_attr(mp_obj_t self_in, qstr attr, mp_obj_t *dest) {
    debounce_button_obj_t *self = MP_OBJ_TO_PTR(self_in);
    if (dest[0] != MP_OBJ_NULL) {
        return; // store or delete: not supported
    }
    if (attr == MP_QSTR_flag) {
        dest[0] = self->flag;
    } else if (attr == MP_QSTR_overflows) {
        dest[0] = mp_obj_new_int_from_uint(debounce_overflows(&self->core));
    } else if (attr == MP_QSTR_debounce_ms) {
        dest[0] = MP_OBJ_NEW_SMALL_INT(debounce_window_ms(&self->core));
    } else {
        dest[1] = MP_OBJ_SENTINEL; // continue in locals_dict
    }
}

static const mp_rom_map_elem_t button_locals_dict_table[] = {
    {MP_ROM_QSTR(MP_QSTR_any), MP_ROM_PTR(&button_any_obj)},
    {MP_ROM_QSTR(MP_QSTR_get), MP_ROM_PTR(&button_get_obj)},
    {MP_ROM_QSTR(MP_QSTR_get_into), MP_ROM_PTR(&button_get_into_obj)},
    {MP_ROM_QSTR(MP_QSTR_value), MP_ROM_PTR(&button_value_obj)},
    {MP_ROM_QSTR(MP_QSTR_deinit), MP_ROM_PTR(&button_deinit_obj)},
    {MP_ROM_QSTR(MP_QSTR___enter__), MP_ROM_PTR(&mp_identity_obj)},
    {MP_ROM_QSTR(MP_QSTR___exit__), MP_ROM_PTR(&button_exit_obj)},
};
static MP_DEFINE_CONST_DICT(button_locals_dict, button_locals_dict_table);

// clang-format off
MP_DEFINE_CONST_OBJ_TYPE(
    debounce_button_type,
    MP_QSTR_Button,
    MP_TYPE_FLAG_NONE,
    make_new, button_make_new,
    print, button_print,
    attr, button_attr,
    locals_dict, &button_locals_dict
    );
// clang-format on

static const mp_rom_map_elem_t debounce_module_globals_table[] = {
    {MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR_debounce)},
    {MP_ROM_QSTR(MP_QSTR_Button), MP_ROM_PTR(&debounce_button_type)},
    {MP_ROM_QSTR(MP_QSTR_find_pin), MP_ROM_PTR(&debounce_find_pin_kw_obj)},
    {MP_ROM_QSTR(MP_QSTR_Flag), MP_ROM_PTR(&debounce_flag_type)},
    {MP_ROM_QSTR(MP_QSTR_sleep_until), MP_ROM_PTR(&debounce_sleep_until_obj)},
    {MP_ROM_QSTR(MP_QSTR_PRESS), MP_ROM_INT(DEBOUNCE_PRESS)},
    {MP_ROM_QSTR(MP_QSTR_RELEASE), MP_ROM_INT(DEBOUNCE_RELEASE)},
};
static MP_DEFINE_CONST_DICT(debounce_module_globals, debounce_module_globals_table);

const mp_obj_module_t debounce_user_cmodule = {
    .base = {&mp_type_module},
    .globals = (mp_obj_dict_t *)&debounce_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR_debounce, debounce_user_cmodule);

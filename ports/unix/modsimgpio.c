// The `simgpio` module: how a test drives the tapblink unix variant's simulated pins and
// virtual clock. See ports/unix/README.md for the API and its rules.
#include "py/runtime.h"
#include "simgpio.h"

static int level_arg(mp_obj_t level_in) {
    mp_int_t level = mp_obj_get_int(level_in);
    if (level != 0 && level != 1) {
        mp_raise_ValueError(MP_ERROR_TEXT("level must be 0 or 1"));
    }
    return level;
}

// name(name, pin): let Pin(name) and debounce.Button(name) find the pin.
static mp_obj_t simgpio_name(mp_obj_t name_in, mp_obj_t pin_in) {
    if (!mp_obj_is_str(name_in)) {
        mp_raise_TypeError(MP_ERROR_TEXT("name must be a str"));
    }
    uint32_t id = simgpio_pin_resolve(pin_in, MP_QSTR_pin);
    simgpio_pin_name(mp_obj_str_get_qstr(name_in), id);
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_2(simgpio_name_obj, simgpio_name);

// set(pin, level, t_ms=None): move the clock to t_ms (ticks, now or later; firing what is due
// first), then drive the input pin to level, which fires its IRQ on a change.
static mp_obj_t simgpio_set(size_t n_args, const mp_obj_t *args) {
    uint32_t id = simgpio_pin_resolve(args[0], MP_QSTR_pin);
    int level = level_arg(args[1]);
    if (n_args > 2 && args[2] != mp_const_none) {
        simgpio_run_until(simgpio_ticks_to_ms(args[2], MP_QSTR_t_ms));
    }
    simgpio_pin_drive(id, level);
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(simgpio_set_obj, 2, 3, simgpio_set);

// schedule(pin, level, t_ms): drive the input pin to level when the clock reaches t_ms, even
// while MicroPython waits (asyncio); changes at the same t_ms apply in call order.
static mp_obj_t simgpio_schedule_fn(mp_obj_t pin_in, mp_obj_t level_in, mp_obj_t t_in) {
    uint32_t id = simgpio_pin_resolve(pin_in, MP_QSTR_pin);
    int level = level_arg(level_in);
    uint64_t due = simgpio_ticks_to_ms(t_in, MP_QSTR_t_ms);
    if (!simgpio_schedule(id, level, due)) {
        mp_raise_msg_varg(&mp_type_RuntimeError,
            MP_ERROR_TEXT("simgpio: more than %d scheduled changes"), SIMGPIO_NUM_SCHEDULED);
    }
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_3(simgpio_schedule_obj, simgpio_schedule_fn);

static void keyboard_interrupt(void *arg) {
    (void)arg;
    mp_sched_keyboard_interrupt();
}

// interrupt(t_ms): Ctrl-C at t_ms: KeyboardInterrupt is raised in whatever runs (or waits)
// then, as when the user presses Ctrl-C at the board's REPL.
static mp_obj_t simgpio_interrupt(mp_obj_t t_in) {
    uint64_t due = simgpio_ticks_to_ms(t_in, MP_QSTR_t_ms);
    if (simgpio_timer_arm(-1, due, keyboard_interrupt, NULL) < 0) {
        mp_raise_msg_varg(&mp_type_RuntimeError, MP_ERROR_TEXT("simgpio: all %d timers in use"),
            SIMGPIO_NUM_TIMERS);
    }
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(simgpio_interrupt_obj, simgpio_interrupt);

// advance(t_ms): move the clock to ticks t_ms (now or later), firing what is due.
static mp_obj_t simgpio_advance(mp_obj_t t_in) {
    simgpio_run_until(simgpio_ticks_to_ms(t_in, MP_QSTR_t_ms));
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(simgpio_advance_obj, simgpio_advance);

// elapse(ms): move the clock forward by ms (any size: elapse(2**30 - 100) gets near the wrap).
static mp_obj_t simgpio_elapse(mp_obj_t ms_in) {
    mp_int_t ms = mp_obj_get_int(ms_in);
    if (ms < 0) {
        mp_raise_ValueError(MP_ERROR_TEXT("ms must be >= 0"));
    }
    simgpio_run_until(simgpio_clock_ms() + (uint64_t)ms);
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(simgpio_elapse_obj, simgpio_elapse);

static mp_obj_t simgpio_ticks_ms(void) {
    return MP_OBJ_NEW_SMALL_INT((uint32_t)simgpio_clock_ms() & SIMGPIO_TICKS_MASK);
}
static MP_DEFINE_CONST_FUN_OBJ_0(simgpio_ticks_ms_obj, simgpio_ticks_ms);

static mp_obj_t simgpio_ticks_us(void) {
    return MP_OBJ_NEW_SMALL_INT((uint32_t)simgpio_clock_us() & SIMGPIO_TICKS_MASK);
}
static MP_DEFINE_CONST_FUN_OBJ_0(simgpio_ticks_us_obj, simgpio_ticks_us);

// log(pin, clear=False): the output pin's level changes as [(ticks_ms, level), ...].
static mp_obj_t simgpio_log(size_t n_args, const mp_obj_t *args) {
    uint32_t id = simgpio_pin_resolve(args[0], MP_QSTR_pin);
    return simgpio_pin_log(id, n_args > 1 && mp_obj_is_true(args[1]));
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(simgpio_log_obj, 1, 2, simgpio_log);

// count(pin): how many level changes the output's log holds (allocates nothing).
static mp_obj_t simgpio_count(mp_obj_t pin_in) {
    return MP_OBJ_NEW_SMALL_INT(simgpio_pin_log_len(simgpio_pin_resolve(pin_in, MP_QSTR_pin)));
}
static MP_DEFINE_CONST_FUN_OBJ_1(simgpio_count_obj, simgpio_count);

// level(pin): the level on the pin (0 or 1), whoever drives it.
static mp_obj_t simgpio_level(mp_obj_t pin_in) {
    return MP_OBJ_NEW_SMALL_INT(simgpio_pin_level(simgpio_pin_resolve(pin_in, MP_QSTR_pin)));
}
static MP_DEFINE_CONST_FUN_OBJ_1(simgpio_level_obj, simgpio_level);

// irq(pin): the triggers of the pin's enabled IRQ (Pin.IRQ_FALLING|Pin.IRQ_RISING), 0 if none.
static mp_obj_t simgpio_irq(mp_obj_t pin_in) {
    uint32_t id = simgpio_pin_resolve(pin_in, MP_QSTR_pin);
    return MP_OBJ_NEW_SMALL_INT(simgpio_pin_irq_trigger(id));
}
static MP_DEFINE_CONST_FUN_OBJ_1(simgpio_irq_obj, simgpio_irq);

// timers(): number of armed one-shot timers (debounce windows in progress).
static mp_obj_t simgpio_timers(void) {
    return MP_OBJ_NEW_SMALL_INT(simgpio_timers_armed());
}
static MP_DEFINE_CONST_FUN_OBJ_0(simgpio_timers_obj, simgpio_timers);

// scheduled(): number of level changes queued by schedule() and not yet applied.
static mp_obj_t simgpio_scheduled_fn(void) {
    return MP_OBJ_NEW_SMALL_INT(simgpio_scheduled());
}
static MP_DEFINE_CONST_FUN_OBJ_0(simgpio_scheduled_obj, simgpio_scheduled_fn);

static const mp_rom_map_elem_t simgpio_module_globals_table[] = {
    {MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR_simgpio)},
    {MP_ROM_QSTR(MP_QSTR_name), MP_ROM_PTR(&simgpio_name_obj)},
    {MP_ROM_QSTR(MP_QSTR_set), MP_ROM_PTR(&simgpio_set_obj)},
    {MP_ROM_QSTR(MP_QSTR_schedule), MP_ROM_PTR(&simgpio_schedule_obj)},
    {MP_ROM_QSTR(MP_QSTR_advance), MP_ROM_PTR(&simgpio_advance_obj)},
    {MP_ROM_QSTR(MP_QSTR_interrupt), MP_ROM_PTR(&simgpio_interrupt_obj)},
    {MP_ROM_QSTR(MP_QSTR_elapse), MP_ROM_PTR(&simgpio_elapse_obj)},
    {MP_ROM_QSTR(MP_QSTR_ticks_ms), MP_ROM_PTR(&simgpio_ticks_ms_obj)},
    {MP_ROM_QSTR(MP_QSTR_ticks_us), MP_ROM_PTR(&simgpio_ticks_us_obj)},
    {MP_ROM_QSTR(MP_QSTR_log), MP_ROM_PTR(&simgpio_log_obj)},
    {MP_ROM_QSTR(MP_QSTR_count), MP_ROM_PTR(&simgpio_count_obj)},
    {MP_ROM_QSTR(MP_QSTR_level), MP_ROM_PTR(&simgpio_level_obj)},
    {MP_ROM_QSTR(MP_QSTR_irq), MP_ROM_PTR(&simgpio_irq_obj)},
    {MP_ROM_QSTR(MP_QSTR_timers), MP_ROM_PTR(&simgpio_timers_obj)},
    {MP_ROM_QSTR(MP_QSTR_scheduled), MP_ROM_PTR(&simgpio_scheduled_obj)},
};
static MP_DEFINE_CONST_DICT(simgpio_module_globals, simgpio_module_globals_table);

const mp_obj_module_t simgpio_module = {
    .base = {&mp_type_module},
    .globals = (mp_obj_dict_t *)&simgpio_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR_simgpio, simgpio_module);

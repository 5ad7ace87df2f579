// One wording for each kind of bad argument, on every port: see debounce_args.h.
#include <string.h>

#include "py/runtime.h"
#include "debounce_args.h"

void debounce_pin_type_error(qstr arg, mp_obj_t pin_in) {
    mp_raise_msg_varg(&mp_type_TypeError,
        MP_ERROR_TEXT("%q must be an int, a str or a Pin, not %s"), arg,
        mp_obj_get_type_str(pin_in));
}

// "GP" followed by digits only: the board's GPn names, summarised as one pattern.
static bool is_gp_number(const char *s) {
    if (strncmp(s, "GP", 2) != 0 || s[2] == '\0') {
        return false;
    }
    for (s += 2; *s; ++s) {
        if (*s < '0' || *s > '9') {
            return false;
        }
    }
    return true;
}

void debounce_pin_value_error(
    qstr arg, mp_obj_t pin_in, unsigned num_gpio, debounce_pin_name_fn board_name) {
    vstr_t vstr;
    mp_print_t print;
    vstr_init_print(&vstr, 80, &print);
    mp_printf(&print, "%q must be 0..%u or a pin name (", arg, num_gpio - 1);
    const char *name;
    for (size_t i = 0; (name = board_name(i)) != NULL; ++i) {
        if (!is_gp_number(name)) {
            mp_printf(&print, "%s, ", name);
        }
    }
    mp_print_str(&print, "GPn, GPIOn), not ");
    mp_obj_print_helper(&print, pin_in, PRINT_REPR);
    nlr_raise(mp_obj_new_exception_arg1(&mp_type_ValueError, mp_obj_new_str_from_vstr(&vstr)));
}

void debounce_pin_output_error(qstr arg, unsigned gpio) {
    mp_raise_msg_varg(&mp_type_ValueError,
        MP_ERROR_TEXT("%q: GPIO%u is an output: make it an input first (Pin(%u, Pin.IN))"), arg,
        gpio, gpio);
}

// MicroPython's argument parser only says "extra keyword arguments given": name the stranger.
void debounce_check_keywords(size_t n_args, size_t n_kw, const mp_obj_t *all_args, size_t n_allowed,
    const mp_arg_t *allowed) {
    for (size_t k = 0; k < n_kw; k++) {
        mp_obj_t key = all_args[n_args + 2 * k];
        size_t i = 0;
        while (i < n_allowed && !mp_obj_equal(key, MP_OBJ_NEW_QSTR(allowed[i].qst))) {
            i++;
        }
        if (i == n_allowed) {
            mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("unexpected keyword argument '%s'"),
                mp_obj_str_get_str(key));
        }
    }
}

// debounce.find_pin(pin, name="pin", output=False): takes `name` and `output` by keyword too
// (the port's function, which knows its pins, takes all three by position). Here, not in the
// binding: this file is the argument wording's, outside the binding's flash goal.
static mp_obj_t find_pin_kw(size_t n_args, const mp_obj_t *pos_args, mp_map_t *kw_args) {
    static const mp_arg_t allowed[] = {
        {MP_QSTR_pin, MP_ARG_REQUIRED | MP_ARG_OBJ, {.u_obj = MP_OBJ_NULL}},
        {MP_QSTR_name, MP_ARG_OBJ, {.u_rom_obj = MP_ROM_QSTR(MP_QSTR_pin)}},
        {MP_QSTR_output, MP_ARG_OBJ, {.u_rom_obj = MP_ROM_FALSE}},
    };
    for (size_t i = 0; i < kw_args->alloc; i++) {
        if (mp_map_slot_is_filled(kw_args, i)) {
            mp_obj_t key = kw_args->table[i].key;
            size_t k = 0;
            while (
                k < MP_ARRAY_SIZE(allowed) && !mp_obj_equal(key, MP_OBJ_NEW_QSTR(allowed[k].qst))) {
                k++;
            }
            if (k == MP_ARRAY_SIZE(allowed)) {
                mp_raise_msg_varg(&mp_type_TypeError,
                    MP_ERROR_TEXT("unexpected keyword argument '%s'"), mp_obj_str_get_str(key));
            }
        }
    }
    mp_arg_val_t vals[MP_ARRAY_SIZE(allowed)];
    mp_arg_parse_all(n_args, pos_args, kw_args, MP_ARRAY_SIZE(allowed), allowed, vals);
    if (!mp_obj_is_str(vals[1].u_obj)) {
        mp_raise_TypeError(MP_ERROR_TEXT("name must be a str"));
    }
    // output=True: the caller only drives the pin (an LED), so a pin without an edge interrupt
    // (the Pico W's LED, on its wireless chip) is accepted.
    mp_obj_t args[3] = {vals[0].u_obj, vals[1].u_obj,
        mp_obj_new_bool(debounce_flag_arg(vals[2].u_obj, MP_QSTR_output))};
    return mp_call_function_n_kw(MP_OBJ_FROM_PTR(&debounce_find_pin_obj), 3, 0, args);
}
MP_DEFINE_CONST_FUN_OBJ_KW(debounce_find_pin_kw_obj, 1, find_pin_kw);

// A flag argument: True/False, or 1/0 (the values machine.Pin takes for them). The one rule
// for flags of every tapblink API, in C and in Python (buttons.check_flag).
bool debounce_flag_arg(mp_obj_t arg, qstr name) {
    if (mp_obj_is_bool(arg)) {
        return arg == mp_const_true;
    }
    if (mp_obj_is_small_int(arg) && (MP_OBJ_SMALL_INT_VALUE(arg) >> 1) == 0) {
        return MP_OBJ_SMALL_INT_VALUE(arg);
    }
    mp_raise_msg_varg(mp_obj_is_int(arg) ? &mp_type_ValueError : &mp_type_TypeError,
        MP_ERROR_TEXT("%q must be True or False"), name);
}

mp_int_t debounce_int_arg(mp_obj_t arg, qstr name, mp_int_t lo, mp_int_t hi) {
    if (!mp_obj_is_int(arg) || mp_obj_is_bool(arg)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%q must be an int, not %s"), name,
            mp_obj_get_type_str(arg));
    }
    // A big int is out of range whatever its sign.
    mp_int_t v = mp_obj_is_small_int(arg) ? MP_OBJ_SMALL_INT_VALUE(arg) : hi + 1;
    if (v < lo || v > hi) {
        mp_raise_msg_varg(
            &mp_type_ValueError, MP_ERROR_TEXT("%q must be %d..%d"), name, (int)lo, (int)hi);
    }
    return v;
}

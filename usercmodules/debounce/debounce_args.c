// One wording for a bad pin argument on every port: see debounce_args.h.
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

void debounce_find_pin_parse(
    size_t n_args, const mp_obj_t *pos_args, mp_map_t *kw_args, mp_arg_val_t *args) {
    static const mp_arg_t allowed[DEBOUNCE_FIND_PIN_N_ARGS] = {
        {MP_QSTR_pin, MP_ARG_REQUIRED | MP_ARG_OBJ, {.u_obj = MP_OBJ_NULL}},
        {MP_QSTR_name, MP_ARG_OBJ, {.u_obj = MP_OBJ_NULL}},
        {MP_QSTR_output, MP_ARG_BOOL, {.u_bool = false}},
    };
    for (size_t i = 0; i < kw_args->alloc; i++) {
        if (mp_map_slot_is_filled(kw_args, i)) {
            mp_obj_t key = kw_args->table[i].key;
            size_t k = 0;
            while (k < DEBOUNCE_FIND_PIN_N_ARGS &&
                   !mp_obj_equal(key, MP_OBJ_NEW_QSTR(allowed[k].qst))) {
                k++;
            }
            if (k == DEBOUNCE_FIND_PIN_N_ARGS) {
                mp_raise_msg_varg(&mp_type_TypeError,
                    MP_ERROR_TEXT("unexpected keyword argument '%s'"), mp_obj_str_get_str(key));
            }
        }
    }
    mp_arg_parse_all(n_args, pos_args, kw_args, DEBOUNCE_FIND_PIN_N_ARGS, allowed, args);
}

// The wording of argument errors shared by the binding and the ports' glue. A bad pin: one
// wording on every port (rp2, unix) and for every
// argument that takes a pin (debounce.Button's `pin`, tapblink.run's `button` and `led`):
//
//   TypeError:  "<arg> must be an int, a str or a Pin, not <type>"
//   ValueError: "<arg> must be 0..29 or a pin name (BUTTON, LED, GPn, GPIOn), not <repr>"
//   ValueError: "<arg>: GPIO25 is an output: make it an input first (Pin(25, Pin.IN))"
//
// The ports call these from their pin lookup (debounce_port_pin_resolve and, through
// debounce.find_pin(), Python code that names its own argument).
#ifndef TAPBLINK_DEBOUNCE_PIN_ARG_H
#define TAPBLINK_DEBOUNCE_PIN_ARG_H

#include "py/obj.h"
#include "py/runtime.h"

// The board's pin names (pins.csv), one at a time: the i-th name, or NULL past the end.
typedef const char *(*debounce_pin_name_fn)(size_t i);

NORETURN void debounce_pin_type_error(qstr arg, mp_obj_t pin_in);

// num_gpio: GPIOs 0..num_gpio-1 exist. The names listed are the board's own names that are
// not GPn (LED, BUTTON), then the patterns GPn and GPIOn.
NORETURN void debounce_pin_value_error(
    qstr arg, mp_obj_t pin_in, unsigned num_gpio, debounce_pin_name_fn board_name);

NORETURN void debounce_pin_output_error(qstr arg, unsigned gpio);

// debounce.find_pin(pin, name="pin", output=False): the machine.Pin that `pin` names, errors
// naming `name`. output=True: the caller only drives it (an LED), so a pin without an edge
// interrupt (the Pico W's LED, on its wireless chip) is accepted. Implemented by the port (it
// knows its pins), registered by the binding; the arguments are parsed by
// debounce_find_pin_parse() into args[DEBOUNCE_FIND_PIN_N_ARGS]: pin, name (MP_OBJ_NULL when
// not given), output.
MP_DECLARE_CONST_FUN_OBJ_KW(debounce_find_pin_obj);
#define DEBOUNCE_FIND_PIN_N_ARGS (3)
void debounce_find_pin_parse(
    size_t n_args, const mp_obj_t *pos_args, mp_map_t *kw_args, mp_arg_val_t *args);

// An unknown keyword argument: TypeError naming it (MicroPython's own parser only says "extra
// keyword arguments given"). all_args as make_new gets them.
void debounce_check_keywords(size_t n_args, size_t n_kw, const mp_obj_t *all_args, size_t n_allowed,
    const mp_arg_t *allowed);

#endif // TAPBLINK_DEBOUNCE_PIN_ARG_H

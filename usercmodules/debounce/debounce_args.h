// The wording of argument errors shared by the binding, sleep_until and the ports' glue. A bad pin:
// one wording on every port (rp2, unix) and for every argument that takes a pin (debounce.Button's
// `pin`, tapblink.run's `button` and `led`):
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

// debounce.find_pin(pin, name, output): the machine.Pin that `pin` names, errors naming `name`.
// output=True: the caller only drives it (an LED), so a pin without an edge interrupt (the Pico
// W's LED, on its wireless chip) is accepted. Implemented by the port (it knows its pins), all
// three by position and already checked; registered by the binding through the next one.
MP_DECLARE_CONST_FUN_OBJ_VAR_BETWEEN(debounce_find_pin_obj);
// The module's find_pin: the same, with name="pin" and output=False by keyword too
// (debounce_args.c).
MP_DECLARE_CONST_FUN_OBJ_KW(debounce_find_pin_kw_obj);

// An unknown keyword argument: TypeError naming it (MicroPython's own parser only says "extra
// keyword arguments given"). all_args as make_new gets them.
void debounce_check_keywords(size_t n_args, size_t n_kw, const mp_obj_t *all_args, size_t n_allowed,
    const mp_arg_t *allowed);

// An int argument in lo..hi (a bool is not one): TypeError "<name> must be an int, not <type>"
// or ValueError "<name> must be <lo>..<hi>", the wording of modules/_argcheck.py's check_int.
// For debounce.Button's debounce_ms and max_events, and sleep_until's t.
mp_int_t debounce_int_arg(mp_obj_t arg, qstr name, mp_int_t lo, mp_int_t hi);

// A flag argument: True/False or 1/0; anything else TypeError (not an int) or ValueError,
// "<name> must be True or False".
bool debounce_flag_arg(mp_obj_t arg, qstr name);

#endif // TAPBLINK_DEBOUNCE_PIN_ARG_H

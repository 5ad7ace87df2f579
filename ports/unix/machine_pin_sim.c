// machine.Pin for the tapblink unix variant: GPIO0..GPIO29 simulated in memory.
//
// The API is rp2's (same constants, same IRQ object from shared/runtime/mpirq.c), so code
// written for the board runs unchanged. Inputs are driven by the test through simgpio;
// outputs record their level changes with the virtual time.
#include <stdlib.h>
#include <string.h>

#include "py/mphal.h"
#include "py/runtime.h"
#include "shared/runtime/mpirq.h"
#include "simgpio.h"
#include "debounce_args.h"
#include "tapblink_pins.h"

#define NUM_NAMES (64)

typedef struct _sim_log_entry_t {
    uint32_t ticks_ms;
    uint8_t level;
} sim_log_entry_t;

typedef struct _sim_pin_t {
    uint8_t mode;
    uint8_t pull;
    uint8_t driven; // the test drives the pin from outside (at level `ext`)
    uint8_t ext;
    uint8_t out;   // output latch
    uint8_t level; // the level on the pin, as last computed
    // Output log, in C memory so that it doesn't show in the tests' GC heap measurements.
    sim_log_entry_t *log;
    size_t log_len;
    size_t log_cap;
} sim_pin_t;

typedef struct _sim_pin_irq_t {
    mp_irq_obj_t base;
    uint32_t flags;
    uint32_t trigger;
} sim_pin_irq_t;

typedef struct _sim_name_t {
    qstr name;
    uint8_t id;
} sim_name_t;

static sim_pin_t pins[SIMGPIO_NUM_PINS];
static sim_name_t names[NUM_NAMES];
static size_t num_names;

// IRQ objects are on the GC heap and reached from the IRQ, so they are roots.
MP_REGISTER_ROOT_POINTER(struct _sim_pin_irq_t *simgpio_pin_irq[SIMGPIO_NUM_PINS]);

// One Pin object per GPIO, outside the GC heap: Pin(15) is Pin(15), and making one allocates
// nothing. Filled in on first use (a const table would need 30 initialisers).
static machine_pin_obj_t pin_objs[SIMGPIO_NUM_PINS];

mp_obj_t simgpio_pin_obj(uint32_t id) {
    machine_pin_obj_t *pin = &pin_objs[id];
    if (pin->base.type == NULL) {
        pin->base.type = &machine_pin_type;
        pin->id = id;
    }
    return MP_OBJ_FROM_PTR(pin);
}

// "GPIO15" -> 15 (the RP2040's own names, which rp2 also accepts); -1 when `s` is not one.
static int gpio_number_from_name(const char *s, size_t len) {
    if (len < 5 || len > 6 || strncmp(s, "GPIO", 4) != 0) {
        return -1;
    }
    int n = 0;
    for (size_t i = 4; i < len; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        n = n * 10 + (s[i] - '0');
    }
    return n < SIMGPIO_NUM_PINS ? n : -1;
}

static const char *board_name(size_t i) {
    return i < TAPBLINK_BOARD_PIN_COUNT ? tapblink_board_pins[i].name : NULL;
}

int simgpio_pin_lookup(mp_obj_t pin_in) {
    if (mp_obj_is_type(pin_in, &machine_pin_type)) {
        const machine_pin_obj_t *pin = MP_OBJ_TO_PTR(pin_in);
        return pin->id;
    }
    if (mp_obj_is_str(pin_in)) {
        size_t len;
        const char *s = mp_obj_str_get_data(pin_in, &len);
        // Names a test registered first (they may rename), then the board's (pins.csv),
        // then GPIOn: the order rp2 looks them up in (board pins, then cpu pins).
        qstr name = qstr_find_strn(s, len);
        for (size_t i = 0; name != MP_QSTRnull && i < num_names; ++i) {
            if (names[i].name == name) {
                return names[i].id;
            }
        }
        for (size_t i = 0; i < TAPBLINK_BOARD_PIN_COUNT; ++i) {
            if (strlen(tapblink_board_pins[i].name) == len &&
                memcmp(tapblink_board_pins[i].name, s, len) == 0) {
                return tapblink_board_pins[i].gpio;
            }
        }
        return gpio_number_from_name(s, len);
    }
    if (mp_obj_is_small_int(pin_in)) {
        mp_int_t n = MP_OBJ_SMALL_INT_VALUE(pin_in);
        return n >= 0 && n < SIMGPIO_NUM_PINS ? (int)n : -1;
    }
    return mp_obj_is_int(pin_in) ? -1 : -2;
}

uint32_t simgpio_pin_resolve(mp_obj_t pin_in, qstr arg_name) {
    int id = mp_obj_is_bool(pin_in) ? -2 : simgpio_pin_lookup(pin_in);
    if (id == -2) {
        debounce_pin_type_error(arg_name, pin_in);
    } else if (id < 0) {
        debounce_pin_value_error(arg_name, pin_in, SIMGPIO_NUM_PINS, board_name);
    }
    return id;
}

bool simgpio_pin_is_output(uint32_t id) {
    const sim_pin_t *p = &pins[id];
    // As rp2 sees it: output-enabled (open drain pulls low with its output enabled).
    return p->mode == SIMGPIO_MODE_OUT || (p->mode == SIMGPIO_MODE_OPEN_DRAIN && p->out == 0);
}

void simgpio_pin_name(qstr name, uint32_t id) {
    for (size_t i = 0; i < num_names; ++i) {
        if (names[i].name == name) {
            names[i].id = id;
            return;
        }
    }
    if (num_names == NUM_NAMES) {
        mp_raise_msg_varg(
            &mp_type_RuntimeError, MP_ERROR_TEXT("simgpio: at most %d pin names"), NUM_NAMES);
    }
    names[num_names].name = name;
    names[num_names].id = id;
    ++num_names;
}

static int compute_level(const sim_pin_t *p) {
    if (p->mode == SIMGPIO_MODE_OUT || (p->mode == SIMGPIO_MODE_OPEN_DRAIN && p->out == 0)) {
        return p->out;
    }
    if (p->driven) {
        return p->ext;
    }
    return p->pull == SIMGPIO_PULL_UP;
}

static bool is_output(const sim_pin_t *p) {
    return p->mode == SIMGPIO_MODE_OUT || p->mode == SIMGPIO_MODE_OPEN_DRAIN;
}

static void log_level(sim_pin_t *p) {
    if (p->log_len == p->log_cap) {
        size_t cap = p->log_cap ? 2 * p->log_cap : 64;
        sim_log_entry_t *log = realloc(p->log, cap * sizeof(*log));
        if (log == NULL) {
            return; // out of host memory: the log stops growing, the pin still works
        }
        p->log = log;
        p->log_cap = cap;
    }
    p->log[p->log_len].ticks_ms = (uint32_t)simgpio_clock_ms() & SIMGPIO_TICKS_MASK;
    p->log[p->log_len].level = p->level;
    ++p->log_len;
}

// Recompute the pin's level after a change of its configuration or drive; an edge is logged
// (outputs) and fires the pin's IRQ if its trigger asks for it.
static void update(uint32_t id) {
    sim_pin_t *p = &pins[id];
    int level = compute_level(p);
    if (level == p->level) {
        return;
    }
    p->level = level;
    if (is_output(p)) {
        log_level(p);
    }
    sim_pin_irq_t *irq = MP_STATE_PORT(simgpio_pin_irq)[id];
    uint32_t edge = level ? SIMGPIO_IRQ_RISING : SIMGPIO_IRQ_FALLING;
    if (irq != NULL && (irq->trigger & edge) && irq->base.handler != mp_const_none) {
        irq->flags = edge;
        simgpio_irq_enter();
        mp_irq_handler(&irq->base);
        simgpio_irq_exit();
    }
}

void simgpio_pin_config_input(uint32_t id, int pull) {
    pins[id].mode = SIMGPIO_MODE_IN;
    pins[id].pull = pull;
    update(id);
}

int simgpio_pin_level(uint32_t id) {
    return pins[id].level;
}

void simgpio_pin_drive(uint32_t id, int level) {
    if (pins[id].mode == SIMGPIO_MODE_OUT) {
        mp_raise_msg_varg(&mp_type_ValueError, MP_ERROR_TEXT("pin %d is an output"), (int)id);
    }
    pins[id].driven = 1;
    pins[id].ext = level != 0;
    update(id);
}

uint32_t simgpio_pin_irq_trigger(uint32_t id) {
    sim_pin_irq_t *irq = MP_STATE_PORT(simgpio_pin_irq)[id];
    if (irq == NULL || irq->base.handler == mp_const_none) {
        return 0;
    }
    return irq->trigger;
}

mp_obj_t simgpio_pin_log(uint32_t id, bool clear) {
    sim_pin_t *p = &pins[id];
    mp_obj_t list = mp_obj_new_list(0, NULL);
    for (size_t i = 0; i < p->log_len; ++i) {
        mp_obj_t item[2] = {
            MP_OBJ_NEW_SMALL_INT(p->log[i].ticks_ms),
            MP_OBJ_NEW_SMALL_INT(p->log[i].level),
        };
        mp_obj_list_append(list, mp_obj_new_tuple(2, item));
    }
    if (clear) {
        p->log_len = 0;
    }
    return list;
}

size_t simgpio_pin_log_len(uint32_t id) {
    return pins[id].log_len;
}

// ---- IRQ object methods (for mpirq.c) --------------------------------------------------------

static mp_uint_t pin_irq_trigger(mp_obj_t self_in, mp_uint_t new_trigger) {
    const machine_pin_obj_t *self = MP_OBJ_TO_PTR(self_in);
    sim_pin_irq_t *irq = MP_STATE_PORT(simgpio_pin_irq)[self->id];
    irq->flags = 0;
    irq->trigger = new_trigger;
    return 0;
}

static mp_uint_t pin_irq_info(mp_obj_t self_in, mp_uint_t info_type) {
    const machine_pin_obj_t *self = MP_OBJ_TO_PTR(self_in);
    sim_pin_irq_t *irq = MP_STATE_PORT(simgpio_pin_irq)[self->id];
    if (info_type == MP_IRQ_INFO_FLAGS) {
        return irq->flags;
    } else if (info_type == MP_IRQ_INFO_TRIGGERS) {
        return irq->trigger;
    }
    return 0;
}

static const mp_irq_methods_t pin_irq_methods = {
    .trigger = pin_irq_trigger,
    .info = pin_irq_info,
};

static sim_pin_irq_t *get_irq(uint32_t id) {
    sim_pin_irq_t *irq = MP_STATE_PORT(simgpio_pin_irq)[id];
    if (irq == NULL) {
        irq = m_new_obj(sim_pin_irq_t);
        mp_irq_init(&irq->base, &pin_irq_methods, simgpio_pin_obj(id));
        irq->flags = 0;
        irq->trigger = 0;
        MP_STATE_PORT(simgpio_pin_irq)[id] = irq;
    }
    return irq;
}

void simgpio_pin_interrupt(uint32_t id, mp_obj_t handler, uint32_t trigger, bool hard) {
    sim_pin_irq_t *irq = get_irq(id);
    irq->base.handler = handler;
    irq->base.ishard = hard;
    irq->flags = 0;
    irq->trigger = handler == mp_const_none ? 0 : trigger;
}

// ---- machine.Pin ------------------------------------------------------------------------------

static const qstr mode_names[] = {MP_QSTR_IN, MP_QSTR_OUT, MP_QSTR_OPEN_DRAIN};

static void machine_pin_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    const machine_pin_obj_t *self = MP_OBJ_TO_PTR(self_in);
    const sim_pin_t *p = &pins[self->id];
    mp_printf(print, "Pin(GPIO%u, mode=%q", self->id, mode_names[p->mode]);
    if (p->pull == SIMGPIO_PULL_UP) {
        mp_printf(print, ", pull=%q", MP_QSTR_PULL_UP);
    } else if (p->pull == SIMGPIO_PULL_DOWN) {
        mp_printf(print, ", pull=%q", MP_QSTR_PULL_DOWN);
    }
    mp_print_str(print, ")");
}

// pin.init(mode=None, pull=None, *, value=None): rp2's argument rules.
static mp_obj_t machine_pin_obj_init_helper(
    const machine_pin_obj_t *self, size_t n_args, const mp_obj_t *pos_args, mp_map_t *kw_args) {
    enum { ARG_mode, ARG_pull, ARG_value };
    static const mp_arg_t allowed_args[] = {
        {MP_QSTR_mode, MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE}},
        {MP_QSTR_pull, MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE}},
        {MP_QSTR_value, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE}},
    };
    mp_arg_val_t args[MP_ARRAY_SIZE(allowed_args)];
    mp_arg_parse_all(n_args, pos_args, kw_args, MP_ARRAY_SIZE(allowed_args), allowed_args, args);

    // Check all arguments before changing anything.
    sim_pin_t *p = &pins[self->id];
    mp_int_t mode = p->mode;
    if (args[ARG_mode].u_obj != mp_const_none) {
        mode = mp_obj_get_int(args[ARG_mode].u_obj);
        if (mode < SIMGPIO_MODE_IN || mode > SIMGPIO_MODE_OPEN_DRAIN) {
            mp_raise_ValueError(MP_ERROR_TEXT("mode must be Pin.IN, Pin.OUT or Pin.OPEN_DRAIN"));
        }
    }
    mp_int_t pull = SIMGPIO_PULL_NONE;
    if (args[ARG_pull].u_obj != mp_const_none) {
        pull = mp_obj_get_int(args[ARG_pull].u_obj);
        if (pull != SIMGPIO_PULL_UP && pull != SIMGPIO_PULL_DOWN) {
            mp_raise_ValueError(MP_ERROR_TEXT("pull must be None, Pin.PULL_UP or Pin.PULL_DOWN"));
        }
    }
    if (args[ARG_value].u_obj != mp_const_none) {
        p->out = mp_obj_is_true(args[ARG_value].u_obj);
    }
    p->mode = mode;
    p->pull = pull;
    update(self->id);
    return mp_const_none;
}

static mp_obj_t machine_pin_make_new(
    const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    mp_arg_check_num(n_args, n_kw, 1, MP_OBJ_FUN_ARGS_MAX, true);
    uint32_t id = simgpio_pin_resolve(args[0], MP_QSTR_id);
    const machine_pin_obj_t *self = MP_OBJ_TO_PTR(simgpio_pin_obj(id));
    if (n_args > 1 || n_kw > 0) {
        mp_map_t kw_args;
        mp_map_init_fixed_table(&kw_args, n_kw, args + n_args);
        machine_pin_obj_init_helper(self, n_args - 1, args + 1, &kw_args);
    }
    return MP_OBJ_FROM_PTR(self);
}

static void set_out(const machine_pin_obj_t *self, int value) {
    pins[self->id].out = value != 0;
    update(self->id);
}

// pin() reads, pin(v) writes: the same as pin.value().
static mp_obj_t machine_pin_call(
    mp_obj_t self_in, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    mp_arg_check_num(n_args, n_kw, 0, 1, false);
    const machine_pin_obj_t *self = MP_OBJ_TO_PTR(self_in);
    if (n_args == 0) {
        return MP_OBJ_NEW_SMALL_INT(pins[self->id].level);
    }
    set_out(self, mp_obj_is_true(args[0]));
    return mp_const_none;
}

static mp_obj_t machine_pin_init(size_t n_args, const mp_obj_t *args, mp_map_t *kw_args) {
    return machine_pin_obj_init_helper(MP_OBJ_TO_PTR(args[0]), n_args - 1, args + 1, kw_args);
}
static MP_DEFINE_CONST_FUN_OBJ_KW(machine_pin_init_obj, 1, machine_pin_init);

static mp_obj_t machine_pin_value(size_t n_args, const mp_obj_t *args) {
    return machine_pin_call(args[0], n_args - 1, 0, args + 1);
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(machine_pin_value_obj, 1, 2, machine_pin_value);

static mp_obj_t machine_pin_low(mp_obj_t self_in) {
    set_out(MP_OBJ_TO_PTR(self_in), 0);
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(machine_pin_low_obj, machine_pin_low);

static mp_obj_t machine_pin_high(mp_obj_t self_in) {
    set_out(MP_OBJ_TO_PTR(self_in), 1);
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(machine_pin_high_obj, machine_pin_high);

static mp_obj_t machine_pin_toggle(mp_obj_t self_in) {
    const machine_pin_obj_t *self = MP_OBJ_TO_PTR(self_in);
    set_out(self, !pins[self->id].out);
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(machine_pin_toggle_obj, machine_pin_toggle);

// pin.irq(handler=None, trigger=IRQ_FALLING|IRQ_RISING, hard=False)
static mp_obj_t machine_pin_irq(size_t n_args, const mp_obj_t *pos_args, mp_map_t *kw_args) {
    enum { ARG_handler, ARG_trigger, ARG_hard };
    static const mp_arg_t allowed_args[] = {
        {MP_QSTR_handler, MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE}},
        {MP_QSTR_trigger, MP_ARG_INT, {.u_int = SIMGPIO_IRQ_FALLING | SIMGPIO_IRQ_RISING}},
        {MP_QSTR_hard, MP_ARG_BOOL, {.u_bool = false}},
    };
    const machine_pin_obj_t *self = MP_OBJ_TO_PTR(pos_args[0]);
    mp_arg_val_t args[MP_ARRAY_SIZE(allowed_args)];
    mp_arg_parse_all(
        n_args - 1, pos_args + 1, kw_args, MP_ARRAY_SIZE(allowed_args), allowed_args, args);
    sim_pin_irq_t *irq = get_irq(self->id);
    if (n_args > 1 || kw_args->used != 0) {
        mp_obj_t handler = args[ARG_handler].u_obj;
        if (handler != mp_const_none && !mp_obj_is_callable(handler)) {
            mp_raise_TypeError(MP_ERROR_TEXT("handler must be None or callable"));
        }
        mp_uint_t trigger = args[ARG_trigger].u_int;
        if (trigger & ~(mp_uint_t)(SIMGPIO_IRQ_FALLING | SIMGPIO_IRQ_RISING)) {
            mp_raise_ValueError(MP_ERROR_TEXT("trigger must be Pin.IRQ_FALLING|Pin.IRQ_RISING"));
        }
        simgpio_pin_interrupt(self->id, handler, trigger, args[ARG_hard].u_bool);
    }
    return MP_OBJ_FROM_PTR(irq);
}
static MP_DEFINE_CONST_FUN_OBJ_KW(machine_pin_irq_obj, 1, machine_pin_irq);

static const mp_rom_map_elem_t machine_pin_locals_dict_table[] = {
    {MP_ROM_QSTR(MP_QSTR_init), MP_ROM_PTR(&machine_pin_init_obj)},
    {MP_ROM_QSTR(MP_QSTR_value), MP_ROM_PTR(&machine_pin_value_obj)},
    {MP_ROM_QSTR(MP_QSTR_low), MP_ROM_PTR(&machine_pin_low_obj)},
    {MP_ROM_QSTR(MP_QSTR_high), MP_ROM_PTR(&machine_pin_high_obj)},
    {MP_ROM_QSTR(MP_QSTR_off), MP_ROM_PTR(&machine_pin_low_obj)},
    {MP_ROM_QSTR(MP_QSTR_on), MP_ROM_PTR(&machine_pin_high_obj)},
    {MP_ROM_QSTR(MP_QSTR_toggle), MP_ROM_PTR(&machine_pin_toggle_obj)},
    {MP_ROM_QSTR(MP_QSTR_irq), MP_ROM_PTR(&machine_pin_irq_obj)},

    {MP_ROM_QSTR(MP_QSTR_IN), MP_ROM_INT(SIMGPIO_MODE_IN)},
    {MP_ROM_QSTR(MP_QSTR_OUT), MP_ROM_INT(SIMGPIO_MODE_OUT)},
    {MP_ROM_QSTR(MP_QSTR_OPEN_DRAIN), MP_ROM_INT(SIMGPIO_MODE_OPEN_DRAIN)},
    {MP_ROM_QSTR(MP_QSTR_PULL_UP), MP_ROM_INT(SIMGPIO_PULL_UP)},
    {MP_ROM_QSTR(MP_QSTR_PULL_DOWN), MP_ROM_INT(SIMGPIO_PULL_DOWN)},
    {MP_ROM_QSTR(MP_QSTR_IRQ_FALLING), MP_ROM_INT(SIMGPIO_IRQ_FALLING)},
    {MP_ROM_QSTR(MP_QSTR_IRQ_RISING), MP_ROM_INT(SIMGPIO_IRQ_RISING)},
};
static MP_DEFINE_CONST_DICT(machine_pin_locals_dict, machine_pin_locals_dict_table);

MP_DEFINE_CONST_OBJ_TYPE(machine_pin_type, MP_QSTR_Pin, MP_TYPE_FLAG_NONE, make_new,
    machine_pin_make_new, print, machine_pin_print, call, machine_pin_call, locals_dict,
    &machine_pin_locals_dict);

// rp2 glue for the debounce module (debounce_port.h).
//
// Edges: our IO_IRQ_BANK0 handler in place of machine_pin.c's, which it calls for other pins,
// with MicroPython's Pin IRQ (mp_hal_pin_interrupt, hard, both edges) as the fallback
// ("Edges" below).
//
// Alarms (a window's end, a sleep_until's wake-up): debounce_alarm_rp2.c.
#include "py/runtime.h"
#include "py/mphal.h"
#include "py/smallint.h"
#include "hardware/gpio.h"
#include "hardware/irq.h"
#include "hardware/sync.h"
#include "hardware/timer.h"
#include "pico/time.h"
#include "extmod/modmachine.h"
#include "machine_pin.h"
#include "shared/runtime/mpirq.h"
#include "debounce_core.h"
#include "debounce_port.h"
#include "debounce_args.h"
#include "debounce_ticks.h"

// The board's names, for the error message: pins.csv's, as machine.Pin.board holds them.
static const char *board_name(size_t i) {
    const mp_map_t *map = &machine_pin_board_pins_locals_dict.map;
    return i < map->used ? qstr_str(mp_obj_str_get_qstr(map->table[i].key)) : NULL;
}

#if MICROPY_HW_PIN_EXT_COUNT
// A Pico W's LED (and WL_GPIO1, 2) is a GPIO of the CYW43 wireless chip, reached over its bus:
// it can be driven, but it has no edge interrupt, so it is no pin for a Button.
static NORETURN void ext_pin_error(qstr arg, mp_obj_t pin_in, const machine_pin_obj_t *p) {
    const char *name = mp_obj_is_str(pin_in) ? mp_obj_str_get_str(pin_in) : qstr_str(p->name);
    mp_raise_msg_varg(&mp_type_ValueError,
        MP_ERROR_TEXT("%q: %s is on the wireless chip and has no interrupt"), arg, name);
}
#endif

// The pin `pin_in` names, or the shared error naming `arg` (debounce_args.h): upstream's
// machine_pin_find() says "invalid pin" / "unknown named pin" without the argument.
// `output`: the caller only drives the pin (tapblink's LED), so a wireless-chip pin will do;
// otherwise (a Button's pin, an input with an interrupt) it is refused, saying why.
static const machine_pin_obj_t *find_pin(mp_obj_t pin_in, qstr arg, bool output) {
    const machine_pin_obj_t *p = NULL;
    if (mp_obj_is_type(pin_in, &machine_pin_type)) {
        p = MP_OBJ_TO_PTR(pin_in);
    } else if (mp_obj_is_bool(pin_in) || (!mp_obj_is_int(pin_in) && !mp_obj_is_str(pin_in))) {
        debounce_pin_type_error(arg, pin_in);
    } else if (mp_obj_is_str(pin_in)) {
        p = machine_pin_find_named(&machine_pin_board_pins_locals_dict, pin_in);
        if (p == NULL) {
            p = machine_pin_find_named(&machine_pin_cpu_pins_locals_dict, pin_in);
        }
    } else if (mp_obj_is_small_int(pin_in)) { // a big int would be OverflowError upstream
        mp_int_t n = MP_OBJ_SMALL_INT_VALUE(pin_in);
        if (n >= 0 && n < NUM_BANK0_GPIOS) {
            p = &machine_pin_obj_table[n];
        }
    }
    if (p == NULL) {
        debounce_pin_value_error(arg, pin_in, NUM_BANK0_GPIOS, board_name);
    }
#if MICROPY_HW_PIN_EXT_COUNT
    if (p->is_ext && !output) {
        ext_pin_error(arg, pin_in, p);
    }
#else
    (void)output;
#endif
    return p;
}

void debounce_port_pin_resolve(mp_obj_t pin_in, debounce_port_pin_t *pin) {
    const machine_pin_obj_t *p = find_pin(pin_in, MP_QSTR_pin, false);
    // A Button makes its pin an input: refuse one the program drives (the LED), rather
    // than turn it into an input behind the program's back.
    if (gpio_get_function(p->id) == GPIO_FUNC_SIO && gpio_is_dir_out(p->id)) {
        debounce_pin_output_error(MP_QSTR_pin, p->id);
    }
    pin->id = p->id;
}

static mp_obj_t debounce_find_pin(size_t n_args, const mp_obj_t *args) {
    qstr arg = mp_obj_str_get_qstr(args[1]);
    return MP_OBJ_FROM_PTR(find_pin(args[0], arg, args[2] == mp_const_true));
}
MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(debounce_find_pin_obj, 3, 3, debounce_find_pin);

#if PICO_RP2350
// Erratum RP2350-E9 (A2 stepping, the first Pico 2 boards): a pad with its input enabled leaks
// enough current that the internal pull-down (about 50 kOhm) cannot pull it low once the line
// was driven high: it sits near 2 V and reads 1. An active-high button on the internal
// pull-down would give one press and never its release. Fixed in silicon from A3 (A4 is the
// stepping sold since 2025). So on A2 or older the pull-down is refused, before the pin is
// touched, and the message gives both ways out.
static void debounce_rp2350_e9_check(debounce_pull_t pull) {
    if (pull == DEBOUNCE_PULL_DOWN && rp2350_chip_version() <= 2) {
        mp_raise_ValueError(MP_ERROR_TEXT(
            "pull=Pin.PULL_DOWN fails on RP2350 A2 (erratum E9): pass pull=None with an "
            "external pull-down of 8.2 kOhm or less, or wire the button to GND"));
    }
}
#endif

void debounce_port_pin_input(const debounce_port_pin_t *pin, debounce_pull_t pull) {
#if PICO_RP2350
    debounce_rp2350_e9_check(pull);
#endif
    mp_hal_pin_input(pin->id);
    gpio_set_pulls(pin->id, pull == DEBOUNCE_PULL_UP, pull == DEBOUNCE_PULL_DOWN);
}

int debounce_port_pin_read(const debounce_port_pin_t *pin) {
    return gpio_get(pin->id);
}

// ---- Edges ----------------------------------------------------------------------------------
// machine_pin.c's IO_IRQ_BANK0 handler visits every pin on each interrupt (the raw status
// always has a level bit set) and calls a pin's handler through mpirq.c's dispatch: about
// 1000 cycles per edge before debounce_on_edge() runs, a tenth of the CPU under a 10 kHz
// chatter. So that handler is taken over where machine_pin.c adds it: debounce_glue.cmake
// wraps pico-sdk's irq_add_shared_handler()/irq_remove_handler() (the linker's --wrap, as the
// SDK wraps its own functions), which put bank0_irq() in its place, added and removed with it.
// bank0_irq() looks at the pins with an interrupt pending (the masked status: only pins whose
// interrupt is enabled), finds which are Button pins in the owner table that
// debounce_port_irq_enable() fills, acknowledges their edges and calls debounce_on_edge() directly;
// it calls machine_pin.c's handler only when another pin's interrupt is pending. An edge on a
// Button pin that machine_pin.c still sees (it reads the raw status) reaches us through the Pin IRQ
// each Button keeps registered (mp_hal_pin_interrupt, the slow way): none is lost. A Button pin is
// ours only while machine_pin.c's IRQ slot for it still holds the Button's handler: a later
// Pin.irq() on that pin replaces it (stubs/debounce.pyi), and from then on the pin's edges go to
// machine_pin.c's handler, as on unix.

#define NUM_BANKS ((NUM_BANK0_GPIOS + 7) / 8) // status registers, 8 pins (4 bits each) apiece
#define EDGES (GPIO_IRQ_EDGE_FALL | GPIO_IRQ_EDGE_RISE)

static irq_handler_t pin_irq; // machine_pin.c's handler, while it is added

// What the edge IRQ keeps, on the heap from the first Button on (rooted), not in static RAM:
// every byte of .bss is a byte less of the heap a board boots with.
typedef struct _debounce_rp2_t {
    // ticks_ms from the counter (debounce_port_ticks): shared by the edge IRQ and the alarms.
    // First: its fields are within the Cortex-M0+'s load offsets of the table's address.
    debounce_ms_base_t ms_base;
    // The Button of each pin whose IRQ debounce_port_irq_enable() gave one, NULL for the
    // others: the one list of live Buttons, rooted through this table.
    debounce_button_obj_t *pin_owner[NUM_BANK0_GPIOS];
} debounce_rp2_t;

MP_REGISTER_ROOT_POINTER(struct _debounce_rp2_t *debounce_rp2);

static uint64_t ticks_now(debounce_rp2_t *st);

// The handler every Button registers through mp_hal_pin_interrupt (below): one object, so
// bank0_irq() can tell it from a Pin.irq() handler by identity.
static const mp_obj_fun_builtin_fixed_t debounce_rp2_edge_obj;

// The Button on `gpio` if it still holds the pin's IRQ (nothing replaced its handler), else NULL.
// st: the table, which exists once a Button enabled its IRQ.
static debounce_button_obj_t *button_holding(debounce_rp2_t *st, unsigned gpio) {
    if (gpio >= MP_ARRAY_SIZE(MP_STATE_PORT(machine_pin_irq_obj))) {
        return NULL;
    }
    // machine_pin.c's IRQ object starts with the mp_irq_obj_t (shared/runtime/mpirq.h).
    const mp_irq_obj_t *irq = MP_STATE_PORT(machine_pin_irq_obj[gpio]);
    if (irq == NULL || irq->handler != MP_OBJ_FROM_PTR(&debounce_rp2_edge_obj)) {
        return NULL;
    }
    return st->pin_owner[gpio];
}

// Scan, then record: the level and the time of this instant, handed to the binding in one
// call inside the critical section; a Python flag's set() after it.
static void on_edge(debounce_rp2_t *st, debounce_button_obj_t *owner, unsigned gpio) {
    uint32_t state = save_and_disable_interrupts();
    bool wake = debounce_on_edge(owner, gpio_get(gpio), ticks_now(st));
    restore_interrupts(state);
    if (wake) {
        debounce_wake(owner);
    }
}

static void bank0_irq(void) {
    io_bank0_irq_ctrl_hw_t *ctrl =
        get_core_num() ? &io_bank0_hw->proc1_irq_ctrl : &io_bank0_hw->proc0_irq_ctrl;
    debounce_rp2_t *st = MP_STATE_VM(debounce_rp2); // NULL: no Button yet, every edge is Pin's
    bool others = false;
    for (unsigned bank = 0; bank < NUM_BANKS; bank++) {
        uint32_t pending = ctrl->ints[bank]; // enabled interrupts only: none on most pins
        while (pending) {
            unsigned nibble = __builtin_ctz(pending) / 4;
            uint32_t bits = pending & (0xfu << (4 * nibble));
            pending &= ~bits;
            unsigned gpio = bank * 8 + nibble;
            // A Button's pin (its owner set once its IRQ is enabled: until then machine_pin.c's).
            debounce_button_obj_t *owner = st != NULL ? button_holding(st, gpio) : NULL;
            uint32_t edges = bits & (EDGES << (4 * nibble));
            if (owner != NULL && edges) {
                io_bank0_hw->intr[bank] = edges; // acknowledged first: an edge after it is new
                on_edge(st, owner, gpio);
            }
            if (owner == NULL || edges != bits) {
                others = true;
            }
        }
    }
    if (others && pin_irq != NULL) {
        pin_irq();
    }
}

void __real_irq_add_shared_handler(uint num, irq_handler_t handler, uint8_t order_priority);
void __real_irq_remove_handler(uint num, irq_handler_t handler);

void __wrap_irq_add_shared_handler(uint num, irq_handler_t handler, uint8_t order_priority) {
    // machine_pin.c's handler is the one at the default order priority. On a Pico W the CYW43
    // driver adds its host-wake handler first, at the highest one (main.c runs cyw43_irq_init()
    // before machine_pin_init()): that one is left as it is, or it would be taken for
    // machine_pin.c's and machine_pin.c's would run beside bank0_irq() on every edge.
    if (num == IO_IRQ_BANK0 && pin_irq == NULL &&
        order_priority == PICO_SHARED_IRQ_HANDLER_DEFAULT_ORDER_PRIORITY) {
        pin_irq = handler;
        handler = bank0_irq;
    }
    __real_irq_add_shared_handler(num, handler, order_priority);
}

void __wrap_irq_remove_handler(uint num, irq_handler_t handler) {
    if (num == IO_IRQ_BANK0 && handler == pin_irq && handler != NULL) {
        pin_irq = NULL;
        handler = bank0_irq;
    }
    __real_irq_remove_handler(num, handler);
}

// The fallback machine_pin.c calls with the Pin.
static mp_obj_t debounce_rp2_edge(mp_obj_t pin_in) {
    const machine_pin_obj_t *pin = MP_OBJ_TO_PTR(pin_in);
    debounce_rp2_t *st = MP_STATE_VM(debounce_rp2);
    debounce_button_obj_t *owner = st != NULL ? st->pin_owner[pin->id] : NULL;
    if (owner != NULL) {
        on_edge(st, owner, pin->id);
    }
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(debounce_rp2_edge_obj, debounce_rp2_edge);

void debounce_port_irq_enable(const debounce_port_pin_t *pin, debounce_button_obj_t *owner) {
    // Both may allocate, so may raise: before the owner is set. A table made for a Button
    // whose IRQ then could not be had stays for the next one (soft reset forgets it).
    if (MP_STATE_VM(debounce_rp2) == NULL) {
        MP_STATE_VM(debounce_rp2) = m_new0(debounce_rp2_t, 1); // {0}: a valid ms cache too
    }
    mp_hal_pin_interrupt(pin->id, MP_OBJ_FROM_PTR(&debounce_rp2_edge_obj),
        MP_HAL_PIN_TRIGGER_FALL | MP_HAL_PIN_TRIGGER_RISE, true);
    MP_STATE_VM(debounce_rp2)->pin_owner[pin->id] = owner;
}

void debounce_port_irq_disable(const debounce_port_pin_t *pin) {
    mp_hal_pin_interrupt(pin->id, mp_const_none, MP_HAL_PIN_TRIGGER_NONE, false);
    MP_STATE_VM(debounce_rp2)->pin_owner[pin->id] = NULL; // enabled before: the table exists
}

debounce_button_obj_t *debounce_port_owner(const debounce_port_pin_t *pin) {
    debounce_rp2_t *st = MP_STATE_VM(debounce_rp2);
    return st != NULL ? st->pin_owner[pin->id] : NULL;
}

debounce_button_obj_t *debounce_port_any_owner(void) {
    debounce_rp2_t *st = MP_STATE_VM(debounce_rp2);
    if (st == NULL) {
        return NULL; // no Button since boot or soft reset
    }
    for (unsigned i = 0; i < NUM_BANK0_GPIOS; i++) {
        if (st->pin_owner[i] != NULL) {
            return st->pin_owner[i];
        }
    }
    return NULL;
}

void debounce_port_reset(void) {
    MP_STATE_VM(debounce_rp2) = NULL; // every Button is gone, and the heap goes next
}

// mp_hal_ticks_ms() is (uint32_t)(time_us_64() / 1000) and mp_hal_ticks_us() is
// time_us_32(), the low word of the same counter: one read gives both, and ms needs one
// 32-bit division against a cache for the counter's high word (debounce_ticks.h) instead of
// pico-sdk's 64-bit one (every call after 71.6 minutes of uptime).
static inline uint64_t ticks_now(debounce_rp2_t *st) {
    // One consistent read of the 64-bit counter, as timer_time_us_64() does it (inline here:
    // this runs on every edge). On the RP2350 timer_hw is pico-sdk's default instance
    // (timer0), the one time_us_64(), ticks_ms/us and the alarm pool use.
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
    // The cache is shared by the edge IRQ and the alarms: the callers hold the critical section.
    debounce_ms_base_t *b = &st->ms_base;
    if (hi != b->hi) {
        debounce_ms_base_move(b, hi);
    }
    uint32_t ms = debounce_ms_from_lo(b, lo) & DEBOUNCE_TICKS_MASK;
    return (uint64_t)(lo & DEBOUNCE_TICKS_MASK) << 32 | ms;
}

uint64_t debounce_port_ticks(void) {
    // Called for a Button's window only: the table exists.
    return ticks_now(MP_STATE_VM(debounce_rp2));
}

mp_uint_t debounce_port_enter(void) {
    return save_and_disable_interrupts();
}

void debounce_port_exit(mp_uint_t state) {
    restore_interrupts(state);
}

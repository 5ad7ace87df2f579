// debounce.sleep_until(t): `await` it and the task resumes at the start of ticks_ms t.
//
// Why not asyncio.sleep_ms: on rp2, select.poll waits in whole milliseconds counted from the
// moment it starts (mid-millisecond), so a sleep ends up to 1 ms after its due millisecond,
// plus the hand-over to the task. Here a one-shot hardware alarm (rp2: the pico-sdk default
// alarm pool; unix: a simgpio timer) rings at the first microsecond whose ticks_ms is t; its
// interrupt wakes the CPU from select.poll, which asks this awaitable's stream ioctl (C, as
// debounce.Flag's) and finds it ready. The task is queued on asyncio's IOQueue meanwhile:
//     yield core._io_queue.queue_read(self)
//
// Memory: an armed alarm never points into the heap. The alarm only clears the `armed` byte
// of its slot in a fixed table (static memory); an awaitable remembers its slot and the
// generation it armed it with, and is ready once that arming is over (rung, or cancelled).
// An awaitable the GC collects while armed (its loop abandoned) costs nothing: its alarm
// rings later and frees the slot. All slots busy, or the port out of alarms: the awaitable
// falls back to asyncio's own timer queue (what sleep_ms does), late by up to 1 ms, never
// early. Cancelling the task (task.cancel(), wait_for timeouts) cancels the alarm through
// throw(); soft reset cancels every armed one (debounce_sleep_cancel_all()).
#include "py/runtime.h"
#include "py/stream.h"
#include "py/smallint.h"
#include "debounce_port.h"
#include "debounce_sleep.h"

typedef struct _sleep_slot_t {
    volatile uint8_t armed; // 1 while the alarm of arming `gen` is pending
    uint32_t gen;
} sleep_slot_t;

static sleep_slot_t slots[DEBOUNCE_SLEEP_SLOTS];
static uint32_t last_gen;

enum { SLEEP_NEW, SLEEP_ALARM, SLEEP_FALLBACK, SLEEP_DONE };

typedef struct _sleep_obj_t {
    mp_obj_base_t base;
    uint32_t t;   // the ticks_ms to wake at
    uint32_t gen; // generation of the slot's arming (SLEEP_ALARM)
    uint8_t slot;
    uint8_t state;
} sleep_obj_t;

static const mp_obj_type_t sleep_type;

// Called by the port's alarm (IRQ context): only a store into static memory.
void debounce_on_alarm(unsigned slot) {
    slots[slot].armed = 0;
}

void debounce_sleep_cancel_all(void) {
    for (unsigned i = 0; i < DEBOUNCE_SLEEP_SLOTS; ++i) {
        mp_uint_t state = debounce_port_enter();
        if (slots[i].armed) {
            debounce_port_alarm_cancel(i);
            slots[i].armed = 0;
        }
        debounce_port_exit(state);
    }
}

// This awaitable's alarm is still pending.
static bool sleep_pending(const sleep_obj_t *self) {
    const sleep_slot_t *s = &slots[self->slot];
    return self->state == SLEEP_ALARM && s->armed && s->gen == self->gen;
}

static void sleep_cancel(sleep_obj_t *self) {
    mp_uint_t state = debounce_port_enter();
    if (sleep_pending(self)) {
        debounce_port_alarm_cancel(self->slot);
        slots[self->slot].armed = 0;
    }
    debounce_port_exit(state);
}

// Arm a free slot for self->t: DEBOUNCE_ALARM_ARMED, _DUE (t has come) or _NONE (no slot or
// no port alarm free).
static int sleep_arm(sleep_obj_t *self) {
    int r = DEBOUNCE_ALARM_NONE;
    mp_uint_t state = debounce_port_enter();
    for (unsigned i = 0; i < DEBOUNCE_SLEEP_SLOTS; ++i) {
        if (!slots[i].armed) {
            r = debounce_port_alarm_arm(i, self->t);
            if (r == DEBOUNCE_ALARM_ARMED) {
                last_gen = last_gen + 1 ? last_gen + 1 : 1;
                slots[i].gen = self->gen = last_gen;
                slots[i].armed = 1;
                self->slot = (uint8_t)i;
            }
            break;
        }
    }
    debounce_port_exit(state);
    return r;
}

// Call asyncio.core.<first>.<method>(arg): the IOQueue or the TaskQueue of the running loop.
static void asyncio_call(qstr first, qstr method, size_t n_args, mp_obj_t arg0, mp_obj_t arg1) {
    mp_obj_t asyncio = mp_import_name(MP_QSTR_asyncio, mp_const_none, MP_OBJ_NEW_SMALL_INT(0));
    mp_obj_t core = mp_load_attr(asyncio, MP_QSTR_core);
    mp_obj_t dest[4];
    mp_load_method(mp_load_attr(core, first), method, dest);
    dest[2] = arg0 == MP_OBJ_NULL ? mp_load_attr(core, MP_QSTR_cur_task) : arg0;
    dest[3] = arg1;
    mp_call_method_n_kw(n_args, 0, dest);
}

static mp_obj_t sleep_iternext(mp_obj_t self_in) {
    sleep_obj_t *self = MP_OBJ_TO_PTR(self_in);
    switch (self->state) {
        case SLEEP_NEW: {
            int r = sleep_arm(self);
            if (r == DEBOUNCE_ALARM_DUE) {
                break; // t has come: done at once, no yield
            }
            if (r == DEBOUNCE_ALARM_ARMED) {
                // core._io_queue.queue_read(self): the poll resumes us once the alarm rang.
                self->state = SLEEP_ALARM;
                asyncio_call(MP_QSTR__io_queue, MP_QSTR_queue_read, 1, self_in, MP_OBJ_NULL);
            } else {
                // No alarm free: core._task_queue.push(cur_task, t), as asyncio.sleep_ms does.
                self->state = SLEEP_FALLBACK;
                asyncio_call(MP_QSTR__task_queue, MP_QSTR_push, 2, MP_OBJ_NULL,
                    MP_OBJ_NEW_SMALL_INT(self->t));
            }
            return mp_const_none; // what `yield` gives the scheduler
        }
        case SLEEP_ALARM:
            if (sleep_pending(self)) {
                // Resumed before the alarm rang (not by the poll): wait on, never wake early.
                asyncio_call(MP_QSTR__io_queue, MP_QSTR_queue_read, 1, self_in, MP_OBJ_NULL);
                return mp_const_none;
            }
            break;
        default:
            break;
    }
    self->state = SLEEP_DONE;
    return MP_OBJ_STOP_ITERATION;
}

static mp_obj_t sleep_send(mp_obj_t self_in, mp_obj_t value) {
    (void)value;
    mp_obj_t ret = sleep_iternext(self_in);
    if (ret == MP_OBJ_STOP_ITERATION) {
        mp_raise_type(&mp_type_StopIteration);
    }
    return ret;
}
static MP_DEFINE_CONST_FUN_OBJ_2(sleep_send_obj, sleep_send);

// A cancelled task (task.cancel(), a wait_for timeout): asyncio took the task off its IOQueue
// itself; the alarm is ours to cancel.
static mp_obj_t sleep_throw(size_t n_args, const mp_obj_t *args) {
    (void)n_args;
    sleep_obj_t *self = MP_OBJ_TO_PTR(args[0]);
    sleep_cancel(self);
    self->state = SLEEP_DONE;
    nlr_raise(mp_make_raise_obj(args[1]));
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(sleep_throw_obj, 2, 4, sleep_throw);

// close(): the coroutine protocol's way to drop an awaitable that never finished.
static mp_obj_t sleep_close(mp_obj_t self_in) {
    sleep_obj_t *self = MP_OBJ_TO_PTR(self_in);
    sleep_cancel(self);
    self->state = SLEEP_DONE;
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(sleep_close_obj, sleep_close);

// <sleep_until 1234 armed>: t and where the wait is (new, armed: the alarm is pending, rang,
// fallback: no alarm was free, asyncio's timer queue wakes it; done), which tests read.
static void sleep_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    (void)kind;
    sleep_obj_t *self = MP_OBJ_TO_PTR(self_in);
    static const char *const names[] = {"new", "armed", "fallback", "done"};
    const char *name =
        self->state == SLEEP_ALARM && !sleep_pending(self) ? "rang" : names[self->state];
    mp_printf(print, "<sleep_until %u %s>", (unsigned)self->t, name);
}

// The poll asyncio's IOQueue runs on every wake-up of the CPU: readable once the alarm rang.
static mp_uint_t sleep_ioctl(mp_obj_t self_in, mp_uint_t request, uintptr_t arg, int *errcode) {
    if (request == MP_STREAM_POLL) {
        return sleep_pending(MP_OBJ_TO_PTR(self_in)) ? 0 : arg;
    }
    *errcode = MP_EINVAL;
    return MP_STREAM_ERROR;
}

static const mp_stream_p_t sleep_stream_p = {
    .ioctl = sleep_ioctl,
};

static const mp_rom_map_elem_t sleep_locals_dict_table[] = {
    {MP_ROM_QSTR(MP_QSTR_send), MP_ROM_PTR(&sleep_send_obj)},
    {MP_ROM_QSTR(MP_QSTR_throw), MP_ROM_PTR(&sleep_throw_obj)},
    {MP_ROM_QSTR(MP_QSTR_close), MP_ROM_PTR(&sleep_close_obj)},
};
static MP_DEFINE_CONST_DICT(sleep_locals_dict, sleep_locals_dict_table);

// clang-format off
static MP_DEFINE_CONST_OBJ_TYPE(
    sleep_type,
    MP_QSTR_sleep_until,
    MP_TYPE_FLAG_ITER_IS_ITERNEXT,
    iter, sleep_iternext,
    print, sleep_print,
    protocol, &sleep_stream_p,
    locals_dict, &sleep_locals_dict
    );
// clang-format on

// sleep_until(t): t a ticks_ms value (0..2**30-1, e.g. from time.ticks_add()). As with
// time.ticks_diff(), a t up to 2**29 - 1 ms ahead is in the future, anything else is due.
static mp_obj_t debounce_sleep_until(mp_obj_t t_in) {
    if (!mp_obj_is_int(t_in) || mp_obj_is_bool(t_in)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("t must be a ticks_ms int, not %s"),
            mp_obj_get_type_str(t_in));
    }
    mp_int_t t = mp_obj_is_small_int(t_in) ? MP_OBJ_SMALL_INT_VALUE(t_in) : -1;
    if (t < 0 || t > (mp_int_t)(MICROPY_PY_TIME_TICKS_PERIOD - 1)) {
        mp_raise_ValueError(MP_ERROR_TEXT("t must be a ticks_ms value (0..2**30-1)"));
    }
    sleep_obj_t *self = mp_obj_malloc(sleep_obj_t, &sleep_type);
    self->t = (uint32_t)t;
    self->gen = 0;
    self->slot = 0;
    self->state = SLEEP_NEW;
    return MP_OBJ_FROM_PTR(self);
}
MP_DEFINE_CONST_FUN_OBJ_1(debounce_sleep_until_obj, debounce_sleep_until);

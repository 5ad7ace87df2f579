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
// Memory: an armed alarm never points at memory the GC can free. The slots live in one small
// table on the heap, allocated at the first sleep (nothing after boot) and rooted
// (MP_REGISTER_ROOT_POINTER) from then on. An armed slot points at its awaitable, which keeps
// it alive until the alarm rings or is cancelled (an awaitable whose loop was abandoned is
// collected after its alarm rang); the alarm writes the awaitable's state byte, the one byte
// the poll reads. All slots busy, or the port out of alarms: the awaitable falls back to
// asyncio's own timer queue (what sleep_ms does), late by up to 1 ms, never early. Cancelling the
// task (task.cancel(), wait_for timeouts) cancels the alarm through throw() (close() too); soft
// reset cancels every armed one (debounce_sleep_cancel_all(), before the heap goes).
#include "py/runtime.h"
#include "py/stream.h"
#include "py/smallint.h"
#include "debounce_port.h"
#include "debounce_sleep.h"
#include "debounce_args.h"

// Up to this many sleep_until alarms armed at once (then asyncio's timer queue).
#define DEBOUNCE_SLEEP_SLOTS (8)

typedef struct _sleep_obj_t sleep_obj_t;

typedef struct _sleep_slot_t {
    debounce_port_alarm_t alarm; // first: debounce_sleep_rang() gets its address; owner NULL
    sleep_obj_t *sleeper;        // while the alarm is pending; NULL: the slot is free
} sleep_slot_t;

typedef struct _debounce_sleep_slots_t {
    sleep_slot_t slot[DEBOUNCE_SLEEP_SLOTS];
    // "poller" is a qstr of the frozen asyncio only: a MP_QSTR_poller in this file would move
    // it into the firmware's own pool, which the stale frozen content of an incremental build
    // then declares twice. Looked up once, with the table.
    qstr poller;
    // The module asyncio.core, imported once with the table: an import by name at every sleep
    // searched the qstr pools for "asyncio" each time, about 3500 cycles of every LED beat.
    mp_obj_t core;
} debounce_sleep_slots_t;

MP_REGISTER_ROOT_POINTER(struct _debounce_sleep_slots_t *debounce_sleep_slots);

// SLEEP_ALARM: armed and pending. The alarm's interrupt moves it to SLEEP_RANG.
enum { SLEEP_NEW, SLEEP_ALARM, SLEEP_RANG, SLEEP_FALLBACK, SLEEP_DONE };

struct _sleep_obj_t {
    mp_obj_base_t base;
    volatile uint8_t state; // read by the poll on every wake-up of the CPU
    uint32_t t;             // the ticks_ms to wake at
    sleep_slot_t *slot;     // in the rooted table, while SLEEP_ALARM
};

static const mp_obj_type_t sleep_type;

// A slot's alarm rang (IRQ context, from debounce_on_alarm()): only a store into the rooted
// table.
void debounce_sleep_rang(debounce_port_alarm_t *alarm) {
    sleep_slot_t *s = (sleep_slot_t *)alarm;
    s->sleeper->state = SLEEP_RANG;
    s->sleeper = NULL;
}

void debounce_sleep_cancel_all(void) {
    debounce_sleep_slots_t *slots = MP_STATE_VM(debounce_sleep_slots);
    if (slots == NULL) {
        return;
    }
    mp_uint_t state = debounce_port_enter();
    for (unsigned i = 0; i < DEBOUNCE_SLEEP_SLOTS; ++i) {
        if (slots->slot[i].sleeper != NULL) {
            debounce_port_alarm_cancel(&slots->slot[i].alarm);
            slots->slot[i].sleeper = NULL;
        }
    }
    MP_STATE_VM(debounce_sleep_slots) = NULL; // the heap it is on goes next
    debounce_port_exit(state);
}

static void sleep_cancel(sleep_obj_t *self) {
    mp_uint_t state = debounce_port_enter();
    if (self->state == SLEEP_ALARM) {
        sleep_slot_t *s = self->slot;
        debounce_port_alarm_cancel(&s->alarm);
        s->sleeper = NULL;
    }
    debounce_port_exit(state);
}

// Arm a free slot for self->t: DEBOUNCE_ALARM_ARMED, _DUE (t has come) or _NONE (no slot or
// no port alarm free).
static int sleep_arm(sleep_obj_t *self) {
    debounce_sleep_slots_t *slots = MP_STATE_VM(debounce_sleep_slots);
    if (slots == NULL) {
        // Zeroed: every slot free, every alarm id 0 and owner NULL. Allocated here, in thread
        // context.
        slots = m_new0(debounce_sleep_slots_t, 1);
        slots->poller = qstr_from_strn("poller", 6);
        slots->core = mp_load_attr(
            mp_import_name(MP_QSTR_asyncio, mp_const_none, MP_OBJ_NEW_SMALL_INT(0)), MP_QSTR_core);
        MP_STATE_VM(debounce_sleep_slots) = slots;
    }
    int r = DEBOUNCE_ALARM_NONE;
    mp_uint_t state = debounce_port_enter();
    for (unsigned i = 0; i < DEBOUNCE_SLEEP_SLOTS; ++i) {
        sleep_slot_t *s = &slots->slot[i];
        if (s->sleeper == NULL) {
            r = debounce_port_alarm_arm(&s->alarm, self->t);
            if (r == DEBOUNCE_ALARM_ARMED) {
                // Before the critical section ends, so the alarm always finds it.
                self->state = SLEEP_ALARM;
                self->slot = s;
                s->sleeper = self;
            }
            break;
        }
    }
    debounce_port_exit(state);
    return r;
}

// Call asyncio.core.<first>.<method>(arg): the IOQueue or the TaskQueue of the running loop.
// (Here and below the table exists: both run after sleep_arm() made it.)
static void asyncio_call(qstr first, qstr method, size_t n_args, mp_obj_t arg0, mp_obj_t arg1) {
    mp_obj_t core = MP_STATE_VM(debounce_sleep_slots)->core;
    mp_obj_t dest[4];
    mp_load_method(mp_load_attr(core, first), method, dest);
    dest[2] = arg0 == MP_OBJ_NULL ? mp_load_attr(core, MP_QSTR_cur_task) : arg0;
    dest[3] = arg1;
    mp_call_method_n_kw(n_args, 0, dest);
}

// core._io_queue.queue_read(self) for a stream not yet queued, done here: what
// IOQueue._enqueue(s, 0) of extmod/asyncio/core.py (v1.28.0) does, without its two Python
// frames (they cost about as much as the rest of a beat):
//     self.map[id(s)] = [cur_task, None, s]; self.poller.register(s, POLLIN)
//     cur_task.data = self
static void sleep_queue_read(mp_obj_t self_in) {
    mp_obj_t core = MP_STATE_VM(debounce_sleep_slots)->core;
    mp_obj_t ioq = mp_load_attr(core, MP_QSTR__io_queue);
    mp_obj_t entry[3] = {mp_load_attr(core, MP_QSTR_cur_task), mp_const_none, self_in};
    mp_obj_dict_store(
        mp_load_attr(ioq, MP_QSTR_map), mp_obj_id(self_in), mp_obj_new_list(3, entry));
    mp_obj_t dest[4];
    mp_load_method(
        mp_load_attr(ioq, MP_STATE_VM(debounce_sleep_slots)->poller), MP_QSTR_register, dest);
    dest[2] = self_in;
    dest[3] = MP_OBJ_NEW_SMALL_INT(MP_STREAM_POLL_RD);
    mp_call_method_n_kw(2, 0, dest);
    mp_store_attr(entry[0], MP_QSTR_data, ioq);
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
                sleep_queue_read(self_in);
            } else {
                // No alarm free: core._task_queue.push(cur_task, t), as asyncio.sleep_ms does.
                self->state = SLEEP_FALLBACK;
                asyncio_call(MP_QSTR__task_queue, MP_QSTR_push, 2, MP_OBJ_NULL,
                    MP_OBJ_NEW_SMALL_INT(self->t));
            }
            return mp_const_none; // what `yield` gives the scheduler
        }
        case SLEEP_ALARM:
            // Resumed before the alarm rang (not by the poll): wait on, never wake early.
            asyncio_call(MP_QSTR__io_queue, MP_QSTR_queue_read, 1, self_in, MP_OBJ_NULL);
            return mp_const_none;
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
    static const char *const names[] = {"new", "armed", "rang", "fallback", "done"};
    mp_printf(print, "<sleep_until %u %s>", (unsigned)self->t, names[self->state]);
}

// The poll asyncio's IOQueue runs on every wake-up of the CPU: readable once the alarm rang.
static mp_uint_t sleep_ioctl(mp_obj_t self_in, mp_uint_t request, uintptr_t arg, int *errcode) {
    if (request == MP_STREAM_POLL) {
        return ((sleep_obj_t *)MP_OBJ_TO_PTR(self_in))->state == SLEEP_ALARM ? 0 : arg;
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
    mp_int_t t = debounce_int_arg(t_in, MP_QSTR_t, 0, (mp_int_t)(MICROPY_PY_TIME_TICKS_PERIOD - 1));
    sleep_obj_t *self = mp_obj_malloc(sleep_obj_t, &sleep_type);
    self->t = (uint32_t)t;
    self->slot = NULL;
    self->state = SLEEP_NEW;
    return MP_OBJ_FROM_PTR(self);
}
MP_DEFINE_CONST_FUN_OBJ_1(debounce_sleep_until_obj, debounce_sleep_until);

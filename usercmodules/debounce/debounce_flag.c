// debounce.Flag: what asyncio.ThreadSafeFlag does (extmod/asyncio/event.py), with the poll in C.
//
// While a task waits on a flag, asyncio's select.poll asks the flag whether it is set on every
// wake-up of the CPU (each interrupt, each timer) before it sleeps again. ThreadSafeFlag
// answers from a Python ioctl() method; this type answers from C (MP_STREAM_POLL), so a storm
// of interrupts that set nothing costs no Python at all. set() is one store, so the binding
// calls it from the edge IRQ directly.
//
// wait() returns a small awaitable that does what ThreadSafeFlag.wait does:
//     if not self.state: yield core._io_queue.queue_read(self)
//     self.state = 0
// It also has send() and throw(), so that create_task() and wait_for() take it as they take
// a coroutine.
#include "py/runtime.h"
#include "py/stream.h"
#include "debounce_flag.h"

typedef struct _flag_wait_obj_t {
    mp_obj_base_t base;
    debounce_flag_obj_t *flag;
    uint8_t queued; // yielded once: the poll found the flag set and resumed us
} flag_wait_obj_t;

static mp_obj_t flag_make_new(
    const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    mp_arg_check_num(n_args, n_kw, 0, 0, false);
    (void)args;
    return debounce_flag_new();
}

mp_obj_t debounce_flag_new(void) {
    debounce_flag_obj_t *self = mp_obj_malloc(debounce_flag_obj_t, &debounce_flag_type);
    self->state = 0;
    return MP_OBJ_FROM_PTR(self);
}

static mp_obj_t flag_set(mp_obj_t self_in) {
    ((debounce_flag_obj_t *)MP_OBJ_TO_PTR(self_in))->state = 1;
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(flag_set_obj, flag_set);

static mp_obj_t flag_clear(mp_obj_t self_in) {
    ((debounce_flag_obj_t *)MP_OBJ_TO_PTR(self_in))->state = 0;
    return mp_const_none;
}
static MP_DEFINE_CONST_FUN_OBJ_1(flag_clear_obj, flag_clear);

// The poll asyncio's IOQueue runs: readable while set, as ThreadSafeFlag.ioctl answers.
static mp_uint_t flag_ioctl(mp_obj_t self_in, mp_uint_t request, uintptr_t arg, int *errcode) {
    debounce_flag_obj_t *self = MP_OBJ_TO_PTR(self_in);
    if (request == MP_STREAM_POLL) {
        return self->state ? arg : 0;
    }
    *errcode = MP_EINVAL;
    return MP_STREAM_ERROR;
}

static const mp_stream_p_t flag_stream_p = {
    .ioctl = flag_ioctl,
};

static const mp_obj_type_t flag_wait_type;

static mp_obj_t flag_wait(mp_obj_t self_in) {
    flag_wait_obj_t *w = mp_obj_malloc(flag_wait_obj_t, &flag_wait_type);
    w->flag = MP_OBJ_TO_PTR(self_in);
    w->queued = 0;
    return MP_OBJ_FROM_PTR(w);
}
static MP_DEFINE_CONST_FUN_OBJ_1(flag_wait_obj, flag_wait);

static mp_obj_t flag_wait_iternext(mp_obj_t self_in) {
    flag_wait_obj_t *w = MP_OBJ_TO_PTR(self_in);
    if (!w->queued && !w->flag->state) {
        // core._io_queue.queue_read(flag): the poll wakes this task once the flag is set.
        w->queued = 1;
        mp_obj_t asyncio = mp_import_name(MP_QSTR_asyncio, mp_const_none, MP_OBJ_NEW_SMALL_INT(0));
        mp_obj_t ioq = mp_load_attr(mp_load_attr(asyncio, MP_QSTR_core), MP_QSTR__io_queue);
        mp_obj_t dest[3];
        mp_load_method(ioq, MP_QSTR_queue_read, dest);
        dest[2] = MP_OBJ_FROM_PTR(w->flag);
        mp_call_method_n_kw(1, 0, dest);
        return mp_const_none; // what `yield` gives the scheduler
    }
    w->flag->state = 0;
    return MP_OBJ_STOP_ITERATION;
}

static mp_obj_t flag_wait_send(mp_obj_t self_in, mp_obj_t value) {
    (void)value;
    mp_obj_t ret = flag_wait_iternext(self_in);
    if (ret == MP_OBJ_STOP_ITERATION) {
        mp_raise_type(&mp_type_StopIteration);
    }
    return ret;
}
static MP_DEFINE_CONST_FUN_OBJ_2(flag_wait_send_obj, flag_wait_send);

static mp_obj_t flag_wait_throw(size_t n_args, const mp_obj_t *args) {
    // Nothing to clean up: asyncio takes a cancelled task off its IOQueue itself.
    nlr_raise(mp_make_raise_obj(args[1]));
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(flag_wait_throw_obj, 2, 4, flag_wait_throw);

static const mp_rom_map_elem_t flag_wait_locals_dict_table[] = {
    {MP_ROM_QSTR(MP_QSTR_send), MP_ROM_PTR(&flag_wait_send_obj)},
    {MP_ROM_QSTR(MP_QSTR_throw), MP_ROM_PTR(&flag_wait_throw_obj)},
};
static MP_DEFINE_CONST_DICT(flag_wait_locals_dict, flag_wait_locals_dict_table);

// clang-format off
static MP_DEFINE_CONST_OBJ_TYPE(
    flag_wait_type,
    MP_QSTR_wait,
    MP_TYPE_FLAG_ITER_IS_ITERNEXT,
    iter, flag_wait_iternext,
    locals_dict, &flag_wait_locals_dict
    );
// clang-format on

static const mp_rom_map_elem_t flag_locals_dict_table[] = {
    {MP_ROM_QSTR(MP_QSTR_set), MP_ROM_PTR(&flag_set_obj)},
    {MP_ROM_QSTR(MP_QSTR_clear), MP_ROM_PTR(&flag_clear_obj)},
    {MP_ROM_QSTR(MP_QSTR_wait), MP_ROM_PTR(&flag_wait_obj)},
};
static MP_DEFINE_CONST_DICT(flag_locals_dict, flag_locals_dict_table);

// clang-format off
MP_DEFINE_CONST_OBJ_TYPE(
    debounce_flag_type,
    MP_QSTR_Flag,
    MP_TYPE_FLAG_NONE,
    make_new, flag_make_new,
    protocol, &flag_stream_p,
    locals_dict, &flag_locals_dict
    );
// clang-format on

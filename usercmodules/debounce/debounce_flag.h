// debounce.Flag: asyncio.ThreadSafeFlag's API (set, clear, await wait()) with its poll in C.
#ifndef TAPBLINK_DEBOUNCE_FLAG_H
#define TAPBLINK_DEBOUNCE_FLAG_H

#include "py/obj.h"

typedef struct _debounce_flag_obj_t {
    mp_obj_base_t base;
    volatile uint8_t state; // 1 set, 0 clear; set from IRQs, read by the poll
} debounce_flag_obj_t;

extern const mp_obj_type_t debounce_flag_type;

// A new, clear Flag.
mp_obj_t debounce_flag_new(void);

#endif // TAPBLINK_DEBOUNCE_FLAG_H

// debounce.sleep_until(t): an awaitable that a one-shot hardware alarm wakes at the start of
// ticks_ms t (debounce_sleep.c).
#ifndef TAPBLINK_DEBOUNCE_SLEEP_H
#define TAPBLINK_DEBOUNCE_SLEEP_H

#include "py/obj.h"
#include "debounce_port.h"

MP_DECLARE_CONST_FUN_OBJ_1(debounce_sleep_until_obj);

// Cancel every armed sleep_until alarm (debounce_deinit_all() calls it on soft reset).
void debounce_sleep_cancel_all(void);

// A sleep_until slot's alarm rang (debounce_on_alarm() passes on the alarms with no owner).
void debounce_sleep_rang(debounce_port_alarm_t *alarm);

#endif // TAPBLINK_DEBOUNCE_SLEEP_H

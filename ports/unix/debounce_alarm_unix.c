// unix glue for the debounce alarms (debounce_port.h, "One alarm"): a Button's window and
// debounce.sleep_until's wake-ups. One simgpio timer per armed alarm, due at the virtual
// millisecond t. It fires as the clock reaches it (asyncio's select.poll lets time pass 1 ms
// per round), in simulated interrupt context, before the poll asks debounce.sleep_until's
// ioctl again: the task resumes in millisecond t exactly. `id` is the simgpio timer slot + 1.
#include "py/mphal.h"
#include "debounce_port.h"
#include "simgpio.h"

static void alarm_rang(void *arg) {
    debounce_port_alarm_t *alarm = arg;
    alarm->id = 0; // the slot is free again already
    // Nothing preempts a simgpio callback: the critical section is empty here.
    if (debounce_on_alarm(alarm)) {
        debounce_wake(alarm->owner);
    }
}

int debounce_port_alarm_arm(debounce_port_alarm_t *alarm, uint32_t t_ms) {
    uint64_t now = simgpio_clock_ms();
    uint32_t ahead = (t_ms - (uint32_t)now) & SIMGPIO_TICKS_MASK;
    if (ahead == 0 || ahead >= (SIMGPIO_TICKS_MASK + 1) / 2) {
        return DEBOUNCE_ALARM_DUE; // as time.ticks_diff(t_ms, now) <= 0
    }
    int timer = simgpio_timer_arm(-1, now + ahead, alarm_rang, alarm);
    if (timer < 0) {
        return DEBOUNCE_ALARM_NONE;
    }
    alarm->id = (uintptr_t)timer + 1;
    return DEBOUNCE_ALARM_ARMED;
}

void debounce_port_alarm_cancel(debounce_port_alarm_t *alarm) {
    if (alarm->id != 0) {
        simgpio_timer_cancel((int)alarm->id - 1);
        alarm->id = 0;
    }
}

// unix glue for debounce.sleep_until's wake-up alarms (debounce_port.h, "Wake-up alarms"):
// one simgpio timer per armed slot, due at the virtual millisecond t. It fires as the clock
// reaches it (asyncio's select.poll lets time pass 1 ms per round), in simulated interrupt
// context, before the poll asks debounce.sleep_until's ioctl again: the task resumes in
// millisecond t exactly.
#include "py/mphal.h"
#include "debounce_port.h"
#include "simgpio.h"

// The simgpio timer slot of each armed slot, -1 when not armed.
static int sim_timer[DEBOUNCE_SLEEP_SLOTS] = {-1, -1, -1, -1, -1, -1, -1, -1};
MP_STATIC_ASSERT(DEBOUNCE_SLEEP_SLOTS == 8);

static void alarm_rang(void *arg) {
    unsigned slot = (unsigned)(uintptr_t)arg;
    sim_timer[slot] = -1;
    debounce_on_alarm(slot);
}

int debounce_port_alarm_arm(unsigned slot, uint32_t t_ms) {
    uint64_t now = simgpio_clock_ms();
    uint32_t ahead = (t_ms - (uint32_t)now) & SIMGPIO_TICKS_MASK;
    if (ahead == 0 || ahead >= (SIMGPIO_TICKS_MASK + 1) / 2) {
        return DEBOUNCE_ALARM_DUE; // as time.ticks_diff(t_ms, now) <= 0
    }
    int timer = simgpio_timer_arm(-1, now + ahead, alarm_rang, (void *)(uintptr_t)slot);
    if (timer < 0) {
        return DEBOUNCE_ALARM_NONE;
    }
    sim_timer[slot] = timer;
    return DEBOUNCE_ALARM_ARMED;
}

void debounce_port_alarm_cancel(unsigned slot) {
    simgpio_timer_cancel(sim_timer[slot]); // idempotent, ignores -1
    sim_timer[slot] = -1;
}

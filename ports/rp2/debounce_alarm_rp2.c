// rp2 glue for the debounce alarms (debounce_port.h, "One alarm"): a Button's window and
// debounce.sleep_until's wake-ups.
//
// pico-sdk's default alarm pool (the one machine.Timer uses), NOT softtimer: a window's alarm
// is armed from the GPIO IRQ, and soft_timer_insert() takes the PendSV mutex (pendsv_suspend),
// which is neither safe nor non-blocking in an IRQ: the thread may hold it (deadlock), or, the
// mutex being recursive per core, the IRQ may walk into the timer heap while the thread is
// half-way through changing it. Adding and cancelling alarm-pool alarms is documented as
// IRQ-safe, allocates nothing, and the callback runs in the timer IRQ. That interrupt is also
// what wakes the CPU from the WFE inside select.poll, so asyncio's poll asks
// debounce.sleep_until's ioctl again right at the alarm.
#include "py/mphal.h"
#include "py/smallint.h"
#include "hardware/sync.h"
#include "pico/time.h"
#include "debounce_port.h"

static int64_t alarm_rang(alarm_id_t id, void *user_data) {
    (void)id;
    debounce_port_alarm_t *alarm = user_data;
    uint32_t state = save_and_disable_interrupts();
    alarm->id = 0; // rung: its id may be handed out again at once
    bool wake = debounce_on_alarm(alarm);
    restore_interrupts(state);
    if (wake) {
        debounce_wake(alarm->owner);
    }
    return 0; // one-shot
}

int debounce_port_alarm_arm(debounce_port_alarm_t *alarm, uint32_t t_ms) {
    uint32_t state = save_and_disable_interrupts();
    // ticks_ms() is (time_us_64() / 1000) masked to the ticks period: t_ms begins at the
    // microsecond (now_ms + ahead) * 1000, ahead as time.ticks_diff(t_ms, now) counts it.
    uint64_t now_ms = time_us_64() / 1000;
    uint32_t mask = MICROPY_PY_TIME_TICKS_PERIOD - 1;
    uint32_t ahead = (t_ms - (uint32_t)now_ms) & mask;
    int r = DEBOUNCE_ALARM_DUE;
    if (ahead != 0 && ahead < (mask + 1) / 2) {
        // fire_if_past=false: a time passed meanwhile gives 0 (due), never a callback here.
        alarm_id_t id = alarm_pool_add_alarm_at(alarm_pool_get_default(),
            from_us_since_boot((now_ms + ahead) * 1000), alarm_rang, alarm, false);
        if (id > 0) {
            alarm->id = (uintptr_t)id;
            r = DEBOUNCE_ALARM_ARMED;
        } else if (id < 0) {
            r = DEBOUNCE_ALARM_NONE;
        }
    }
    restore_interrupts(state);
    return r;
}

void debounce_port_alarm_cancel(debounce_port_alarm_t *alarm) {
    uint32_t state = save_and_disable_interrupts();
    if (alarm->id != 0) {
        // Only a pending alarm is cancelled: a rung one's id may already be someone else's.
        alarm_pool_cancel_alarm(alarm_pool_get_default(), (alarm_id_t)alarm->id);
        alarm->id = 0;
    }
    restore_interrupts(state);
}

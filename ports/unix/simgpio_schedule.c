// Level changes of input pins queued by simgpio.schedule(), applied by the clock: the queue is
// sorted by due time and one clock timer, in the reserved slot SIMGPIO_TIMER_LAST, is armed for
// its head. So the clock knows nothing of pins, every change finds its timer, and a change
// comes after the other timers due in its ms (see simgpio.h).
#include <string.h>

#include "py/runtime.h"
#include "simgpio.h"

typedef struct _simgpio_change_t {
    uint64_t due_ms;
    uint8_t id;
    uint8_t level;
} simgpio_change_t;

// Sorted by due time; equal times keep the order they were queued in.
static simgpio_change_t changes[SIMGPIO_NUM_SCHEDULED];
static size_t num_changes;

static void apply_head(void *arg);

static void arm_head(void) {
    if (num_changes > 0) {
        simgpio_timer_arm(SIMGPIO_TIMER_LAST, changes[0].due_ms, apply_head, NULL);
    } else {
        simgpio_timer_cancel(SIMGPIO_TIMER_LAST);
    }
}

// Runs in timer context when the head is due.
static void apply_head(void *arg) {
    (void)arg;
    simgpio_change_t c = changes[0];
    --num_changes;
    memmove(&changes[0], &changes[1], num_changes * sizeof(changes[0]));
    // Re-armed before the drive, so a change that fails (below) doesn't stall the rest.
    arm_head();
    // The pin's IRQ handler runs in its own (mpirq) hard context. A pin that became an output
    // can't be driven: the test learns it from the printed error; time goes on.
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        simgpio_pin_drive(c.id, c.level);
        nlr_pop();
    } else {
        mp_printf(MICROPY_ERROR_PRINTER, "simgpio: scheduled change failed\n");
        mp_obj_print_exception(MICROPY_ERROR_PRINTER, MP_OBJ_FROM_PTR(nlr.ret_val));
    }
}

bool simgpio_schedule(uint32_t id, int level, uint64_t due_ms) {
    if (num_changes == SIMGPIO_NUM_SCHEDULED) {
        return false;
    }
    size_t i = num_changes;
    while (i > 0 && changes[i - 1].due_ms > due_ms) {
        --i;
    }
    memmove(&changes[i + 1], &changes[i], (num_changes - i) * sizeof(changes[0]));
    changes[i].due_ms = due_ms;
    changes[i].id = id;
    changes[i].level = level != 0;
    ++num_changes;
    if (i == 0) {
        arm_head();
    }
    return true;
}

size_t simgpio_scheduled(void) {
    return num_changes;
}

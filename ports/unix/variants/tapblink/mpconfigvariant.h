// The tapblink unix variant: the standard unix port plus tapblink's C module, its frozen
// modules and a simulated GPIO bank on a virtual clock (ports/unix/simgpio.h).

#define MICROPY_CONFIG_ROM_LEVEL (MICROPY_CONFIG_ROM_LEVEL_EXTRA_FEATURES)

// The variant lives outside the tree, so the common header is found through -I$(TOP).
#include "variants/mpconfigvariant_common.h"

#include <stdint.h>

// Virtual time. Every clock the VM reads (time.ticks_ms/us, asyncio, select.poll timeouts)
// is the simulation's, so tests place edges at exact ticks and cross the 2**30 ms wrap at once.
uint64_t simgpio_clock_ms(void);
uint64_t simgpio_clock_us(void);
void simgpio_delay_ms(uint64_t ms);
void simgpio_idle(void);
void simgpio_wait(void);
#define mp_hal_ticks_ms() ((mp_uint_t)simgpio_clock_ms())
#define mp_hal_ticks_us() ((mp_uint_t)simgpio_clock_us())
#define mp_hal_delay_ms(ms) simgpio_delay_ms(ms)
// One clock: time.time()/time_ns()/gmtime()/localtime() are the host's wall clock at start-up
// plus virtual time, time.sleep() and sleep_us() wait in virtual time (ports/unix/simgpio_time.c,
// the unix port's time module with its host clock calls swapped).
uint64_t simgpio_time_ns(void);
#define mp_hal_time_ns() simgpio_time_ns()
#undef MICROPY_PY_TIME_INCLUDEFILE
#define MICROPY_PY_TIME_INCLUDEFILE "simgpio_time.c"

// A program that never waits still lets time pass, as on the board where running code takes
// time: SIMGPIO_BUSY_JUMPS bytecode jumps without a wait or a clock move cost 1 ms (the
// RP2040 runs a few thousand bytecodes per ms). Code that runs between waits costs nothing,
// so event-driven programs keep exact times; busy loops (`sleep_ms(0)` spinning, polling
// ticks_ms) still progress.
#define SIMGPIO_BUSY_JUMPS (2000)
extern unsigned int simgpio_busy_jumps;
void simgpio_busy(void);
#define MICROPY_VM_HOOK_LOOP                                                                       \
    if (++simgpio_busy_jumps >= SIMGPIO_BUSY_JUMPS) {                                              \
        simgpio_busy();                                                                            \
    }

// The board's ticks period. A 64-bit unix build would otherwise wrap ticks at 2**62, so
// nothing near the RP2040's 2**30 ms wrap (about 12.4 days) could be tested here.
#define MICROPY_PY_TIME_TICKS_PERIOD (1 << 30)

// Waiting for an event (select.poll with a timeout, asyncio's idle loop) lets 1 ms of virtual
// time pass, firing due timers and scheduled edges, instead of sleeping in real time (but a
// long wait that nothing can end goes at the wall clock's pace: simgpio_idle.c). This
// is the pre-v2 hook, still honoured by py/scheduler.c; the unix port's MICROPY_INTERNAL_WFE
// (a real 500 us sleep) then goes unused.
#define MICROPY_EVENT_POLL_HOOK                                                                    \
    {                                                                                              \
        mp_event_handle_nowait();                                                                  \
        simgpio_wait();                                                                            \
    }

// select.poll must call the wait hook above rather than the poll() syscall, whose timeout is
// real time. This is the path bare-metal ports (rp2) take, so asyncio waits as on the board.
#undef MICROPY_PY_SELECT_POSIX_OPTIMISATIONS
#define MICROPY_PY_SELECT_POSIX_OPTIMISATIONS (0)

// machine.Pin is the simulated pin (ports/unix/machine_pin_sim.c).
#define MICROPY_PY_MACHINE_EXTRA_GLOBALS {MP_ROM_QSTR(MP_QSTR_Pin), MP_ROM_PTR(&machine_pin_type)},

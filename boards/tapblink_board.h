// What every tapblink board adds to its mpconfigboard.h (included from there).
//
// Soft reset (Ctrl-D) deinitializes every debounce.Button: their pin IRQs and window alarms
// must not outlive the heap they point into (usercmodules/debounce/debounce.c).
#ifndef __ASSEMBLER__
void debounce_deinit_all(void);
#endif
#define MICROPY_BOARD_END_SOFT_RESET() debounce_deinit_all()

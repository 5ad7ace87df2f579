// tapblink on a plain Raspberry Pi Pico: the stock RPI_PICO settings plus
// the hooks tapblink's C module needs.
#define MICROPY_HW_BOARD_NAME "tapblink on Raspberry Pi Pico"
#define MICROPY_HW_FLASH_STORAGE_BYTES (1408 * 1024)

// Soft reset (Ctrl-D) deinitializes every debounce.Button: their pin IRQs and window alarms
// must not outlive the heap they point into (usercmodules/debounce/debounce.c).
#ifndef __ASSEMBLER__
void debounce_deinit_all(void);
#endif
#define MICROPY_BOARD_END_SOFT_RESET() debounce_deinit_all()

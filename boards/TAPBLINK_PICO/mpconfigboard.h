// tapblink on a plain Raspberry Pi Pico: the stock RPI_PICO settings plus
// the hooks tapblink's C module needs.
#define MICROPY_HW_BOARD_NAME "tapblink on Raspberry Pi Pico"
#define MICROPY_HW_FLASH_STORAGE_BYTES (1408 * 1024)

#include "../tapblink_board.h"

// tapblink on a Raspberry Pi Pico 2 (RP2350, Arm): the stock RPI_PICO2 settings plus
// the hooks tapblink's C module needs.
#define MICROPY_HW_BOARD_NAME "tapblink on Raspberry Pi Pico 2"
#define MICROPY_HW_FLASH_STORAGE_BYTES (PICO_FLASH_SIZE_BYTES - 1024 * 1024)

#include "../tapblink_board.h"

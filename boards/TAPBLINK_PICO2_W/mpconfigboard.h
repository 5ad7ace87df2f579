// tapblink on a Raspberry Pi Pico 2 W (RP2350, Arm): the stock RPI_PICO2_W settings
// (networking, Bluetooth, the CYW43 chip's GPIOs as Pin("LED"), ...) plus the hooks
// tapblink's C module needs.
#define MICROPY_HW_BOARD_NAME "tapblink on Raspberry Pi Pico 2 W"
#define MICROPY_HW_FLASH_STORAGE_BYTES (PICO_FLASH_SIZE_BYTES - 1536 * 1024)

// Enable networking.
#define MICROPY_PY_NETWORK 1
#define MICROPY_PY_NETWORK_HOSTNAME_DEFAULT "Pico2W"

// CYW43 driver configuration.
#define CYW43_USE_SPI (1)
#define CYW43_LWIP (1)
#define CYW43_GPIO (1)
#define CYW43_SPI_PIO (1)

#define MICROPY_HW_PIN_EXT_COUNT CYW43_WL_GPIO_COUNT

int mp_hal_is_pin_reserved(int n);
#define MICROPY_HW_PIN_RESERVED(i) mp_hal_is_pin_reserved(i)

#include "../tapblink_board.h"

// tapblink on a Raspberry Pi Pico W: the stock RPI_PICO_W settings (networking, Bluetooth,
// the CYW43 chip's GPIOs as Pin("LED"), "WL_GPIO1", ...) plus the hooks tapblink's C module
// needs.
#define MICROPY_HW_BOARD_NAME "tapblink on Raspberry Pi Pico W"
#define MICROPY_HW_FLASH_STORAGE_BYTES (848 * 1024)

// Enable networking.
#define MICROPY_PY_NETWORK 1
#define MICROPY_PY_NETWORK_HOSTNAME_DEFAULT "PicoW"

// CYW43 driver configuration.
#define CYW43_USE_SPI (1)
#define CYW43_LWIP (1)
#define CYW43_GPIO (1)
#define CYW43_SPI_PIO (1)

#define MICROPY_HW_PIN_EXT_COUNT CYW43_WL_GPIO_COUNT

// If this returns true for a pin then its irq will not be disabled on a soft reboot
int mp_hal_is_pin_reserved(int n);
#define MICROPY_HW_PIN_RESERVED(i) mp_hal_is_pin_reserved(i)

#include "../tapblink_board.h"

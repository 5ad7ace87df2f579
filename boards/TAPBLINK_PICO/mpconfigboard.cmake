# tapblink on a plain Raspberry Pi Pico (RP2040).
set(PICO_BOARD "pico")
set(PICO_PLATFORM "rp2040")

# The debounce module's rp2 glue.
include(${MICROPY_BOARD_DIR}/../../ports/rp2/debounce_glue.cmake)

# Our manifest: the stock rp2 frozen set plus tapblink's modules/.
set(MICROPY_FROZEN_MANIFEST ${MICROPY_BOARD_DIR}/manifest.py)

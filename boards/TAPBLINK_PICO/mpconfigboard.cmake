# tapblink on a plain Raspberry Pi Pico (RP2040).
set(PICO_BOARD "pico")
set(PICO_PLATFORM "rp2040")

# Our manifest: the stock rp2 frozen set plus tapblink's modules/.
set(MICROPY_FROZEN_MANIFEST ${MICROPY_BOARD_DIR}/manifest.py)

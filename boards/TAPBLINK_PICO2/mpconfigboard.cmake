# tapblink on a Raspberry Pi Pico 2 (RP2350), Arm Cortex-M33 cores in secure mode.
# (The stock RPI_PICO2 of the pinned tree says the same: pico2, rp2350 = rp2350-arm-s.)
set(PICO_BOARD "pico2")
set(PICO_PLATFORM "rp2350-arm-s")

# The debounce module's rp2 glue.
include(${MICROPY_BOARD_DIR}/../../ports/rp2/debounce_glue.cmake)

# The Pico 2 has the Pico's pinout: one pins.csv and one frozen manifest serve both boards.
set(MICROPY_BOARD_PINS ${MICROPY_BOARD_DIR}/../TAPBLINK_PICO/pins.csv)
set(MICROPY_FROZEN_MANIFEST ${MICROPY_BOARD_DIR}/../TAPBLINK_PICO/manifest.py)

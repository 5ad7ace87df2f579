# tapblink on a Raspberry Pi Pico 2 W (RP2350, Arm Cortex-M33 cores in secure mode, + CYW43).
# Networking and Bluetooth as the stock RPI_PICO2_W of the pinned tree (pico2_w, rp2350 =
# rp2350-arm-s). The options below also tell tools/mptree.py which submodules this board
# needs (the 4th column of tools/micropython.pins): keep them as plain set(... ON) lines.
set(PICO_BOARD "pico2_w")
set(PICO_PLATFORM "rp2350-arm-s")

set(MICROPY_PY_LWIP ON)
set(MICROPY_PY_NETWORK_CYW43 ON)

# Bluetooth
set(MICROPY_PY_BLUETOOTH ON)
set(MICROPY_BLUETOOTH_BTSTACK ON)
set(MICROPY_PY_BLUETOOTH_CYW43 ON)

# The debounce module's rp2 glue.
include(${MICROPY_BOARD_DIR}/../../ports/rp2/debounce_glue.cmake)

# The Pico 2 W has the Pico W's pinout: one pins.csv and one frozen manifest serve both.
set(MICROPY_BOARD_PINS ${MICROPY_BOARD_DIR}/../TAPBLINK_PICO_W/pins.csv)
set(MICROPY_FROZEN_MANIFEST ${MICROPY_BOARD_DIR}/../TAPBLINK_PICO_W/manifest.py)

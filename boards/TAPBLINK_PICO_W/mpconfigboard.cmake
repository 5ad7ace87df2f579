# tapblink on a Raspberry Pi Pico W (RP2040 + CYW43 wireless chip).
# Networking and Bluetooth as the stock RPI_PICO_W of the pinned tree: a W owner loses nothing.
# The options below also tell tools/mptree.py which submodules this board needs (the 4th
# column of tools/micropython.pins): keep them as plain set(... ON) lines.
set(PICO_BOARD "pico_w")
set(PICO_PLATFORM "rp2040")

set(MICROPY_PY_LWIP ON)
set(MICROPY_PY_NETWORK_CYW43 ON)

# Bluetooth
set(MICROPY_PY_BLUETOOTH ON)
set(MICROPY_BLUETOOTH_BTSTACK ON)
set(MICROPY_PY_BLUETOOTH_CYW43 ON)

# The debounce module's rp2 glue.
include(${MICROPY_BOARD_DIR}/../../ports/rp2/debounce_glue.cmake)

# The stock W frozen set (networking, aioble) plus tapblink's modules/.
set(MICROPY_FROZEN_MANIFEST ${MICROPY_BOARD_DIR}/manifest.py)

# Frozen into the Pico W and Pico 2 W tapblink.uf2: the Pico's set (boards/TAPBLINK_PICO) plus
# what the stock RPI_PICO_W / RPI_PICO2_W manifests of the pinned tree add. Keep in step.
include("$(BOARD_DIR)/../TAPBLINK_PICO/manifest.py")

require("bundle-networking")

# Bluetooth
require("aioble")

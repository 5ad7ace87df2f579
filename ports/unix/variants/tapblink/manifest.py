# Frozen into the tapblink unix variant: asyncio and all of tapblink's modules/, exactly what
# the firmware freezes (boards/TAPBLINK_PICO/manifest.py) minus the rp2-only drivers.
include("$(MPY_DIR)/extmod/asyncio")
freeze("../../../../modules")

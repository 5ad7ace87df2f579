# Frozen into tapblink.uf2.
#
# This is the stock rp2 set (ports/rp2/boards/manifest.py of the pinned tree) with one change:
# the port's _boot.py is replaced by ours (ports/rp2/modules/_boot.py), which also starts the
# demo on a board whose filesystem is empty. Keep the stock lines in step with the tree.
freeze("$(PORT_DIR)/modules", ("_boot_fat.py", "rp2.py"))
include("$(MPY_DIR)/extmod/asyncio")
require("onewire")
require("ds18x20")
require("dht")
require("neopixel")

# tapblink: the rp2 boot glue and everything under modules/.
freeze("$(BOARD_DIR)/../../ports/rp2/modules")
freeze("$(BOARD_DIR)/../../modules")

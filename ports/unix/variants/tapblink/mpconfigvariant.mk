# The tapblink unix variant. Built by `make unix` at the repo root (see ports/unix/README.md).

FROZEN_MANIFEST ?= $(VARIANT_DIR)/manifest.py

# Simulated pins and virtual time, and the debounce module's unix glue (debounce_port.h): the
# C sources one level up, in ports/unix/.
TAPBLINK_UNIX_DIR := $(abspath $(VARIANT_DIR)/../..)
SRC_C += \
	$(TAPBLINK_UNIX_DIR)/simgpio_clock.c \
	$(TAPBLINK_UNIX_DIR)/simgpio_idle.c \
	$(TAPBLINK_UNIX_DIR)/simgpio_schedule.c \
	$(TAPBLINK_UNIX_DIR)/machine_pin_sim.c \
	$(TAPBLINK_UNIX_DIR)/modsimgpio.c \
	$(TAPBLINK_UNIX_DIR)/debounce_port_unix.c \
	$(TAPBLINK_UNIX_DIR)/debounce_alarm_unix.c
CFLAGS += -I$(TAPBLINK_UNIX_DIR)

# The board's pin names ("LED", "BUTTON", "GP15") from its pins.csv, as the firmware has them:
# a header generated while make reads this file (rewritten only when it changes; the compiler's
# dependency files then rebuild what includes it).
TAPBLINK_PINS_H := $(BUILD)/tapblink/tapblink_pins.h
TAPBLINK_PINS_ERR := $(shell python3 $(TAPBLINK_UNIX_DIR)/../../tools/pins_header.py \
	$(TAPBLINK_UNIX_DIR)/../../boards/TAPBLINK_PICO/pins.csv $(TAPBLINK_PINS_H) 2>&1)
ifneq ($(TAPBLINK_PINS_ERR),)
$(error $(TAPBLINK_PINS_ERR))
endif
CFLAGS += -I$(BUILD)/tapblink

# Waits on real file descriptors take real time (simgpio_clock.c, __wrap_poll).
LDFLAGS += -Wl,--wrap=poll

# Pin.irq() dispatches through MicroPython's own IRQ helper, as rp2's Pin does.
SHARED_SRC_C_EXTRA += runtime/mpirq.c

# Single-threaded, like the firmware's asyncio: no locking between simulation and VM.
MICROPY_PY_THREAD = 0
# Nothing tapblink tests needs these; leaving them out keeps `make unix` short.
MICROPY_PY_BTREE = 0
MICROPY_PY_FFI = 0
MICROPY_PY_SSL = 0
MICROPY_PY_SOCKET = 0
MICROPY_VFS_FAT = 0
MICROPY_VFS_LFS1 = 0
MICROPY_VFS_LFS2 = 0

# The debounce user C module for make-built ports (unix): core, binding, flag and sleep_until. The port
# glue (debounce_port.h) comes from the variant: ports/unix/variants/tapblink/mpconfigvariant.mk.
DEBOUNCE_MOD_DIR := $(USERMOD_DIR)

SRC_USERMOD_C += $(DEBOUNCE_MOD_DIR)/debounce_core.c
SRC_USERMOD_C += $(DEBOUNCE_MOD_DIR)/debounce.c
SRC_USERMOD_C += $(DEBOUNCE_MOD_DIR)/debounce_flag.c
SRC_USERMOD_C += $(DEBOUNCE_MOD_DIR)/debounce_args.c
SRC_USERMOD_C += $(DEBOUNCE_MOD_DIR)/debounce_sleep.c

CFLAGS_USERMOD += -I$(DEBOUNCE_MOD_DIR)

# The debounce user C module for make-built ports (unix): core + binding + the unix glue.
DEBOUNCE_MOD_DIR := $(USERMOD_DIR)

SRC_USERMOD_C += $(DEBOUNCE_MOD_DIR)/debounce_core.c
SRC_USERMOD_C += $(DEBOUNCE_MOD_DIR)/debounce.c
SRC_USERMOD_C += $(DEBOUNCE_MOD_DIR)/debounce_flag.c
SRC_USERMOD_C += $(DEBOUNCE_MOD_DIR)/../../ports/unix/debounce_port_unix.c

CFLAGS_USERMOD += -I$(DEBOUNCE_MOD_DIR)

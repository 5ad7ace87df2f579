# Native and cross builds of the debounce C core: the ONE place their commands live.
# Used by tests/core/core_native.py (runner, m0plus object) and tools/fuzz.sh (fuzzer).
#
#   make -f tests/core/native.mk build/native/runner           ASan+UBSan trace runner
#   make -f tests/core/native.mk build/native/fuzz_debounce    libFuzzer target (clang)
#   make -f tests/core/native.mk build/native/core-m0plus.o    cortex-m0plus object (size)
# Run from the repository root; outputs go to build/native/ (gitignored).

CORE_DIR := usercmodules/debounce
TEST_DIR := tests/core
OUT := build/native
CORE_SRC := $(CORE_DIR)/debounce_core.c
RP2_DIR := ports/rp2
CORE_HDR := $(CORE_DIR)/debounce_core.h $(RP2_DIR)/debounce_ticks.h

CC ?= cc
CLANG ?= clang
ARM_CC ?= arm-none-eabi-gcc

WARN := -std=c99 -Wall -Wextra -Werror -pedantic
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

$(OUT)/runner: $(TEST_DIR)/runner.c $(CORE_SRC) $(CORE_HDR)
	@mkdir -p $(OUT)
	$(CC) $(WARN) -O1 -g $(SAN) -I$(CORE_DIR) -I$(RP2_DIR) -o $@ $(TEST_DIR)/runner.c $(CORE_SRC)

$(OUT)/fuzz_debounce: $(TEST_DIR)/fuzz_debounce.c $(CORE_SRC) $(CORE_HDR)
	@mkdir -p $(OUT)
	$(CLANG) -std=c99 -Wall -Wextra -Werror -O1 -g -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -I$(CORE_DIR) -o $@ $(TEST_DIR)/fuzz_debounce.c $(CORE_SRC)

$(OUT)/core-m0plus.o: $(CORE_SRC) $(CORE_HDR)
	@mkdir -p $(OUT)
	$(ARM_CC) -mcpu=cortex-m0plus -mthumb -Os -ffunction-sections -fdata-sections \
		$(WARN) -c -o $@ $(CORE_SRC)

# tapblink: the commands a user types. The firmware build itself is CMakeLists.txt.
#
#   make            build build/tapblink.uf2 (fetches MicroPython into the cache if needed)
#   make test       set up .venv and npm packages, run the whole test suite
#   make help       everything else

BUILD ?= build
PYTHON ?= python3
VENV ?= .venv
VPY := $(VENV)/bin/python
NPM_DIR := tests/emulator
JOBS ?= 2
SECONDS ?= 300
SIM_PORT ?= 2040
SOAK_S ?= 3600
export MICROPY_DIR
MAKEFLAGS += --no-print-directory

.PHONY: all firmware stock unix test venv npm lint format fuzz bench soak sim flash repl clean help

all: firmware

## firmware: build/tapblink.uf2 from boards/TAPBLINK_PICO, modules/ and usercmodules/
firmware:
	@$(PYTHON) tools/preflight.py >/dev/null
	@[ -f $(BUILD)/CMakeCache.txt ] || cmake -S . -B $(BUILD) $(if $(MICROPY_DIR),-DMICROPY_DIR=$(abspath $(MICROPY_DIR)))
	@cmake --build $(BUILD) -j $(JOBS)

## stock: the stock RPI_PICO firmware of the same tree (size and free-heap baselines)
stock:
	@$(PYTHON) tools/preflight.py >/dev/null
	@[ -f $(BUILD)/CMakeCache.txt ] || cmake -S . -B $(BUILD) $(if $(MICROPY_DIR),-DMICROPY_DIR=$(abspath $(MICROPY_DIR)))
	@cmake --build $(BUILD) --target stock -j $(JOBS)

## unix: build/unix/micropython, the unix port with tapblink's modules and simulated pins
unix:
	@MPY=$$($(PYTHON) tools/mptree.py resolve) && \
	$(MAKE) -s -C $$MPY/mpy-cross -j $(JOBS) BUILD=build >/dev/null && \
	$(MAKE) -s -C $$MPY/ports/unix -j $(JOBS) \
		VARIANT_DIR=$(abspath ports/unix/variants/tapblink) \
		BUILD=$(abspath $(BUILD)/unix/obj) PROG=../micropython \
		USER_C_MODULES=$(abspath usercmodules)
	@echo "tapblink: wrote $(BUILD)/unix/micropython"

## venv: .venv with the pinned test dependencies of tests/requirements.txt
venv: $(VENV)/.installed
$(VENV)/.installed: tests/requirements.txt tests/requirements-stubs.txt
	@[ -x $(VPY) ] || $(PYTHON) -m venv $(VENV) || { \
		echo "tapblink: can't create a virtual environment: install python3-venv (apt-get install python3-venv)"; exit 1; }
	@$(VPY) -m pip install -q --disable-pip-version-check -r tests/requirements.txt >$(VENV)/pip.log 2>&1 || { tail -20 $(VENV)/pip.log; \
		echo "tapblink: pip could not install tests/requirements.txt (see above); no network?"; exit 1; }
	@$(VPY) -m pip install -q --disable-pip-version-check --upgrade --target $(VENV)/mpstubs \
		-r tests/requirements-stubs.txt >$(VENV)/pip.log 2>&1 || { tail -20 $(VENV)/pip.log; \
		echo "tapblink: pip could not install tests/requirements-stubs.txt (see above)"; exit 1; }
	@touch $@

## npm: the emulator's node packages (rp2040js) in tests/emulator/node_modules
npm: $(NPM_DIR)/node_modules/.installed
$(NPM_DIR)/node_modules/.installed: $(NPM_DIR)/package.json $(wildcard $(NPM_DIR)/package-lock.json)
	@if command -v npm >/dev/null; then \
		npm ci --silent --no-audit --no-fund --prefix $(NPM_DIR) && touch $@ || \
		echo "tapblink: npm could not install $(NPM_DIR)/package.json: the emulator tests will skip"; \
	else \
		echo "tapblink: node/npm not found (apt-get install nodejs npm): the emulator tests will skip"; \
	fi

## test: the whole suite; tiers that need a tree, the ARM toolchain or node skip with the reason
test: venv npm
	@$(VPY) -m pytest tests

## lint: ruff on Python, clang-format on C, mypy on the stubs (also run by make test)
lint: venv
	@$(VPY) -m pytest tests/lint

## format: rewrite C with clang-format and Python with ruff
format: venv
	@$(VPY) -m ruff format modules tools tests ports
	@clang-format -i $$(git ls-files '*.c' '*.h')

## fuzz: fuzz the debounce C core with libFuzzer for SECONDS (default 300)
fuzz:
	@tools/fuzz.sh $(SECONDS)

## sim: the firmware in this terminal (rp2040js): REPL, Ctrl-T taps the button, Ctrl-] quits
sim: firmware venv npm
	@node tests/emulator/sim.mjs --uf2 $(BUILD)/tapblink.uf2 --python $(VPY) \
		--fs $(BUILD)/sim-fs.img --port $(SIM_PORT)

## repl: mpremote REPL on the board (PORT=/dev/ttyACM0, default auto); SIM=1: on `make sim`
repl: venv
	@$(VPY) -m mpremote connect $(if $(SIM),socket://127.0.0.1:$(SIM_PORT),$(or $(PORT),auto)) repl

## flash: copy build/tapblink.uf2 onto a Pico in BOOTSEL mode (the RPI-RP2 drive)
flash: firmware
	@$(PYTHON) tools/flash.py $(BUILD)/tapblink.uf2

## bench: tutorial polling vs careful Python IRQ code vs tapblink, in the emulator
bench: firmware stock venv npm
	@$(VPY) bench/run.py

## soak: the demo for SOAK_S simulated seconds (default 3600) in the emulator: taps, bounce, chatter; prints the wall time
soak: firmware venv npm
	@TAPBLINK_SOAK_S=$(SOAK_S) $(VPY) -m pytest tests/reliability/test_reliability_soak.py -q -s -p no:cacheprovider

## clean: remove build/ (the MicroPython cache is kept)
clean:
	rm -rf $(BUILD)

help:
	@grep -E '^## ' Makefile | sed 's/^## /  make /'

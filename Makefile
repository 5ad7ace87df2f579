# tapblink: the commands a user types. The firmware build itself is CMakeLists.txt.
#
#   make            build build/tapblink.uf2 (fetches MicroPython into the cache if needed)
#   make BOARD=TAPBLINK_PICO2   the same for the Pico 2 (RP2350), in build/TAPBLINK_PICO2/
#   make test       set up .venv and npm packages, run the whole test suite
#   make help       everything else

BOARD ?= TAPBLINK_PICO
# The Pico keeps build/ (the emulator tiers and tools use it); another board gets its own
# directory, so both can be built side by side.
BUILD ?= $(if $(filter TAPBLINK_PICO,$(BOARD)),build,build/$(BOARD))
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

# Configure $(BUILD) once, for $(BOARD); a directory configured for another board is refused.
CONFIGURE = if [ -f $(BUILD)/CMakeCache.txt ]; then \
		grep -qx 'TAPBLINK_BOARD:STRING=$(BOARD)' $(BUILD)/CMakeCache.txt || { \
		echo "tapblink: $(BUILD) was configured for $$(sed -n 's/^TAPBLINK_BOARD:STRING=//p' \
			$(BUILD)/CMakeCache.txt), not $(BOARD): use another BUILD= or make clean"; exit 1; }; \
	else mkdir -p $(BUILD) && { cmake -S . -B $(BUILD) -DBOARD=$(BOARD) \
		$(if $(MICROPY_DIR),-DMICROPY_DIR=$(abspath $(MICROPY_DIR))) >$(BUILD)/configure.log 2>&1 || \
		{ cat $(BUILD)/configure.log; exit 1; }; }; fi

.PHONY: profile rp2040-only all firmware stock unix unix-stock test-upstream test test-layout venv npm lint stubs format fuzz bench soak sim flash repl clean help

all: firmware

# These targets run the firmware in rp2040js (the Pico); sim and bench also take the Pico 2
# (rp2350js), soak and profile do not.
rp2040-only:
	@[ "$(BOARD)" = TAPBLINK_PICO ] || { echo "tapblink: make $(MAKECMDGOALS) runs the firmware \
	in rp2040js, for the Pico only (drop BOARD=$(BOARD))"; exit 1; }

## firmware: build/tapblink.uf2 from boards/TAPBLINK_PICO, modules/, usercmodules/ (BOARD=TAPBLINK_PICO2: the Pico 2's, in build/TAPBLINK_PICO2/)
firmware:
	@$(PYTHON) tools/preflight.py --board $(BOARD) >/dev/null
	@$(CONFIGURE)
	@$(PYTHON) tools/quiet_build.py $(BUILD)/tapblink.uf2 -- cmake --build $(BUILD) -j $(JOBS)

## stock: the stock RPI_PICO (RPI_PICO2 for BOARD=TAPBLINK_PICO2) firmware of the same tree
stock:
	@$(PYTHON) tools/preflight.py --board $(BOARD) >/dev/null
	@$(CONFIGURE)
	@cmake --build $(BUILD) --target stock -j $(JOBS)

## unix: build/unix/micropython, the unix port with tapblink's modules and simulated pins
unix:
	@mkdir -p $(BUILD)/unix && touch $(BUILD)/unix/.before
	@MPY=$$($(PYTHON) tools/mptree.py resolve) && \
	$(MAKE) -s -C $$MPY/mpy-cross -j $(JOBS) BUILD=build >/dev/null && \
	env $$($(PYTHON) tools/mptree.py env) $(PYTHON) tools/quiet_build.py $(BUILD)/unix/micropython -- \
		$(MAKE) -s -C $$MPY/ports/unix -j $(JOBS) \
		VARIANT_DIR=$(abspath ports/unix/variants/tapblink) \
		BUILD=$(abspath $(BUILD)/unix/obj) PROG=../micropython \
		USER_C_MODULES=$(abspath usercmodules)
	@[ -z "$$(find $(BUILD)/unix/micropython -newer $(BUILD)/unix/.before)" ] || \
		echo "tapblink: wrote $(BUILD)/unix/micropython"

## unix-stock: build/unix-stock/micropython, the stock unix port (standard variant) of the same tree
# (btree and ffi left out: their submodule / libffi are not needed for anything else here)
unix-stock:
	@MPY=$$($(PYTHON) tools/mptree.py resolve) && \
	$(MAKE) -s -C $$MPY/mpy-cross -j $(JOBS) BUILD=build >/dev/null && \
	$(MAKE) -s -C $$MPY/ports/unix -j $(JOBS) VARIANT=standard \
		BUILD=$(abspath $(BUILD)/unix-stock/obj) PROG=../micropython \
		MICROPY_PY_BTREE=0 MICROPY_PY_FFI=0
	@echo "tapblink: wrote $(BUILD)/unix-stock/micropython"

## venv: .venv with the pinned test dependencies of tests/requirements.txt
venv: $(VENV)/.installed
$(VENV)/.installed: tests/requirements.txt tests/requirements-stubs.txt
	@[ -x $(VPY) ] || $(PYTHON) -m venv $(VENV) || { \
		echo "tapblink: can't create a virtual environment: install python3-venv (apt-get install python3-venv)"; exit 1; }
	@sed '/^# --- board-only/,$$d' tests/requirements.txt >$(VENV)/requirements-host.txt && \
	sed -n '/^# --- board-only/,$$p' tests/requirements.txt >$(VENV)/requirements-board.txt && \
	$(VPY) -m pip install -q --disable-pip-version-check -r $(VENV)/requirements-host.txt >$(VENV)/pip.log 2>&1 && \
	$(VPY) -m pip install -q --disable-pip-version-check --no-deps -r $(VENV)/requirements-board.txt >>$(VENV)/pip.log 2>&1 || { tail -20 $(VENV)/pip.log; \
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

## test-upstream: MicroPython's own tests (run-tests.py) on stock vs tapblink: unix port, and both UF2s in rp2040js
# (tools/upstream_tests.py; a target without its tree, toolchain or node is skipped, saying why)
test-upstream: venv npm
	@$(VPY) tools/upstream_tests.py

## test-layout: the emulator tiers again on a UF2 with a SHIFT-byte longer version string
# (it moves the code and data after it): no timing tolerance may depend on one build's layout.
SHIFT ?= 64
test-layout: venv npm
	@tools/test_layout.sh $(BUILD) $(SHIFT) $(PYTHON) $(VPY) $(JOBS)

## lint: ruff on Python, clang-format on C, mypy on the stubs (also run by make test)
lint: venv
	@$(VPY) -m pytest tests/lint

## stubs: type-check stubs/ (the IDE stubs) and examples/ against them with mypy
stubs: venv
	@$(VPY) -m pytest -q -p no:cacheprovider tests/lint/test_stubs.py

## format: rewrite C with clang-format and Python with ruff
format: venv
	@$(VPY) -m ruff format modules tools tests ports
	@clang-format -i $$(git ls-files '*.c' '*.h')

## fuzz: fuzz the debounce C core with libFuzzer for SECONDS (default 300)
fuzz:
	@tools/fuzz.sh $(SECONDS)

## sim: the firmware in this terminal (rp2040js; BOARD=TAPBLINK_PICO2: rp2350js): REPL, Ctrl-T taps, Ctrl-G holds, Ctrl-] quits; SIM_PORT=2040
# (its console is also on 127.0.0.1:SIM_PORT for mpremote; 0 picks a free port)
# BOARD=TAPBLINK_PICO2: the Pico 2 in rp2350js (tests/emulator/rp2350js.py finds it).
sim: firmware venv npm
	@$(if $(filter TAPBLINK_PICO2,$(BOARD)),DIR=$$($(VPY) tests/emulator/rp2350js.py) || exit 1; \
		export RP2350JS_DIR="$$DIR";) \
	node tests/emulator/sim.mjs --uf2 $(BUILD)/tapblink.uf2 --python $(VPY) \
		--fs $(BUILD)/sim-fs.img --port $(SIM_PORT) $(if $(filter TAPBLINK_PICO2,$(BOARD)),--chip rp2350)

## repl: mpremote REPL on the board (PORT=/dev/ttyACM0, default auto); SIM=1: on `make sim`
# (SIM=1 reaches the sim's SIM_PORT through a pty, tools/simrepl.py: mpremote's REPL needs one)
repl: venv
	@$(if $(SIM),$(VPY) tools/simrepl.py --port $(SIM_PORT),$(VPY) -m mpremote connect $(or $(PORT),auto) repl)

## flash: copy the UF2 onto a board in BOOTSEL mode (RPI-RP2 drive; BOARD=TAPBLINK_PICO2: RP2350)
flash: firmware
	@$(PYTHON) tools/flash.py --board $(BOARD) $(BUILD)/tapblink.uf2

## bench: tutorial polling vs careful Python IRQ code vs tapblink vs chumicro-buttons, presses and gestures, in the emulator
# BOARD=TAPBLINK_PICO2: the event-path rows of (b) and (c) on the Pico 2 in rp2350js (bench/pico2.py).
bench: firmware venv npm
	@$(if $(filter TAPBLINK_PICO2,$(BOARD)),$(VPY) bench/pico2.py --uf2 $(BUILD)/tapblink.uf2,\
		$(MAKE) rp2040-only stock BOARD=$(BOARD) && $(VPY) bench/run.py)

## soak: the demo for SOAK_S simulated seconds (default 3600) in the emulator: taps, bounce, chatter; prints the wall time
soak: rp2040-only firmware venv npm
	@TAPBLINK_SOAK_S=$(SOAK_S) $(VPY) -m pytest tests/reliability/test_reliability_soak.py -q -s -p no:cacheprovider

## profile: where an edge's CPU cycles go, per function, in the emulator (ARGS="--chatter", "--program b", "--callers mp_map_lookup")
profile: rp2040-only firmware venv npm
	@$(VPY) tools/profile.py $(ARGS)

## clean: remove build/ (the MicroPython cache is kept)
clean:
	rm -rf $(BUILD)

help:
	@grep -E '^## ' Makefile | sed 's/^## /  make /'

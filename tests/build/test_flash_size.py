"""Flash cost of the debounce module on the RP2040.

The event-path goal: core + binding + native flag at most 2560 B (.text/.rodata from the
linker map; the benchmark reports it too, bench/report.py). The core that meets the physical
contract (docs/contracts.md, "Debounce semantics") is 498 B on the Cortex-M0+, against 378 B
for the rule before it; the binding makes room for it by keeping no list of live Buttons (the
port's table of pin owners is that list) and by sharing the int-argument check with
sleep_until (debounce_args.c): core 498 + binding 1591 + flag 428 = 2517 B. Not part of that
goal: the rp2 glue, the argument wording shared by every port (debounce_args.c) and
debounce.sleep_until (debounce_sleep.c and the rp2 alarms). The whole module, glue included,
is kept within 6 KiB so that nothing grows unnoticed (5749 B at a87a550)."""

import subprocess

from tests.core.core_native import ROOT, native_build
from size_report import map_sizes

CORE_BUDGET = 768
GOAL_FLASH = 2560  # core + binding + native flag: the event path's goal
MODULE_BUDGET = 6144  # every debounce object, the rp2 glue included


def test_core_cross_compiles_for_cortex_m0plus(arm_gcc):
    obj = native_build("build/native/core-m0plus.o")  # -Os -Wall -Wextra -Werror
    out = subprocess.run(
        ["arm-none-eabi-size", "-B", str(obj)], capture_output=True, text=True, check=True
    )
    text, data = (int(x) for x in out.stdout.splitlines()[1].split()[:2])
    print("debounce core on cortex-m0plus: %d B flash" % (text + data))
    assert text + data <= CORE_BUDGET


def test_module_stays_within_its_flash_budget(firmware_uf2):
    sizes = map_sizes(ROOT / "build" / "tapblink.map")
    core = sizes.get("debounce_core.c.o", 0)
    binding = sizes.get("debounce.c.o", 0)
    flag = sizes.get("debounce_flag.c.o", 0)
    args = sizes.get("debounce_args.c.o", 0)
    total = sum(sizes.values())
    print(
        "debounce flash: core %d B + binding %d B + flag %d B = %d B (goal %d B); "
        "the whole "
        "module %d B: %s (qstr text not counted)"
        % (
            core,
            binding,
            flag,
            core + binding + flag,
            GOAL_FLASH,
            total,
            ", ".join("%s %d" % kv for kv in sorted(sizes.items())),
        )
    )
    assert core and binding and flag and args, "objects missing from the map: %s" % sizes
    assert "debounce_port_rp2.c.o" in sizes, "the rp2 glue is missing from the map"
    assert core + binding + flag <= GOAL_FLASH
    assert total <= MODULE_BUDGET

"""Flash cost of the debounce module on the RP2040: a guard against growth.

Issue 12's goal (core + binding + native flag at most 2560 B) is judged by the benchmark
(bench/report.py), which counts every object of the module but the rp2 glue: 3020 B at the
merge of issues 12 and 18 (the binding's argument checks grew by one pin wording for every port
and a named unknown keyword, debounce_args.c), so the goal is reported missed there. This test
keeps that total from growing unnoticed: MODULE_BUDGET is 3 KiB."""

import subprocess

from core_native import ROOT, native_build
from size_report import map_sizes

CORE_BUDGET = 512
MODULE_BUDGET = 3072


def test_core_cross_compiles_for_cortex_m0plus(arm_gcc):
    obj = native_build("build/native/core-m0plus.o")  # -Os -Wall -Wextra -Werror
    out = subprocess.run(
        ["arm-none-eabi-size", "-B", str(obj)], capture_output=True, text=True, check=True
    )
    text, data = (int(x) for x in out.stdout.splitlines()[1].split()[:2])
    print("debounce core on cortex-m0plus: %d B flash" % (text + data))
    assert text + data <= CORE_BUDGET


def test_module_stays_within_its_flash_guard(firmware_uf2):
    sizes = map_sizes(ROOT / "build" / "tapblink.map")
    core = sizes.get("debounce_core.c.o", 0)
    binding = sizes.get("debounce.c.o", 0)
    flag = sizes.get("debounce_flag.c.o", 0)
    glue = sizes.get("debounce_port_rp2.c.o", 0)
    args = sizes.get("debounce_args.c.o", 0)
    module = core + binding + flag + args
    print(
        "debounce flash: core %d B + binding %d B + flag %d B + argument wording %d B = %d B "
        "(rp2 glue %d B more; qstr text not counted)" % (core, binding, flag, args, module, glue)
    )
    assert core and binding and flag and args and glue, "objects missing from the map: %s" % sizes
    assert module <= MODULE_BUDGET

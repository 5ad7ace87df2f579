"""Flash cost of the debounce module on the RP2040 (goal, issue 12: core + binding + native
flag <= 2560 B)."""

import subprocess

from core_native import ROOT, native_build
from size_report import map_sizes

CORE_BUDGET = 512
MODULE_BUDGET = 2560


def test_core_cross_compiles_for_cortex_m0plus(arm_gcc):
    obj = native_build("build/native/core-m0plus.o")  # -Os -Wall -Wextra -Werror
    out = subprocess.run(
        ["arm-none-eabi-size", "-B", str(obj)], capture_output=True, text=True, check=True
    )
    text, data = (int(x) for x in out.stdout.splitlines()[1].split()[:2])
    print("debounce core on cortex-m0plus: %d B flash" % (text + data))
    assert text + data <= CORE_BUDGET


def test_core_binding_and_flag_fit_the_flash_budget(firmware_uf2):
    sizes = map_sizes(ROOT / "build" / "tapblink.map")
    core = sizes.get("debounce_core.c.o", 0)
    binding = sizes.get("debounce.c.o", 0)
    flag = sizes.get("debounce_flag.c.o", 0)
    glue = sizes.get("debounce_port_rp2.c.o", 0)
    pin_arg = sizes.get("debounce_args.c.o", 0)
    print(
        "debounce flash: core %d B + binding %d B + flag %d B = %d B (rp2 glue %d B and "
        "argument-error wording %d B more; qstr text not counted)"
        % (core, binding, flag, core + binding + flag, glue, pin_arg)
    )
    assert core and binding and flag and glue, "debounce objects missing from the map: %s" % sizes
    assert core + binding + flag <= MODULE_BUDGET

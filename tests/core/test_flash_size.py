"""Flash cost of the debounce module on the RP2040 (goal: core + binding <= 2 KiB)."""

import re
import subprocess

from core_native import ROOT, native_build

CORE_BUDGET = 512
MODULE_BUDGET = 2048


def test_core_cross_compiles_for_cortex_m0plus(arm_gcc):
    obj = native_build("build/native/core-m0plus.o")  # -Os -Wall -Wextra -Werror
    out = subprocess.run(
        ["arm-none-eabi-size", "-B", str(obj)], capture_output=True, text=True, check=True
    )
    text, data = (int(x) for x in out.stdout.splitlines()[1].split()[:2])
    print("debounce core on cortex-m0plus: %d B flash" % (text + data))
    assert text + data <= CORE_BUDGET


def map_sizes(map_path):
    """{object file name: bytes placed in flash} for the debounce objects of a linker map."""
    sizes = {}
    pending = False
    for line in map_path.read_text().splitlines():
        if re.match(r"^ \.\S+\s*$", line):
            pending = True  # section name alone; address, size and object on the next line
            continue
        m = re.match(r"^ (?:\.\S+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+\.o)\s*$", line)
        if m and (pending or line.startswith(" .")):
            addr, size, obj = int(m.group(1), 16), int(m.group(2), 16), m.group(3)
            if "debounce" in obj and 0x10000000 <= addr < 0x20000000:
                name = obj.rsplit("/", 1)[-1]
                sizes[name] = sizes.get(name, 0) + size
        pending = False
    return sizes


def test_core_and_binding_fit_in_2k_of_flash(firmware_uf2):
    sizes = map_sizes(ROOT / "build" / "tapblink.map")
    core = sizes.get("debounce_core.c.o", 0)
    binding = sizes.get("debounce.c.o", 0)
    glue = sizes.get("debounce_port_rp2.c.o", 0)
    print(
        "debounce flash: core %d B + binding %d B = %d B (rp2 glue %d B more; qstr text "
        "not counted)" % (core, binding, core + binding, glue)
    )
    assert core and binding and glue, "debounce objects missing from the map: %s" % sizes
    assert core + binding <= MODULE_BUDGET

"""Where the CPU cycles of one path go, in the emulator: a per-function cycle profile.

    .venv/bin/python tools/profile.py                    # the demo: edge -> task wake
    .venv/bin/python tools/profile.py --program floor-native
    .venv/bin/python tools/profile.py --chatter          # 10 kHz chatter, 100 ms

Boots the UF2 in safe mode, starts a bench program (bench/programs.py) with its probe (GP2
toggles when the task wakes with a press), presses the button a few times with no bounce
(intervals off the LED's beat), and counts the cycles spent at every instruction address from
each press edge to the probe's toggle. Addresses are mapped to functions with the ELF's symbol
table (arm-none-eabi-nm). Emulator cycles are exact and repeatable, so two runs compare
directly (no cache or flash wait states are modelled: tests/emulator/README.md).
"""

import argparse
import bisect
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run by path: bench/ and tests/ are packages at the repo root

from bench.programs import PROBE_PIN, contenders, irq_references, wake_references  # noqa: E402
from tests.emulator.harness import Emulator  # noqa: E402


def symbols(elf):
    out = subprocess.run(
        ["arm-none-eabi-nm", "-n", "-S", "--defined-only", str(elf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    addrs, names = [], []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[-2].lower() in "tw":
            addrs.append(int(parts[0], 16) & ~1)
            names.append(parts[-1])
    return addrs, names


def by_function(profile, addrs, names):
    out = {}
    for pc, c in profile.items():
        i = bisect.bisect_right(addrs, pc) - 1
        name = names[i] if i >= 0 else "?"
        out[name] = out.get(name, 0) + c
    return out


def program(key):
    for c in contenders() + wake_references() + irq_references():
        if c.key == key:
            return c
    raise SystemExit("no program %r" % key)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--uf2", default=str(ROOT / "build" / "tapblink.uf2"))
    ap.add_argument("--elf", default=str(ROOT / "build" / "rp2" / "firmware.elf"))
    ap.add_argument("--program", default="c", help="bench program key (c, b, floor-native...)")
    ap.add_argument("--presses", type=int, default=5)
    ap.add_argument("--chatter", action="store_true", help="profile 100 ms of 10 kHz chatter")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--callers", metavar="FUNCTION", help="also count calls into it by caller")
    args = ap.parse_args()
    prog = program(args.program)
    addrs, names = symbols(args.elf)
    total = {}
    watch = [addrs[names.index(args.callers)]] if args.callers else []
    with Emulator() as emu:
        emu.boot(args.uf2, button_held=True)
        emu.wait_for(">>> ", timeout_ms=3000)
        emu.release()
        emu.run_for(20)
        emu.start_raw(prog.probe_source)
        emu.wait_edge(25, timeout_ms=2000)
        t = emu.run_for(300)
        n = 0
        if args.chatter:
            edges = [(t + 0.1 * k, k % 2) for k in range(1, 1001)] + [(t + 100.2, 1)]
            emu.button(edges)
            emu.run_until(t)
            emu.profile_start(callers_of=watch)
            emu.run_until(t + 100)
            total = emu.profile_stop()
            n = 1000
        else:
            at = t + 173.3
            for k in range(args.presses):
                # Intervals that never bring a press onto the LED's beat (the blink task would
                # run in the same wake-up): 610, 790, 650, 830, ... ms.
                at += 0 if k == 0 else 700 + (90 if k % 2 else -90) + 40 * (k // 2)
                emu.button([(at, 0), (at + 100, 1)])
                emu.run_until(at)
                emu.profile_start(until_pin=PROBE_PIN, callers_of=watch)
                emu.wait_edge(PROBE_PIN, timeout_ms=50)
                prof = emu.profile_stop()
                print(
                    "press %d: %d cycles, probe %.1f us after the edge"
                    % (k, sum(prof.values()), (emu.edges(PROBE_PIN)[-1][0] - at) * 1000)
                )
                for pc, c in prof.items():
                    total[pc] = total.get(pc, 0) + c
                n += 1
                emu.run_until(at + 500)
    calls = {-pc: c for pc, c in total.items() if pc < 0}
    total = {pc: c for pc, c in total.items() if pc >= 0}
    funcs = by_function(total, addrs, names)
    all_cycles = sum(funcs.values())
    print(
        "%s: %d cycles per %s (%d samples)"
        % (args.program, all_cycles // n, "edge" if args.chatter else "press", n)
    )
    for name, c in sorted(funcs.items(), key=lambda kv: -kv[1])[: args.top]:
        print("%8d  %5.1f%%  %s" % (c // n, 100.0 * c / all_cycles, name))
    if args.callers:
        print(
            "calls into %s, by caller (per %s):"
            % (args.callers, "edge" if args.chatter else "press")
        )
        for name, c in sorted(by_function(calls, addrs, names).items(), key=lambda kv: -kv[1]):
            print("%8.1f  %s" % (c / n, name))


if __name__ == "__main__":
    main()

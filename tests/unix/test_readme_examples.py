"""Every README code block and examples/ program on the unix port, as a newcomer runs them:
scripted bouncy presses, Ctrl-C, then the same program again in the same interpreter
(tests/cases/readme_programs.py). The binary gets no simgpio.name() prelude: the board's pin
names ("BUTTON", "LED") come from pins.csv at build time, as on the firmware."""

import ast
import subprocess

import pytest

from tests.cases import readme_programs as rp  # noqa: E402

PROGRAMS = rp.programs()

# Runs the program twice; each run between RUN and END lines (END: the IRQ triggers of the
# pins, and how often the output pin changed).
WRAPPER = """\
import simgpio, time
with open({path!r}) as f:
    CODE = f.read()
for run in (1, 2):
    t0 = time.ticks_ms()
    for pin, times in {presses!r}.items():
        for dt in times:
            # a bouncy press and release
            for d, lv in ((0, 0), (1, 1), (2, 0), ({hold}, 1), ({hold} + 1, 0), ({hold} + 2, 1)):
                simgpio.schedule(pin, lv, time.ticks_add(t0, dt + d))
    simgpio.interrupt(time.ticks_add(t0, {stop}))
    n_out = simgpio.count({out}) if {out} is not None else 0
    print("RUN", run)
    try:
        exec(CODE, {{"__name__": "__main__"}})
    except KeyboardInterrupt:
        print("CTRL-C")
    irqs = [simgpio.irq(p) for p in {pins!r}]
    blinks = simgpio.count({out}) - n_out if {out} is not None else 0
    print("END", repr((irqs, blinks)))
"""


def test_every_example_is_played():
    names = {n.split("/")[1] for n in PROGRAMS if n.startswith("examples/")}
    assert names == set(rp.example_files()), "an example without expectations"


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_runs_twice_with_ctrl_c_between(name, unix_micropython, tmp_path):
    source, check, freed, out = PROGRAMS[name]
    prog = tmp_path / "program.py"
    prog.write_text(source)
    wrapper = tmp_path / "wrapper.py"
    wrapper.write_text(
        WRAPPER.format(
            path=str(prog),
            presses=rp.PRESSES,
            hold=rp.HOLD_MS,
            stop=rp.STOP_MS,
            out=out,
            pins=sorted(rp.PRESSES),
        )
    )
    r = subprocess.run(
        [str(unix_micropython), str(wrapper)], capture_output=True, text=True, timeout=30
    )
    text = r.stdout + r.stderr
    assert r.returncode == 0, text
    runs = r.stdout.split("RUN ")[1:]
    assert len(runs) == 2, text
    for n, run in enumerate(runs, 1):
        lines = run.splitlines()[1:]
        end = [x for x in lines if x.startswith("END ")]
        assert end, "run %d did not finish:\n%s" % (n, text)
        irqs, blinks = ast.literal_eval(end[0][4:])
        body = lines[: lines.index(end[0])]
        # Virtual time is exact: the intervals are the scripted ones, to the ms.
        assert check(body, 0), "run %d printed:\n%s" % (n, "\n".join(body))
        for pin, trig in zip(sorted(rp.PRESSES), irqs):
            if pin in freed:
                assert trig == 0, "run %d: GP%d's IRQ still held after Ctrl-C" % (n, pin)
        if out is not None:
            assert blinks >= 4, "run %d: GP%d changed %d times" % (n, out, blinks)
    assert "Error" not in r.stderr and "Traceback" not in text, text


def test_raw_events_reports_each_loss_once(unix_micropython, tmp_path):
    # examples/raw_events.py with no window and a ring of 1: three level changes in one ms
    # (before the task runs) keep one event and drop two; a later lone press drops nothing,
    # so "dropped" is printed once, for the two.
    source = (rp.ROOT / "examples" / "raw_events.py").read_text()
    assert "debounce_ms=20, max_events=32" in source
    prog = tmp_path / "raw.py"
    prog.write_text(
        "import simgpio, time\n"
        "t0 = time.ticks_ms()\n"
        "for dt, lv in ((10, 0), (10, 1), (10, 0), (50, 1), (100, 0), (150, 1)):\n"
        "    simgpio.schedule(15, lv, time.ticks_add(t0, dt))\n"
        "simgpio.interrupt(time.ticks_add(t0, 300))\n"
        + source.replace("debounce_ms=20, max_events=32", "debounce_ms=0, max_events=1")
    )
    r = subprocess.run([str(unix_micropython), str(prog)], capture_output=True, text=True)
    lines = r.stdout.splitlines()
    dropped = [x for x in lines if x.startswith("dropped")]
    assert dropped == ["dropped 2 events: read faster or raise max_events"], r.stdout
    kinds = [x.split()[0] for x in lines if x.startswith(("press", "release"))]
    assert kinds == ["press", "release", "press", "release"], r.stdout
    assert "KeyboardInterrupt" in r.stdout, r.stdout  # Ctrl-C ended it (unix prints there)

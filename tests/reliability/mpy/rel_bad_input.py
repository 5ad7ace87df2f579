# Bad input, table-driven. Runs unchanged on the unix port and on the firmware.
#
# Each row of CASES is (name, setup, call, exception, word, after), all literals, so that
# pytest reads the same table from this file (ast) to name its tests:
#   setup      code run first (makes the objects the call needs)
#   call       code that must raise `exception` (a name; None: must not raise)
#   word       text the message must contain (the argument it names); None: not checked
#   after      code run after the failed call that checks the state is intact: check(...)
# After every row, every Button the row made is deinitialized and each test pin must be
# free again (a Button can be made on it): nothing half-registered, nothing leaked.
#
# Output, one line per row: CASE (name, exception name or None, message, after, leaked)
# with after "ok" or the failed check's text; then END <rows>. The pins: TEST_PINS are
# spare GPIOs on the board; `drive` makes an edge on one (unix: simgpio; rp2: the pad's
# pull, which the undriven input follows).
# asyncio, queue and tapblink are used by the rows (exec'd code), not here.
import asyncio  # noqa: F401
import queue  # noqa: F401
import sys
import time

import buttons
import debounce
import tapblink  # noqa: F401
from machine import Pin

UNIX = sys.platform != "rp2"
TEST_PINS = (13, 14)

if UNIX:
    import simgpio


def drive(pin, level):
    if UNIX:
        simgpio.set(pin, level)
    else:
        Pin(pin, Pin.IN, Pin.PULL_UP if level else Pin.PULL_DOWN)
        time.sleep_us(200)


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def pin_free(pin):
    # True when no Button holds the pin's IRQ. (A new Button would take a held pin over, so
    # making one can't tell.) Pin.irq() without arguments changes nothing on either port.
    return Pin(pin).irq().trigger() == 0


def live(b):
    # b (a debounce.Button) is not deinitialized.
    try:
        b.any()
    except ValueError:
        return False
    return True


def events_arrive(b, pin):
    # b (debounce.Button, debounce_ms=0, idle high) still sees edges on pin.
    while b.get() is not None:
        pass
    drive(pin, 0)
    drive(pin, 1)
    kinds = []
    ev = b.get()
    while ev is not None:
        kinds.append(ev[0])
        ev = b.get()
    return kinds == [debounce.PRESS, debounce.RELEASE]


class NoSet:
    pass


class RaisingFlag:
    def set(self):
        raise RuntimeError("flag refuses")


class AllocatingFlag:
    # Allocates in IRQ context, where the heap is locked: MemoryError there.
    def __init__(self):
        self.log = []

    def set(self):
        self.log.append([0] * 8)


def qitems(q):
    # The queue's items, oldest first, without changing it.
    out = []
    for _ in range(q.qsize()):
        x = q.get_nowait()
        out.append(x)
        q.put_nowait(x)
    for _ in out:
        q.task_done()
    return out


B = "b = debounce.Button(13, debounce_ms=0)"
BB = "bb = buttons.Button(13, debounce_ms=0)"
FREE = "check(pin_free(13), 'pin 13 free')"
EV = "check(events_arrive(bb.raw, 13), 'the Button still gets events')"
Q3 = "q = queue.Queue(3); q.put_nowait('a'); q.put_nowait('b')"

# fmt: off
CASES = [
    # debounce.Button: pin
    ("Button pin float", "", "debounce.Button(1.5)", "TypeError", "pin", FREE),
    ("Button pin None", "", "debounce.Button(None)", "TypeError", "pin", FREE),
    ("Button pin list", "", "debounce.Button([13])", "TypeError", "pin", FREE),
    ("Button pin 30", "", "debounce.Button(30)", "ValueError", "pin", FREE),
    ("Button pin -1", "", "debounce.Button(-1)", "ValueError", "pin", FREE),
    ("Button pin 2**40", "", "debounce.Button(2**40)", "ValueError", "pin", FREE),
    ("Button pin unknown name", "", "debounce.Button('NOPE')", "ValueError", "pin", FREE),
    ("Button pin missing", "", "debounce.Button()", "TypeError", "pin", FREE),
    ("Button pin as Pin", "", "debounce.Button(Pin(13)).deinit()", None, None, FREE),
    # debounce.Button: keywords
    ("Button pull str", "", "debounce.Button(13, pull='up')", "TypeError", "pull", FREE),
    ("Button pull float", "", "debounce.Button(13, pull=1.5)", "TypeError", "pull", FREE),
    ("Button pull 99", "", "debounce.Button(13, pull=99)", "ValueError", "pull", FREE),
    ("Button pull None", "", "debounce.Button(13, pull=None).deinit()", None, None, FREE),
    ("Button active_low str", "", "debounce.Button(13, active_low='y')", "TypeError",
     "active_low", FREE),
    ("Button active_low None", "", "debounce.Button(13, active_low=None)", "TypeError",
     "active_low", FREE),
    ("Button active_low 2", "", "debounce.Button(13, active_low=2)", "ValueError",
     "active_low", FREE),
    ("Button active_low 1 ok", "", "x = debounce.Button(13, active_low=1); x.deinit()", None,
     None, FREE),
    ("Button debounce_ms str", "", "debounce.Button(13, debounce_ms='20')", "TypeError",
     "debounce_ms", FREE),
    ("Button debounce_ms float", "", "debounce.Button(13, debounce_ms=2.0)", "TypeError",
     "debounce_ms", FREE),
    ("Button debounce_ms -1", "", "debounce.Button(13, debounce_ms=-1)", "ValueError",
     "debounce_ms", FREE),
    ("Button debounce_ms 1001", "", "debounce.Button(13, debounce_ms=1001)", "ValueError",
     "debounce_ms", FREE),
    ("Button debounce_ms 2**40", "", "debounce.Button(13, debounce_ms=2**40)", "ValueError",
     "debounce_ms", FREE),
    ("Button debounce_ms 1000 ok", "", "debounce.Button(13, debounce_ms=1000).deinit()", None,
     None, FREE),
    ("Button max_events str", "", "debounce.Button(13, max_events='16')", "TypeError",
     "max_events must be an int", FREE),
    ("Button max_events 0", "", "debounce.Button(13, max_events=0)", "ValueError",
     "max_events must be 1..1024", FREE),
    ("Button max_events 1025", "", "debounce.Button(13, max_events=1025)", "ValueError",
     "max_events", FREE),
    ("Button max_events -16", "", "debounce.Button(13, max_events=-16)", "ValueError",
     "max_events", FREE),
    ("Button max_events 1024 ok", "", "debounce.Button(13, max_events=1024).deinit()", None,
     None, FREE),
    # buttons.Button's `depth` (events of each kind) is not the C ring's size
    ("Button depth is buttons' word", "", "debounce.Button(13, depth=16)", "TypeError",
     "unexpected keyword argument 'depth'", FREE),
    ("Button flag without set", "", "debounce.Button(13, flag=NoSet())", "TypeError", "flag",
     FREE),
    ("Button flag int", "", "debounce.Button(13, flag=5)", "TypeError", "flag", FREE),
    ("Button unknown keyword", "", "debounce.Button(13, bounce_ms=5)", "TypeError", "bounce_ms",
     FREE),
    ("Button extra positional", "", "debounce.Button(13, 20)", "TypeError", None, FREE),
    # debounce.Button: one wording for a bad pin, naming the argument, range and names
    ("Button pin 99 wording", "", "debounce.Button(99)", "ValueError",
     "pin must be 0..29 or a pin name (BUTTON, LED, GPn, GPIOn), not 99", FREE),
    ("Button pin name wording", "", "debounce.Button('nope')", "ValueError",
     "pin must be 0..29 or a pin name (BUTTON, LED, GPn, GPIOn), not 'nope'", FREE),
    ("Button pin type wording", "", "debounce.Button(1.5)", "TypeError",
     "pin must be an int, a str or a Pin, not float", FREE),
    ("Button pin GPIO name ok", "", "debounce.Button('GPIO13').deinit()", None, None, FREE),
    ("find_pin names its argument", "", "debounce.find_pin(99, 'led')", "ValueError",
     "led must be 0..29 or a pin name", FREE),
    ("find_pin gives the Pin", "", "p = debounce.find_pin('GP13')", None, None,
     "check(p == Pin(13), repr(p))"),
    # debounce.Button: a pin the program drives is refused, not turned into an input
    ("Button on an output", "o = Pin(14, Pin.OUT, value=1)", "debounce.Button(14)",
     "ValueError", "pin: GPIO14 is an output",
     "check(o.value() == 1 and pin_free(14), 'output untouched'); Pin(14, Pin.IN)"),
    # debounce.Button: a new Button on a pin takes it over (a re-run after Ctrl-C)
    ("Button same pin takes over", B, "c = debounce.Button(13, debounce_ms=0)", None, None,
     "check(not live(b) and events_arrive(c, 13), 'the new Button has the pin')"),
    ("Button same pin by name takes over", B, "c = debounce.Button('GP13', debounce_ms=0)",
     None, None, "check(not live(b) and events_arrive(c, 13), 'the new Button has the pin')"),
    ("Button same pin as Pin takes over", B, "c = debounce.Button(Pin(13), debounce_ms=0)",
     None, None, "check(not live(b) and events_arrive(c, 13), 'the new Button has the pin')"),
    ("Button taken over is deinitialized", B + "; c = debounce.Button(13)", "b.get()",
     "ValueError", "deinitialized", "check(live(c) and repr(b) == 'Button(GPIO13, deinit)', "
     "'the new one lives')"),
    ("Button repr", B, "r = repr(b)", None, None,
     "check(r == 'Button(GPIO13, value=0, debounce_ms=0)', r)"),
    ("Button repr deinit", B + "; b.deinit()", "r = repr(b)", None, None,
     "check(r == 'Button(GPIO13, deinit)', r)"),
    ("Button same pin, bad keyword too", B, "debounce.Button(13, max_events=0)", "ValueError",
     "max_events", "check(events_arrive(b, 13), 'first Button still gets events')"),
    ("Button other pin while one is live", B, "c = debounce.Button(14, debounce_ms=0)", None,
     None, "check(events_arrive(b, 13) and events_arrive(c, 14), 'both get their own events')"),
    # debounce.Button: deinit
    ("Button any after deinit", B + "; b.deinit()", "b.any()", "ValueError", "deinit", FREE),
    ("Button get after deinit", B + "; b.deinit()", "b.get()", "ValueError", "deinit", FREE),
    ("Button value after deinit", B + "; b.deinit()", "b.value()", "ValueError", "deinit", FREE),
    ("Button attributes after deinit", B + "; b.deinit()",
     "x = (b.overflows, b.debounce_ms, b.flag)", None, None,
     "check(x[:2] == (0, 0) and x[2] is not None, 'readable: %r' % (x,))"),
    ("Button double deinit", B + "; b.deinit()", "b.deinit()", None, None, FREE),
    ("Button stale deinit spares new owner",
     B + "; b.deinit(); c = debounce.Button(13, debounce_ms=0)", "b.deinit()", None, None,
     "check(events_arrive(c, 13), 'the new owner still gets events')"),
    ("Button context manager", "", "with debounce.Button(13) as b: pass", None, None,
     FREE + "; check(b.flag is not None, 'flag')"),
    # A flag whose set() fails inside the IRQ: reported there, the events still kept.
    ("Button flag.set raises", "",
     "b = debounce.Button(13, debounce_ms=0, flag=RaisingFlag()); drive(13, 0); drive(13, 1)",
     None, None,
     "check(b.any() == 2 and events_arrive(b, 13), 'events kept, IRQ alive')"),
    ("Button flag.set allocates", "", "f = AllocatingFlag(); "
     "b = debounce.Button(13, debounce_ms=0, flag=f); drive(13, 0); drive(13, 1)", None, None,
     "check(b.any() == 2 and f.log == [] and events_arrive(b, 13), 'events kept')"),
    ("Button overflows read-only", B, "b.overflows = 5", "AttributeError", None,
     "check(b.overflows == 0, 'unchanged')"),
    # buttons.Button and the awaitables
    ("buttons.Button pin float", "", "buttons.Button(1.5)", "TypeError", "pin",
     FREE + "; check(not buttons._groups, 'no flag group left')"),
    ("buttons.Button depth 0", "", "buttons.Button(13, depth=0)", "ValueError", "depth",
     FREE + "; check(not buttons._groups, 'no flag group left')"),
    ("buttons.Button depth 513", "", "buttons.Button(13, depth=513)", "ValueError",
     "depth must be 1..512", FREE + "; check(not buttons._groups, 'no flag group left')"),
    ("buttons.Button sets max_events", "", "buttons.Button(13, max_events=4)", "TypeError",
     "max_events", FREE + "; check(not buttons._groups, 'no flag group left')"),
    ("buttons.Button debounce_ms str", "", "buttons.Button(13, debounce_ms='x')", "TypeError",
     "debounce_ms", FREE),
    ("buttons.Button flag without set", "", "buttons.Button(13, flag=NoSet())", "TypeError",
     "flag", FREE + "; check(not buttons._groups, 'no flag group left')"),
    ("buttons.Button unknown keyword", "", "buttons.Button(13, bounce=1)", "TypeError", "bounce",
     FREE),
    ("buttons.Button same pin takes over", BB, "bc = buttons.Button(13, debounce_ms=0)", None,
     None, "check(bb._group is None and events_arrive(bc.raw, 13), 'the new one has the pin'); "
     "check(len(buttons._groups) == 1, 'the old group is gone')"),
    ("buttons pressed after deinit", BB + "; bb.deinit()", "asyncio.run(bb.pressed())",
     "ValueError", "deinit", FREE),
    ("buttons released after deinit", BB + "; bb.deinit()", "asyncio.run(bb.released())",
     "ValueError", "deinit", FREE),
    ("buttons presses after deinit", BB + "; bb.deinit()", "bb.presses()", "ValueError", "deinit",
     FREE),
    ("buttons value after deinit", BB + "; bb.deinit()", "bb.value()", "ValueError", "deinit",
     FREE),
    ("buttons clear after deinit", BB + "; bb.deinit()", "bb.clear()", "ValueError", "deinit",
     FREE),
    ("buttons overflows after deinit", BB + "; bb.deinit()", "x = bb.overflows", None, None,
     "check(x == 0, 'overflows %r' % x)"),
    ("buttons double deinit", BB + "; bb.deinit()", "bb.deinit()", None, None,
     FREE + "; check(not buttons._groups, 'no flag group left')"),
    ("buttons group same pin twice", "", "buttons.group(13, 'GP13')", "ValueError",
     "13 and 'GP13' are the same pin",
     FREE + "; check(not buttons._groups, 'no flag group left')"),
    ("buttons group bad second pin", "", "buttons.group(13, 1.5)", "TypeError", "pin",
     FREE + "; check(not buttons._groups, 'no flag group left')"),
    ("buttons group bad keyword", "", "buttons.group(13, 14, depth=0)", "ValueError", "depth",
     FREE + "; check(pin_free(14), 'pin 14 free')"),
    # Button.gestures(): every argument checked before anything changes
    ("gestures double_ms str", BB, "bb.gestures(double_ms='300')", "TypeError", "double_ms", EV),
    ("gestures double_ms 0", BB, "bb.gestures(double_ms=0)", "ValueError", "double_ms", EV),
    ("gestures long_ms -1", BB, "bb.gestures(long_ms=-1)", "ValueError", "long_ms", EV),
    ("gestures long_ms float", BB, "bb.gestures(long_ms=1.0)", "TypeError", "long_ms", EV),
    ("gestures long_ms None", BB, "bb.gestures(long_ms=None)", "TypeError", "long_ms", EV),
    ("gestures long_ms bool", BB, "bb.gestures(long_ms=True)", "TypeError", "long_ms", EV),
    ("gestures long_ms too big", BB, "bb.gestures(long_ms=3600001)", "ValueError", "long_ms",
     EV),
    ("gestures double_ms > long_ms", BB, "bb.gestures(double_ms=500, long_ms=400)",
     "ValueError", "double_ms", EV),
    ("gestures repeat_ms 0", BB, "bb.gestures(repeat_ms=0)", "ValueError", "repeat_ms", EV),
    ("gestures repeat_ms str", BB, "bb.gestures(repeat_ms='1')", "TypeError", "repeat_ms", EV),
    ("gestures repeat_delay_ms alone", BB, "bb.gestures(repeat_delay_ms=2000)", "ValueError",
     "repeat_delay_ms", EV),
    ("gestures repeat_delay_ms < long_ms", BB,
     "bb.gestures(long_ms=1000, repeat_ms=100, repeat_delay_ms=999)", "ValueError",
     "repeat_delay_ms", EV),
    # One rule for flags: True/False or 1/0; another int is a ValueError, a non-int a TypeError.
    ("gestures suppress int 2", BB, "bb.gestures(suppress=2)", "ValueError", "suppress", EV),
    ("gestures suppress str", BB, "bb.gestures(suppress='yes')", "TypeError", "suppress", EV),
    ("gestures presses None", BB, "bb.gestures(presses=None)", "TypeError", "presses", EV),
    ("gestures unknown keyword", BB, "bb.gestures(triple_ms=5)", "TypeError", "triple_ms", EV),
    ("gestures after deinit", BB + "; bb.deinit()", "bb.gestures()", "ValueError", "deinit",
     FREE),
    ("gestures double_ms == long_ms ok", BB, "g = bb.gestures(double_ms=100, long_ms=100)", None,
     None, "check(g._m.long_ms == 100, 'made')"),
    # queue.Queue
    ("Queue get_nowait empty", "q = queue.Queue()", "q.get_nowait()", "QueueEmpty", None,
     "check(q.qsize() == 0 and q.empty(), 'empty'); q.put_nowait(1); "
        "check(q.get_nowait() == 1, 'usable')"),
    ("Queue put_nowait full", Q3 + "; q.put_nowait('c')", "q.put_nowait('d')", "QueueFull", None,
     "check(q.full() and qitems(q) == ['a', 'b', 'c'], 'unchanged: %r' % qitems(q))"),
    ("Queue put_nowait full maxsize 1", "q = queue.Queue(1); q.put_nowait(0)", "q.put_nowait(1)",
     "QueueFull", None, "check(q.get_nowait() == 0 and q.empty(), 'unchanged')"),
    ("Queue task_done too often",
     Q3 + "; q.get_nowait(); q.get_nowait(); q.task_done(); q.task_done()", "q.task_done()",
     "ValueError", "task_done", "asyncio.run(q.join()); check(q.empty(), 'empty')"),
    ("Queue task_done on fresh queue", "q = queue.Queue()", "q.task_done()", "ValueError",
     "task_done", "q.put_nowait(1); check(q.qsize() == 1, 'usable')"),
    ("Queue maxsize str", "", "queue.Queue('3')", "TypeError", "maxsize", ""),
    ("Queue maxsize negative is unbounded", "q = queue.Queue(-1)",
     "for i in range(100): q.put_nowait(i)", None, None,
     "check(q.qsize() == 100 and not q.full(), 'unbounded')"),
    ("Queue get_nowait empty after drain", Q3 + "; q.get_nowait(); q.get_nowait()",
     "q.get_nowait()", "QueueEmpty", None, "check(q.qsize() == 0, 'empty')"),
    # tapblink.run: everything is checked before anything runs
    ("run cap_ms str", "", "tapblink.run(cap_ms='1')", "TypeError", "cap_ms", FREE),
    ("run cap_ms bool", "", "tapblink.run(cap_ms=True)", "TypeError", "cap_ms", FREE),
    ("run cap_ms 0", "", "tapblink.run(cap_ms=0)", "ValueError", "cap_ms", FREE),
    ("run cap_ms too big", "", "tapblink.run(cap_ms=86400001)", "ValueError", "cap_ms", FREE),
    ("run default_ms float", "", "tapblink.run(default_ms=0.5)", "TypeError", "default_ms", FREE),
    ("run default_ms -1", "", "tapblink.run(default_ms=-1)", "ValueError", "default_ms", FREE),
    ("run debounce_ms 5000", "", "tapblink.run(button=13, debounce_ms=5000)", "ValueError",
     "debounce_ms", FREE),
    ("run button float", "", "tapblink.run(button=1.5)", "TypeError",
     "button must be an int, a str or a Pin, not float", FREE),
    ("run button 99", "", "tapblink.run(button=99)", "ValueError",
     "button must be 0..29 or a pin name (BUTTON, LED, GPn, GPIOn), not 99", FREE),
    ("run button unknown name", "", "tapblink.run(button='nope')", "ValueError",
     "button must be 0..29 or a pin name (BUTTON, LED, GPn, GPIOn), not 'nope'", FREE),
    ("run led 99", "", "tapblink.run(led=99, button=13)", "ValueError",
     "led must be 0..29 or a pin name (BUTTON, LED, GPn, GPIOn), not 99", FREE),
    ("run led unknown name", "", "tapblink.run(led='nope', button=13)", "ValueError",
     "led must be 0..29 or a pin name (BUTTON, LED, GPn, GPIOn), not 'nope'", FREE),
    ("run led float", "", "tapblink.run(led=1.5, button=13)", "TypeError",
     "led must be an int, a str or a Pin, not float", FREE),
    ("run bad led leaves the button pin", B, "tapblink.run(led='nope', button=13)",
     "ValueError", "led", "check(live(b) and events_arrive(b, 13), 'b untouched')"),
    ("run unknown keyword", "", "tapblink.run(speed=2)", "TypeError", "speed", FREE),
]
# fmt: on


def cleanup(env):
    for v in env.values():
        if isinstance(v, (debounce.Button, buttons.Button)):
            v.deinit()
    for p in TEST_PINS:
        drive(p, 1)


def run_case(name, setup, call, exc, word, after):
    env = {}
    for k, v in globals().items():
        if not k.startswith("__"):
            env[k] = v
    got, msg, after_res = None, "", "ok"
    try:
        exec(setup, env)
    except Exception as e:
        return (name, "setup", "%s: %s" % (type(e).__name__, e), "skipped", [])
    try:
        exec(call, env)
    except Exception as e:
        got, msg = type(e).__name__, str(e)
    try:
        exec(after, env)
    except Exception as e:
        after_res = "%s: %s" % (type(e).__name__, e)
    cleanup(env)
    leaked = [p for p in TEST_PINS if not pin_free(p)]
    if leaked:  # keep the next rows independent of this one
        for v in env.values():
            if hasattr(v, "deinit"):
                v.deinit()
    return (name, got, msg, after_res, leaked)


for p in TEST_PINS:
    drive(p, 1)
for row in CASES:
    print("CASE", repr(run_case(*row)))
print("END", len(CASES))

"""Assertion helpers for the unix tier's MicroPython programs (no unittest on MicroPython).

A failed check raises AssertionError naming what was checked, with both values; the runner
(tests/unix/conftest.py) shows it with the program's output.
"""


def eq(got, want, what):
    if got != want:
        raise AssertionError("%s: got %r, want %r" % (what, got, want))


def true(cond, what):
    if not cond:
        raise AssertionError(what)


def raises(exc_type, fn, *args, contains=None, **kwargs):
    """fn(*args, **kwargs) must raise exc_type (whose message contains `contains`)."""
    try:
        fn(*args, **kwargs)
    except exc_type as e:
        if contains is not None and contains not in str(e):
            raise AssertionError(
                "%s: message %r lacks %r" % (exc_type.__name__, str(e), contains)
            ) from None
        return e
    raise AssertionError("%s not raised by %r%r" % (exc_type.__name__, fn, args))


def mem_used():
    """GC heap in use after a full collection (bytes)."""
    import gc

    gc.collect()
    return gc.mem_alloc()

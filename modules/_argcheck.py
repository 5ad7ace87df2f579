"""Argument checks shared by buttons and _gestures: the one home for them, so that neither
module imports the other for it (buttons re-exports both for programs and tapblink)."""


def check_int(name, value, low, high):
    """An int argument (not a bool) in low..high: TypeError or ValueError naming it.
    The one such check of tapblink's frozen modules (queue.py keeps its own: it is meant to
    work copied alone)."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("%s must be an int, not %s" % (name, type(value).__name__))
    if not low <= value <= high:
        raise ValueError("%s must be %d..%d" % (name, low, high))


def check_flag(name, value):
    """A flag argument: True/False, or 1/0 as machine.Pin takes them (the one rule for flags,
    the same in C: debounce_flag_arg). Returns it as a bool."""
    if value is True or value is False:
        return value
    if isinstance(value, int) and value in (0, 1):
        return value == 1
    raise (ValueError if isinstance(value, int) else TypeError)("%s must be True or False" % name)

"""Reference model of the gestures (docs/gestures.md), written as a whole-trace
function rather than a state machine, so that it checks modules/_gestures.py instead of
repeating it. Plain integers, no ticks wrap (callers shift times).

    reference(edges, end, double_ms=300, long_ms=1000, repeat_delay_ms=None, repeat_ms=None,
              suppress=False, presses=False) -> [(kind, t, count), ...] in the order reported

edges: the debounced edges [(kind, t)], kind 1 press / 0 release, strictly increasing t,
starting with a press (a release first is the end of a press made before the start: ignored).
end: when observation stops; a deadline at t < end has fired, edges are all before end.
"""

RELEASE, PRESS, CLICK, DOUBLE, LONG, REPEAT, LONG_RELEASE = range(7)
NAMES = {
    PRESS: "PRESS",
    CLICK: "CLICK",
    DOUBLE: "DOUBLE",
    LONG: "LONG",
    REPEAT: "REPEAT",
    LONG_RELEASE: "LONG_RELEASE",
}
KINDS = {v: k for k, v in NAMES.items()}


def reference(
    edges,
    end,
    double_ms=300,
    long_ms=1000,
    repeat_delay_ms=None,
    repeat_ms=None,
    suppress=False,
    presses=False,
):
    if repeat_ms is not None and repeat_delay_ms is None:
        repeat_delay_ms = long_ms + repeat_ms
    edges = list(edges)
    if edges and edges[0][0] == RELEASE:
        edges = edges[1:]
    # The presses as (press, release or None while still held at end).
    pairs = []
    for i in range(0, len(edges), 2):
        assert edges[i][0] == PRESS
        tr = edges[i + 1][1] if i + 1 < len(edges) else None
        pairs.append((edges[i][1], tr))

    out = []  # (t, 0: from a deadline / 1: from an edge, seq, kind, count)

    def emit(t, from_edge, kind, count):
        out.append((t, from_edge, len(out), kind, count))

    def click(count):
        return DOUBLE if count == 2 else CLICK

    count = 0
    open_release = None  # release of the last press, when it was a click (window open)
    for tp, tr in pairs:
        if open_release is not None and tp - open_release < double_ms:
            count += 1
        else:
            if suppress and open_release is not None:
                emit(open_release + double_ms, 0, click(count), count)
            count = 1
        open_release = None
        if presses:
            emit(tp, 1, PRESS, count)
        is_long = tp + long_ms < end if tr is None else tr - tp >= long_ms
        if is_long:
            emit(tp + long_ms, 0, LONG, count)
            if repeat_ms is not None:
                k = 1
                while True:
                    t = tp + repeat_delay_ms + (k - 1) * repeat_ms
                    if (tr is None and t >= end) or (tr is not None and t > tr):
                        break
                    emit(t, 0, REPEAT, k)
                    k += 1
            if tr is not None:
                emit(tr, 1, LONG_RELEASE, count)
        elif tr is not None:
            if not suppress:
                emit(tr, 1, click(count), count)
            open_release = tr
    if suppress and open_release is not None and open_release + double_ms < end:
        emit(open_release + double_ms, 0, click(count), count)
    # A deadline at t comes before an edge stamped t.
    out.sort()
    return [(kind, t, n) for t, _, _, kind, n in out]

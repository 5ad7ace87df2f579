"""docs/benchmark.png: button edges, detected presses and LED toggles of every contender on
one time axis (the same script, phase 0), with a zoom on one press."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

COLORS = {"a": "#c0392b", "b": "#2471a3", "c": "#1e8449"}


def _steps(edges, t_end, start_level=1):
    xs, ys, lv = [0.0], [start_level], start_level
    for t, v in edges:
        xs += [t, t]
        ys += [lv, v]
        lv = v
    xs.append(t_end)
    ys.append(lv)
    return xs, ys


def _panel(ax, res, lo, hi, zoom=False):
    tl = res["timeline"]
    names = {c["key"]: c["name"] for c in res["contenders"]}
    keys = [k for k in ("a", "b", "c") if k in tl]
    any_run = tl[keys[0]]
    rows = len(keys) + 1
    y = rows - 1
    # Button (the same script for all): high = released.
    btn = [(t, v) for t, v in any_run["button"] if lo - 50 <= t <= hi]
    first = [v for t, v in any_run["button"] if t < lo - 50]
    xs, ys = _steps(btn, hi, first[-1] if first else 1)
    ax.plot(xs, [y + 0.55 * v for v in ys], color="black", lw=0.8)
    for p in any_run["presses"]:
        if lo <= p <= hi:
            ax.axvline(p, color="grey", lw=0.5, ls=":")
    ax.text(
        lo,
        y + 0.8,
        " button (GP15, high = released; dotted: scripted presses)",
        fontsize=7,
        va="bottom",
    )
    for k in keys:
        y -= 1
        r = tl[k]
        led = [(t, v) for t, v in r["led"] if lo - 2500 <= t <= hi]
        before = [v for t, v in r["led"] if t < lo]
        inside = [(t, v) for t, v in led if t >= lo]
        xs, ys = _steps(inside, hi, before[-1] if before else 0)
        xs[0] = lo
        ax.plot(xs, [y + 0.5 * v for v in ys], color=COLORS[k], lw=0.8)
        det = [t for t in r["detections"] if lo <= t <= hi]
        ax.plot(det, [y + 0.62] * len(det), "v", color=COLORS[k], ms=5)
        ax.text(
            lo,
            y + 0.8,
            " (%s) %s: LED level; \u25bc press detected (line printed)" % (k, names[k]),
            fontsize=7,
            va="bottom",
            color=COLORS[k],
        )
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.2, rows)
    ax.set_yticks([])
    ax.set_xlabel("simulated time since the script started (ms)")


def _zoom_press(tl, presses):
    # A press where tapblink toggles the LED at once (the new half-period already over),
    # else the third press.
    led = [t for t, _ in tl.get("c", {}).get("led", [])]
    for i, p in enumerate(presses[1:], 1):
        if any(p < t < p + 5 for t in led):
            return i
    return min(2, len(presses) - 1)


def timeline(res, path):
    tl = res["timeline"]
    if not tl:
        return
    any_run = next(iter(tl.values()))
    presses = any_run["presses"]
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(12, 7.5), height_ratios=[1.3, 1])
    _panel(top, res, -100, any_run["end"], zoom=False)
    top.set_title(
        "Script '%s' (phase 0): every press, programs (a)-(c)" % any_run["script"], fontsize=10
    )
    i = _zoom_press(tl, presses)
    p = presses[i]
    _panel(bottom, res, p - 10, p + 60, zoom=True)
    bottom.set_title("Zoom: press %d and its bounce (first edge at %.1f ms)" % (i, p), fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)

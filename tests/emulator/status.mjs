// The status line of `make sim` (sim.mjs), fitted to the terminal's width.
//
// A line is a list of fields, each { text, style, drop }: text is what is measured, style an
// SGR code ('1;31' bold red, '2' dim, '' none), drop the field's rank in dropping (the highest
// goes first; 0: never dropped). Fields are dropped until the line fits; a line that still does
// not fit (a tiny terminal) is cut.

export function fitStatus(fields, width) {
    const keep = [...fields];
    const plain = () => ' ' + keep.map((f) => f.text).join(' | ');
    while (plain().length > width - 1) {
        let worst = -1;
        for (let i = 0; i < keep.length; i++) {
            if (keep[i].drop > 0 && (worst < 0 || keep[i].drop > keep[worst].drop)) worst = i;
        }
        if (worst < 0) break;
        keep.splice(worst, 1);
    }
    let room = width - 2;
    const parts = [];
    for (const f of keep) {
        if (room <= 0) break;
        const text = f.text.slice(0, room);
        room -= text.length + 3;
        parts.push(f.style ? `\x1b[${f.style}m${text}\x1b[0;7m` : text);
    }
    return ' ' + parts.join(' | ');
}

// The rate an output shows: its last half-period, while the next edge is not overdue (twice
// that half-period and 100 ms more); after that, null: the program stopped blinking, and an
// old rate would claim it still does.
export function liveRate(halfMs, lastNs, nowNs) {
    if (halfMs === null || lastNs === null) return null;
    return nowNs - lastNs <= (2 * halfMs + 100) * 1e6 ? halfMs : null;
}

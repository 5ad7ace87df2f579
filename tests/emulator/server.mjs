// JSON-lines front end of the emulated Pico, driven by tests/emulator/harness.py.
// One request per stdin line ({"cmd": ..., ...}), one reply per stdout line
// ({"ok": true, ...} or {"ok": false, "error": "..."}). Every reply carries the console
// chunks received since the previous reply as [ns, latin1 text] pairs.
import { readFileSync, writeFileSync } from 'fs';
import { createInterface } from 'readline';
import { Board, Pacer } from './rp2emu.mjs';
import { Board2350, loadRp2350js } from './rp2350emu.mjs';
import { serveConsole } from './tcpconsole.mjs';

let board = null;
let pacer = null;
let tcp = null;
let consoleSent = 0;

function readBootrom(path) {
    const raw = readFileSync(path);
    if (raw.length !== 16384) {
        throw new Error(`bootrom ${path}: ${raw.length} bytes, expected 16384`);
    }
    return new Uint32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
}

function needBoard() {
    if (!board) {
        throw new Error('no board: send boot first');
    }
    return board;
}

function stopServing() {
    if (pacer) {
        pacer.stop();
        pacer = null;
    }
    if (tcp) {
        tcp.close();
        tcp = null;
    }
}

const commands = {
    // chip: 'rp2040' (default; rp2040js, the bootrom passed as a file) or 'rp2350' (the
    // rp2350js in RP2350JS_DIR, which bundles its bootrom; chip_version: the stepping).
    async boot(req) {
        stopServing();
        const common = {
            uf2: readFileSync(req.uf2),
            fsImage: req.fs ? readFileSync(req.fs) : null,
            drive: req.drive || {},
            usbHost: req.usb_host !== false,
        };
        if (req.chip === 'rp2350') {
            const lib = await loadRp2350js(process.env.RP2350JS_DIR);
            board = new Board2350({ ...common, lib, chipVersion: req.chip_version ?? 2 });
        } else {
            board = new Board({ ...common, bootrom: readBootrom(req.bootrom) });
        }
        if (req.cut_at_op !== undefined && req.cut_at_op !== null) {
            board.cutPowerAtFlashOp(req.cut_at_op, req.cut_torn);
        }
        consoleSent = 0;
        return { stats: board.stats() };
    },

    // Runs to until_ns (absolute simulated time), or until the console text from byte
    // offset `from` on contains `text`, or until pin `edge_pin` changes (to `edge_level`
    // when given). `matched` tells whether a stop condition was met.
    run(req) {
        const b = needBoard();
        if (pacer) {
            throw new Error('board is running paced (serve); stop it first');
        }
        const until = Number(req.until_ns);
        const checks = [];
        if (req.text) {
            const from = Number(req.from || 0);
            let seen = -1;
            checks.push(() => {
                if (b.consoleText.length === seen) {
                    return false;
                }
                // Only the new tail (plus overlap for a match across chunks) is searched.
                const start = Math.max(from, seen - req.text.length);
                seen = b.consoleText.length;
                return b.consoleText.indexOf(req.text, start) >= 0;
            });
        }
        if (req.edge_pin !== undefined && req.edge_pin !== null) {
            const pin = Number(req.edge_pin);
            const level = req.edge_level;
            let next = b.edges.length;
            checks.push(() => {
                for (; next < b.edges.length; next++) {
                    const e = b.edges[next];
                    if (e[1] === pin && (level === undefined || level === null || e[2] === level)) {
                        return true;
                    }
                }
                return false;
            });
        }
        const stop = checks.length ? () => checks.some((fn) => fn()) : null;
        const matched = stop ? stop() || b.runUntil(until, stop) : (b.runUntil(until), false);
        return { matched, now_ns: b.nanos, halted: b.halted };
    },

    write(req) {
        const b = needBoard();
        b.sendConsole(Buffer.from(req.data, 'latin1'));
        if (pacer) {
            pacer.kick();
        }
        return {};
    },

    // events: [[ns, pin, level or null], ...]; null releases the pin (pulls apply).
    schedule(req) {
        needBoard().schedule(req.events);
        return {};
    },

    drive(req) {
        needBoard().pins.setDrive(Number(req.pin), req.level);
        return {};
    },

    edges(req) {
        const b = needBoard();
        const since = Number(req.since || 0);
        let edges = b.edges.slice(since);
        if (req.pins) {
            const want = new Set(req.pins);
            edges = edges.filter((e) => want.has(e[1]));
        }
        return { edges, next: b.edges.length };
    },

    // The power goes at flash program/erase op `at_op` (counted from power-on); torn: that
    // op is half done.
    cut_power(req) {
        needBoard().cutPowerAtFlashOp(req.at_op, req.torn);
        return {};
    },

    // The USB host: attach (plug a host into a board booted without one), reading
    // (false: the host keeps the port open but stops reading the console).
    usb_host(req) {
        const b = needBoard();
        if (req.attach) {
            b.host.attach();
        }
        if (req.reading !== undefined && req.reading !== null) {
            b.host.setReading(req.reading);
        }
        return {};
    },

    // [[command, flash offset, data bytes]] of the program/erase ops since power-on.
    flash_log() {
        return { log: needBoard().flashModel.log };
    },

    stats() {
        return { stats: needBoard().stats() };
    },

    // Where core 0 is (pc, lr, exception number): for finding a hang.
    where() {
        const c = needBoard().core;
        return { pc: c.PC, lr: c.regs ? c.regs.lr : c.LR, ipsr: c.regs ? c.regs.ipsr : c.IPSR };
    },

    // Cycles spent at each instruction address: on=true starts counting (from zero), until
    // pin `until_pin` changes when given; on=false stops and returns [[pc, cycles], ...], and
    // [[-return address, calls], ...] of the calls into the addresses in `callers_of`.
    profile(req) {
        const b = needBoard();
        if (req.on) {
            b.profile = new Map();
            b.profileDone = null;
            b.profileUntilPin = req.until_pin === undefined ? null : Number(req.until_pin);
            b.profileCallers = req.callers_of ? new Set(req.callers_of.map(Number)) : null;
            return {};
        }
        const prof = b.profile || b.profileDone;
        const out = prof ? [...prof.entries()] : [];
        b.profile = null;
        b.profileDone = null;
        return { profile: out };
    },

    pin(req) {
        return { state: needBoard().pins.state(Number(req.pin)) };
    },

    save_fs(req) {
        writeFileSync(req.path, needBoard().saveFs());
        return {};
    },

    // Runs the board paced to the wall clock and serves its console on a loopback TCP port.
    async serve(req) {
        const b = needBoard();
        stopServing();
        pacer = new Pacer(b, { speed: req.speed || 1 });
        tcp = await serveConsole(b, Number(req.port || 0), () => pacer && pacer.kick());
        pacer.start();
        return { port: tcp.port };
    },

    unserve() {
        stopServing();
        return { now_ns: board ? board.nanos : 0 };
    },

    quit() {
        stopServing();
        setImmediate(() => process.exit(0));
        return {};
    },
};

function reply(obj) {
    if (board && consoleSent < board.console.length) {
        obj.console = board.console.slice(consoleSent);
        consoleSent = board.console.length;
    }
    process.stdout.write(JSON.stringify(obj) + '\n');
}

const rl = createInterface({ input: process.stdin, terminal: false });
let chain = Promise.resolve();
rl.on('line', (line) => {
    if (!line.trim()) {
        return;
    }
    // Requests are handled strictly in order, even the asynchronous ones.
    chain = chain.then(async () => {
        let req;
        try {
            req = JSON.parse(line);
            const fn = commands[req.cmd];
            if (!fn) {
                throw new Error(`unknown cmd ${JSON.stringify(req.cmd)}`);
            }
            reply({ ok: true, ...(await fn(req)) });
        } catch (err) {
            reply({ ok: false, error: String(err && err.stack ? err.stack : err) });
        }
    });
});
rl.on('close', () => {
    stopServing();
    process.exit(0);
});

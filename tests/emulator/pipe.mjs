// A UF2 booted in rp2040js, its USB console on this process's stdin/stdout and nothing else:
// the board for MicroPython's own test runner (`run-tests.py -t "exec:node pipe.mjs ..."`,
// tools/upstream_tests.py), or for any tool that speaks to a serial console through a pipe.
//
//   node tests/emulator/pipe.mjs --uf2 FILE --bootrom FILE [--speed 1] [--fs FILE] [--save-fs FILE]
//
// --fs FILE: the board's filesystem from FILE (a saved one: Board.saveFs()), else a freshly
// flashed board's; --save-fs FILE: written when the process ends (stdin closed, SIGTERM as
// pyboard.py's close() sends, or SIGINT), e.g. to give the test runner a board with unittest
// in /lib.
//
// stdout carries only the board's console bytes (messages go to stderr). The board runs paced
// to wall time (Pacer): pyboard.py's timeouts are wall-clock ones, and an unpaced board would
// spin a core racing through idle simulated time between two host writes. --speed N lets
// simulated time run N times faster than the wall clock while the board idles (sleeps and
// waits finish sooner; busy code runs as fast as the host can emulate it either way).
// The process ends when stdin closes, or with status 1 when the board halts.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { Board, Pacer } from './rp2emu.mjs';

function usage(msg) {
    process.stderr.write(`pipe: ${msg}\n`);
    process.exit(2);
}

const opts = { speed: 1 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (i + 1 >= argv.length) usage(`${a} needs a value`);
    const v = argv[++i];
    if (a === '--uf2') opts.uf2 = v;
    else if (a === '--bootrom') opts.bootrom = v;
    else if (a === '--speed') opts.speed = Number(v);
    else if (a === '--fs') opts.fs = v;
    else if (a === '--save-fs') opts.saveFs = v;
    else usage(`unknown argument ${a}`);
}
if (!opts.uf2 || !opts.bootrom) usage('--uf2 FILE and --bootrom FILE are required');
if (!(opts.speed > 0)) usage('--speed must be a positive number');
if (opts.fs && !existsSync(opts.fs)) usage(`no filesystem image at ${opts.fs}`);

const raw = readFileSync(opts.bootrom);
if (raw.length !== 16384) usage(`${opts.bootrom} has ${raw.length} bytes, expected 16384`);
const board = new Board({
    bootrom: new Uint32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length)),
    uf2: readFileSync(opts.uf2),
    fsImage: opts.fs ? readFileSync(opts.fs) : null,
});

function quit(status) {
    pacer.stop();
    if (opts.saveFs) {
        // Whole or not at all: a reader may be waiting for the file to appear.
        writeFileSync(`${opts.saveFs}.tmp`, board.saveFs());
        renameSync(`${opts.saveFs}.tmp`, opts.saveFs);
    }
    process.exit(status);
}

board.consoleListeners.add((data) => process.stdout.write(Buffer.from(data)));
const pacer = new Pacer(board, {
    speed: opts.speed,
    onTick: () => {
        if (board.halted) {
            process.stderr.write(`pipe: board halted: ${board.halted}\n`);
            quit(1);
        }
    },
});
process.stdin.on('data', (data) => {
    board.sendConsole(data);
    pacer.kick();
});
process.stdin.on('end', () => quit(0));
process.on('SIGTERM', () => quit(0));
process.on('SIGINT', () => quit(0));
process.stdout.on('error', () => quit(0)); // the runner went away
pacer.start();

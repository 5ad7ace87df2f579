// A UF2 booted in rp2040js, its USB console on this process's stdin/stdout and nothing else:
// the board for MicroPython's own test runner (`run-tests.py -t "exec:node pipe.mjs ..."`,
// tools/upstream_tests.py), or for any tool that speaks to a serial console through a pipe.
//
//   node tests/emulator/pipe.mjs --uf2 FILE --bootrom FILE [--speed 1]
//
// stdout carries only the board's console bytes (messages go to stderr). The board runs paced
// to wall time (Pacer): pyboard.py's timeouts are wall-clock ones, and an unpaced board would
// spin a core racing through idle simulated time between two host writes. --speed N lets
// simulated time run N times faster than the wall clock while the board idles (sleeps and
// waits finish sooner; busy code runs as fast as the host can emulate it either way).
// The process ends when stdin closes, or with status 1 when the board halts.
import { readFileSync } from 'fs';
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
    else usage(`unknown argument ${a}`);
}
if (!opts.uf2 || !opts.bootrom) usage('--uf2 FILE and --bootrom FILE are required');
if (!(opts.speed > 0)) usage('--speed must be a positive number');

const raw = readFileSync(opts.bootrom);
if (raw.length !== 16384) usage(`${opts.bootrom} has ${raw.length} bytes, expected 16384`);
const board = new Board({
    bootrom: new Uint32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length)),
    uf2: readFileSync(opts.uf2),
});

board.consoleListeners.add((data) => process.stdout.write(Buffer.from(data)));
const pacer = new Pacer(board, {
    speed: opts.speed,
    onTick: () => {
        if (board.halted) {
            process.stderr.write(`pipe: board halted: ${board.halted}\n`);
            process.exit(1);
        }
    },
});
process.stdin.on('data', (data) => {
    board.sendConsole(data);
    pacer.kick();
});
process.stdin.on('end', () => {
    pacer.stop();
    process.exit(0);
});
process.stdout.on('error', () => process.exit(0)); // the runner went away
pacer.start();

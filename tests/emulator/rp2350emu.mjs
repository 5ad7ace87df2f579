// A Raspberry Pi Pico 2 (RP2350, Arm) for firmware tests: c1570/rp2350js plus the pieces it
// lacks for MicroPython and tapblink. rp2350js is a dependency found outside this repository
// (rp2350js.py, RP2350JS_DIR); nothing of it is copied here, and none of its files is edited:
// each gap is filled by wrapping or replacing one of its parts on the instance. Every fix names
// what the real chip does (RP2350 datasheet section) and has a test against the stock
// RPI_PICO2 firmware (tests/firmware/test_rp2350_gaps.py).
import { pathToFileURL } from 'url';
import { join } from 'path';
import { Board, FlashModel, RegisterFile, parseUF2, FLASH_BASE } from './rp2emu.mjs';

// The rp2350js package (its built dist/), imported from the directory the caller found.
export async function loadRp2350js(dir) {
    if (!dir) {
        throw new Error('rp2350js: no directory given (RP2350JS_DIR)');
    }
    return import(pathToFileURL(join(dir, 'dist', 'esm', 'index.js')).href);
}

// Pico 2: 4 MiB flash; the rp2 port keeps the first 1 MiB for the firmware and the rest is
// the filesystem (boards/TAPBLINK_PICO2/mpconfigboard.h).
const FLASH_SIZE = 4 * 1024 * 1024;
const FS_OFFSET_2350 = 1024 * 1024;
const FS_SIZE_2350 = FLASH_SIZE - FS_OFFSET_2350;
const JEDEC_W25Q32 = [0xef, 0x40, 0x16];
// pico-sdk 2.x runs the RP2350 at 150 MHz (SYS_CLK_HZ); rp2350js counts cycles, not time.
const CLK_SYS_HZ = 150e6;

// Datasheet §9.11.1 (IO_BANK0): INTR0..5 at 0x230, then PROC0_INTE/INTF/INTS,
// PROC1_INTE/INTF/INTS and DORMANT_WAKE_INTE/INTF/INTS, each 6 words (8 GPIOs x 4 bits).
const IO_INTR0 = 0x230;
const IO_IRQ_END = 0x320;
const IO_GROUP = 0x18;
const GROUP_INTR = 0;
const GROUP_PROC0_INTE = 1;
const GROUP_PROC0_INTF = 2;
const GROUP_PROC0_INTS = 3;
const EDGE_BITS = 0xc; // EDGE_HIGH | EDGE_LOW: the latched (write-1-to-clear) events

// Datasheet §12.14.6 (QMI): DIRECT_CSR, DIRECT_TX, DIRECT_RX.
const QMI_DIRECT_CSR = 0x00;
const QMI_DIRECT_TX = 0x04;
const QMI_DIRECT_RX = 0x08;
const CSR_EN = 1 << 0;
const CSR_ASSERT_CS0N = 1 << 2;
const CSR_AUTO_CS0N = 1 << 6;
const CSR_TXEMPTY = 1 << 11;
const CSR_RXEMPTY = 1 << 16;
const CSR_RXLEVEL_LSB = 18;
const TX_DWIDTH = 1 << 18;
const TX_NOPUSH = 1 << 20;
// IO_QSPI on the RP2350 (§9.11.2): USBPHY_DP/DM STATUS/CTRL at 0x00-0x0c, then
// GPIO_QSPI_{SCLK,SS,SD0..SD3}_{STATUS,CTRL} pairs from 0x10.
const QSPI_SS_STATUS = 0x18;
const QSPI_SS_CTRL = 0x1c;
const QSPI_STATUS_END = 0x40;
// STATUS: OUTTOPAD (9), INFROMPAD (17), INTOPERI (19): the pads sit high.
const QSPI_PAD_HIGH = (1 << 9) | (1 << 17) | (1 << 19);

const SIO_FIFO_ST = 0x050;
const SIO_FIFO_RD = 0x058;
const PSM_FRCE_OFF = 0x04;
const PSM_PROC1 = 1 << 24;
const SYSINFO_CHIP_ID = 0x00;

// Gap: IO_BANK0 interrupt registers. rp2350js computes the register and the GPIO group from
// the offset wrongly, so pico-sdk's enable writes (PROC0_INTE) land on no pin and no GPIO
// interrupt ever fires. The chip (§9.11.1): INTRn/PROC0_INTEn/... cover GPIO 8n..8n+7, four
// bits each (LEVEL_LOW, LEVEL_HIGH, EDGE_LOW, EDGE_HIGH); INTR's edge bits are write-1-to-
// clear; INTS = (INTR & INTE) | INTF. Core 0's enables drive the pins' interrupt (what
// rp2350js routes to IO_IRQ_BANK0); PROC1 and DORMANT_WAKE registers read back what was
// written (core 1 is not run, dormant is not modelled).
function fixIoBank0Irqs(mcu, io) {
    const spare = new Map();
    const read = io.readUint32.bind(io);
    const write = io.writeUint32.bind(io);
    const decode = (offset) => {
        const rel = offset - IO_INTR0;
        return { group: Math.floor(rel / IO_GROUP), first: ((rel % IO_GROUP) >> 2) * 8 };
    };
    io.readUint32 = (offset) => {
        if (offset < IO_INTR0 || offset >= IO_IRQ_END) {
            return read(offset);
        }
        const { group, first } = decode(offset);
        if (group > GROUP_PROC0_INTS) {
            return spare.get(offset) ?? 0;
        }
        let value = 0;
        for (let i = 0; i < 8; i++) {
            const pin = mcu.gpio[first + i];
            if (!pin) {
                continue;
            }
            const bits = [
                pin.irqStatus,
                pin.irqEnableMask,
                pin.irqForceMask,
                (pin.irqStatus & pin.irqEnableMask) | pin.irqForceMask,
            ][group];
            value |= (bits & 0xf) << (4 * i);
        }
        return value >>> 0;
    };
    io.writeUint32 = (offset, value) => {
        if (offset < IO_INTR0 || offset >= IO_IRQ_END) {
            write(offset, value);
            return;
        }
        const { group, first } = decode(offset);
        if (group > GROUP_PROC0_INTS) {
            spare.set(offset, value >>> 0);
            return;
        }
        // Atomic aliases: INTR clears what was written (io.rawWriteValue), not the merged value.
        const raw = group === GROUP_INTR ? io.rawWriteValue : value;
        let changed = false;
        for (let i = 0; i < 8; i++) {
            const pin = mcu.gpio[first + i];
            if (!pin) {
                continue;
            }
            const bits = (raw >>> (4 * i)) & 0xf;
            if (group === GROUP_INTR) {
                if (pin.irqStatus & bits & EDGE_BITS) {
                    pin.irqStatus &= ~(bits & EDGE_BITS);
                    changed = true;
                }
            } else if (group === GROUP_PROC0_INTE && pin.irqEnableMask !== bits) {
                pin.irqEnableMask = bits;
                changed = true;
            } else if (group === GROUP_PROC0_INTF && pin.irqForceMask !== bits) {
                pin.irqForceMask = bits;
                changed = true;
            }
        }
        if (changed) {
            mcu.updateIOInterrupt();
        }
    };
}

// Gap: the GPIO coprocessor (§3.6.1, pico-sdk hardware/gpio_coproc.h). pico-sdk 2.x on the
// Arm cores drives SIO's GPIO output and output-enable through coprocessor 0 (gpio_put,
// gpio_set_dir, gpio_get); rp2350js decodes those instructions with another layout (opc1 as
// the register, CRn:CRm as a pin), so outputs never change. The chip's encoding:
//   MCR  p0, #op, Rt, c0, CRm     op 0 put, 1 xor, 2 set, 3 clr on the register CRm
//                                 (c0 OUT, c1 OUT_HI, c4 OE, c5 OE_HI); op 5/6/7: xor/set/clr
//                                 of the one pin numbered Rt
//   MCRR p0, #op, Rt, Rt2, CRm    op 0-3: both halves (Rt low, Rt2 high word);
//                                 op 4-7: pin Rt, value Rt2 (4 put, 5 xor, 6 set, 7 clr)
//                                 op 8-11: register index Rt2 (0 low, 1 high), value Rt
//   MRC  p0, #0, Rt, c0, CRm      read CRm (c0/c1 OUT, c4/c5 OE, c8/c9 IN)
//   MRRC p0, #0, Rt, Rt2, CRm     read both halves
// The instruction is executed here before rp2350js sees it; everything else is left to it.
// Inside an IT block rp2350js runs it (the SDK's inline functions are never conditional).
const SIO_OUT = [0x010, 0x014]; // GPIO_OUT, GPIO_HI_OUT (§3.1.11); SET/CLR/XOR at +8/+0x10/+0x18
const SIO_OE = [0x030, 0x034];
const SIO_IN = [0x004, 0x008];
const OP_OFFSET = [0, 0x18, 0x08, 0x10]; // put, xor, set, clr
function fixGpioCoprocessor(mcu, core) {
    const sio = mcu.sio;
    const exec = core.executeInstruction.bind(core);
    const regs = core.regs;
    const writeReg = (bank, hi, op, value) => {
        const base = (bank === 0 ? SIO_OUT : SIO_OE)[hi];
        sio.writeUint32(base + OP_OFFSET[op], value >>> 0, core.coreIndex);
    };
    const readReg = (crm) => {
        const hi = crm & 1;
        const table = crm < 4 ? SIO_OUT : crm < 8 ? SIO_OE : SIO_IN;
        return sio.readUint32(table[hi], core.coreIndex) >>> 0;
    };
    const bitOp = (bank, pin, op) => {
        // op: 0 put-1, 1 xor, 2 set, 3 clr (bit forms)
        const hi = pin >= 32 ? 1 : 0;
        writeReg(bank, hi, op === 0 ? 2 : op, (1 << (pin & 31)) >>> 0);
    };
    const run = (hw0, hw1) => {
        const crm = hw1 & 0xf;
        const rt = (hw1 >>> 12) & 0xf;
        const bank = crm >= 4 ? 1 : 0; // 0 OUT, 1 OE (c8/c9 are the inputs: read only)
        if ((hw0 & 0xef00) === 0xee00) {
            // MCR / MRC: opc1 hw0[7:5], L hw0[4], CRn hw0[3:0]
            const opc1 = (hw0 >>> 5) & 7;
            if (hw0 & 0x10) {
                const v = readReg(crm);
                if (rt === 15) {
                    regs.xpsr = ((regs.xpsr & 0x0fffffff) | (v & 0xf0000000)) >>> 0;
                } else {
                    regs.r[rt] = v;
                }
            } else if (opc1 < 4) {
                writeReg(bank, crm & 1, opc1, regs.r[rt]);
            } else if (opc1 >= 5) {
                bitOp(bank, regs.r[rt] & 63, opc1 - 4);
            }
            return;
        }
        // MCRR / MRRC: Rt2 hw0[3:0], L hw0[4], opc1 hw1[7:4]
        const rt2 = hw0 & 0xf;
        const opc1 = (hw1 >>> 4) & 0xf;
        if (hw0 & 0x10) {
            regs.r[rt] = readReg(crm & ~1);
            regs.r[rt2] = readReg(crm | 1);
        } else if (opc1 < 4) {
            writeReg(bank, 0, opc1, regs.r[rt]);
            writeReg(bank, 1, opc1, regs.r[rt2]);
        } else if (opc1 < 8) {
            const pin = regs.r[rt] & 63;
            const val = regs.r[rt2] & 1;
            if (opc1 === 4) {
                bitOp(bank, pin, val ? 2 : 3);
            } else if (val) {
                bitOp(bank, pin, opc1 - 4);
            }
        } else if (opc1 < 12) {
            writeReg(bank, regs.r[rt2] & 1, opc1 - 8, regs.r[rt]);
        }
    };
    const sb = new Uint32Array(regs.s.buffer, regs.s.byteOffset, 32);
    core.executeInstruction = () => {
        if (!core.waiting && !core.interruptsUpdated && regs.itState === 0) {
            const pc = regs.pc & ~1;
            const hw0 = mcu.readUint16(pc);
            if ((hw0 & 0xfc00) === 0xec00) {
                // 0xec-0xef (T1 coprocessor space): the FP data transfers, raw
                const n = fpTransfer(mcu, core, sb, hw0, mcu.readUint16(pc + 2));
                if (n > 0) {
                    core.currentInstrAddr = pc;
                    regs.pc = (pc + 4) >>> 0;
                    core.cycles += n;
                    return n;
                }
            }
            // MCR/MRC (T1 0xee.., T2 0xfe..) or MCRR/MRRC (0xec4./0xec5., 0xfc4./0xfc5.)
            if ((hw0 & 0xef00) === 0xee00 || (hw0 & 0xefe0) === 0xec40) {
                const hw1 = mcu.readUint16(pc + 2);
                // Coprocessor 0, and for MCR/MRC the CRn field 0 with bit 4 of hw1 set
                if (((hw1 >>> 8) & 0xf) === 0 && ((hw0 & 0xef00) !== 0xee00 || hw1 & 0x10)) {
                    core.currentInstrAddr = pc;
                    run(hw0, hw1);
                    regs.pc = (pc + 4) >>> 0;
                    core.cycles += 1; // single-cycle on the chip (§3.6.1)
                    return 1;
                }
            }
        }
        return exec();
    };
}

// Gap: FP registers hold bits, not numbers (ARMv8-M FPv5-SP; RP2350 datasheet 3.7). GCC
// moves integers through the FPU registers (pico-sdk's alarm pool stores the int64 -1 that
// marks a cancelled alarm with `vldr d8, [pc]` / `vstr d8, [r2, #8]`). rp2350js keeps
// S0-S31 in a Float32Array and converts on every load, store and move, and executes the
// 64-bit (D register) forms of VLDR/VSTR/VLDM/VSTM as 32-bit ones: the -1 is stored as
// 0x00000000ffffffff, cancelled alarms are never freed, and after 16 the pool is full (every
// later add_alarm fails: debounce windows, sleep_until, machine.Timer on stock firmware).
// Here the FP data transfers (VLDR, VSTR, VLDM, VSTM, VPUSH, VPOP, VMOV to and from core
// registers, one or two) copy raw bits through a Uint32Array view of the same registers.
function fpTransfer(mcu, core, sb, hw0, hw1) {
    const regs = core.regs;
    const coproc = (hw1 >>> 8) & 0xf;
    if (coproc !== 10 && coproc !== 11) {
        return -1;
    }
    const dbl = coproc === 11;
    const D = (hw0 >>> 6) & 1;
    const vd = (hw1 >>> 12) & 0xf;
    const first = dbl ? 2 * ((D << 4) | vd) : (vd << 1) | D; // index into S (raw words)
    const top = hw0 & 0xff00;
    if ((hw0 & 0xffe0) === 0xee00 && (hw1 & 0x0f7f) === 0x0a10) {
        // VMOV Sn <-> Rt: Sn = Vn:N
        const sn = ((hw0 & 0xf) << 1) | ((hw1 >>> 7) & 1);
        const rt = (hw1 >>> 12) & 0xf;
        if (hw0 & 0x10) {
            regs.r[rt] = sb[sn];
        } else {
            sb[sn] = regs.r[rt];
        }
        return 1;
    }
    if ((hw0 & 0xffe0) === 0xec40 && (hw1 & 0x0ed0) === 0x0a10) {
        // VMOV Rt, Rt2 <-> Sm, Sm+1 (sz 0: Sm = Vm:M) or Dm (sz 1: Dm = M:Vm)
        const vm = hw1 & 0xf;
        const M = (hw1 >>> 5) & 1;
        const sm = dbl ? 2 * ((M << 4) | vm) : (vm << 1) | M;
        const rt = (hw1 >>> 12) & 0xf;
        const rt2 = hw0 & 0xf;
        if (hw0 & 0x10) {
            regs.r[rt] = sb[sm];
            regs.r[rt2] = sb[sm + 1];
        } else {
            sb[sm] = regs.r[rt];
            sb[sm + 1] = regs.r[rt2];
        }
        return 1;
    }
    const rn = hw0 & 0xf;
    const load = (hw0 & 0x10) !== 0;
    const up = (hw0 & 0x80) !== 0;
    const imm = (hw1 & 0xff) << 2;
    if ((hw0 & 0xff20) === 0xed00) {
        // VLDR / VSTR: one S (one word) or one D (two words) at Rn +- imm8*4
        // Called before the PC moves on: PC reads as this instruction + 4, word-aligned.
        const base = rn === 15 ? ((regs.pc & ~1) + 4) & ~3 : regs.r[rn];
        const addr = (up ? base + imm : base - imm) >>> 0;
        const words = dbl ? 2 : 1;
        for (let i = 0; i < words; i++) {
            if (load) {
                sb[first + i] = mcu.readUint32((addr + 4 * i) >>> 0);
            } else {
                mcu.writeUint32((addr + 4 * i) >>> 0, sb[first + i]);
            }
        }
        return 2;
    }
    const pu = (hw0 >>> 7) & 3; // P:U
    const w = (hw0 >>> 5) & 1;
    if ((top === 0xec00 && pu === 1) || (top === 0xed00 && pu === 2 && w)) {
        // VLDM/VSTM IA (P=0 U=1), DB with writeback (P=1 U=0 W=1; VPUSH/VPOP are these)
        let words = hw1 & 0xff;
        if (dbl) {
            words &= ~1; // an odd count is FLDMX/FSTMX: the same registers
        }
        let addr = pu === 1 ? regs.r[rn] >>> 0 : (regs.r[rn] - imm) >>> 0;
        const start = addr;
        for (let i = 0; i < words; i++) {
            if (load) {
                sb[first + i] = mcu.readUint32(addr);
            } else {
                mcu.writeUint32(addr, sb[first + i]);
            }
            addr = (addr + 4) >>> 0;
        }
        if (w) {
            regs.r[rn] = pu === 1 ? (start + imm) >>> 0 : start;
        }
        return 1 + words;
    }
    return -1;
}

// Gap: QMI direct mode (§12.14.2). The bootrom's flash_range_erase/program (which pico-sdk
// and the rp2 port's littlefs use) talk to the flash through QMI's DIRECT_TX/DIRECT_RX with
// chip select asserted by DIRECT_CSR.ASSERT_CS0N (or AUTO_CS0N per transfer); rp2350js
// discards every byte. Here every byte goes to the same serial-flash model as the RP2040's
// (rp2emu.mjs FlashModel), its reply is pushed to DIRECT_RX unless NOPUSH, and programs and
// erases land in the flash image, so littlefs formats and persists.
function fixQmi(qmi, flashModel) {
    const tx = []; // queued DIRECT_TX words: the bootrom fills the FIFO before it asserts CS
    const rx = [];
    let csr = 0;
    let autoActive = false;
    const selected = () => !!(csr & CSR_EN) && !!(csr & (CSR_ASSERT_CS0N | CSR_AUTO_CS0N));
    // Shift out what waits in the TX FIFO while the flash is selected. 16-bit entries
    // (DWIDTH) go low byte first, as the bootrom packs its command and address bytes.
    const pump = () => {
        if (!selected()) {
            return;
        }
        if (!(csr & CSR_ASSERT_CS0N)) {
            // AUTO_CS0N: CS goes low with the first byte and high again once the FIFO has
            // drained and the transfer ended; software sees that as BUSY clear, so the
            // transfer is taken as ended at the next DIRECT_CSR read (boot2 polls BUSY
            // between commands).
            autoActive = true;
            flashModel.chipSelect(true);
        }
        while (tx.length) {
            const value = tx.shift();
            let reply = flashModel.byte(value & 0xff);
            if (value & TX_DWIDTH) {
                reply |= flashModel.byte((value >> 8) & 0xff) << 8;
            }
            if (!(value & TX_NOPUSH)) {
                rx.push(reply);
            }
        }
    };
    const read = qmi.readUint32.bind(qmi);
    const write = qmi.writeUint32.bind(qmi);
    qmi.readUint32 = (offset) => {
        switch (offset) {
            case QMI_DIRECT_CSR: {
                if (autoActive) {
                    autoActive = false;
                    flashModel.chipSelect(false);
                }
                const level = Math.min(rx.length, 7);
                const status = CSR_TXEMPTY | (level ? level << CSR_RXLEVEL_LSB : CSR_RXEMPTY);
                return ((csr & ~(CSR_TXEMPTY | CSR_RXEMPTY | (7 << CSR_RXLEVEL_LSB) | 2)) | status) >>> 0;
            }
            case QMI_DIRECT_RX:
                return rx.length ? rx.shift() : 0;
        }
        return read(offset);
    };
    qmi.writeUint32 = (offset, value) => {
        switch (offset) {
            case QMI_DIRECT_CSR:
                csr = value >>> 0;
                autoActive = false;
                if (selected() && csr & CSR_ASSERT_CS0N) {
                    flashModel.chipSelect(true);
                    pump();
                } else {
                    flashModel.chipSelect(false);
                }
                return;
            case QMI_DIRECT_TX:
                tx.push(value >>> 0);
                pump();
                return;
        }
        write(offset, value);
    };
}

export class Board2350 extends Board {
    // lib: the rp2350js module (loadRp2350js); uf2: bytes; fsImage, drive, usbHost as Board;
    // chipVersion: the stepping SYSINFO reports (2 = A2, the bundled bootrom's; 4 = A4).
    setupChip({ lib, uf2, chipVersion = 2 }) {
        if (!lib || !lib.RP2350) {
            throw new Error('rp2350js module missing (loadRp2350js)');
        }
        this.fsOffset = FS_OFFSET_2350;
        this.fsSize = FS_SIZE_2350;
        this.cdcClass = lib.USBCDC;
        this.cycleNs = 1e9 / CLK_SYS_HZ;
        const mcu = new lib.RP2350({ coreArch: 'arm' });
        this.mcu = mcu;
        mcu.logger = new lib.ConsoleLogger(3 /* Error */, false);
        this.core = mcu.core[0];
        this.clock = mcu.clock;
        mcu.clkSys = CLK_SYS_HZ;
        this.flashModel = new FlashModel(mcu.flash.subarray(0, FLASH_SIZE), JEDEC_W25Q32);
        fixIoBank0Irqs(mcu, mcu.peripherals[0x40028]);
        fixGpioCoprocessor(mcu, this.core);
        fixQmi(mcu.peripherals[0x400d0], this.flashModel);
        // Gap: IO_QSPI is unimplemented in rp2350js (reads 0xffffffff). The chip (§9.11.2):
        // plain control registers; the bootrom may frame flash commands with SS_CTRL's
        // OUTOVER (2 = low) instead of QMI's ASSERT_CS0N, so both select the flash.
        // The STATUS registers read the pads: high, except SS while the flash is selected
        // (rp2_flash.c waits for SS high before changing the QMI timing).
        const qspi = new RegisterFile(mcu, 'IO_QSPI', (offset, value) => {
            if (offset === QSPI_SS_CTRL) {
                this.flashModel.chipSelect(((value >> 12) & 3) === 2);
            }
        });
        const qspiRead = qspi.readUint32.bind(qspi);
        qspi.readUint32 = (offset) => {
            if (offset >= 0x10 && offset < QSPI_STATUS_END && !(offset & 4)) {
                const low = offset === QSPI_SS_STATUS && this.flashModel.selected;
                return low ? 0 : QSPI_PAD_HIGH;
            }
            return qspiRead(offset);
        };
        mcu.peripherals[0x40030] = qspi;
        // Board.runUntil counts handler cycles by core.IPSR (rp2040js's name).
        Object.defineProperty(this.core, 'IPSR', { get: () => this.core.regs.ipsr });
        this.fixCore1(mcu);
        this.setChipVersion(chipVersion);
        this.core.onBreak = (code) => {
            this.halted = `breakpoint ${code} at pc 0x${this.core.PC.toString(16)}`;
        };
        for (const { addr, data } of parseUF2(uf2)) {
            const off = addr - FLASH_BASE;
            if (off >= 0 && off + data.length <= FLASH_SIZE) {
                mcu.flash.set(data, off);
            }
        }
        mcu.reset(); // the bootrom scans flash for the image's IMAGE_DEF and starts it
    }

    // Gap: core 1. It is not run here (tapblink and the demo use core 0 only; running the
    // second core's bootrom wait loop in lockstep would halve the speed). What the firmware
    // sees of it is modelled: multicore_reset_core1() (every soft reset) holds core 1 off in
    // PSM FRCE_OFF and releases it, and a core 1 coming out of reset drains its FIFO and
    // pushes one 0 to core 0 (§5.3 bootrom core 1 launch, §3.1.5 FIFOs).
    fixCore1(mcu) {
        // rp2350js's PSM keeps bits 16:0 only (the RP2040's layout), so FRCE_OFF.PROC1 (bit
        // 24 on the RP2350, §7.4.4) reads back 0 and multicore_reset_core1() spins forever:
        // bits 24:17 are kept here.
        this.core1Zeros = 0;
        const psm = mcu.peripherals[0x40018];
        const psmWrite = psm.writeUint32.bind(psm);
        const psmRead = psm.readUint32.bind(psm);
        const HIGH = 0x01fe0000;
        let frceOffHigh = 0;
        psm.readUint32 = (offset) => {
            const v = psmRead(offset);
            return offset === PSM_FRCE_OFF ? (v | frceOffHigh) >>> 0 : v;
        };
        psm.writeUint32 = (offset, value) => {
            psmWrite(offset, value);
            if (offset === PSM_FRCE_OFF) {
                if (frceOffHigh & PSM_PROC1 && !(value & PSM_PROC1)) {
                    this.core1Zeros++;
                }
                frceOffHigh = value & HIGH;
            }
        };
        const sio = mcu.sio;
        const sioRead = sio.readUint32.bind(sio);
        sio.readUint32 = (offset, core) => {
            if (core === 0 && offset === SIO_FIFO_ST) {
                return (this.core1Zeros ? 1 : 0) | 2; // VLD when a 0 waits; RDY
            }
            if (core === 0 && offset === SIO_FIFO_RD && this.core1Zeros) {
                this.core1Zeros--;
                return 0;
            }
            return sioRead(offset, core);
        };
    }

    // Gap (a setting, not a bug): SYSINFO CHIP_ID reports one stepping (A2). The chip
    // (§12.15.1, pico-sdk rp2350_chip_version()): REVISION in bits 31:28; A2 = 2, A4 = 8
    // (read back as version 4). Tests set it to see erratum E9's handling on both.
    setChipVersion(version) {
        const sysinfo = this.mcu.peripherals[0x40000];
        if (!this.sysinfoRead) {
            this.sysinfoRead = sysinfo.readUint32.bind(sysinfo);
            sysinfo.readUint32 = (offset) => {
                const v = this.sysinfoRead(offset);
                return offset === SYSINFO_CHIP_ID
                    ? ((v & 0x0fffffff) | (this.chipRevision << 28)) >>> 0
                    : v;
            };
        }
        const v = Number(version);
        this.chipRevision = v >= 4 ? 8 | (v & 3) : v & 3;
    }
}

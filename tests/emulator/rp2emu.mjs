// A Raspberry Pi Pico for firmware tests: rp2040js 1.4.1 plus the pieces it lacks
// (see docs/EMULATOR.md in the shared docs): the bootrom is supplied by the caller, pulls and
// output loop-back are modelled, inputs change only on real level changes, flash writes
// persist, the USB host NAKs until it has data, and time can be paced to the wall clock.
import { RP2040, USBCDC, BasePeripheral, ConsoleLogger, LogLevel } from 'rp2040js';

export const FLASH_BASE = 0x10000000;
// rp2 port default for a 2 MiB Pico: the last 1408 KiB of flash hold the filesystem.
export const FS_OFFSET = 0x200000 - 1408 * 1024;
export const FS_SIZE = 1408 * 1024;

const SSI_DR0 = 0x60;
const SSI_SR = 0x28;
const SSI_RXFLR = 0x24;
const SSI_TXFLR = 0x20;
const SSI_SSIENR = 0x08;
const SSI_SR_TFNF = 0x02;
const SSI_SR_TFE = 0x04;
const SSI_SR_RFNE = 0x08;
// IO_QSPI: GPIO_QSPI_SS_CTRL; bits 9:8 OUTOVER (2 = drive low, 3 = drive high).
const QSPI_SS_CTRL = 0x0c;
const SIO_GPIO_HI_IN = 0x008;
const SIO_FIFO_ST = 0x050;
const SIO_FIFO_RD = 0x058;
const USB_SOF_RD = 0x48;
const USB_INTE = 0x90;
const INTR_DEV_SOF = 1 << 17;
const USB_EP0_IN_BUFFER_CONTROL = 0x80; // DPRAM; endpoint n's IN buffer control at + 8 * n
const USB_BUF_CTRL_AVAILABLE = 1 << 10;
// GPIO_QSPI_*_STATUS: INFROMPAD (17) and INTOPERI (19) high.
const QSPI_STATUS_HIGH = (1 << 17) | (1 << 19);

// The SSI answers every transmitted byte with one received byte from the flash model, so the
// bootrom's flash_put_get() sees a real receive-FIFO level (it reads boot2 this way). rp2040js does not export
// its SSI class, so the instance's register accessors are wrapped.
function patchSSI(ssi, flashModel) {
    const rx = [];
    const read = ssi.readUint32.bind(ssi);
    const write = ssi.writeUint32.bind(ssi);
    ssi.readUint32 = (offset) => {
        switch (offset) {
            case SSI_DR0:
                return rx.length ? rx.shift() : 0;
            case SSI_RXFLR:
                return rx.length;
            case SSI_TXFLR:
                return 0;
            case SSI_SR:
                return SSI_SR_TFE | SSI_SR_TFNF | (rx.length ? SSI_SR_RFNE : 0);
        }
        return read(offset);
    };
    ssi.writeUint32 = (offset, value) => {
        if (offset === SSI_DR0) {
            const reply = flashModel.byte(value & 0xff);
            if (rx.length < 16) {
                rx.push(reply);
            }
        }
        if (offset === SSI_SSIENR && !(value & 1)) {
            rx.length = 0; // disabling the SSI empties its FIFOs
        }
        write(offset, value);
    };
}

// Registers that read back what was written (reset value 0). rp2040js leaves some blocks
// unimplemented, reading 0xffffffff: VREG_AND_CHIP_RESET then claims a debugger restart
// (the bootrom parks the core in WFI) and IO_QSPI claims an aborted flash transfer.
export class RegisterFile extends BasePeripheral {
    constructor(rp2040, name, onWrite = null) {
        super(rp2040, name);
        this.regs = new Map();
        this.onWrite = onWrite;
    }

    readUint32(offset) {
        return this.regs.get(offset) ?? 0;
    }

    writeUint32(offset, value) {
        this.regs.set(offset, value >>> 0);
        if (this.onWrite) {
            this.onWrite(offset, value >>> 0);
        }
    }
}

// Serial NOR flash commands captured while chip-select is forced low, applied to the image.
export class FlashModel {
    // jedec: the 3 id bytes (manufacturer, type, capacity) the part answers to 0x9f.
    constructor(flash, jedec = [0xef, 0x40, 0x15]) {
        this.flash = flash;
        this.jedec = jedec;
        this.selected = false;
        this.cmd = [];
        this.writes = 0;
        this.erases = 0;
        // Power cut (see Board.cutPowerAtFlashOp): the program/erase op with this index
        // (0-based, counted from power-on) is not applied and the board stops there.
        this.cutAt = null;
        this.cutTorn = false; // true: the cut op is half done (half the page, half the erase)
        this.onCut = null;
        this.dead = false;
        this.log = []; // [[command, address, bytes]] of every program/erase op that was applied
    }

    get ops() {
        return this.writes + this.erases;
    }

    // True when this program/erase op must not reach the flash (the power is gone).
    cut() {
        if (this.dead) {
            return true;
        }
        if (this.cutAt !== null && this.ops >= this.cutAt) {
            this.dead = true;
            if (this.onCut) {
                this.onCut(this.ops);
            }
            return true;
        }
        return false;
    }

    chipSelect(low) {
        if (low && !this.selected) {
            this.cmd = [];
        } else if (!low && this.selected) {
            this.apply(this.cmd);
        }
        this.selected = low;
    }

    // One byte clocked out to the flash; returns the byte clocked back in.
    byte(b) {
        if (!this.selected) {
            return 0;
        }
        const c = this.cmd;
        c.push(b);
        const i = c.length - 1;
        const addr = () => (c[1] << 16) | (c[2] << 8) | c[3];
        switch (c[0]) {
            case 0x03: // read data
                return i >= 4 ? this.flash[(addr() + i - 4) % this.flash.length] : 0;
            case 0x0b: // fast read (one dummy byte)
                return i >= 5 ? this.flash[(addr() + i - 5) % this.flash.length] : 0;
            case 0x9f: // JEDEC id (default: a 2 MiB Winbond part)
                return i >= 1 && i <= 3 ? this.jedec[i - 1] : 0;
            case 0x4b: // unique id after 4 dummy bytes
                return i >= 5 && i < 13 ? 0xe6 ^ i : 0;
            default: // status registers and the rest: 0 = not busy, no protection
                return 0;
        }
    }

    apply(c) {
        if (c.length === 0) {
            return;
        }
        const size = this.flash.length;
        const addr = c.length >= 4 ? ((c[1] << 16) | (c[2] << 8) | c[3]) % size : 0;
        if ([0x02, 0x20, 0x52, 0xd8, 0xc7, 0x60].includes(c[0])) {
            const first = !this.dead;
            if (this.cut()) {
                if (first && this.cutTorn) {
                    this.tear(c, addr, size);
                }
                return;
            }
            this.log.push([c[0], addr, Math.max(0, c.length - 4)]);
        }
        switch (c[0]) {
            case 0x02: { // page program: wraps inside the 256-byte page, can only clear bits
                const page = addr & ~0xff;
                for (let i = 4; i < c.length; i++) {
                    const a = page | ((addr + i - 4) & 0xff);
                    this.flash[a] &= c[i];
                }
                this.writes++;
                break;
            }
            case 0x20:
                this.erase(addr & ~0xfff, 0x1000);
                break;
            case 0x52:
                this.erase(addr & ~0x7fff, 0x8000);
                break;
            case 0xd8:
                this.erase(addr & ~0xffff, 0x10000);
                break;
            case 0xc7:
            case 0x60:
                this.erase(0, size);
                break;
        }
    }

    // The op the power cut interrupted, half done: the first half of a page program's bytes,
    // the first half of an erase.
    tear(c, addr, size) {
        if (c[0] === 0x02) {
            const page = addr & ~0xff;
            const end = 4 + Math.floor((c.length - 4) / 2);
            for (let i = 4; i < end; i++) {
                this.flash[page | ((addr + i - 4) & 0xff)] &= c[i];
            }
            return;
        }
        const len = { 0x20: 0x1000, 0x52: 0x8000, 0xd8: 0x10000 }[c[0]] ?? size;
        const start = len === size ? 0 : addr & ~(len - 1);
        this.flash.fill(0xff, start, start + len / 2);
    }

    erase(start, len) {
        this.flash.fill(0xff, start, start + len);
        this.erases++;
    }
}

// USB host side of the CDC console. Enumeration comes from rp2040js's USBCDC; the OUT
// endpoint is answered only when the host has bytes (a NAK otherwise, as a real host does),
// and host bytes wait in an unbounded queue instead of a 512-byte FIFO that drops.
export class CDCHost {
    // attached: false models a board with no USB host at all (a power bank): nothing
    // enumerates it until attach().
    // cdcClass: the emulator's USBCDC (rp2040js's by default; rp2350js brings its own).
    constructor(usb, onData, { attached = true, cdcClass = USBCDC } = {}) {
        this.usb = usb;
        this.cdcClass = cdcClass;
        this.onData = onData;
        this.cdc = null;
        this.queue = [];
        this.queued = 0;
        this.armed = [];
        this.connected = false;
        this.usbEnabled = false;
        // reading: false models a host that opened the port (DTR set) and stopped reading
        // (a stuck terminal): the device's IN transfers on the CDC data endpoint stay
        // pending, as with a real host that never sends an IN token; held keeps them.
        this.reading = true;
        this.held = [];
        this.received = 0;
        usb.onUSBEnabled = () => {
            this.usbEnabled = true;
        };
        this.startFrames(usb);
        this.holdInTransfers(usb);
        if (attached) {
            this.attach();
        }
    }

    attach() {
        if (this.cdc) {
            return;
        }
        const usb = this.usb;
        this.cdc = new this.cdcClass(usb);
        this.cdc.onDeviceConnected = () => {
            this.connected = true;
        };
        this.cdc.onSerialData = (data) => {
            this.received += data.length;
            this.onData(data);
        };
        usb.onEndpointRead = (endpoint, size) => {
            // Other OUT endpoints (EP0 status stages) are left alone, as USBCDC does.
            if (endpoint === this.cdc.outEndpoint) {
                this.armed.push(size);
                this.pump();
            }
        };
        if (this.usbEnabled) {
            usb.resetDevice(); // plugged in after the firmware enabled USB: a bus reset
        } else {
            const enable = usb.onUSBEnabled;
            usb.onUSBEnabled = () => {
                this.usbEnabled = true;
                enable();
            };
        }
    }

    holdInTransfers(usb) {
        const updated = usb.DPRAMUpdated.bind(usb);
        this.dpramUpdated = updated;
        usb.DPRAMUpdated = (offset, value) => {
            const ep = this.cdc ? this.cdc.inEndpoint : -1;
            if (
                !this.reading &&
                ep > 0 &&
                offset === USB_EP0_IN_BUFFER_CONTROL + 8 * ep &&
                value & USB_BUF_CTRL_AVAILABLE
            ) {
                this.held.push(offset);
                return;
            }
            updated(offset, value);
        };
    }

    setReading(reading) {
        this.reading = !!reading;
        if (this.reading) {
            const view = this.usb.rp2040.usbDPRAMView;
            for (const offset of this.held.splice(0)) {
                this.dpramUpdated(offset, view.getUint32(offset, true));
            }
        }
    }

    // Start-of-frame every 1 ms while the firmware has the SOF interrupt enabled (MicroPython
    // waits for 16 frames after DTR before flushing its console buffer). rp2040js makes frames
    // only in host mode. Reading SOF_RD clears the interrupt, as on the chip.
    startFrames(usb) {
        const clock = usb.rp2040.clock;
        const alarm = clock.createAlarm(() => {
            if (!(usb.intEnable & INTR_DEV_SOF)) {
                return;
            }
            usb.sofFrameNumber = (usb.sofFrameNumber + 1) & 0x7ff;
            usb.intRaw |= INTR_DEV_SOF;
            usb.checkInterrupts();
            alarm.schedule(1e6);
        });
        const write = usb.writeUint32.bind(usb);
        usb.writeUint32 = (offset, value) => {
            write(offset, value);
            if (offset === USB_INTE && usb.intEnable & INTR_DEV_SOF && !alarm.scheduled) {
                alarm.schedule(1e6 - (clock.nanos % 1e6));
            }
        };
        const read = usb.readUint32.bind(usb);
        usb.readUint32 = (offset) => {
            if (offset === USB_SOF_RD && usb.intRaw & INTR_DEV_SOF) {
                usb.intRaw &= ~INTR_DEV_SOF;
                usb.checkInterrupts();
            }
            return read(offset);
        };
    }

    send(bytes) {
        if (bytes.length) {
            this.queue.push(Uint8Array.from(bytes));
            this.queued += bytes.length;
            this.pump();
        }
    }

    pump() {
        while (this.armed.length && this.queued) {
            const size = this.armed.shift();
            const out = new Uint8Array(Math.min(size, this.queued));
            let n = 0;
            while (n < out.length) {
                const head = this.queue[0];
                const take = Math.min(head.length, out.length - n);
                out.set(head.subarray(0, take), n);
                n += take;
                if (take === head.length) {
                    this.queue.shift();
                } else {
                    this.queue[0] = head.subarray(take);
                }
            }
            this.queued -= n;
            this.usb.endpointReadDone(this.cdc.outEndpoint, out);
        }
    }
}

// Pin levels as a board would have them: an external driver wins, else an output drives
// its own input, else the pad's pull, else the level is kept. setInputValue() is called
// only when the level really changes (rp2040js records an edge on every call).
export class PinModel {
    constructor(mcu, onEdge) {
        this.mcu = mcu;
        this.drive = new Array(mcu.gpio.length).fill(null);
        this.level = new Array(mcu.gpio.length).fill(0);
        this.onEdge = onEdge;
        mcu.gpio.forEach((pin, i) => {
            pin.addListener(() => this.update(i));
            this.update(i);
        });
    }

    update(i) {
        const pin = this.mcu.gpio[i];
        let level;
        if (this.drive[i] !== null) {
            level = this.drive[i];
        } else if (pin.outputEnable) {
            level = pin.outputValue ? 1 : 0;
        } else if (pin.pullupEnabled && !pin.pulldownEnabled) {
            level = 1;
        } else if (pin.pulldownEnabled && !pin.pullupEnabled) {
            level = 0;
        } else {
            level = this.level[i];
        }
        if (level !== this.level[i]) {
            this.level[i] = level;
            this.onEdge(i, level);
        }
        if (!!level !== pin.rawInputValue) {
            pin.setInputValue(!!level);
        }
    }

    setDrive(i, level) {
        this.drive[i] = level === null ? null : level ? 1 : 0;
        this.update(i);
    }

    state(i) {
        const pin = this.mcu.gpio[i];
        return {
            pin: i,
            level: this.level[i],
            drive: this.drive[i],
            funcsel: pin.functionSelect,
            output_enable: pin.outputEnable,
            output_value: pin.outputValue,
            input_enable: pin.inputEnable,
            pull_up: pin.pullupEnabled,
            pull_down: pin.pulldownEnabled,
            irq_enable_mask: pin.irqEnableMask,
        };
    }
}

export function parseUF2(buf) {
    const blocks = [];
    for (let off = 0; off + 512 <= buf.length; off += 512) {
        const v = new DataView(buf.buffer, buf.byteOffset + off, 512);
        if (v.getUint32(0, true) !== 0x0a324655 || v.getUint32(4, true) !== 0x9e5d5157) {
            throw new Error(`uf2: bad magic in block at byte ${off}`);
        }
        const addr = v.getUint32(12, true);
        const size = v.getUint32(16, true);
        blocks.push({ addr, data: buf.subarray(off + 32, off + 32 + size) });
    }
    if (!blocks.length) {
        throw new Error('uf2: no blocks');
    }
    return blocks;
}

export class Board {
    // bootrom: Uint32Array (RP2040 B1, 4096 words); uf2: bytes; fsImage: bytes or null;
    // drive: {pin: level} applied before the first instruction (e.g. button held).
    // usbHost: false = no USB host (a power bank) until attachUsbHost().
    constructor(opts) {
        const { fsImage = null, drive = {}, usbHost = true } = opts;
        this.fsOffset = FS_OFFSET;
        this.fsSize = FS_SIZE;
        this.cdcClass = USBCDC;
        this.cycleNs = 1e9 / 125e6; // rp2 port default clk_sys on the RP2040
        this.setupChip(opts); // sets this.mcu, this.core, this.clock, this.flashModel
        if (fsImage) {
            this.loadFs(fsImage);
        }
        this.initCommon({ drive, usbHost });
    }

    // The RP2040 and what rp2040js lacks for it (see tests/emulator/README.md).
    setupChip({ bootrom, uf2 }) {
        if (!bootrom || bootrom.length !== 4096) {
            throw new Error('bootrom must be 4096 32-bit words (RP2040 B1)');
        }
        this.mcu = new RP2040();
        this.mcu.logger = new ConsoleLogger(LogLevel.Error, false);
        this.core = this.mcu.core;
        this.clock = this.mcu.clock;
        this.flashModel = new FlashModel(this.mcu.flash);
        patchSSI(this.mcu.peripherals[0x18000], this.flashModel);
        // IO_QSPI: chip-select changes (SS override) frame the flash commands.
        // The STATUS registers read the pads as high: SS high means BOOTSEL is not pressed.
        const qspi = new RegisterFile(this.mcu, 'IO_QSPI', (offset, value) => {
            if (offset === QSPI_SS_CTRL) {
                this.flashModel.chipSelect(((value >> 8) & 3) === 2);
            }
        });
        for (let offset = 0; offset < 0x30; offset += 8) {
            qspi.regs.set(offset, QSPI_STATUS_HIGH);
        }
        this.mcu.peripherals[0x40018] = qspi;
        // SIO GPIO_HI_IN reads the QSPI pins: rp2040js returns 0, i.e. BOOTSEL (SS low) held,
        // and the bootrom enters USB boot. SS reads high unless the firmware drives it low.
        const sioRead = this.mcu.sio.readUint32.bind(this.mcu.sio);
        // The inter-core FIFO: core 1 is not emulated, but a reset core 1 pushes a 0 to core 0
        // (multicore_reset_core1() waits for it, e.g. at soft reset): always "0 waiting".
        this.mcu.sio.readUint32 = (offset) => {
            switch (offset) {
                case SIO_GPIO_HI_IN:
                    return this.flashModel.selected ? 0x3c : 0x3e;
                case SIO_FIFO_ST:
                    return 0x3; // VLD | RDY
                case SIO_FIFO_RD:
                    return 0;
            }
            return sioRead(offset);
        };
        this.mcu.peripherals[0x40064] = new RegisterFile(this.mcu, 'VREG_AND_CHIP_RESET');
        this.mcu.loadBootrom(bootrom); // also resets (and erases flash to 0xff)
        for (const { addr, data } of parseUF2(uf2)) {
            this.mcu.flash.set(data, addr - FLASH_BASE);
        }
    }

    // What both chips share: pins, console, USB host, events, counters.
    initCommon({ drive, usbHost }) {
        this.edges = []; // [ns, pin, level]
        this.console = []; // [ns, latin1 string]
        this.consoleText = '';
        this.consoleListeners = new Set();
        this.busyCycles = 0;
        this.handlerCycles = 0; // busy cycles in exception handlers (IPSR != 0)
        this.sleepNs = 0;
        this.wakeups = 0;
        this.instructions = 0;
        this.profile = null; // Map pc -> cycles while profiling (tools/profile.py)
        this.halted = null;
        this.mcu.onBreak = (code) => {
            this.halted = `breakpoint ${code} at pc 0x${this.core.PC.toString(16)}`;
        };
        this.pins = new PinModel(this.mcu, (pin, level) => {
            this.edges.push([this.clock.nanos, pin, level]);
            if (this.profile && this.profileUntilPin === pin) {
                this.profileDone = this.profile; // stop counting at that pin's next change
                this.profile = null;
            }
        });
        for (const [pin, level] of Object.entries(drive)) {
            this.pins.setDrive(Number(pin), level);
        }
        this.host = new CDCHost(this.mcu.usbCtrl, (data) => this.onConsole(data), {
            attached: usbHost,
            cdcClass: this.cdcClass,
        });
        this.powerCut = null;
        this.flashModel.onCut = (op) => {
            this.powerCut = op;
            this.halted = `power cut at flash op ${op}`;
        };
        this.events = []; // sorted [ns, pin, level|null]
        this.eventAlarm = this.clock.createAlarm(() => this.fireEvents());
    }

    get nanos() {
        return this.clock.nanos;
    }

    // The power goes at flash program/erase op `op` (0-based, counted from power-on): that
    // op and everything after it never reaches the flash, and the board halts there
    // (saveFs() then gives the flash as the cut left it).
    // torn: the op is half done when the power goes (half the page, half the erase).
    cutPowerAtFlashOp(op, torn = false) {
        this.flashModel.cutAt = Number(op);
        this.flashModel.cutTorn = !!torn;
    }

    onConsole(data) {
        const text = Buffer.from(data).toString('latin1');
        this.console.push([this.clock.nanos, text]);
        this.consoleText += text;
        for (const fn of this.consoleListeners) {
            fn(data);
        }
    }

    sendConsole(bytes) {
        this.host.send(bytes);
    }

    // events: [[ns, pin, level|null], ...] at absolute simulated times; null releases the pin.
    schedule(events) {
        for (const e of events) {
            this.events.push([Number(e[0]), Number(e[1]), e[2] === null ? null : e[2] ? 1 : 0]);
        }
        this.events.sort((a, b) => a[0] - b[0]);
        this.fireEvents();
    }

    fireEvents() {
        const now = this.clock.nanos;
        while (this.events.length && this.events[0][0] <= now) {
            const [, pin, level] = this.events.shift();
            this.pins.setDrive(pin, level);
        }
        if (this.events.length) {
            this.eventAlarm.schedule(this.events[0][0] - now);
        }
    }

    loadFs(image) {
        const [off, size] = [this.fsOffset, this.fsSize];
        if (image.length > size) {
            throw new Error(`fs image is ${image.length} bytes, more than ${size}`);
        }
        this.mcu.flash.fill(0xff, off, off + size);
        this.mcu.flash.set(image, off);
    }

    saveFs() {
        return Buffer.from(this.mcu.flash.subarray(this.fsOffset, this.fsOffset + this.fsSize));
    }

    // Runs until simulated time targetNs, or until stop() returns true (checked between
    // batches of instructions and after every wake-up). Returns true when stopped early.
    runUntil(targetNs, stop = null, maxInstructions = 20000) {
        const core = this.core;
        const clock = this.clock;
        const cycleNs = this.cycleNs;
        while (clock.nanos < targetNs && !this.halted) {
            if (core.waiting) {
                const next = clock.nextAlarm ? clock.nextAlarm.nanos : Infinity;
                const to = Math.min(next, targetNs);
                const d = Math.max(0, to - clock.nanos);
                this.sleepNs += d;
                clock.tick(d);
                if (!core.waiting) {
                    this.wakeups++;
                }
            } else {
                let n = 0;
                let cycles = 0;
                while (
                    !core.waiting &&
                    n < maxInstructions &&
                    clock.nanos < targetNs &&
                    !this.halted
                ) {
                    const inHandler = core.IPSR !== 0;
                    const pc = core.PC;
                    const c = core.executeInstruction();
                    if (this.profile) {
                        this.profile.set(pc, (this.profile.get(pc) || 0) + c);
                        if (this.profileCallers && this.profileCallers.has(pc)) {
                            // A call into a watched function: count it by return address.
                            const key = -(core.LR & ~1); // negative keys: call sites
                            this.profile.set(key, (this.profile.get(key) || 0) + 1);
                        }
                    }
                    cycles += c;
                    if (inHandler) {
                        this.handlerCycles += c;
                    }
                    clock.tick(c * cycleNs);
                    n++;
                }
                this.busyCycles += cycles;
                this.instructions += n;
            }
            if (stop && stop()) {
                return true;
            }
        }
        return false;
    }

    stats() {
        return {
            now_ns: this.clock.nanos,
            busy_cycles: this.busyCycles,
            handler_cycles: this.handlerCycles,
            sleep_ns: this.sleepNs,
            wakeups: this.wakeups,
            instructions: this.instructions,
            core_cycles: this.core.cycles,
            flash_writes: this.flashModel.writes,
            flash_erases: this.flashModel.erases,
            flash_ops: this.flashModel.ops,
            power_cut: this.powerCut,
            usb_reading: this.host.reading,
            usb_held: this.host.held.length,
            usb_received: this.host.received,
            usb_connected: this.host.connected,
            usb_host_queued: this.host.queued,
            usb_out_armed: this.host.armed.length,
            halted: this.halted,
        };
    }
}

// Drives a board in wall-clock time (for interactive use): simulated time follows the wall
// clock; when the CPU is too slow to keep up, simulated time falls behind instead of racing
// to catch up. Call stop() to end.
export class Pacer {
    constructor(board, { speed = 1, onTick = null } = {}) {
        this.board = board;
        this.speed = speed;
        this.onTick = onTick;
        this.timer = null;
        this.running = false;
    }

    start() {
        this.running = true;
        this.wall0 = performance.now();
        this.sim0 = this.board.nanos;
        this.loop();
    }

    kick() {
        // New host input: run soon instead of at the end of a long idle wait.
        if (this.running && this.timer) {
            clearTimeout(this.timer);
            this.timer = setTimeout(() => this.loop(), 0);
        }
    }

    loop() {
        this.timer = null;
        if (!this.running) {
            return;
        }
        const b = this.board;
        const slice = performance.now() + 20; // keep the event loop responsive
        let target = this.sim0 + (performance.now() - this.wall0) * 1e6 * this.speed;
        if (target - b.nanos > 50e6) {
            // Fell behind by more than 50 ms: rebase rather than run in a burst.
            this.sim0 = b.nanos;
            this.wall0 = performance.now();
            target = b.nanos + 1e6;
        }
        b.runUntil(target, () => performance.now() > slice);
        if (this.onTick) {
            this.onTick();
        }
        if (!this.running || b.halted) {
            return;
        }
        const core = b.core;
        let delayMs = 0;
        if (core.waiting && b.nanos >= target) {
            const next = b.clock.nextAlarm ? b.clock.nextAlarm.nanos : Infinity;
            delayMs = Math.min(10, Math.max(0, (next - b.nanos) / 1e6 / this.speed));
        }
        this.timer = setTimeout(() => this.loop(), delayMs);
    }

    stop() {
        this.running = false;
        if (this.timer) {
            clearTimeout(this.timer);
            this.timer = null;
        }
    }
}

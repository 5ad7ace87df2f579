"""The demo's console lines, written without ever waiting for the USB host.

MicroPython's USB console blocks a write while a host that opened the port does not read it:
once its 256-byte FIFO is full, every write waits up to MICROPY_HW_USB_CDC_TX_TIMEOUT
(500 ms on rp2) and then drops what is left (shared/tinyusb/mp_usbd_cdc.c). Nothing else runs
meanwhile: the LED would stall and presses could overflow the button's ring. select.poll on
sys.stdout promises room for one byte only, so a line is written a byte at a time, each byte
after a poll(0) that says there is room. What does not fit waits here (at most KEEP lines)
and goes out with the next line; lines beyond KEEP are dropped, and one line in their place
says how many ("tapblink: N intervals not printed (console not read)").

With no USB host at all (a power bank) the port never blocks: it keeps the newest 256 bytes
in its FIFO and sends them when a host opens the port; Python cannot see that case.

Where sys.stdout cannot be polled (CPython, or a stream without .buffer) lines are printed.
"""

import sys

KEEP = 32  # lines kept while the host does not read
BURST = 128  # bytes written per call at most, so one call stays short
EOL = b"\r\n" if sys.platform == "rp2" else b"\n"  # what print() sends on each port


class Console:
    def __init__(self, stream=None):
        out = sys.stdout if stream is None else stream
        self.pending = []  # ints (lines not yet written) and [n] (n lines dropped there)
        self.buf = b""  # the line being written
        self.pos = 0  # bytes of buf already written
        self.dropped = 0  # all lines dropped so far
        self.poll = None
        if sys.implementation.name != "micropython":
            return
        try:
            import select

            p = select.poll()
            p.register(out, select.POLLOUT)
            self.write = out.buffer.write  # raw bytes: "\n" is not cooked into two
        except (AttributeError, OSError, TypeError, ValueError):
            return
        self.poll = p
        self.one = bytearray(1)

    def line(self, value):
        """Print the int value on its own line, now if the console has room, else later."""
        if self.poll is None:
            print(value)
            return
        p = self.pending
        if p:
            self.flush()  # the host may read again: make room for this line first
        if len(p) < KEEP:
            p.append(value)
        else:
            self.dropped += 1
            if type(p[-1]) is list:
                p[-1][0] += 1
            else:
                p.append([1])
        self.flush()

    def flush(self):
        """Write what the console has room for (at most BURST bytes); True when all is out."""
        buf, i = self.buf, self.pos
        one, write = self.one, self.write
        ipoll = self.poll.ipoll
        for _ in range(BURST):
            if i == len(buf):
                if not self.pending:
                    break
                v = self.pending.pop(0)
                if type(v) is list:
                    v = "tapblink: %d intervals not printed (console not read)" % v[0]
                buf, i = str(v).encode() + EOL, 0
            room = False
            for _ in ipoll(0):
                room = True
            if not room:
                break
            one[0] = buf[i]
            write(one)
            i += 1
        self.buf, self.pos = buf, i
        return i == len(buf) and not self.pending

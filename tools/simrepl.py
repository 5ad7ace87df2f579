#!/usr/bin/env python3
"""`make repl SIM=1`: mpremote's interactive REPL on a running `make sim`.

    simrepl.py [--port 2040] [mpremote args after `connect DEVICE`, default: repl]

mpremote's REPL waits on the serial port's file descriptor (select), which a `socket://`
connection does not have, so it cannot talk to the sim's TCP console directly. This puts a
pseudo-terminal in front of it: the sim's console on 127.0.0.1:PORT is bridged to a pty, and
mpremote connects to the pty's device as to a board's USB serial port. Ends with mpremote
(Ctrl-] or Ctrl-X) or when the sim quits.
"""

import argparse
import os
import pty
import select
import socket
import subprocess
import sys
import threading
import tty


def bridge(master, sock, stop):
    """Copy bytes both ways between the pty and the socket until either side closes."""
    try:
        while not stop.is_set():
            ready, _, _ = select.select([master, sock], [], [], 0.1)
            if master in ready:
                try:
                    data = os.read(master, 4096)
                except OSError:  # no process has the pty open any more
                    data = b""
                if not data:
                    return
                sock.sendall(data)
            if sock in ready:
                data = sock.recv(4096)
                if not data:
                    print("\r\nsimrepl: the sim closed its console (did it quit?)\r", flush=True)
                    return
                os.write(master, data)
    except OSError:
        return
    finally:
        stop.set()


def main(argv):
    ap = argparse.ArgumentParser(prog="simrepl.py", description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=2040, help="the sim's console port (SIM_PORT)")
    ap.add_argument("mpremote", nargs=argparse.REMAINDER, help="mpremote's command (repl)")
    args = ap.parse_args(argv)  # a bad argument: argparse says why and exits 2
    port, argv = args.port, args.mpremote
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    except OSError as e:
        print(
            "simrepl: no sim console on 127.0.0.1:%d (%s): start `make sim` first "
            "(same SIM_PORT on both)" % (port, e.strerror or e),
            file=sys.stderr,
        )
        return 1
    sock.settimeout(None)
    master, slave = pty.openpty()
    tty.setraw(slave)  # bytes pass unchanged: no echo, no line editing, no \n -> \r\n
    device = os.ttyname(slave)
    stop = threading.Event()
    thread = threading.Thread(target=bridge, args=(master, sock, stop), daemon=True)
    thread.start()
    cmd = [sys.executable, "-m", "mpremote", "connect", device] + (argv or ["repl"])
    proc = subprocess.Popen(cmd)
    # Keep our slave fd open while mpremote runs (a pty whose last slave closes hangs up).
    try:
        while proc.poll() is None:
            if stop.wait(0.1):
                proc.terminate()
                break
        rc = proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        rc = proc.wait()
    stop.set()
    thread.join(1)
    sock.close()
    os.close(slave)
    os.close(master)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

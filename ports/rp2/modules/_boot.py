# tapblink's frozen _boot.py for rp2: replaces the port's own _boot.py.
# The mount logic is MicroPython's ports/rp2/modules/_boot.py
# (MIT license; Copyright (c) 2013-2026 Damien P. George).
# tapblink adds one thing: on an empty filesystem (a freshly flashed board)
# it writes a two-line /main.py that starts the demo. A frozen main.py would
# always win over the user's, so the demo lives in an ordinary /main.py that
# the user may edit or replace.

import machine  # noqa: F401 (imported as in the port's _boot.py)
import rp2
import vfs

# Try to mount the filesystem, and format the flash if it doesn't exist.
# Note: the flash requires the programming size to be aligned to 256 bytes.
bdev = rp2.Flash()
try:
    fs = vfs.VfsLfs2(bdev, progsize=256)
except:  # noqa: E722 (as in the port: any failure means "not formatted")
    vfs.VfsLfs2.mkfs(bdev, progsize=256)
    fs = vfs.VfsLfs2(bdev, progsize=256)
vfs.mount(fs, "/")

del vfs, bdev, fs


def _first_boot():
    import os

    try:
        if os.listdir("/"):
            return
        with open("/main.py", "w") as f:
            f.write("import tapblink\ntapblink.main()\n")
    except OSError:
        pass  # no usable filesystem: boot on to the REPL regardless


_first_boot()
del _first_boot

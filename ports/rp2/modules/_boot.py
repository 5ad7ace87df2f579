# tapblink's frozen _boot.py for rp2: replaces the port's own _boot.py.
# The mount logic is MicroPython's ports/rp2/modules/_boot.py
# (MIT license; Copyright (c) 2013-2026 Damien P. George).
# tapblink adds one thing: on an empty filesystem (a freshly flashed board)
# it writes a two-line /main.py that starts the demo. A frozen main.py would
# always win over the user's, so the demo lives in an ordinary /main.py that
# the user may edit or replace.
#
# The power may go at any moment of that first boot. littlefs records a new
# file when it is opened, so writing /main.py in place could leave an empty
# /main.py that never starts anything. So the file is written under a
# temporary name and renamed (littlefs renames atomically): /main.py is
# whole or absent. A next boot finds at most the temporary file (or the empty
# /main.py an older tapblink left) and writes /main.py again.

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

    tmp = "main.py.tapblink-tmp"  # our temporary name: never a name the user chose
    try:
        for name in os.listdir("/"):
            # Only what an unfinished first boot leaves counts as "empty": our temporary
            # file, or an empty /main.py (an older tapblink wrote it in place).
            if name == tmp:
                continue
            if name == "main.py":
                st = os.stat("/main.py")
                if st[0] & 0x8000 and st[6] == 0:  # a regular file of 0 bytes
                    continue
            return  # the user's files: leave everything alone
        with open("/" + tmp, "w") as f:
            f.write("import tapblink\ntapblink.main()\n")
        os.rename("/" + tmp, "/main.py")  # also replaces an empty /main.py, in one step
    except OSError as e:
        # This runs before the USB console exists: say it at the REPL a moment later.
        from machine import Timer

        msg = (
            "tapblink: could not write /main.py (%r), so the demo does not start by "
            "itself; run: import tapblink; tapblink.main()" % e
        )
        Timer(mode=Timer.ONE_SHOT, period=1500, callback=lambda t: print(msg))


_first_boot()
del _first_boot

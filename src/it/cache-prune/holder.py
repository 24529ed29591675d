"""Holds one pack cache entry the way a running build does: waits for trans_b's packed entry to appear,
takes a shared lock on its .use file (POSIX record lock, as the JVM takes), says so in target/holder.locked,
and keeps it until target/holder.release appears (or two minutes pass)."""
import fcntl
import glob
import os
import sys
import time

base = sys.argv[1]
deadline = time.time() + 120
while time.time() < deadline:
    found = glob.glob(os.path.join(base, "target/cache/packed/*/*/trans_b-2.0-py3-none-any.whl.zip"))
    if found:
        break
    time.sleep(0.02)
else:
    sys.exit("no entry for trans_b appeared")
fd = os.open(os.path.join(os.path.dirname(found[0]), ".use"), os.O_RDWR | os.O_CREAT)
fcntl.lockf(fd, fcntl.LOCK_SH)
with open(os.path.join(base, "target/holder.locked"), "w") as f:
    f.write(os.path.dirname(found[0]))
while time.time() < deadline and not os.path.exists(os.path.join(base, "target/holder.release")):
    time.sleep(0.05)

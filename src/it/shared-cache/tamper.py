"""Two changes to the shared repository after the deploy:
- greet's info file claims one entry more, and its checksum files are written again: a deliberate lie that
  Maven's checksums cannot see, only the plugin's check against the wheel packed here;
- one byte of trans_b's bytecode zip changes, its checksum files left: Maven's checksums see it."""
import glob
import hashlib
import os

root = "target/shared-repo/dev/pyz/cache"


def info_of(name, bytecode):
    for path in glob.glob(root + "/*/*/*-info.properties"):
        text = open(path).read()
        if ("file=%s\n" % name) in text and (("-b" in os.path.basename(path)) == bytecode):
            return path
    raise SystemExit("no info file for " + name)


greet = info_of("greet-1.0-py3-none-any.whl", False)
lines = open(greet).read().splitlines()
lines = ["entries=%d" % (int(l.split("=")[1]) + 1) if l.startswith("entries=") else l for l in lines]
data = ("\n".join(lines) + "\n").encode()
open(greet, "wb").write(data)
for algorithm in ("md5", "sha1", "sha256", "sha512"):
    if os.path.exists(greet + "." + algorithm):
        open(greet + "." + algorithm, "w").write(hashlib.new(algorithm, data).hexdigest())
print("lied in", greet)

trans_b = info_of("trans_b-2.0-py3-none-any.whl", True).replace("-info.properties", ".zip")
zip_bytes = bytearray(open(trans_b, "rb").read())
zip_bytes[len(zip_bytes) // 3] ^= 0x20
open(trans_b, "wb").write(bytes(zip_bytes))
print("damaged", trans_b)

"""Changes one byte inside the data of greet's packed wheel in the shared repository, keeping its size and
central directory, and writes its checksum files again: a deliberate change that Maven's checksums cannot
see. Only the plugin's check of the entry against the wheel can."""
import glob
import hashlib
import os
import struct
import zipfile

zips = [z for z in glob.glob("target/shared-repo/dev/pyz/cache/*/*/*.zip")
        if zipfile.ZipFile(z).namelist()[0] == ".deps/greet-1.0-py3-none-any.whl/"]  # the packed wheel, not its pycs
assert len(zips) == 1, zips
path = zips[0]
with zipfile.ZipFile(path) as z:
    info = next(i for i in z.infolist() if i.filename.endswith("greet/cli.py"))
data = bytearray(open(path, "rb").read())
name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
start = info.header_offset + 30 + name_len + extra_len
data[start + info.compress_size // 2] ^= 0x20
open(path, "wb").write(bytes(data))
for algorithm in ("md5", "sha1", "sha256", "sha512"):
    if os.path.exists(path + "." + algorithm):
        open(path + "." + algorithm, "w").write(hashlib.new(algorithm, bytes(data)).hexdigest())
print("tampered with", path)

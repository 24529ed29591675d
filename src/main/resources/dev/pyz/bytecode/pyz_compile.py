"""A bytecode compiler worker for pyz-maven-plugin: started by the build, reused for many files.

Protocol (binary, on stdin/stdout; integers are 4-byte big-endian):
  on start it writes one line of space-separated key=value pairs: the interpreter's bytecode magic
  (hex), cache tag, version, implementation and executable (sys.executable as hex of its UTF-8 bytes,
  empty when unknown: the build starts further workers with it, past a version manager's shim);
  then, for each request  <name length><name, UTF-8><source length><source bytes>
  it answers              <status byte: 0 compiled, 1 not compiled><length><pyc bytes | UTF-8 message>
  A request whose name length is 0 ends the worker.

The pyc is an unchecked-hash pyc (PEP 552): zipimport and the source loader use it without reading or
hashing the source, so it stays valid whatever the time zone or file times. The name given is the
file name the code reports (co_filename) and is used in error messages.

Same source, same bytes, whichever worker compiles it and whatever it compiled before: the code is
written with marshal format 2, which has no back-references. Format 3 and later mark objects for
back-reference by their reference count, which depends on what the process did earlier (measured here:
3.8, 3.9, 3.10, 3.12 and 3.13 give different bytes for the same files compiled in another order). The
build also runs this worker with PYTHONHASHSEED=0, so that frozenset constants keep one order.
"""
import importlib.util
import marshal
import struct
import sys

UNCHECKED_HASH = 0b01  # hash-based, do not check the source
MARSHAL_FORMAT = 2     # no back-references: see above


def pyc(source, name):
    code = compile(source, name, "exec", dont_inherit=True)
    header = importlib.util.MAGIC_NUMBER + struct.pack("<I", UNCHECKED_HASH) + importlib.util.source_hash(source)
    return header + marshal.dumps(code, MARSHAL_FORMAT)


def _read(stream, n):
    data = stream.read(n)
    if len(data) != n:
        raise EOFError
    return data


def main():
    stdin = sys.stdin.buffer
    stdout = sys.stdout.buffer
    hello = "magic=%s cache_tag=%s version=%s implementation=%s executable=%s\n" % (
        importlib.util.MAGIC_NUMBER.hex(), sys.implementation.cache_tag,
        ".".join(str(v) for v in sys.version_info[:3]), sys.implementation.name,
        (sys.executable or "").encode("utf-8", "surrogateescape").hex())
    stdout.write(hello.encode("ascii"))
    stdout.flush()
    while True:
        try:
            (name_length,) = struct.unpack(">I", _read(stdin, 4))
            if name_length == 0:
                return
            name = _read(stdin, name_length).decode("utf-8")
            (source_length,) = struct.unpack(">I", _read(stdin, 4))
            source = _read(stdin, source_length)
        except EOFError:
            return
        try:
            status, payload = 0, pyc(source, name)
        except (SyntaxError, ValueError, UnicodeDecodeError, OverflowError, MemoryError, RecursionError) as e:
            line = getattr(e, "lineno", None)
            message = "%s%s: %s" % (type(e).__name__, " at line %d" % line if line else "", getattr(e, "msg", None) or e)
            status, payload = 1, message.encode("utf-8", "replace")
        stdout.write(struct.pack(">BI", status, len(payload)) + payload)
        stdout.flush()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the integration tests' wheels, each with a small POM, into a Maven repository directory.

    python3 make_wheels.py LOCAL_REPOSITORY [--flat DIR]

The wheels are real PEP 427 wheels (dist-info METADATA, WHEEL, RECORD with sha256 hashes, entry points)
made from the definitions below with the standard library only, so the tests need no network and no pip.
They are tiny and deterministic: the same bytes on every run (fixed entry times and modes, sorted
entries, RECORD last).

Each wheel lands under the plugin's coordinate convention:

    groupId     it.pyz.wheels
    artifactId  the name part of the wheel file name (the normalized distribution name)
    version     the wheel's version
    type        whl (the POM's packaging)
    classifier  the wheel's tag triple, build tag in front when there is one

so that the file in the repository is named exactly like the wheel:
    it/pyz/wheels/<artifactId>/<version>/<artifactId>-<version>-<classifier>.whl
    it/pyz/wheels/<artifactId>/<version>/<artifactId>-<version>.pom   (may declare whl dependencies)

With --flat DIR the wheels are also written to DIR (for checking them with pip or zipfile).

It also writes one broken wheel per input rule under the group it.pyz.bad (see bad_cases), for
src/it/bad-inputs.
"""
import base64
import hashlib
import os
import sys
import zipfile

GROUP_ID = "it.pyz.wheels"
DATE = (2020, 1, 1, 0, 0, 0)


class Wheel:
    def __init__(self, name, version, files, *, dist_name=None, tags="py3-none-any", build=None,
                 requires_python=">=3.8", requires_dist=(), console_scripts=None, pom_deps=(),
                 metadata_name=None, purelib=True, executables=(), record_encoding="base64"):
        self.name = name                      # the file name's name part = artifactId = dist-info prefix
        self.version = version
        self.files = files                    # path in the wheel -> str or bytes
        self.dist_name = dist_name or name    # the Name: in METADATA (may differ in case and separators)
        if metadata_name is not None:         # a deliberate disagreement with the coordinates
            self.dist_name = metadata_name
        self.tags = tags
        self.build = build
        self.requires_python = requires_python
        self.requires_dist = requires_dist
        self.console_scripts = console_scripts or {}
        self.pom_deps = pom_deps              # [(artifactId, version, classifier)]
        self.purelib = purelib
        self.executables = set(executables)
        self.record_encoding = record_encoding  # "hex": digests as some real wheels write them
    @property
    def classifier(self):
        return f"{self.build}-{self.tags}" if self.build else self.tags

    @property
    def file_name(self):
        return f"{self.name}-{self.version}-{self.classifier}.whl"

    @property
    def dist_info(self):
        return f"{self.name}-{self.version}.dist-info"

    def metadata(self):
        lines = ["Metadata-Version: 2.1", f"Name: {self.dist_name}", f"Version: {self.version}",
                 f"Summary: {self.name}, a wheel made by the pyz-maven-plugin integration tests"]
        if self.requires_python:
            lines.append(f"Requires-Python: {self.requires_python}")
        lines += [f"Requires-Dist: {r}" for r in self.requires_dist]
        return "\n".join(lines) + "\n"

    def wheel_file(self):
        lines = ["Wheel-Version: 1.0", "Generator: make_wheels.py (pyz-maven-plugin ITs)",
                 f"Root-Is-Purelib: {'true' if self.purelib else 'false'}"]
        if self.build:
            lines.append(f"Build: {self.build}")
        pys, abis, plats = self.tags.split("-")
        lines += [f"Tag: {p}-{a}-{pl}" for p in pys.split(".") for a in abis.split(".") for pl in plats.split(".")]
        return "\n".join(lines) + "\n"

    def contents(self):
        """Every entry but RECORD, as bytes, in the order written (dist-info last)."""
        files = {path: data.encode() if isinstance(data, str) else data for path, data in self.files.items()}
        meta = {f"{self.dist_info}/METADATA": self.metadata(), f"{self.dist_info}/WHEEL": self.wheel_file()}
        if self.console_scripts:
            meta[f"{self.dist_info}/entry_points.txt"] = "[console_scripts]\n" + "".join(
                f"{k} = {v}\n" for k, v in sorted(self.console_scripts.items()))
        ordered = {p: files[p] for p in sorted(files)}
        ordered.update({p: meta[p].encode() for p in sorted(meta)})
        return ordered

    def build_bytes(self, path):
        contents = self.contents()
        record_name = f"{self.dist_info}/RECORD"
        hexed = self.record_encoding == "hex"
        record = "".join(f"{p},sha256={hashlib.sha256(d).hexdigest() if hexed else digest(d)},{len(d)}\n"
                         for p, d in contents.items())
        record += f"{record_name},,\n"
        contents[record_name] = record.encode()
        tmp = path + ".tmp"
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for p, d in contents.items():
                info = zipfile.ZipInfo(p, DATE)
                info.create_system = 3
                info.external_attr = (0o100755 if p in self.executables else 0o100644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, d)
        os.replace(tmp, path)

    def pom(self):
        deps = "".join(f"""
    <dependency>
      <groupId>{GROUP_ID}</groupId>
      <artifactId>{a}</artifactId>
      <version>{v}</version>
      <type>whl</type>
      <classifier>{c}</classifier>
    </dependency>""" for a, v, c in self.pom_deps)
        deps = f"\n  <dependencies>{deps}\n  </dependencies>" if deps else ""
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>{GROUP_ID}</groupId>
  <artifactId>{self.name}</artifactId>
  <version>{self.version}</version>
  <packaging>whl</packaging>
  <description>{self.file_name}, made by make_wheels.py</description>{deps}
</project>
"""


def digest(data):
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def tiny_elf(message, status):
    """A Linux x86-64 executable of 172 bytes that writes message to stdout and exits with status: what a
    Rust- or Go-built tool ships in its wheel's .data/scripts, without needing a compiler here."""
    import struct
    msg = message.encode()
    code_start = 64 + 56  # after the ELF header and the one program header
    code = (b"\xb8\x01\x00\x00\x00" + b"\xbf\x01\x00\x00\x00"                # write(1, msg, len)
            + b"\x48\x8d\x35" + struct.pack("<i", 36 - 17) + b"\xba" + struct.pack("<I", len(msg)) + b"\x0f\x05"
            + b"\xb8\x3c\x00\x00\x00" + b"\xbf" + struct.pack("<I", status) + b"\x0f\x05")  # exit(status)
    body = code + msg
    base = 0x400000
    header = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + struct.pack("<HHIQQQIHHHHHH", 2, 0x3e, 1, base + code_start, 64, 0,
                                                                   0, 64, 56, 1, 0, 0, 0)
    program = struct.pack("<IIQQQQQQ", 1, 5, 0, base, base, code_start + len(body), code_start + len(body), 0x1000)
    return header + program + body


FIND_TOOL = (
    "import os\nimport subprocess\nimport sys\nimport sysconfig\n\n\n"
    "def find_bin():\n"
    "    # as ruff's and uv's shims look: the environment's scripts folder, then bin/ beside the packages\n"
    "    # (where pip install --target puts scripts)\n"
    "    for folder in (sysconfig.get_path('scripts'), os.path.join(os.path.dirname(os.path.dirname(__file__)), 'bin')):\n"
    "        exe = os.path.join(folder, 'nativetool')\n"
    "        if os.path.isfile(exe):\n"
    "            return exe\n"
    "    raise FileNotFoundError('nativetool')\n\n\n"
    "def main():\n"
    "    return subprocess.call([find_bin()] + sys.argv[1:])\n"
)


WHEELS = [
    # A pure library: a function, a module to run with -m, callables for main= and a console script.
    Wheel("greet", "1.0", {
        "greet/__init__.py": '__version__ = "1.0"\n\n\ndef greet(name):\n    return f"Hello, {name}!"\n',
        "greet/hello.py": (
            "import sys\n\nfrom greet import greet\n\n"
            "if __name__ == '__main__':\n"
            "    print('hello-module name=' + __name__)\n"
            "    print(greet('module'))\n"
            "    print('args=' + '|'.join(sys.argv[1:]))\n"
        ),
        "greet/cli.py": (
            "import os\nimport sys\n\nfrom greet import greet\n\n\n"
            "def main():\n"
            "    print('argv0=' + os.path.basename(sys.argv[0]))\n"
            "    print('args=' + '|'.join(sys.argv[1:]))\n"
            "    print(greet(sys.argv[1] if len(sys.argv) > 1 else 'script'))\n"
            "    return 0\n\n\n"
            "def exit_code():\n"
            "    print('exit_code called, argv0=' + sys.argv[0])\n"
            "    return 7\n"
        ),
    }, console_scripts={"greet-cli": "greet.cli:main"}),

    # B depends on C through its POM (and its METADATA); B's METADATA name is not normalized.
    Wheel("trans_b", "2.0", {
        "trans_b/__init__.py": (
            "from trans_c import value\n\n\n"
            "def describe():\n    return f'b uses c {value()}'\n\n\n"
            "def main():\n    print(describe())\n    return 0\n"
        ),
    }, dist_name="Trans-B", requires_dist=["trans-c==3.0"], pom_deps=[("trans_c", "3.0", "py3-none-any")]),
    Wheel("trans_c", "3.0", {
        "trans_c/__init__.py": "def value():\n    return 42\n",
    }),

    # Content under .data/purelib is folded to the root at install; .data/scripts stays where it is.
    Wheel("datalib", "1.0", {
        "datalib/__init__.py": "NAME = 'datalib'\n",
        "datalib-1.0.data/purelib/datalib_extra.py": "def extra():\n    return 'extra from purelib'\n",
        "datalib-1.0.data/scripts/datalib-tool": "#!python\nprint('datalib-tool')\n",
    }, executables=["datalib-1.0.data/scripts/datalib-tool"]),

    # A package with a native part: the .so must reach the disk, so __file__ is outside the archive.
    Wheel("nativepkg", "1.0", {
        "nativepkg/__init__.py": "import os\n\n\ndef where():\n    return __file__\n\n\n"
                                 "def native_path():\n    return os.path.join(os.path.dirname(__file__), '_native.so')\n",
        "nativepkg/report.py": (
            "import os\n\nimport nativepkg\n\n"
            "print('file=' + nativepkg.where())\n"
            "print('native_exists=' + str(os.path.isfile(nativepkg.native_path())))\n"
        ),
        "nativepkg/_native.so": b"\x7fELF not really a shared object; the ITs only check that it was extracted\n",
    }, purelib=False),

    # METADATA says another name than the coordinates and the file name: the build must fail.
    Wheel("badname", "1.0", {
        "badname/__init__.py": "",
    }, metadata_name="othername"),

    # One namespace package (acme, no __init__.py) split across two wheels.
    Wheel("acme_one", "1.0", {
        "acme/one/__init__.py": "WHO = 'one'\n",
    }, dist_name="acme.one"),
    Wheel("acme_two", "1.0", {
        "acme/two/__init__.py": "WHO = 'two'\n",
    }, dist_name="acme.two"),

    # Asks importlib.metadata for its own version at import.
    Wheel("selfmeta", "1.5.2", {
        "selfmeta/__init__.py": "from importlib.metadata import version\n\n__version__ = version('selfmeta')\n",
    }),

    # A build tag and a compressed tag set: the classifier is 7-py2.py3-none-any.
    Wheel("tagged", "0.3", {
        "tagged.py": "TAGGED = 'tagged 0.3 build 7'\n",
    }, build="7", tags="py2.py3-none-any", requires_python=None),

    # Package data read through importlib.resources and pkgutil (from inside the archive).
    Wheel("resdata", "1.0", {
        "resdata/__init__.py": (
            "import pkgutil\n\n\n"
            "def by_pkgutil():\n    return pkgutil.get_data('resdata', 'data/greeting.txt').decode().strip()\n\n\n"
            "def by_resources():\n"
            "    try:\n"
            "        from importlib.resources import files\n"
            "    except ImportError:  # Python 3.8\n"
            "        from importlib.resources import read_text\n"
            "        return read_text('resdata.data', 'greeting.txt').strip()\n"
            "    return files('resdata').joinpath('data/greeting.txt').read_text().strip()\n"
        ),
        "resdata/data/__init__.py": "",
        "resdata/data/greeting.txt": "greetings from package data\n",
    }),

    # Reads a template beside its module and lists the folder: works only from the disk, so the build must
    # find that out and extract it (src/it/not-zip-safe).
    Wheel("tmplreader", "1.0", {
        "tmplreader/__init__.py": (
            "import os\n\nHERE = os.path.dirname(__file__)\n\n\n"
            "def show():\n"
            "    with open(os.path.join(HERE, 'templates', 'hello.txt')) as f:\n"
            "        print(f.read().strip())\n"
            "    print('templates=' + ','.join(sorted(os.listdir(os.path.join(HERE, 'templates')))))\n"
        ),
        "tmplreader/templates/hello.txt": "hello from a template beside the module\n",
        "tmplreader/templates/other.txt": "another template\n",
    }),

    # Lists its plugins folder through __path__[0], as linters list their checkers.
    Wheel("pluginlister", "1.0", {
        "pluginlister/__init__.py": "",
        "pluginlister/plugins/__init__.py": (
            "import os\n\n\ndef names():\n"
            "    return sorted(f[:-3] for f in os.listdir(__path__[0]) if f.endswith('.py') and f != '__init__.py')\n"
        ),
        "pluginlister/plugins/alpha.py": "",
        "pluginlister/plugins/beta.py": "",
    }),

    # A tool whose command is a native executable in .data/scripts (no console script), with a Python shim
    # that looks for it where such shims look (src/it/data-scripts). Linux x86-64 only.
    Wheel("nativetool", "1.0", {
        "nativetool/__init__.py": FIND_TOOL,
        "nativetool/__main__.py": "import sys\n\nfrom nativetool import main\n\nsys.exit(main())\n",
        "nativetool-1.0.data/scripts/nativetool": tiny_elf("native tool ran\n", 3),
    }, tags="py3-none-manylinux_2_5_x86_64", executables=["nativetool-1.0.data/scripts/nativetool"]),

    # What real wheels do that the format does not ask for but is not wrong: RECORD digests in hex, and a
    # large file of zeros (deflate shrinks it about a thousandfold).
    Wheel("hexrecord", "1.0", {
        "hexrecord/__init__.py": "import pkgutil\n\nSIZE = len(pkgutil.get_data(__name__, 'zeros.bin'))\n",
        "hexrecord/zeros.bin": bytes(5 << 19),
    }, record_encoding="hex"),

    # Asks for a Python that does not exist (yet): a build for the default target refuses it; a build
    # for that target works, and the bootstrap refuses to start on the Python that runs the tests.
    Wheel("future_only", "1.0", {
        "future_only/__init__.py": "",
    }, requires_python=">=3.99"),
]


# ---------------------------------------------------------------------------------------------------------
# Broken inputs for src/it/bad-inputs, one per rule the wheel reader enforces, under their own group:
#     it/pyz/bad/bad_<case>/1.0/bad_<case>-1.0-py3-none-any.whl (+ POM)
# They are written byte by byte (raw_zip) because zipfile refuses or repairs most of these faults.

BAD_GROUP_ID = "it.pyz.bad"


class RawEntry:
    def __init__(self, name, data, *, method=0, flags=0, mode=0o100644, local_crc=None):
        self.name = name.encode() if isinstance(name, str) else name
        self.data = data.encode() if isinstance(data, str) else data
        self.method = method          # declared method; the data is always written as given (stored)
        self.flags = flags
        self.mode = mode
        self.local_crc = local_crc    # a CRC for the local header that differs from the central directory's


def raw_zip(entries, extra_central=()):
    """A zip of `entries`, then central records for them and for `extra_central`: (entry, offset) pairs
    that point at any offset (to make entries overlap)."""
    import struct
    import zlib
    out = bytearray()
    central = []
    for e in entries:
        crc = zlib.crc32(e.data)
        central.append((e, len(out), crc))
        out += struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, e.flags, e.method, 0, 0x21,
                           e.local_crc if e.local_crc is not None else crc, len(e.data), len(e.data),
                           len(e.name), 0) + e.name + e.data
    for e, offset in extra_central:
        central.append((e, offset, zlib.crc32(e.data)))
    cd = bytearray()
    for e, offset, crc in central:
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 0x0314, 20, e.flags, e.method, 0, 0x21, crc,
                          len(e.data), len(e.data), len(e.name), 0, 0, 0, 0, e.mode << 16, offset) + e.name
    end = struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, len(central), len(central), len(cd), len(out), 0)
    return bytes(out + cd + end)


def bad_wheel_entries(name, files, *, record=True, wheel_version="1.0", with_wheel=True, record_skip=(),
                      record_override=None):
    """RawEntries of a wheel `name` 1.0 with `files` (path -> str/bytes, or a RawEntry), dist-info last."""
    dist_info = f"{name}-1.0.dist-info"
    entries = [f if isinstance(f, RawEntry) else RawEntry(p, f) for p, f in files]
    entries.append(RawEntry(f"{dist_info}/METADATA", f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n"))
    if with_wheel:
        entries.append(RawEntry(f"{dist_info}/WHEEL", f"Wheel-Version: {wheel_version}\nGenerator: make_wheels.py\n"
                                "Root-Is-Purelib: true\nTag: py3-none-any\n"))
    if record:
        lines = "".join(f"{e.name.decode()},sha256={digest(e.data)},{len(e.data)}\n" for e in entries
                        if e.name.decode() not in record_skip)
        if record_override:
            lines = record_override(lines)
        entries.append(RawEntry(f"{dist_info}/RECORD", lines + f"{dist_info}/RECORD,,\n"))
    return entries


def overlapping(name):
    """Entry b's local header and data lie inside entry a's data: two entries share bytes."""
    inner = RawEntry(f"{name}/b.py", "B = 2\n")
    inner_bytes = raw_zip([inner])[:30 + len(inner.name) + len(inner.data)]
    entries = bad_wheel_entries(name, [(f"{name}/a.py", inner_bytes)])
    a_data = 30 + len(entries[0].name)  # a is the first entry, at offset 0
    return raw_zip(entries, extra_central=[(inner, a_data)])


def bad_cases():
    """case -> the file's bytes; the wheel is bad_<case>-1.0-py3-none-any.whl."""
    def w(case, files, **kw):
        return raw_zip(bad_wheel_entries(f"bad_{case}", files, **kw))

    def mod(case):
        return f"bad_{case}/__init__.py"

    good = w("truncated", [(mod("truncated"), "X = 1\n" * 50)])
    jar = raw_zip([RawEntry("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nCreated-By: make_wheels.py\n"),
                   RawEntry("demo/Main.class", b"\xca\xfe\xba\xbe\x00\x00\x00\x3d")])
    return {
        "record_hash": w("record_hash", [(mod("record_hash"), "X = 1\n")],
                         record_override=lambda r: r.replace(digest(b"X = 1\n"), digest(b"X = 2\n"))),
        "not_in_record": w("not_in_record", [(mod("not_in_record"), ""), ("bad_not_in_record/extra.py", "E = 1\n")],
                           record_skip=("bad_not_in_record/extra.py",)),
        "dotdot": w("dotdot", [(mod("dotdot"), ""), ("bad_dotdot/../../evil.py", "EVIL = 1\n")]),
        "absolute": w("absolute", [(mod("absolute"), ""), ("/tmp/evil.py", "EVIL = 1\n")]),
        "backslash": w("backslash", [(mod("backslash"), ""), ("bad_backslash\\evil.py", "EVIL = 1\n")]),
        "symlink": w("symlink", [(mod("symlink"), ""),
                                 ("l", RawEntry("bad_symlink/passwd", "/etc/passwd", mode=0o120777))]),
        "duplicate": w("duplicate", [(mod("duplicate"), "A = 1\n"), (mod("duplicate"), "A = 2\n")]),
        "casefold": w("casefold", [(mod("casefold"), ""), ("bad_casefold/Mod.py", "A = 1\n"),
                                   ("bad_casefold/mod.py", "A = 2\n")]),
        "encrypted": w("encrypted", [("e", RawEntry(mod("encrypted"), "X = 1\n", flags=0x1))]),
        "method": w("method", [("m", RawEntry(mod("method"), "X = 1\n", method=12))]),
        "local_header": w("local_header", [("l", RawEntry(mod("local_header"), "X = 1\n", local_crc=0x12345678))]),
        "overlap": overlapping("bad_overlap"),
        "no_wheel": w("no_wheel", [(mod("no_wheel"), "")], with_wheel=False),
        "wheel_version": w("wheel_version", [(mod("wheel_version"), "")], wheel_version="2.0"),
        "two_dist_info": w("two_dist_info", [(mod("two_dist_info"), ""),
                                             ("other-1.0.dist-info/METADATA", "Name: other\nVersion: 1.0\n")]),
        "not_zip": b"This is not a zip file, whatever its name says.\n" * 3,
        "empty": b"",
        "truncated": good[:len(good) // 2],
        "jar": jar,
    }


def write_bad(repo):
    for case, data in bad_cases().items():
        name = f"bad_{case}"
        folder = os.path.join(repo, *BAD_GROUP_ID.split("."), name, "1.0")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"{name}-1.0-py3-none-any.whl")
        with open(path, "wb") as f:
            f.write(data)
        with open(os.path.join(folder, f"{name}-1.0.pom"), "w", encoding="utf-8", newline="\n") as f:
            f.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>{BAD_GROUP_ID}</groupId>
  <artifactId>{name}</artifactId>
  <version>1.0</version>
  <packaging>whl</packaging>
  <description>A broken wheel for src/it/bad-inputs ({case}), made by make_wheels.py</description>
</project>
""")
        print(f"{BAD_GROUP_ID}:{name}:1.0:whl:py3-none-any -> {path} ({len(data)} bytes)")


def main(argv):
    if not argv or argv[0].startswith("-"):
        sys.exit(__doc__)
    repo = os.path.abspath(argv[0])
    flat = argv[argv.index("--flat") + 1] if "--flat" in argv else None
    for wheel in WHEELS:
        folder = os.path.join(repo, *GROUP_ID.split("."), wheel.name, wheel.version)
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, wheel.file_name)
        wheel.build_bytes(path)
        with open(os.path.join(folder, f"{wheel.name}-{wheel.version}.pom"), "w", encoding="utf-8", newline="\n") as f:
            f.write(wheel.pom())
        if flat:
            os.makedirs(flat, exist_ok=True)
            wheel.build_bytes(os.path.join(flat, wheel.file_name))
        print(f"{GROUP_ID}:{wheel.name}:{wheel.version}:whl:{wheel.classifier} -> {path}")
    write_bad(repo)


if __name__ == "__main__":
    main(sys.argv[1:])

"""Builds test zipapps in the layout of docs/FORMAT.md with the stdlib's zipfile, so that the bootstrap is
tested on its own, independently of the Java side that normally writes the archives."""
import base64
import hashlib
import io
import json
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
RESOURCES = os.path.join(HERE, "..", "..", "main", "resources", "dev", "pyz", "bootstrap")


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


class Wheel(object):
    def __init__(self, name, version, files, tags=("py3-none-any",), requires_python=None, extract=False,
                 entry_points=None, scripts=None):
        self.name, self.version, self.files = name, version, dict(files)
        self.tags, self.requires_python, self.extract = list(tags), requires_python, extract
        self.scripts = scripts  # {name: "native" | "python" | "other"} of the files under bin/ (manifest: "bin")
        norm = name.replace("-", "_")
        self.dist_info = "%s-%s.dist-info" % (norm, version)
        self.file = "%s-%s-%s.whl" % (norm, version, ".".join(sorted({t.split("-")[0] for t in tags})) + "-"
                                      + tags[0].split("-", 1)[1])
        meta = "Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version)
        if requires_python:
            meta += "Requires-Python: %s\n" % requires_python
        self.files[self.dist_info + "/METADATA"] = meta
        self.files[self.dist_info + "/WHEEL"] = "Wheel-Version: 1.0\nRoot-Is-Purelib: true\n"
        if entry_points:
            self.files[self.dist_info + "/entry_points.txt"] = entry_points
        record = "".join("%s,%s,%d\n" % (n, record_hash(c.encode() if isinstance(c, str) else c), len(c))
                         for n, c in sorted(self.files.items()))
        self.files[self.dist_info + "/RECORD"] = record + self.dist_info + "/RECORD,,\n"
        self.sha256 = hashlib.sha256(repr(sorted(self.files.items())).encode()).hexdigest()

    def console_scripts(self):
        """{name: "module:attr"} of the wheel's console and GUI scripts (manifest: "scripts"), or None."""
        scripts, group = {}, None
        for line in self.files.get(self.dist_info + "/entry_points.txt", "").splitlines():
            line = line.strip()
            if line.startswith("["):
                group = line.strip("[]").strip()
            elif "=" in line and group in ("console_scripts", "gui_scripts"):
                name, target = line.split("=", 1)
                scripts[name.strip()] = target.split("[")[0].strip()
        return scripts or None

    def prefix_data(self):
        """The wheel's top-level share/ and etc/ folders that are no packages and hold more than documentation
        for people (share/man, share/doc, share/info) (manifest: "prefix_data"), or None."""
        def for_people(n):
            return n.startswith("share/") and n.split("/")[1] in ("man", "doc", "info") and n.count("/") > 1
        tops = sorted({n.split("/")[0] for n in self.files
                       if n.split("/")[0] in ("etc", "share") and "/" in n and not for_people(n)}
                      - {n.split("/")[0] for n in self.files if n.count("/") == 1 and n.endswith("/__init__.py")})
        return tops or None

    def manifest(self):
        return {"name": self.name, "version": self.version, "file": self.file, "path": ".deps/" + self.file,
                "sha256": self.sha256, "tags": self.tags, "requires_python": self.requires_python,
                "dist_info": self.dist_info, "extract": self.extract, "bin": self.scripts,
                "scripts": self.console_scripts(), "prefix_data": self.prefix_data(),
                "archives": [".deps/%s.zip" % self.file] if self.extract else None}


def _dirs(names):
    dirs = set()
    for n in names:
        parts = n.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            dirs.add("/".join(parts[:i]) + "/")
    return dirs


def build(path, wheels=(), sources=None, entry=None, raw_entries=None, shebang="#!/usr/bin/env python3",
          extract_exclude=None, inherit_path=None):
    """Writes a zipapp: shebang, .deps/<wheel>/... (or .deps/<wheel>.zip, nested whole, for a wheel to
    extract), sources, .pyz/, __main__.py last. A raw entry under the folder of a wheel to extract goes
    into that wheel's nested zip."""
    entry = entry or {"kind": "interpreter"}
    sources = dict(sources or {})
    manifest = {"format": 2, "plugin": "pyz-maven-plugin test", "build": {"project": "t:t:1", "timestamp": None},
                "entry": entry, "wheels": [w.manifest() for w in wheels], "extract_exclude": extract_exclude,
                "inherit_path": inherit_path or "false", "bytecode": None}
    entries = []  # (name, bytes or None for dirs, mode)
    entries.append((".deps/", None, 0o40755))
    raw_entries = list(raw_entries or ())
    for w in sorted(wheels, key=lambda w: w.file):
        prefix = ".deps/%s/" % w.file
        names = {prefix + n: c for n, c in w.files.items()}
        layout = []
        for d in sorted(_dirs(names) | {prefix}):
            if d.startswith(prefix):
                layout.append((d, None, 0o40755))
        for n in sorted(names):
            c = names[n]
            executable = n.endswith(".so") or n.startswith(prefix + "bin/")
            layout.append((n, c.encode() if isinstance(c, str) else c, 0o100755 if executable else 0o100644))
        if w.extract:
            layout += [e for e in raw_entries if e[0].startswith(prefix)]
            raw_entries = [e for e in raw_entries if not e[0].startswith(prefix)]
            entries.append((".deps/%s.zip" % w.file, _zip(layout), 0o100644, zipfile.ZIP_STORED))
        else:
            entries += layout
    app_main = sources.pop("__main__.py", None)
    for d in sorted(_dirs(sources)):
        entries.append((d, None, 0o40755))
    for n in sorted(sources):
        entries.append((n, sources[n].encode(), 0o100644))
    entries.append((".pyz/", None, 0o40755))
    entries.append((".pyz/manifest.json", json.dumps(manifest).encode(), 0o100644))
    if app_main is not None:
        entries.append((".pyz/app_main.py", app_main.encode(), 0o100644))
    for name in ("pyz_bootstrap.py", "pyz_extract.py", "pyz_cache.py", "__main__.py"):
        with open(os.path.join(RESOURCES, name), "rb") as f:
            data = f.read()
        entries.append(("__main__.py" if name == "__main__.py" else ".pyz/" + name, data, 0o100644))
    for extra in raw_entries:
        entries.insert(1, extra)
    with open(path, "wb") as f:
        f.write((shebang + "\n").encode())
        # the zip follows the shebang; zipfile's reader and zipimport accept the relative offsets
        # that writing to a BytesIO gives; the Java side writes absolute ones
        f.write(_zip(entries))
    os.chmod(path, 0o755)
    return path


def _zip(entries):
    """A zip of (name, bytes or None for a folder, mode[, compression]) in that order."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for entry in entries:
            name, data, mode = entry[:3]
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.external_attr = (mode << 16) | (0x10 if data is None else 0)
            info.compress_type = entry[3] if len(entry) > 3 else zipfile.ZIP_STORED if data is None else zipfile.ZIP_DEFLATED
            z.writestr(info, b"" if data is None else data)
    return buf.getvalue()

#!/usr/bin/env python3
"""The first run of a zipapp that unzips its dependencies the way pex and shiv do, as a baseline measured in
the same run as ours (bench/startup.py): pex and shiv cannot be installed on every machine this benchmark
runs on, and a figure quoted from another day would not share the machine's state.

Usage: unzip_first_run.py ROOT WHEELS_FILE (-c CODE | -m MODULE) [ARG ...]

What it does is the least work both tools do on a first run with their default settings:
  - every wheel (pure or native), one after the other, is unzipped with zipfile into a temporary folder
    under ROOT that is then renamed into place (pex: ~/.pex/installed_wheels, shiv: ~/.shiv);
  - the folders go on sys.path and the code runs in this process without bytecode shipped: CPython
    compiles every module it imports and writes __pycache__ next to it (neither tool compiles by default).
pex and shiv also do more (pex resolves its requirements at boot, shiv writes a lock and a site folder), so
this is a lower bound of their first run: a ratio against it is a conservative one.
"""
import glob
import os
import runpy
import shutil
import sys
import tempfile
import zipfile


def merge(source, target):
    """Moves the tree source into target, merging folders that exist in both (renames, no copies)."""
    for folder, _, files in os.walk(source):
        into = os.path.join(target, os.path.relpath(folder, source))
        os.makedirs(into, exist_ok=True)
        for name in files:
            os.replace(os.path.join(folder, name), os.path.join(into, name))
    shutil.rmtree(source)


def unzip_all(root, wheels):
    folders = []
    for wheel in wheels:
        dest = os.path.join(root, os.path.basename(wheel))
        temp = tempfile.mkdtemp(prefix=".tmp-", dir=root)
        with zipfile.ZipFile(wheel) as z:
            z.extractall(temp)
        for lib in glob.glob(os.path.join(temp, "*.data", "p*lib")):  # installed as pip installs them
            merge(lib, temp)
        os.rename(temp, dest)
        folders.append(dest)
    return folders


def main():
    sys.dont_write_bytecode = False  # as pex and shiv leave it: what is imported is compiled and written
    root, wheels_file, kind, what = sys.argv[1:5]
    with open(wheels_file) as f:
        wheels = [line.strip() for line in f if line.strip()]
    os.makedirs(root, exist_ok=True)
    sys.path[0:1] = unzip_all(root, wheels)  # in place of this script's folder, as in the zipapp
    if kind == "-c":
        sys.argv = ["-c"] + sys.argv[5:]
        exec(compile(what, "<string>", "exec"), {"__name__": "__main__"})
    elif kind == "-m":
        sys.argv = [what] + sys.argv[5:]
        runpy.run_module(what, run_name="__main__", alter_sys=True)
    else:
        sys.exit("expected -c CODE or -m MODULE, got %s" % kind)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Packs every wheel of a folder (a package index's files) as a build would, and reports what is refused.

Usage: bench/pack_index.py WHEEL_FOLDER... [--work DIR]

Each wheel is packed on its own into a fresh pack cache (RECORD checked, size limit, zip-safety analysis,
native code detection), by the test-scope class dev.pyz.test.PackAll run on the project's compiled
classes (the script compiles them first with the Maven wrapper). It prints one line per wheel (packed,
native, not-zip-safe with the evidence, or REFUSED with the message a build would fail with) and the
counts; every refusal should name the wheel, the rule and what to set.
"""
import argparse
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--work", default=None, help="where the pack cache goes (default: a temp folder)")
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="pyz-pack-index-")
    mvnw = os.path.join(ROOT, "mvnw")
    classpath = os.path.join(work, "classpath.txt")
    subprocess.run([mvnw, "-q", "-B", "test-compile", "dependency:build-classpath", "-Dmdep.includeScope=test",
                    "-Dmdep.outputFile=" + classpath], cwd=ROOT, check=True)
    with open(classpath) as f:
        cp = os.pathsep.join([os.path.join(ROOT, "target", "classes"), os.path.join(ROOT, "target", "test-classes"),
                              f.read().strip()])
    cache = os.path.join(work, "cache")
    sys.exit(subprocess.run(["java", "-cp", cp, "dev.pyz.test.PackAll", cache] + args.folders).returncode)


if __name__ == "__main__":
    main()

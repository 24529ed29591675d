#!/usr/bin/env python3
"""Starts N copies of a zipapp at once on an empty PYZ_ROOT and checks that they share the extraction.

Usage: bench/concurrent.py APP.pyz [--copies 20] [--code PYTHON_CODE] [--root DIR]

Every copy runs in interpreter mode (PYZ_INTERPRETER=1) with `-c CODE` (default: import numpy, grpc and
h5py, which the TensorFlow app of bench/startup.py bundles). Checks, and exits non-zero otherwise: every
copy succeeds and prints the same; $PYZ_ROOT/wheels holds exactly one complete folder (and its lock) per
wheel the manifest marks for extraction, and nothing else (no temp or stale folder). Prints the wall time
of the whole batch. The root is a new folder beside the app unless --root is given; it is left in place
(deleting a few GB right away slows the next ext4 allocations on this kind of machine).
"""
import argparse, json, os, subprocess, sys, tempfile, time, zipfile


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("app")
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--code", default="import numpy, grpc, h5py; print(numpy.__version__, grpc.__version__, h5py.__version__)")
    ap.add_argument("--root", default=None)
    args = ap.parse_args()
    app = os.path.abspath(args.app)
    root = args.root or tempfile.mkdtemp(prefix="pyz-concurrent-", dir=os.path.dirname(app))
    if os.path.isdir(os.path.join(root, "wheels")) and os.listdir(os.path.join(root, "wheels")):
        sys.exit("%s/wheels is not empty" % root)
    with zipfile.ZipFile(app) as z:
        manifest = json.loads(z.read(".pyz/manifest.json"))
    native = sorted(w["sha256"] for w in manifest["wheels"] if w["extract"])
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYZ_")}
    env.update(PYZ_ROOT=root, PYZ_INTERPRETER="1", TF_CPP_MIN_LOG_LEVEL="3")
    started = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, app, "-c", args.code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, env=env) for _ in range(args.copies)]
    results = [p.communicate() + (p.returncode,) for p in procs]
    elapsed = time.perf_counter() - started
    failed = [(i, r[2], r[1][-500:]) for i, r in enumerate(results) if r[2] != 0]
    outputs = {r[0] for r in results}
    folders = sorted(os.listdir(os.path.join(root, "wheels")))
    expected = sorted(native + [sha + ".lock" for sha in native])
    incomplete = [sha for sha in native if not os.path.isfile(os.path.join(root, "wheels", sha, ".pyz-complete"))]
    print("%d copies of %s on an empty PYZ_ROOT (%s): %d succeeded, %d distinct output(s), %.1f s in all"
          % (args.copies, os.path.basename(app), root, args.copies - len(failed), len(outputs), elapsed))
    print("  %s/wheels: %d entries, expected %d (one folder and one lock per native wheel)"
          % (root, len(folders), len(expected)))
    ok = not failed and len(outputs) == 1 and folders == expected and not incomplete
    for f in failed:
        print("  copy %d failed (%d): %s" % f)
    if folders != expected:
        print("  unexpected: %s; missing: %s" % (sorted(set(folders) - set(expected)), sorted(set(expected) - set(folders))))
    if incomplete:
        print("  without completion marker: %s" % incomplete)
    print("  output: %s" % next(iter(outputs)).strip() if len(outputs) == 1 else "  outputs differ: %s" % outputs)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Start-up benchmark of zipapps built by pyz-maven-plugin, against the same code installed in a folder.

Usage: bench/startup.py CORPUS_DIR [--runs N] [--work DIR]

CORPUS_DIR holds the TensorFlow wheel set (bench/make-corpus.sh DIR). The script installs the
plugin, puts the wheels in the local repository (group bench.pyz, as bench/benchmark.py does) and builds
two zipapps with Maven (bytecode on, the default):

  tensorflow          all wheels, interpreter mode, running: import tensorflow, reduce_sum, print
  tensorflow-exclude  the same with extractExclude tensorflow/include/** (headers stay in the archive)
  cli                 the pygments wheel alone with its console script: pygmentize -V (a pure-Python CLI)

It also installs the same wheels into a folder (pip install --no-deps --target, then compileall, so the
folder has a warm __pycache__), and measures, N runs each, interleaved (every other run starts with the
serial unzip and ends with the installed folder):

  installed  python3 with PYTHONPATH=<folder>            (the reference)
  first      the zipapp with an empty PYZ_ROOT          (extraction of native wheels included)
  warm       the zipapp again                             (everything extracted already)
  unzip      every wheel unzipped one after the other, then the same code run without shipped bytecode:
             the least of what pex and shiv do on a first run (bench/unzip_first_run.py)
  pex-first  pex (when on PATH) built from the same wheels, run with an empty PEX_ROOT; pex-warm again
  shiv-first shiv (when on PATH) likewise, with an empty SHIV_ROOT; shiv-warm again

and prints medians and the ratios the goals are stated in. Wall-clock seconds, TF_CPP_MIN_LOG_LEVEL=3.
Start it at least five minutes after deleting many files on the same file system (an earlier run's
roots included): ext4 makes file creation slow for that long (see the comment in main). For the same
reason the roots are kept until every case has run: about 3 GB per TensorFlow run (its extraction and
its serial unzip), 30 GB at the peak with 5 runs.
"""
import argparse, glob, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import benchmark  # noqa: E402  (install_wheels, write_project, run)

TF_CODE = "import tensorflow as tf; print(tf.reduce_sum(tf.constant([1, 2, 3])).numpy())"


def timed(cmd, env):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    elapsed = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stdout[-3000:]))
    return elapsed, p.stdout.strip()


def project(work, name, wheels, version, configuration):
    folder = os.path.join(work, name)
    benchmark.write_project(folder, wheels, version)
    pom = os.path.join(folder, "pom.xml")
    with open(pom) as f:
        text = f.read()
    with open(pom, "w") as f:
        f.write(text.replace("<configuration><main>app:main</main></configuration>",
                             "<configuration>%s</configuration>" % configuration))
    shutil.rmtree(os.path.join(folder, "src"))
    benchmark.run([benchmark.MVNW, "-o", "-B", "-q", "package", "-Dpyz.forceCreation=true"], cwd=folder)
    return os.path.join(folder, "target", "app-1.0.pyz")


def anchors(work, name, subset, corpus, cli):
    """pex and shiv zipapps of the same wheels, for the tools found on PATH: {tool: path}."""
    built = {}
    names = [os.path.basename(w).split("-")[0] for w in subset]
    for tool in ("pex", "shiv"):
        exe = shutil.which(tool)
        if not exe:
            continue
        out = os.path.join(work, "%s.%s" % (name, tool))
        if not os.path.exists(out):
            if tool == "pex":
                cmd = [exe, "--no-index", "-f", corpus, "-o", out] + names + (["-c", "pygmentize"] if cli else [])
            else:
                cmd = [exe, "--no-index", "--find-links", corpus, "--no-deps", "-o", out] + subset \
                    + (["-c", "pygmentize"] if cli else [])
            benchmark.run(cmd)
        built[tool] = out
    return built


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--runs", type=int, default=5, help="runs of each TensorFlow case")
    ap.add_argument("--cli-runs", type=int, default=40, help="runs of the cli case (its starts take 0.1 s)")
    ap.add_argument("--cases", default="tensorflow,tensorflow-exclude,cli", help="which cases, comma-separated")
    ap.add_argument("--work", default=None)
    args = ap.parse_args()
    corpus = os.path.abspath(args.corpus)
    wheels = sorted(glob.glob(os.path.join(corpus, "*.whl")))
    pygments = [w for w in wheels if os.path.basename(w).lower().startswith("pygments-")]
    if not wheels or not pygments:
        sys.exit("no TensorFlow wheel set (with pygments) in %s" % corpus)
    work = args.work or tempfile.mkdtemp(prefix="pyz-startup-")
    os.makedirs(work, exist_ok=True)
    print("Installing the plugin and the wheels ...", flush=True)
    benchmark.run([benchmark.MVNW, "-q", "-B", "install", "-DskipTests", "-DskipITs"], cwd=ROOT)
    _, version = benchmark.run([benchmark.MVNW, "-q", "-B", "help:evaluate", "-Dexpression=project.version",
                                "-DforceStdout"], cwd=ROOT)
    version = version.strip().splitlines()[-1]
    benchmark.install_wheels(corpus, benchmark.local_repo())

    cases = [("tensorflow", wheels, "", ["-c", TF_CODE]),
             ("tensorflow-exclude", wheels, "<extractExclude>tensorflow/include/**</extractExclude>", ["-c", TF_CODE]),
             ("cli", pygments, "<script>pygmentize</script>", ["-V"])]
    chosen = args.cases.split(",")
    cases = [c for c in cases if c[0] in chosen]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    rows = []
    roots = []
    try:
        for name, subset, configuration, argv in cases:
            print("\n== %s: %d wheel(s)" % (name, len(subset)), flush=True)
            pyz = project(work, name, subset, version, configuration)
            installed = os.path.join(work, "installed-" + name.split("-")[0])
            if not os.path.isdir(installed):
                benchmark.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-compile", "--target",
                               installed] + subset)
                benchmark.run([sys.executable, "-m", "compileall", "-q", "-j", "0", installed])
            wheel_list = os.path.join(work, "wheels-%s.txt" % name)
            with open(wheel_list, "w") as f:
                f.write("".join(w + "\n" for w in subset))
            unzip_script = os.path.join(ROOT, "bench", "unzip_first_run.py")
            if name == "cli":
                reference = [sys.executable, "-m", "pygments"] + argv
                app = [sys.executable, pyz] + argv
                app_env = dict(env)
                unzip = lambda root: [sys.executable, unzip_script, root, wheel_list, "-m", "pygments"] + argv
            else:
                reference = [sys.executable] + argv
                app = [sys.executable, pyz] + argv
                app_env = dict(env, PYZ_INTERPRETER="1")
                unzip = lambda root: [sys.executable, unzip_script, root, wheel_list] + argv
            tools = anchors(work, name, subset, corpus, name == "cli")
            r = {"name": name, "installed": [], "first": [], "warm": [], "unzip": [], "pex-first": [], "pex-warm": [],
                 "shiv-first": [], "shiv-warm": []}
            for i in range(args.cli_runs if name == "cli" else args.runs):
                # a new PYZ_ROOT per run, all deleted when every case has run: for one to five minutes after
                # thousands of files were deleted, ext4 spends seconds of system time skipping their inodes
                # when it creates files (recently_deleted: a third of the CPU of one extraction in a profile;
                # tensorflow's first run 16-20 s instead of 9 s), which is not what a user's first run meets
                root = os.path.join(work, "pyz-root-%s-%d-%d" % (name, os.getpid(), i))
                unzip_root = os.path.join(work, "unzip-root-%s-%d-%d" % (name, os.getpid(), i))
                roots += [root, unzip_root]
                commands = [("installed", reference, dict(env, PYTHONPATH=installed)),
                            ("first", app, dict(app_env, PYZ_ROOT=root)),
                            ("warm", app, dict(app_env, PYZ_ROOT=root)),
                            ("unzip", unzip(unzip_root), env)]
                if i % 2:  # every other run the two first runs swap places, so neither always follows the other
                    commands = commands[-1:] + commands[1:3] + commands[:1]
                for tool, variable in (("pex", "PEX_ROOT"), ("shiv", "SHIV_ROOT")):
                    if tool in tools:
                        tool_root = os.path.join(work, "%s-root-%s-%d-%d" % (tool, name, os.getpid(), i))
                        roots.append(tool_root)
                        tool_env = dict(env, **{variable: tool_root})
                        commands += [(tool + "-first", [sys.executable, tools[tool]] + argv, tool_env),
                                     (tool + "-warm", [sys.executable, tools[tool]] + argv, tool_env)]
                out = {}
                for key, command, command_env in commands:
                    os.sync()
                    t, out[key] = timed(command, command_env)
                    r[key].append(t)
                out_warm = out["warm"]
                last = lambda text: text.splitlines()[-1] if text else ""
                assert len(set(last(text) for text in out.values())) == 1, out
                print("  run %d: %s  (%s)" % (i + 1, ", ".join("%s %.2f s" % (k, r[k][-1]) for k in out),
                                               out_warm.splitlines()[-1][:40]), flush=True)
            rows.append(r)
    finally:  # also when a run fails: nothing is left behind
        for root in roots:
            shutil.rmtree(root, ignore_errors=True)

    print("\nMachine: %d cores; Python %s; medians of %d runs (cli: %d)" % (os.cpu_count(), sys.version.split()[0],
                                                                       args.runs, args.cli_runs))
    med = lambda r, k: statistics.median(r[k]) if r[k] else float("nan")
    sec = lambda x: "n/a" if x != x else "%.3f s" % x
    ratio = lambda a, b: "n/a" if a != a or b != b else "%.2fx" % (a / b)
    print("\n| case | installed (warm __pycache__) | zipapp first run | zipapp warm run | serial unzip first run"
          " | pex first run | pex warm run | shiv first run | shiv warm run |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| %s | %s |" % (r["name"], " | ".join(sec(med(r, k)) for k in (
            "installed", "first", "warm", "unzip", "pex-first", "pex-warm", "shiv-first", "shiv-warm"))))
    print("\n| case | warm / installed | first / installed | first / warm | first / unzip | first / pex first"
          " | warm / pex warm | first / shiv first | warm / shiv warm |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        first, warm = med(r, "first"), med(r, "warm")
        print("| %s | %s |" % (r["name"], " | ".join([
            ratio(warm, med(r, "installed")), ratio(first, med(r, "installed")), ratio(first, warm),
            ratio(first, med(r, "unzip")), ratio(first, med(r, "pex-first")), ratio(warm, med(r, "pex-warm")),
            ratio(first, med(r, "shiv-first")), ratio(warm, med(r, "shiv-warm"))])))


if __name__ == "__main__":
    main()

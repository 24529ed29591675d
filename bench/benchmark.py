#!/usr/bin/env python3
"""Build-speed benchmark of pyz-maven-plugin against the floor and the usual tools, on a real wheel set.

Usage: bench/benchmark.py CORPUS_DIR [--runs N] [--work DIR] [--skip-zipapp] [--subsets all,largest,rest]

CORPUS_DIR holds the wheels (bench/make-corpus.sh DIR downloads tensorflow-cpu 2.21.0 and its
dependencies). The plugin is built and installed first; the wheels are put into the local Maven
repository under the coordinate convention (group bench.pyz). Then, for three subsets of the corpus (all
wheels but the largest, the largest alone, all of them) and N runs each, it measures in the same run:

  cat      cat of the wheel files into one file: the floor for any build that copies compressed bytes
  zipapp   python3 -m zipapp -c over the extracted wheels (what recompressing costs)
  archiver plexus-archiver's ZipArchiver (maven-jar-plugin's) over the extracted wheels, its time in its JVM:
           what the merge would cost with Maven's usual archiver, which compresses every entry again
  pex      pex building a zipapp of the same wheels, when pex is on PATH, with its cache (PEX_ROOT) filled
  pex-cold the same with an empty PEX_ROOT: pex's cold build
  shiv     shiv building a zipapp of the same wheels, when shiv is on PATH
  maven    mvn -o package of a project with no plugin and no dependency: Maven's own floor
  skipped  mvn -o package of the project with -Dpyz.skip=true: Maven resolving the wheels and loading the plugin,
           the goal doing nothing (no build of this project can be faster)
  cold     mvn -o package with an empty pack cache     (whole Maven run; goal's own pack and merge times),
           bytecode compiled by python3 (the default)
  cold-nb  the same with -Dpyz.bytecode=off: what pex and zipapp do (neither compiles by default)
  warm     mvn -o package with the pack cache filled   (likewise)
  warm-nb  the same with -Dpyz.bytecode=off             (the pair of cold-nb)
  no-op    mvn -o package again with nothing changed   (the goal's own check time)
  shared   mvn -o package with an empty pack cache, taking what packing found and the bytecode of every wheel
           from a file:// repository that pyz:cache-deploy filled once (untimed): a CI agent of a team sharing
           its pack cache; offline except for file:// (-Daether.offline.protocols=file)

Maven runs with MAVEN_OPTS=-Xmx256m, which is the memory goal. Prints medians and the ratios the goals
are stated in. Timings are wall-clock seconds.
"""
import argparse, os, platform, re, shutil, statistics, subprocess, sys, tempfile, time, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
MVNW = os.path.join(ROOT, "mvnw")
GROUP = "bench.pyz"


def run(cmd, **kw):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    elapsed = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stdout[-4000:]}")
    return elapsed, p.stdout


def local_repo():
    _, out = run([MVNW, "-q", "-B", "help:evaluate", "-Dexpression=settings.localRepository", "-DforceStdout"],
                 cwd=ROOT)
    return out.strip().splitlines()[-1]


def install_wheels(corpus, repo):
    import importlib.util
    spec = importlib.util.spec_from_file_location("iw", os.path.join(ROOT, "bench", "install-wheels.py"))
    iw = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(iw)
    import contextlib, io
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        iw.main(corpus, repo, GROUP)
    return buf.getvalue()


def dependency_block(wheels):
    out = []
    for w in wheels:
        parts = os.path.basename(w)[:-4].split("-")
        artifact = re.sub(r"[-_.]+", "_", parts[0]).lower()
        out.append(f"<dependency><groupId>{GROUP}</groupId><artifactId>{artifact}</artifactId>"
                   f"<version>{parts[1]}</version><type>whl</type><classifier>{'-'.join(parts[2:])}</classifier>"
                   f"</dependency>")
    return "\n".join(out)


def write_project(dir, wheels, version, shared_repo):
    os.makedirs(os.path.join(dir, "src", "main", "python", "app"), exist_ok=True)
    with open(os.path.join(dir, "src", "main", "python", "app", "__init__.py"), "w") as f:
        f.write("def main():\n    print('hello')\n")
    with open(os.path.join(dir, "pom.xml"), "w") as f:
        f.write(f"""<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>app</artifactId><version>1.0</version><packaging>pom</packaging>
  <properties><project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp></properties>
  <repositories><repository><id>bench-shared</id><url>file://{shared_repo}</url></repository></repositories>
  <dependencies>
{dependency_block(wheels)}
  </dependencies>
  <build><plugins><plugin>
    <groupId>dev.pyz</groupId><artifactId>pyz-maven-plugin</artifactId><version>{version}</version>
    <executions><execution><goals><goal>zipapp</goal></goals>
      <configuration><main>app:main</main>
        <sharedCacheRepositories><repository>bench-shared</repository></sharedCacheRepositories>
      </configuration></execution></executions>
  </plugin></plugins></build>
</project>
""")


def mvn_package(project, cache, force=True, extra=()):
    env = dict(os.environ, MAVEN_OPTS="-Xmx256m")
    cmd = [MVNW, "-o", "-B", "package", f"-Dpyz.cacheDirectory={cache}"] + list(extra)
    if not os.path.basename(project).startswith("all") or "but" in project:
        cmd.append("-Dpyz.dependencyCheck=off")  # the subsets lack wheels that others require, on purpose
    if force:
        cmd.append("-Dpyz.forceCreation=true")
    elapsed, out = run(cmd, cwd=project, env=env)
    pack = re.search(r"wheel\(s\): (\d+) packed, (\d+) from the cache .* \(([\d.]+) s\)", out)
    shared = re.search(r"from the cache [^,(]*, (\d+) from the shared cache", out)
    compiled = re.search(r"Bytecode for .*: \d+ module\(s\) of \d+ wheel\(s\) \(([\d.]+) s\)", out)
    built = re.search(r"\(merge ([\d.]+) s, total ([\d.]+) s\)", out)
    noop = re.search(r"Nothing to do: .* checked in ([\d.]+) s", out)
    return {"wall": elapsed,
            "packed": int(pack.group(1)) if pack else None,
            "shared": int(shared.group(1)) if shared else 0,
            "compiled": "Compiling bytecode" in out,
            "pack": float(pack.group(3)) if pack else None,
            "compile": float(compiled.group(1)) if compiled else 0.0,
            "merge": float(built.group(1)) if built else None,
            "goal": float(built.group(2)) if built else (float(noop.group(1)) if noop else None),
            "noop": bool(noop)}


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default=None)
    ap.add_argument("--skip-zipapp", action="store_true", help="skip the python -m zipapp baseline")
    ap.add_argument("--subsets", default="rest,largest,all",
                    help="which subsets: rest (all but the largest wheel), largest, all")
    args = ap.parse_args()
    corpus = os.path.abspath(args.corpus)
    wheels = sorted(os.path.join(corpus, w) for w in os.listdir(corpus) if w.endswith(".whl"))
    if not wheels:
        sys.exit(f"no wheels in {corpus}")
    work = args.work or tempfile.mkdtemp(prefix="pyz-bench-")
    os.makedirs(work, exist_ok=True)

    print("Installing the plugin ...", flush=True)
    run([MVNW, "-q", "-B", "install", "-DskipTests", "-DskipITs"], cwd=ROOT)
    archiver_cp = None
    if not args.skip_zipapp:
        cp_file = os.path.join(work, "classpath.txt")
        run([MVNW, "-q", "-B", "test-compile", "dependency:build-classpath", "-Dmdep.includeScope=test",
             "-Dmdep.outputFile=" + cp_file], cwd=ROOT)
        with open(cp_file) as f:
            archiver_cp = os.path.join(ROOT, "target", "test-classes") + os.pathsep + f.read().strip()
    _, version = run([MVNW, "-q", "-B", "help:evaluate", "-Dexpression=project.version", "-DforceStdout"], cwd=ROOT)
    version = version.strip().splitlines()[-1]
    install_wheels(corpus, local_repo())

    largest = max(wheels, key=os.path.getsize)
    subsets = [("all but largest", [w for w in wheels if w != largest]), ("largest alone", [largest]),
               ("all", wheels)]
    chosen = {"rest": "all but largest", "largest": "largest alone", "all": "all"}
    subsets = [s for s in subsets if s[0] in [chosen[c] for c in args.subsets.split(",")]]
    pex = shutil.which("pex")
    shiv = shutil.which("shiv")
    empty = os.path.join(work, "empty")
    os.makedirs(empty, exist_ok=True)
    with open(os.path.join(empty, "pom.xml"), "w") as f:
        f.write('<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
                '<groupId>bench</groupId><artifactId>empty</artifactId><version>1.0</version>'
                '<packaging>pom</packaging></project>\n')
    rows = []
    for label, subset in subsets:
        entries = sum(len(zipfile.ZipFile(w).infolist()) for w in subset)
        size = sum(os.path.getsize(w) for w in subset)
        print(f"\n== {label}: {len(subset)} wheels, {entries} entries, {size / 1e6:.0f} MB", flush=True)
        project = os.path.join(work, re.sub(r"\W+", "-", label))
        shared_repo = os.path.join(work, "shared-repo-" + re.sub(r"\W+", "-", label))
        write_project(project, subset, version, shared_repo)
        cache = os.path.join(work, "cache-" + re.sub(r"\W+", "-", label))
        shared_cache = os.path.join(work, "shared-cache-" + re.sub(r"\W+", "-", label))
        r = {"label": label, "wheels": len(subset), "entries": entries, "mb": size / 1e6,
             "cat": [], "zipapp": [], "archiver": [], "pex": [], "pexcold": [], "shiv": [], "maven": [], "cold": [], "coldnb": [], "warm": [],
             "warmnb": [], "noop": [], "shared": [], "skipped": []}
        tree = os.path.join(work, "tree-" + re.sub(r"\W+", "-", label))
        if not args.skip_zipapp and not os.path.isdir(tree):
            for w in subset:
                zipfile.ZipFile(w).extractall(tree)
        for i in range(args.runs):
            # each timed step starts with no dirty pages left by the one before (os.sync), so that
            # write-back of an earlier step's output is not charged to the next one
            shutil.rmtree(cache, ignore_errors=True)
            os.sync()
            r["coldnb"].append(mvn_package(project, cache, extra=["-Dpyz.bytecode=off"]))
            os.sync()
            r["warmnb"].append(mvn_package(project, cache, extra=["-Dpyz.bytecode=off"]))
            shutil.rmtree(cache, ignore_errors=True)
            os.sync()
            r["cold"].append(mvn_package(project, cache))
            os.sync()
            r["cat"].append(run(["sh", "-c", 'cat "$@" > "$0"', os.path.join(work, "cat.out")] + subset)[0])
            os.sync()
            r["warm"].append(mvn_package(project, cache))
            os.sync()
            r["noop"].append(mvn_package(project, cache, force=False))
            if i == 0:  # one CI job shares the filled cache (not timed)
                run([MVNW, "-B", "-q", f"-Dpyz.cacheDirectory={cache}", "-Dpyz.dependencyCheck=off",
                     "dev.pyz:pyz-maven-plugin:" + version + ":cache-deploy", f"-Durl=file://{shared_repo}",
                     "-DrepositoryId=bench-shared"], cwd=project)
            shutil.rmtree(shared_cache, ignore_errors=True)
            os.sync()
            r["shared"].append(mvn_package(project, shared_cache, extra=["-Daether.offline.protocols=file"]))
            assert r["shared"][-1]["packed"] == 0 and r["shared"][-1]["shared"] == len(subset) \
                and not r["shared"][-1]["compiled"], "the shared-cache build should pack and compile nothing"
            if not args.skip_zipapp:
                os.sync()
                r["zipapp"].append(run([sys.executable, "-m", "zipapp", "-c", "-m", "app:main", tree, "-o",
                                        os.path.join(work, "zipapp.pyz")])[0])
                os.sync()
                out = run(["java", "-cp", archiver_cp, "dev.pyz.test.ArchiverBaseline", tree,
                           os.path.join(work, "archiver.zip")])[1]
                r["archiver"].append(float(re.search(r"archiver ([0-9.]+)", out).group(1)))
            if pex:
                pex_cmd = [pex, "--no-index", "-f", corpus, "-o", os.path.join(work, "out.pex")] \
                    + [os.path.basename(w).split("-")[0] for w in subset]
                pex_root = os.path.join(work, "pex-root")
                shutil.rmtree(pex_root, ignore_errors=True)
                os.sync()
                r["pexcold"].append(run(pex_cmd, env=dict(os.environ, PEX_ROOT=pex_root))[0])
                os.sync()
                r["pex"].append(run(pex_cmd, env=dict(os.environ, PEX_ROOT=pex_root))[0])
            if shiv:
                os.sync()
                r["shiv"].append(run([shiv, "-o", os.path.join(work, "out.shiv"), "--no-index", "--find-links", corpus,
                                      "--no-deps"] + subset)[0])
            os.sync()
            r["maven"].append(run([MVNW, "-o", "-B", "-q", "package"], cwd=empty,
                                  env=dict(os.environ, MAVEN_OPTS="-Xmx256m"))[0])
            r["skipped"].append(run([MVNW, "-o", "-B", "-q", "package", "-Dpyz.skip=true"], cwd=project,
                                    env=dict(os.environ, MAVEN_OPTS="-Xmx256m"))[0])
            print(f"  run {i + 1}: cat {r['cat'][-1]:.2f} s, cold {r['cold'][-1]['wall']:.2f} s "
                  f"(pack {r['cold'][-1]['pack']:.2f} s, compile {r['cold'][-1]['compile']:.2f} s; "
                  f"no bytecode {r['coldnb'][-1]['wall']:.2f} s, warm {r['warmnb'][-1]['wall']:.2f} s), "
                  f"warm {r['warm'][-1]['wall']:.2f} s (merge {r['warm'][-1]['merge']:.2f} s), "
                  f"no-op check {r['noop'][-1]['goal']:.3f} s, shared cold {r['shared'][-1]['wall']:.2f} s"
                  + (f", zipapp -c {r['zipapp'][-1]:.2f} s, plexus-archiver {r['archiver'][-1]:.2f} s"
                     if r["zipapp"] else "")
                  + (f", pex cold {r['pexcold'][-1]:.2f} s, pex warm {r['pex'][-1]:.2f} s" if r["pex"] else "")
                  + (f", shiv {r['shiv'][-1]:.2f} s" if r["shiv"] else "")
                  + f", empty Maven {r['maven'][-1]:.2f} s, goal skipped {r['skipped'][-1]:.2f} s", flush=True)
            assert r["noop"][-1]["noop"], "the third build should have had nothing to do"
        rows.append(r)

    def m(r, key, field=None):
        xs = r[key] if field is None else [x[field] for x in r[key]]
        return median(xs)

    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except Exception:
        pass
    java = subprocess.run(["java", "-version"], stderr=subprocess.PIPE, text=True).stderr.splitlines()[0]
    print(f"\nMachine: {os.cpu_count()} cores, {cpu}; {platform.system()} {platform.release()}; {java}; "
          f"Python {platform.python_version()}; Maven via mvnw, MAVEN_OPTS=-Xmx256m; medians of {args.runs} runs")
    fmt = lambda x: "n/a" if x != x else f"{x:.2f} s"
    ratio = lambda a, b: "n/a" if a != a or b != b else f"{a / b:.2f}x"
    print("\nTimes (wall-clock, whole runs unless said otherwise):")
    print("\n| subset | wheels | entries | MB | cat | empty Maven | goal skipped | zipapp -c | plexus-archiver (in JVM) | pex cold | pex warm | shiv"
          " | mvn cold | (pack, compile) | mvn warm | merge (goal) | no-op check | mvn cold, no bytecode"
          " | mvn warm, no bytecode | mvn cold, shared cache |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['label']} | {r['wheels']} | {r['entries']} | {r['mb']:.0f} | {fmt(m(r, 'cat'))} | "
              f"{fmt(m(r, 'maven'))} | {fmt(m(r, 'skipped'))} | {fmt(m(r, 'zipapp'))} | {fmt(m(r, 'archiver'))} | {fmt(m(r, 'pexcold'))} | {fmt(m(r, 'pex'))} | "
              f"{fmt(m(r, 'shiv'))} | {fmt(m(r, 'cold', 'wall'))} | {m(r, 'cold', 'pack'):.2f} s, "
              f"{m(r, 'cold', 'compile'):.2f} s | {fmt(m(r, 'warm', 'wall'))} | {fmt(m(r, 'warm', 'merge'))} | "
              f"{m(r, 'noop', 'goal'):.3f} s | {fmt(m(r, 'coldnb', 'wall'))} | {fmt(m(r, 'warmnb', 'wall'))} | "
              f"{fmt(m(r, 'shared', 'wall'))} |")
    print("\nRatios (same run):")
    print("\n| subset | merge / cat | plexus-archiver / merge | warm / (empty Maven + cat) | cold / warm"
          " | cold / warm, no bytecode | shared cold / warm | zipapp -c / warm | pex warm / warm"
          " | (pex warm / goal skipped) | shiv / warm | pex cold / cold | shiv / cold |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        cold, warm, merge = m(r, "cold", "wall"), m(r, "warm", "wall"), m(r, "warm", "merge")
        pexm, shivm = m(r, "pex"), m(r, "shiv")
        print(f"| {r['label']} | {ratio(merge, m(r, 'cat'))} | {ratio(m(r, 'archiver'), merge)} | "
              f"{ratio(warm, m(r, 'maven') + m(r, 'cat'))} | {ratio(cold, warm)} | "
              f"{ratio(m(r, 'coldnb', 'wall'), m(r, 'warmnb', 'wall'))} | {ratio(m(r, 'shared', 'wall'), warm)} | "
              f"{ratio(m(r, 'zipapp'), warm)} | "
              f"{ratio(pexm, warm)} | ({ratio(pexm, m(r, 'skipped'))}) | {ratio(shivm, warm)} | {ratio(m(r, 'pexcold'), cold)} | {ratio(shivm, cold)} |")
    for tool, found in (("pex", pex), ("shiv", shiv)):
        if not found:
            print(f"\n{tool}: not on PATH, so not measured in this run (pip install pex shiv, then put them on PATH).")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The pyz:resolve end-to-end check: from a clean local repository, resolve tensorflow-cpu, build an app that
declares only tensorflow_cpu, run it, and compare its wheels with pip's and with a corpus.

Usage: bench/resolve_tf.py [--index /opt/pypi] [--requirement tensorflow-cpu==2.21.0] [--corpus /work/corpus/tf]
                           [--work DIR] [--python python3.11] [--keep]

 1. installs the plugin of this checkout into WORK/plugin-repo (offline; Maven's own plugins come from
    ~/.m2/repository, read as a read-only tail, so that nothing but the plugin lands there);
 2. serves INDEX (simple/ and files/) over HTTP with range support on 127.0.0.1, as bench/resolve.py does;
 3. times `pip download --only-binary=:all:` of the requirement from that server into an empty folder (no
    cache, no configuration but the index): the wheels pip chooses for this machine's CPython 3.11;
 4. with a new, empty local repository WORK/repo (the plugin repo and ~/.m2/repository as read-only tails,
    neither of which holds a wheel), runs `mvn dev.pyz:pyz-maven-plugin:<v>:resolve -Dpyz.requirements=REQ
    -Dpyz.indexes=http://127.0.0.1:PORT/simple -Dpyz.targetPython=3.11 ...`, timed;
 5. writes a project whose POM declares only the tensorflow_cpu wheel (the line pyz:resolve printed) and a
    __main__.py printing tf.add(2, 4).numpy(), and runs `mvn -o package` with the same repositories
    (offline: every wheel must come from what pyz:resolve installed, through the generated POMs);
 6. runs the .pyz with PYTHON and checks that it prints 6; reads its manifest (PYZ_INFO=json) and compares
    the wheels in it with pip's and with the corpus's;
 7. runs the resolve again into the same repository and checks that no wheel was downloaded again (each
    is taken from the local repository), that the goal says nothing changed and that every POM is
    byte-identical.

Prints each step's time and result; exits 0 only when the app printed 6 and the wheel sets are equal.
"""
import argparse, glob, hashlib, json, os, re, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from resolve import serve, pip_download  # noqa: E402  (same server, same pip command)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MVNW = os.path.join(ROOT, "mvnw")
M2 = os.path.expanduser("~/.m2/repository")

MAIN = """import tensorflow as tf

print(tf.add(2, 4).numpy())
"""

POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench.pyz</groupId>
  <artifactId>tf-app</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <dependencies>
%s
  </dependencies>
  <build>
    <finalName>app</finalName>
    <plugins>
      <plugin>
        <groupId>dev.pyz</groupId>
        <artifactId>pyz-maven-plugin</artifactId>
        <version>%s</version>
        <executions>
          <execution>
            <goals><goal>zipapp</goal></goals>
            <configuration><targetPython>3.11</targetPython></configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
"""


def run(cmd, what, **kw):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    elapsed = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit("%s failed (%d): %s\n%s" % (what, p.returncode, " ".join(cmd), p.stdout[-6000:]))
    return elapsed, p.stdout


def poms(repo):
    found = {}
    for p in glob.glob(os.path.join(repo, "pypi", "**", "*.pom"), recursive=True):
        with open(p, "rb") as f:
            found[os.path.relpath(p, repo)] = hashlib.sha256(f.read()).hexdigest()
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", default="/opt/pypi")
    ap.add_argument("--requirement", default="tensorflow-cpu==2.21.0")
    ap.add_argument("--corpus", default="/work/corpus/tf")
    ap.add_argument("--work")
    ap.add_argument("--python", default="python3.11")
    ap.add_argument("--version", default="0.1.0-SNAPSHOT")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="pyz-resolve-tf-")
    plugin_repo, repo, app = (os.path.join(work, d) for d in ("plugin-repo", "repo", "app"))
    for d in (repo, app):
        shutil.rmtree(d, ignore_errors=True)
    if os.path.isdir(os.path.join(M2, "pypi")):
        sys.exit("%s/pypi exists: it would hide what pyz:resolve installs; move it away first" % M2)

    t, _ = run([MVNW, "-B", "-ntp", "-q", "-o", "install", "-DskipTests", "-DskipITs", "-Dinvoker.skip=true",
                "-Dmaven.repo.local=" + plugin_repo, "-Dmaven.repo.local.tail=" + M2], "installing the plugin", cwd=ROOT)
    print("plugin installed into %s (%.0f s)" % (plugin_repo, t), flush=True)
    repos = ["-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=%s,%s" % (plugin_repo, M2)]

    server = serve(a.index)
    url = "http://127.0.0.1:%d/simple" % server.server_address[1]
    try:
        pip_time, pip_files = pip_download(url + "/", a.requirement, work)
        print("pip download: %d wheels in %.1f s" % (len(pip_files), pip_time), flush=True)

        resolve = [MVNW, "-B", "-ntp"] + repos + [
            "dev.pyz:pyz-maven-plugin:%s:resolve" % a.version, "-Dpyz.requirements=" + a.requirement,
            "-Dpyz.indexes=" + url, "-Dpyz.targetPython=3.11", "-Dpyz.targetPlatform=linux",
            "-Dpyz.targetMachine=x86_64"]
        os.makedirs(app)
        t_resolve, out = run(resolve, "pyz:resolve", cwd=app)
        inner = re.search(r"\(resolution and download: ([\d.]+) s\)", out)
        downloaded = re.findall(r"Downloaded (\S+\.whl) \(", out)
        print("mvn pyz:resolve: %.1f s (resolution and download %s s), %d wheels downloaded"
              % (t_resolve, inner.group(1) if inner else "?", len(downloaded)), flush=True)
        first_poms = poms(repo)

        block = re.search(r"(<dependency>\s*(?:\[INFO\]\s*)?<groupId>pypi</groupId>\s*(?:\[INFO\]\s*)?"
                          r"<artifactId>tensorflow_cpu</artifactId>.*?</dependency>)", out, re.S)
        if not block:
            sys.exit("pyz:resolve printed no <dependency> for tensorflow_cpu:\n" + out[-4000:])
        dependency = re.sub(r"\[INFO\] ?", "", block.group(1))
        os.makedirs(os.path.join(app, "src", "main", "python"))
        with open(os.path.join(app, "src", "main", "python", "__main__.py"), "w") as f:
            f.write(MAIN)
        with open(os.path.join(app, "pom.xml"), "w") as f:
            f.write(POM % (dependency, a.version))
        t_package, out = run([MVNW, "-B", "-ntp", "-o"] + repos + ["package"], "mvn package", cwd=app)
        pyz = os.path.join(app, "target", "app.pyz")
        print("mvn -o package: %.1f s, %s (%.0f MB)" % (t_package, pyz, os.path.getsize(pyz) / 1e6), flush=True)

        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PYZ_"))}
        env["PYZ_ROOT"] = os.path.join(work, "pyz-root")
        env["TF_CPP_MIN_LOG_LEVEL"] = "3"
        t0 = time.perf_counter()
        p = subprocess.run([a.python, pyz], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        t_app = time.perf_counter() - t0
        printed = p.stdout.strip()
        print("%s app.pyz: exit %d, printed %r (%.1f s, first run)" % (a.python, p.returncode, printed, t_app))
        if p.returncode != 0:
            print(p.stderr[-3000:])
        info = json.loads(subprocess.run([a.python, pyz], stdout=subprocess.PIPE, text=True, check=True,
                                         env=dict(env, PYZ_INFO="json")).stdout)
        in_pyz = sorted(w["file"] if isinstance(w, dict) and "file" in w else w.get("filename", w.get("name"))
                        for w in info["wheels"])
        corpus = sorted(f for f in os.listdir(a.corpus) if f.endswith(".whl")) if a.corpus else None
        same_pip = in_pyz == sorted(pip_files)
        print("wheels in the .pyz: %d; same as pip download's (%d): %s" % (len(in_pyz), len(pip_files), same_pip))
        if not same_pip:
            print("  only pip:", sorted(set(pip_files) - set(in_pyz)))
            print("  only pyz:", sorted(set(in_pyz) - set(pip_files)))
        same_corpus = corpus is None or in_pyz == corpus
        if corpus is not None:
            print("same as %s (%d): %s" % (a.corpus, len(corpus), same_corpus))
            if not same_corpus:
                print("  only corpus:", sorted(set(corpus) - set(in_pyz)))
                print("  only pyz:", sorted(set(in_pyz) - set(corpus)))

        t_again, out = run(resolve, "pyz:resolve again", cwd=app)
        again = re.findall(r"Downloaded (\S+\.whl) \(", out)
        reused = re.findall(r"Reused (\S+\.whl) \(", out)
        unchanged = "byte for byte: nothing changed" in out
        same_poms = poms(repo) == first_poms and unchanged and not again
        print("mvn pyz:resolve again: %.1f s, %d wheels downloaded again, %d reused, %d POMs byte-identical,"
              " 'nothing changed': %s" % (t_again, len(again), len(reused), len(first_poms), unchanged))
    finally:
        server.shutdown()
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    ok = p.returncode == 0 and printed.splitlines()[-1:] == ["6"] and same_pip and same_corpus and same_poms
    print("RESULT:", "PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

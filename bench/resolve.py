#!/usr/bin/env python3
"""pyz:resolve against pip download, in the same run, from the same local HTTP server of a real index.

Usage: bench/resolve.py [--index /opt/pypi] [--requirement tensorflow-cpu==2.21.0] [--runs N]
                        [--corpus /work/corpus/tf] [--repo DIR]

Serves INDEX (a PEP 503 folder: simple/<project>/index.html linking ../../files/<wheel>#sha256=...) over
HTTP on 127.0.0.1 with range support (bytes=a-b and bytes=-n), then times, N times each, for CPython 3.11
on manylinux x86-64:

  pip     pip download --only-binary=:all: of the requirement into an empty folder, with no cache and no
          configuration but the index (the same requirement, the same server)
  resolve mvn pyz:resolve of the requirement (its own log gives the resolution and download time apart
          from Maven's start and the install), installing into a throw-away groupId of the local repository
          DIR (which must hold the plugin: ./mvnw verify installs it into target/local-repo), the whole
          Maven run

and prints the medians and the ratio (goal <= 0.5), the bytes pyz:resolve fetched for metadata against
the size of the wheels it consulted (goal <= 2 %), and whether the wheels chosen are the ones pip
chose and, with --corpus, the ones of the corpus.
"""
import argparse, http.server, os, re, shutil, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MVNW = os.path.join(ROOT, "mvnw")


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler with single byte ranges, as index servers answer them."""
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            return super().send_head()
        rng = self.headers.get("Range")
        m = re.fullmatch(r"bytes=(\d*)-(\d*)", rng or "")
        if not m or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        if m.group(1) == "":
            start, end = max(0, size - int(m.group(2))), size - 1
        else:
            start = int(m.group(1))
            end = min(size - 1, int(m.group(2))) if m.group(2) else size - 1
        f = open(path, "rb")
        f.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Range", "bytes %d-%d/%d" % (start, end, size))
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        self.range_left = end - start + 1
        return f

    def copyfile(self, source, outputfile):
        left = getattr(self, "range_left", None)
        if left is None:
            return super().copyfile(source, outputfile)
        while left > 0:
            chunk = source.read(min(left, 1 << 16))
            if not chunk:
                break
            outputfile.write(chunk)
            left -= len(chunk)
        self.range_left = None


def serve(folder):
    handler = lambda *a, **kw: RangeHandler(*a, directory=folder, **kw)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def timed(cmd, **kw):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    elapsed = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stdout[-4000:]))
    return elapsed, p.stdout


def pip_download(url, requirement, work):
    dest = tempfile.mkdtemp(dir=work)
    env = dict(os.environ, PIP_CONFIG_FILE=os.devnull)
    t, _ = timed([sys.executable, "-m", "pip", "download", "--no-cache-dir", "--isolated", "--disable-pip-version-check",
                  "--only-binary=:all:", "--index-url", url, "-d", dest, requirement], env=env)
    files = sorted(os.listdir(dest))
    shutil.rmtree(dest)
    return t, files


def resolve(url, requirement, repo, version):
    t, out = timed([MVNW, "-B", "-ntp", "-Dmaven.repo.local=" + repo,
                    "dev.pyz:pyz-maven-plugin:%s:resolve" % version, "-Dpyz.requirements=" + requirement,
                    "-Dpyz.indexes=" + url, "-Dpyz.targetPython=3.11", "-Dpyz.targetPlatform=linux",
                    "-Dpyz.targetMachine=x86_64", "-Dpyz.groupId=bench.resolve"], cwd=tempfile.gettempdir())
    files = sorted(re.findall(r"Downloaded (\S+\.whl) \(", out))
    inner = re.search(r"\(resolution and download: ([\d.]+) s\)", out)
    m = re.search(r"Metadata: ([\d.]+ \w+) fetched, ([\d.]+)% of the ([\d.]+ \w+) of the wheels consulted", out)
    shutil.rmtree(os.path.join(repo, "bench", "resolve"), ignore_errors=True)
    return t, files, m.groups() if m else None, float(inner.group(1)) if inner else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", default="/opt/pypi")
    ap.add_argument("--requirement", default="tensorflow-cpu==2.21.0")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus")
    ap.add_argument("--repo", default=os.path.join(ROOT, "target", "local-repo"))
    ap.add_argument("--version", default="0.1.0-SNAPSHOT")
    a = ap.parse_args()
    server = serve(a.index)
    url = "http://127.0.0.1:%d/simple/" % server.server_address[1]
    work = tempfile.mkdtemp(prefix="pyz-bench-resolve-")
    pip_times, ours, inner_times = [], [], []
    try:
        for i in range(a.runs):
            t, pip_files = pip_download(url, a.requirement, work)
            pip_times.append(t)
            t, our_files, metadata, inner = resolve(url, a.requirement, a.repo, a.version)
            ours.append(t)
            inner_times.append(inner)
            print("run %d: pip %.1f s, mvn pyz:resolve %.1f s (resolution and download %.1f s)"
                  % (i + 1, pip_times[-1], t, inner), flush=True)
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    p, o = statistics.median(pip_times), statistics.median(ours)
    print("\n%s from %s over HTTP with ranges, CPython 3.11 manylinux x86-64, %d runs" % (a.requirement, a.index, a.runs))
    print("pip download      %6.1f s (median)" % p)
    print("mvn pyz:resolve   %6.1f s (median; resolution, download, install)" % o)
    r = statistics.median(inner_times)
    print("  of which         %6.1f s resolution and download (the goal's own log)" % r)
    print("ratio, whole mvn  %6.2fx pip's time" % (o / p))
    print("ratio, resolution and download %6.2fx pip's time (goal <= 0.5)" % (r / p))
    if metadata:
        print("metadata          %s fetched = %s%% of the %s of the wheels consulted (goal <= 2 %%)" % metadata)
    print("same wheels as pip: %s (%d)" % (our_files == pip_files, len(our_files)))
    if our_files != pip_files:
        print("  only pip:", sorted(set(pip_files) - set(our_files)))
        print("  only pyz:", sorted(set(our_files) - set(pip_files)))
    if a.corpus:
        corpus = sorted(f for f in os.listdir(a.corpus) if f.endswith(".whl"))
        print("same wheels as %s: %s" % (a.corpus, our_files == corpus))


if __name__ == "__main__":
    main()

"""Tests of PYZ_CACHE (the bootstrap's pyz_cache.py): what PYZ_ROOT holds, listed and pruned by real apps,
with real processes holding their folders."""
import sys

sys.dont_write_bytecode = True  # never leave __pycache__ in the source tree (it would ship as a resource)

import json  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import unittest  # noqa: E402

from pyzbuild import Wheel  # noqa: E402
from test_bootstrap import LIB, NATIVE, SHOW, ZipappTestCase, boot  # noqa: E402

import pyz_cache as cache  # noqa: E402  (test_bootstrap put the bootstrap's folder on sys.path)
import pyz_extract as extract  # noqa: E402

OTHER = Wheel("other", "2.0", {"other/__init__.py": "X = 2\n", "other/_ext.so": b"\x7fELF other " * 300}, extract=True)
DAY = 86400
# imports the native wheel, says so, then runs until its stdin is closed
HOLD = "import native, sys; print('ready', flush=True); sys.stdin.read()"
LOCKS = hasattr(os, "fork")  # POSIX: flock


def size_of(path):
    """Bytes of the files under path, counted here independently of pyz_cache (links not followed)."""
    total = 0
    for folder, dirs, files in os.walk(path):
        total += sum(os.lstat(os.path.join(folder, f)).st_size for f in files)
    return total


class CacheTestCase(ZipappTestCase):
    def folder(self, wheel):
        return os.path.join(self.root, "wheels", wheel.sha256)

    def venvs(self):
        base = os.path.join(self.root, "venvs")
        return sorted(os.path.join(base, n) for n in os.listdir(base) if os.path.isdir(os.path.join(base, n)))

    def used(self, folder, days_ago):
        """Makes folder's last use days_ago (its marker's mtime)."""
        stamp = time.time() - days_ago * DAY
        os.utime(os.path.join(folder, boot.COMPLETE), (stamp, stamp))
        return stamp

    def cache(self, app, mode, max_age=None, code=0, env=None):
        environment = dict(env or {}, PYZ_CACHE=mode)
        if max_age is not None:
            environment["PYZ_CACHE_MAX_AGE"] = max_age
        return self.run_app(app, env=environment, code=code)

    def start(self, app, *args, env=None):
        """Starts the app in the background; returns once it says "ready" (its stdin keeps it running)."""
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("PYZ_", "PYTHON"))}
        environment.update(env or {}, PYZ_ROOT=self.root)
        p = subprocess.Popen([sys.executable, app] + list(args), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, universal_newlines=True, env=environment, cwd=self.tmp)
        timer = threading.Timer(120, p.kill)  # a safety net, not an assertion
        timer.start()
        self.addCleanup(timer.cancel)
        self.addCleanup(lambda: p.poll() is not None or p.kill() or p.wait())
        line = p.stdout.readline()
        if line != "ready\n":
            p.kill()
            self.fail("the app did not get ready: %r\n%s" % (line, p.communicate()[1]))
        return p

    def stop(self, p):
        out, err = p.communicate("")
        self.assertEqual(0, p.returncode, err)


class InfoTest(CacheTestCase):
    def test_info_lists_each_folder_with_its_wheel_size_and_last_use_and_runs_nothing(self):
        app = self.app(wheels=[NATIVE, OTHER, LIB], entry={"kind": "module", "module": "lib"})
        self.run_app(app)
        p = self.cache(app, "info")
        self.assertNotIn("lib as module", p.stdout)
        lines = p.stdout.splitlines()
        self.assertEqual("PYZ_ROOT %s" % self.root, lines[0])
        for wheel, name in ((NATIVE, "native 1.0"), (OTHER, "other 2.0")):
            at = lines.index("  %s (%s)" % (name, wheel.file))
            self.assertRegex(lines[at + 1], r"^    wheels/%s  %s, last used \d{4}-\d\d-\d\d \d\d:\d\d \(just now\),"
                                            r" not in use$" % (wheel.sha256, cache.human(size_of(self.folder(wheel)))))
        self.assertIn("wheels (extracted wheels): 2 folders, %s" % cache.human(
            size_of(self.folder(NATIVE)) + size_of(self.folder(OTHER))), lines)
        self.assertIn("venvs (child interpreters): 1 folder, %s" % cache.human(size_of(self.venvs()[0])), lines)
        self.assertIn("  for %s" % app, lines)
        self.assertIn("total: %s in 3 folders, 0 in use" % cache.human(size_of(self.root)), lines)

    def test_json_gives_each_folders_wheel_or_archive_bytes_and_last_use(self):
        app = self.app(wheels=[NATIVE, OTHER])
        self.run_app(app, "-c", "pass")
        stamp = self.used(self.folder(OTHER), 3)
        data = json.loads(self.cache(app, "json").stdout)
        self.assertEqual(self.root, data["root"])
        by_path = {f["path"]: f for f in data["folders"]}
        other = by_path[self.folder(OTHER)]
        self.assertEqual({"kind": "wheel", "wheel": OTHER.file, "project": "other", "version": "2.0",
                          "bytes": size_of(self.folder(OTHER)), "in_use": False, "complete": True},
                         {k: other[k] for k in ("kind", "wheel", "project", "version", "bytes", "in_use", "complete")})
        self.assertAlmostEqual(stamp, other["last_use"], places=3)
        venv = by_path[self.venvs()[0]]
        self.assertEqual(("venv", app), (venv["kind"], venv["archive"]))
        self.assertEqual(size_of(self.root), data["bytes"])

    @unittest.skipUnless(LOCKS, "POSIX file locks")
    def test_info_tells_what_a_running_app_holds(self):
        app = self.app(wheels=[NATIVE])
        held = self.start(app, "-c", HOLD)
        lines = self.cache(app, "info").stdout.splitlines()
        self.assertTrue(lines[lines.index("  native 1.0 (%s)" % NATIVE.file) + 1].endswith(", in use"), lines)
        self.assertIn("total: %s in 2 folders, 2 in use" % cache.human(size_of(self.root)), lines)
        self.stop(held)

    def test_a_start_records_the_last_use_at_most_once_an_hour(self):
        app = self.app(wheels=[NATIVE])
        self.run_app(app, "-c", SHOW)
        marker = os.path.join(self.folder(NATIVE), boot.COMPLETE)
        old = self.used(self.folder(NATIVE), 2)
        self.run_app(app, "-c", SHOW)
        self.assertGreater(os.stat(marker).st_mtime, old + DAY, "a start after two days records its use")
        recent = self.used(self.folder(NATIVE), 0.5 / 24)
        self.run_app(app, "-c", SHOW)
        self.assertAlmostEqual(recent, os.stat(marker).st_mtime, places=3, msg="half an hour ago: not written again")

    def test_a_start_never_loads_the_cache_module(self):
        app = self.app(wheels=[NATIVE])
        code = "import sys; print('pyz_cache' in sys.modules)"
        self.assertEqual(["False", "False"], [self.run_app(app, "-c", code).stdout.strip() for _ in range(2)])

    def test_max_age(self):
        for text, seconds in (("7d", 7 * DAY), ("7", 7 * DAY), ("12h", 12 * 3600), ("45m", 2700), ("90s", 90),
                              ("0", 0), ("", 30 * DAY), (" 1.5D ", 1.5 * DAY)):
            self.assertEqual(seconds, cache.max_age(text), text)
        for text in ("soon", "-1d", "d", "nan"):
            with self.assertRaises(boot.PyzError, msg=text):
                cache.max_age(text)

    def test_unknown_values_are_refused_with_what_is_known(self):
        app = self.app(wheels=[LIB])
        self.assertEqual("pyz: PYZ_CACHE=list is not one of info, json, prune\n", self.cache(app, "list", code=1).stderr)
        p = self.cache(app, "prune", max_age="soon", code=1)
        self.assertIn("PYZ_CACHE_MAX_AGE=soon is not an age such as 30d", p.stderr)


@unittest.skipUnless(LOCKS, "POSIX file locks")
class PruneTest(CacheTestCase):
    def test_prune_removes_what_was_not_used_for_the_age_and_keeps_the_rest(self):
        app = self.app(wheels=[NATIVE, OTHER])
        self.run_app(app, "-c", "import native, other")
        self.used(self.folder(NATIVE), 40)
        venv = self.venvs()[0]
        self.used(venv, 31)
        native = size_of(self.folder(NATIVE))
        freed = native + size_of(venv)
        p = self.cache(app, "prune")
        self.assertFalse(os.path.exists(self.folder(NATIVE)))
        self.assertFalse(os.path.exists(self.folder(NATIVE) + ".lock"), "its lock file goes too")
        self.assertFalse(os.path.exists(venv))
        self.assertTrue(os.path.isfile(os.path.join(self.folder(OTHER), boot.COMPLETE)), "used just now: kept")
        self.assertIn("removed wheels/%s  native 1.0 (%s)  %s, last used " % (NATIVE.sha256, NATIVE.file,
                                                                            cache.human(native)), p.stdout)
        self.assertTrue(p.stdout.endswith("freed %s (%d bytes): 2 folders removed; kept 0 in use and 1 used within"
                                          " 30 days\n" % (cache.human(freed), freed)), p.stdout)
        self.used(self.folder(OTHER), 10)
        self.cache(app, "prune", max_age="11d")
        self.assertTrue(os.path.isdir(self.folder(OTHER)), "used 10 days ago, younger than 11 days")
        self.cache(app, "prune", max_age="9d")
        self.assertFalse(os.path.exists(self.folder(OTHER)))
        self.assertEqual(["venvs", "wheels"], sorted(os.listdir(self.root)))
        self.assertEqual([], os.listdir(os.path.join(self.root, "wheels")), "no lock file, no leftover")

    def test_prune_keeps_what_a_running_app_holds_and_removes_the_rest(self):
        held_app = self.app("held.pyz", wheels=[NATIVE])
        other_app = self.app("other.pyz", wheels=[OTHER])
        self.run_app(other_app, "-c", "import other")
        held = self.start(held_app, "-c", HOLD)
        p = self.cache(other_app, "prune", max_age="0")
        self.assertTrue(os.path.isfile(os.path.join(self.folder(NATIVE), boot.COMPLETE)))
        self.assertIn("kept    wheels/%s  native 1.0 (%s): in use by a running app" % (NATIVE.sha256, NATIVE.file),
                      p.stdout)
        self.assertFalse(os.path.exists(self.folder(OTHER)), "not held: removed")
        self.assertEqual(1, len(self.venvs()), "the running app's child interpreter stays, the other one goes")
        self.assertIn("held.pyz", self.venvs()[0])
        self.assertIn("2 folders removed; kept 2 in use\n", p.stdout)
        self.stop(held)  # it ran to its end with its folder whole
        self.cache(other_app, "prune", max_age="0")
        self.assertFalse(os.path.exists(self.folder(NATIVE)), "no longer held: removed")
        self.assertEqual([], self.venvs())

    def test_a_start_after_a_prune_extracts_again(self):
        app = self.app(wheels=[NATIVE])
        first = self.run_app(app, "-c", SHOW).stdout
        self.cache(app, "prune", max_age="0")
        self.assertFalse(os.path.exists(self.folder(NATIVE)))
        self.assertEqual(first, self.run_app(app, "-c", SHOW).stdout)
        self.assertTrue(first.endswith("True\n"), first)
        self.assertTrue(os.path.isfile(os.path.join(self.folder(NATIVE), boot.COMPLETE)))

    def test_prune_removes_the_leftovers_of_killed_starts_and_prunes_but_not_a_temp_folder_being_written(self):
        app = self.app(wheels=[NATIVE])
        self.run_app(app, "-c", SHOW)
        wheels = os.path.join(self.root, "wheels")
        leftovers = {".tmp-%s-old" % NATIVE.sha256[:12]: 2 * 3600, NATIVE.sha256 + ".stale-123": 0,
                     ".removing-%s-456" % NATIVE.sha256: 0, ".tmp-%s-new" % NATIVE.sha256[:12]: 0}
        for name, age in leftovers.items():
            os.makedirs(os.path.join(wheels, name, "pkg"))
            with open(os.path.join(wheels, name, "pkg", "x.so"), "wb") as f:
                f.write(b"x" * 1000)
            os.utime(os.path.join(wheels, name), (time.time() - age, time.time() - age))
        open(os.path.join(wheels, "0" * 64 + ".lock"), "w").close()  # a lock file whose folder is gone
        p = self.cache(app, "prune")
        self.assertEqual(sorted([NATIVE.sha256, NATIVE.sha256 + ".lock", ".tmp-%s-new" % NATIVE.sha256[:12]]),
                         sorted(os.listdir(wheels)), "a temp folder younger than an hour may be an extraction under way")
        self.assertIn("removed wheels/.removing-%s-456  1.0 kB, left by an interrupted prune" % NATIVE.sha256, p.stdout)
        self.assertIn("freed 3.0 kB (3000 bytes): 0 folders removed", p.stdout)

    def test_a_start_that_waits_while_a_prune_removes_its_folder_extracts_it_again(self):
        import fcntl
        app = self.app(wheels=[NATIVE])
        self.run_app(app, "-c", SHOW)
        folder = cache.Folder(self.root, "wheels", NATIVE.sha256)
        lock = extract._Lock(folder.lock)
        self.assertTrue(lock.acquire(block=False))  # this process is the prune now
        p = subprocess.Popen([sys.executable, app, "-c", SHOW + "; " + HOLD], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, cwd=self.tmp,
                             env=dict({k: v for k, v in os.environ.items() if not k.startswith(("PYZ_", "PYTHON"))},
                                      PYZ_ROOT=self.root, PYZ_VERBOSE="1"))
        timer = threading.Timer(120, p.kill)
        timer.start()
        self.addCleanup(timer.cancel)
        said = []
        while not any("waiting for another process extracting " + NATIVE.file in line for line in said):
            said.append(p.stderr.readline())
            self.assertTrue(said[-1], "the start ended without waiting: %s" % said)
        self.assertTrue(cache.remove(folder, lock))  # marker, rename, lock file, unlock, files
        self.assertEqual(["True\n", "ready\n"], [p.stdout.readline() for _ in range(3)][1:])
        self.assertTrue(os.path.isfile(os.path.join(self.folder(NATIVE), boot.COMPLETE)))
        with open(self.folder(NATIVE) + ".lock") as f:  # the start holds the new lock file, not the removed one
            with self.assertRaises(BlockingIOError):
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        out, err = p.communicate("")
        self.assertEqual(0, p.returncode, err)
        self.assertIn("extracting %s, which the other process did not finish" % NATIVE.file, err)

    def test_a_folder_deleted_while_an_app_holds_it_is_extracted_privately_then_repaired(self):
        import shutil
        app = self.app(wheels=[NATIVE])
        held = self.start(app, "-c", HOLD)
        shutil.rmtree(self.folder(NATIVE))  # by hand, while the app runs: its lock stays held
        p = self.run_app(app, "-c", SHOW)
        self.assertTrue(p.stdout.endswith("True\n"), p.stdout)
        self.assertFalse(p.stdout.startswith(self.root), "a private copy: " + p.stdout)
        self.assertIn("pyz: warning: %s is incomplete, and running apps hold it" % self.folder(NATIVE), p.stderr)
        self.stop(held)
        p = self.run_app(app, "-c", SHOW)
        self.assertEqual(os.path.join(self.folder(NATIVE), "native", "__init__.py"), p.stdout.splitlines()[0])
        self.assertEqual("", p.stderr)

    def test_a_native_executable_keeps_its_folder_in_use_while_it_runs(self):
        tool = Wheel("tool", "1.0", {"tool/__init__.py": "", "bin/tool": "#!/bin/sh\necho ready\nread line\nexit 0\n"},
                     extract=True, scripts={"tool": "native"})
        app = self.app(wheels=[tool], entry={"kind": "executable", "name": "tool", "wheel": tool.file, "path": "bin/tool"})
        running = self.start(app)  # the shell that replaced the app's process
        p = self.cache(app, "prune", max_age="0")
        self.assertIn("kept    wheels/%s  tool 1.0 (%s): in use by a running app" % (tool.sha256, tool.file), p.stdout)
        self.assertTrue(os.path.isfile(os.path.join(self.folder(tool), boot.COMPLETE)))
        self.stop(running)
        self.cache(app, "prune", max_age="0")
        self.assertFalse(os.path.exists(self.folder(tool)))


class WithoutLocksTest(CacheTestCase):
    """Where there is no fcntl (Windows), shown here by a PYTHONPATH that hides it."""

    def setUp(self):
        super(WithoutLocksTest, self).setUp()
        self.hide = os.path.join(self.tmp, "nofcntl")
        os.makedirs(self.hide)
        with open(os.path.join(self.hide, "fcntl.py"), "w") as f:
            f.write("raise ImportError('no fcntl here')\n")

    def test_apps_run_info_cannot_tell_what_is_in_use_and_prune_refuses(self):
        app = self.app(wheels=[NATIVE])
        env = {"PYTHONPATH": self.hide}
        self.assertTrue(self.run_app(app, "-c", SHOW, env=env).stdout.endswith("True\n"))
        self.assertTrue(self.run_app(app, "-c", SHOW, env=env).stdout.endswith("True\n"), "reused")
        self.assertIn(", in use unknown (no file locks here)", self.cache(app, "info", env=env).stdout)
        p = self.cache(app, "prune", max_age="0", code=1, env=env)
        self.assertIn("PYZ_CACHE=prune needs file locks to tell which folders running apps use", p.stderr)
        self.assertIn("nothing was removed", p.stderr)
        self.assertTrue(os.path.isfile(os.path.join(self.folder(NATIVE), boot.COMPLETE)))


if __name__ == "__main__":
    unittest.main()

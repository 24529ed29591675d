"""Tests of the runtime bootstrap (src/main/resources/dev/pyz/bootstrap), run by a real interpreter:
`python -m unittest discover -s src/test/python`. Each test builds a small zipapp and runs it."""
import sys

sys.dont_write_bytecode = True  # never leave __pycache__ in the source tree (it would ship as a resource)

import importlib.util  # noqa: E402
import marshal  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import struct  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import unittest  # noqa: E402

import pyzbuild  # noqa: E402
from pyzbuild import Wheel  # noqa: E402

sys.path.insert(0, pyzbuild.RESOURCES)
import pyz_bootstrap as boot  # noqa: E402
import pyz_extract as extract  # noqa: E402

PY = "py%d%d" % sys.version_info[:2]
CP = "cp%d%d" % sys.version_info[:2]


class ZipappTestCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pyz-test-")
        self.root = os.path.join(self.tmp, "root")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def app(self, name="app.pyz", **kw):
        return pyzbuild.build(os.path.join(self.tmp, name), **kw)

    def run_app(self, app, *args, env=None, stdin=None, code=0):
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("PYZ_", "PYTHON"))}
        environment["PYZ_ROOT"] = self.root
        environment.update(env or {})
        p = subprocess.run([sys.executable, app] + list(args), input=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True, env=environment, cwd=self.tmp,
                           timeout=120)
        if code is not None:
            self.assertEqual(code, p.returncode, "stdout:\n%s\nstderr:\n%s" % (p.stdout, p.stderr))
        return p

    def run_at_once(self, copies, app, *args):
        """Starts copies of the app at the same time; asserts that every one succeeds; their results."""
        results = []
        threads = [threading.Thread(target=lambda: results.append(self.run_app(app, *args, code=None)))
                   for _ in range(copies)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual([0] * copies, [r.returncode for r in results], [r.stderr for r in results if r.returncode])
        return results


LIB = Wheel("lib", "1.2", {"lib/__init__.py": "VALUE = 42\ndef main():\n    import sys\n    print('main', sys.argv)\n"
                                                 "    return 5\n",
                           "lib/__main__.py": "import sys\nprint('lib as module', __name__, sys.argv[1:])\n",
                           "lib/data.txt": "packaged data\n",
                           "lib/sub/__init__.py": "",
                           "lib/sub/deep.txt": "deep data\n"},
            entry_points="[console_scripts]\nlib-cli = lib:main\n")


class EntryPointTest(ZipappTestCase):
    def test_module_runs_like_python_dash_m(self):
        p = self.run_app(self.app(wheels=[LIB], entry={"kind": "module", "module": "lib"}), "a", "b c")
        self.assertEqual("lib as module __main__ ['a', 'b c']\n", p.stdout)

    def test_callable_return_value_is_the_exit_status(self):
        app = self.app(wheels=[LIB], entry={"kind": "callable", "module": "lib", "attr": "main", "name": "lib-cli"})
        p = self.run_app(app, "x", code=5)
        self.assertRegex(p.stdout, r"^main \['.*/venvs/app\.pyz-[0-9a-f]{8}/bin/lib-cli', 'x'\]\n$")
        p = self.run_app(app, "x", code=5, env={"PYZ_CHILD_PYTHON": "0"})
        self.assertEqual("main ['lib-cli', 'x']\n", p.stdout, "no child interpreter: the script's name")

    def test_project_main_runs_as_main_with_sources_importable(self):
        app = self.app(sources={"mine/__init__.py": "WHO = 'mine'\n",
                                "__main__.py": "import sys, mine\nprint(__name__, mine.WHO, sys.argv[1:])\n"},
                       entry={"kind": "source", "path": ".pyz/app_main.py"})
        self.assertEqual("__main__ mine ['q']\n", self.run_app(app, "q").stdout)

    def test_uncaught_exception_gives_traceback_and_status_1(self):
        app = self.app(sources={"boom.py": "def go():\n    raise ValueError('kaput')\n"},
                       entry={"kind": "callable", "module": "boom", "attr": "go", "name": "boom"})
        p = self.run_app(app, code=1)
        self.assertIn("ValueError: kaput", p.stderr)
        self.assertIn("Traceback", p.stderr)


class InterpreterModeTest(ZipappTestCase):
    def setUp(self):
        super().setUp()
        self.pyz = self.app(wheels=[LIB])

    def test_dash_c_with_arguments(self):
        p = self.run_app(self.pyz, "-c", "import sys, lib; print(lib.VALUE, sys.argv, type(__builtins__).__name__)",
                         "1", "2")
        self.assertEqual("42 ['-c', '1', '2'] module\n", p.stdout)

    def test_dash_m(self):
        self.assertEqual("lib as module __main__ ['z']\n", self.run_app(self.pyz, "-m", "lib", "z").stdout)

    def test_the_working_folder_comes_first_as_python_puts_it(self):
        # `app.pyz -m pytest tests` whose tests import a module of the project
        with open(os.path.join(self.tmp, "here.py"), "w") as f:
            f.write("import sys\nprint('here', __name__, sys.path[0] in ('', %r))\n" % self.tmp)
        self.assertEqual("here here True\n", self.run_app(self.pyz, "-c", "import here").stdout)
        self.assertEqual("here __main__ True\n", self.run_app(self.pyz, "-m", "here").stdout)
        self.assertEqual("here here True\n", self.run_app(self.pyz, stdin="import here\n").stdout)

    def test_script_file(self):
        script = os.path.join(self.tmp, "script.py")
        with open(script, "w") as f:
            f.write("import sys, lib\nprint('script', lib.VALUE, sys.argv[1:], __name__, type(__builtins__).__name__)\n")
        self.assertEqual("script 42 ['s'] __main__ module\n", self.run_app(self.pyz, script, "s").stdout)

    def test_stdin(self):
        self.assertEqual("42\n", self.run_app(self.pyz, stdin="import lib\nprint(lib.VALUE)\n").stdout)

    def test_system_exit_passes_through(self):
        self.run_app(self.pyz, "-c", "raise SystemExit(3)", code=3)

    def test_forced_by_environment(self):
        app = self.app("forced.pyz", wheels=[LIB], entry={"kind": "module", "module": "lib"})
        p = self.run_app(app, "-c", "print('forced')", env={"PYZ_INTERPRETER": "1"})
        self.assertEqual("forced\n", p.stdout)


class ImportTest(ZipappTestCase):
    def test_pure_wheels_import_from_the_archive_and_nothing_is_extracted(self):
        app = self.app(wheels=[LIB])
        p = self.run_app(app, "-c", "import lib; print(lib.__file__)")
        self.assertTrue(p.stdout.strip().startswith(os.path.join(app, ".deps", LIB.file)), p.stdout)
        self.assertEqual(["venvs"], os.listdir(self.root), "a pure wheel needs no extraction (venvs: see ChildTest)")
        self.run_app(app, "-c", "pass", env={"PYZ_CHILD_PYTHON": "0"})

    def test_metadata_version_entry_points_and_files(self):
        code = ("from importlib import metadata as m\n"
                "print(m.version('lib'), m.version('LIB'))\n"
                "print(m.distribution('lib').metadata['Name'])\n"
                "eps = m.entry_points()\n"
                "scripts = eps.select(group='console_scripts') if hasattr(eps, 'select') else eps['console_scripts']\n"
                "print([e.value for e in scripts if e.name == 'lib-cli'])\n"
                "print(sorted(str(f) for f in m.files('lib') if f.name == 'data.txt'))\n"
                "print(len([d for d in m.distributions() if d.metadata['Name'] == 'lib']))\n")
        p = self.run_app(self.app(wheels=[LIB]), "-c", code)
        self.assertEqual("1.2 1.2\nlib\n['lib:main']\n['lib/data.txt']\n1\n", p.stdout)

    def test_located_files_read_through_the_archive_and_are_path_like(self):
        # as installed distributions give paths: code does pathlib.Path(dist.locate_file(...)) or os.fspath
        code = ("import os, pathlib\nfrom importlib import metadata as m\n"
                "f = [f for f in m.files('lib') if f.name == 'data.txt'][0]\n"
                "print(f.read_text().strip())\n"
                "located = m.distribution('lib').locate_file('lib/data.txt')\n"
                "print(located.read_text().strip(), os.fspath(located) == str(pathlib.Path(located)))\n"
                "print(os.path.relpath(os.fspath(located), os.path.dirname(sys.argv[0]) if False else '.'))\n")
        code += ("folder = m.distribution('lib').locate_file('lib')\n"
                 "print(folder.is_dir(), sorted(p.name for p in folder.iterdir())[:2],"
                 " os.fspath(folder / 'data.txt') == os.fspath(located))\n")
        p = self.run_app(self.app(wheels=[LIB]), "-c", "import sys\n" + code)
        lines = p.stdout.splitlines()
        self.assertEqual(["packaged data", "packaged data True"], lines[:2])
        self.assertEqual("True ['__init__.py', '__main__.py'] True", lines[3])
        self.assertTrue(lines[2].endswith(os.path.join("app.pyz", ".deps", LIB.file, "lib", "data.txt")), lines[2])

    def test_namespace_package_split_across_two_wheels(self):
        one = Wheel("ns-one", "1.0", {"ns/one/__init__.py": "X = 1\n"})
        two = Wheel("ns-two", "1.0", {"ns/two/__init__.py": "Y = 2\n"})
        p = self.run_app(self.app(wheels=[one, two]), "-c", "import ns.one, ns.two; print(ns.one.X + ns.two.Y)")
        self.assertEqual("3\n", p.stdout)

    def test_package_data_through_pkgutil_and_importlib_resources(self):
        code = ("import pkgutil, sys, warnings\nwarnings.simplefilter('ignore')\n"
                "import importlib.resources as r\n"
                "print(pkgutil.get_data('lib', 'data.txt').decode().strip())\n"
                "print(r.read_text('lib', 'data.txt').strip())\n"
                "print(r.is_resource('lib', 'data.txt'), r.is_resource('lib', 'nope.txt'), sorted(r.contents('lib')))\n"
                "print(r.read_text('lib.sub', 'deep.txt').strip(), sorted(r.contents('lib.sub')))\n"
                "if sys.version_info >= (3, 9):\n"
                "    print(r.files('lib').joinpath('data.txt').read_text().strip())\n"
                "else:\n    print('packaged data')\n")
        self.assertEqual("packaged data\npackaged data\nTrue False ['__init__.py', '__main__.py', 'data.txt', 'sub']\n"
                         "deep data ['__init__.py', 'deep.txt']\npackaged data\n", self.run_app(self.app(wheels=[LIB]), "-c", code).stdout)


NATIVE = Wheel("native", "1.0", {"native/__init__.py": "import os\nHERE = __file__\n"
                                                       "SO = os.path.join(os.path.dirname(__file__), '_ext.so')\n",
                                 "native/_ext.so": b"\x7fELF not really a library"}, extract=True)
SHOW = "import native, os; print(native.HERE); print(os.path.isfile(native.SO))"


class MetadataCostTest(ZipappTestCase):
    def test_the_bootstrap_does_not_import_importlib_metadata(self):
        # about 10 ms at every start: only an app that uses it pays for it (site may import it itself, so
        # compare with the same interpreter started without the archive)
        probe = "import sys; print('importlib.metadata' in sys.modules)"
        plain = subprocess.run([sys.executable, "-c", probe], stdout=subprocess.PIPE, universal_newlines=True)
        p = self.run_app(self.app(wheels=[LIB, NATIVE]), "-c", probe)
        self.assertEqual(plain.stdout, p.stdout)


    def test_a_pure_app_starts_without_json_re_or_sysconfig(self):
        # json (with the re and enum it imports) and sysconfig cost a small CLI about 5 ms of a 50 ms start;
        # compare with a zipapp of the same interpreter that has no bootstrap, as site and the way Python
        # runs a zip may import some of them themselves (3.9's runpy imports typing, hence re)
        probe = "import sys; print(sorted(m for m in ('json', 're', 'enum', 'sysconfig') if m in sys.modules))"
        import zipfile
        bare = os.path.join(self.tmp, "bare.pyz")
        with zipfile.ZipFile(bare, "w") as z:
            z.writestr("__main__.py", probe + "\n")
        plain = self.run_app(bare)
        strict = Wheel("strict", "1.0", {"strict/__init__.py": ""}, requires_python=">=3.8, !=3.0.*")
        p = self.run_app(self.app(wheels=[LIB, strict]), "-c", probe)
        self.assertEqual(plain.stdout, p.stdout)

    def test_names_are_normalized_as_pep_503_says(self):
        import re
        for name in ["Foo", "foo_bar", "foo.bar", "Foo-_.Bar", "a__b--c..d", "zope.interface", "-x_", "Typing_Extensions"]:
            self.assertEqual(re.sub(r"[-_.]+", "-", name).lower(), boot._normalize(name), name)

    def test_lookups_by_name_and_full_scans_never_parse_the_archive_again(self):
        code = ("import zipfile\n"
                "opened = []\n"
                "init = zipfile.ZipFile.__init__\n"
                "def counting(self, file, *args, **kwargs):\n"
                "    init(self, file, *args, **kwargs)\n"
                "    opened.append(str(file))\n"
                "zipfile.ZipFile.__init__ = counting\n"
                "from importlib import metadata as m\n"
                "print(m.version('lib'), m.version('native'), m.distribution('lib').read_text('METADATA') is not None)\n"
                "print(m.distribution('native').locate_file('native').is_dir())\n"
                "eps = m.entry_points()\n"
                "print(len([d for d in m.distributions() if d.metadata['Name'] in ('lib', 'native')]))\n"
                "print(opened)\n")
        p = self.run_app(self.app(wheels=[LIB, NATIVE]), "-c", code)
        # a full scan lists each bundled distribution once: the archive's from here, the extracted one
        # from the stock finder (this finder answers for it only by name)
        lines = p.stdout.splitlines()
        self.assertEqual(["1.2 1.0 True", "True", "2"], lines[:3])
        self.assertEqual("[]", lines[3], "no ZipFile opened for metadata: zipimport's directory serves it")


class ExtractionTest(ZipappTestCase):
    def test_native_wheels_are_extracted_once_and_reused(self):
        app = self.app(wheels=[NATIVE, LIB])
        folder = os.path.join(self.root, "wheels", NATIVE.sha256)
        p = self.run_app(app, "-c", SHOW)
        self.assertEqual("%s\nTrue\n" % os.path.join(folder, "native", "__init__.py"), p.stdout)
        self.assertTrue(os.access(os.path.join(folder, "native", "_ext.so"), os.X_OK), "modes are kept")
        stamp = os.stat(os.path.join(folder, "native", "__init__.py")).st_mtime_ns
        p = self.run_app(app, "-c", SHOW, env={"PYZ_VERBOSE": "1"})
        self.assertIn("reusing", p.stderr)
        self.assertEqual(stamp, os.stat(os.path.join(folder, "native", "__init__.py")).st_mtime_ns)
        self.assertEqual([NATIVE.sha256, "%s.lock" % NATIVE.sha256],
                         sorted(os.listdir(os.path.join(self.root, "wheels"))), "no temp folder is left")

    def test_the_extraction_module_is_loaded_only_to_extract(self):
        code = "import sys; print('pyz_extract' in sys.modules)"
        self.assertEqual("False\n", self.run_app(self.app("pure.pyz", wheels=[LIB]), "-c", code).stdout)
        app = self.app(wheels=[NATIVE, LIB])
        self.assertEqual("True\n", self.run_app(app, "-c", code).stdout, "the first start extracts")
        self.assertEqual("False\n", self.run_app(app, "-c", code).stdout, "the next one reuses the folder")

    def test_a_damaged_extraction_is_redone(self):
        app = self.app(wheels=[NATIVE])
        self.run_app(app, "-c", SHOW)
        folder = os.path.join(self.root, "wheels", NATIVE.sha256)
        os.remove(os.path.join(folder, boot.COMPLETE))
        os.remove(os.path.join(folder, "native", "_ext.so"))
        self.assertTrue(self.run_app(app, "-c", SHOW).stdout.endswith("True\n"))
        self.assertTrue(os.path.isfile(os.path.join(folder, boot.COMPLETE)))

    def test_concurrent_starts_all_succeed_with_one_copy(self):
        results = self.run_at_once(20, self.app(wheels=[NATIVE]), "-c", SHOW)
        self.assertEqual(1, len({r.stdout for r in results}))
        self.assertEqual([NATIVE.sha256, "%s.lock" % NATIVE.sha256], sorted(os.listdir(os.path.join(self.root, "wheels"))))

    def test_a_large_wheel_is_extracted_by_threads_with_every_byte_right(self):
        import hashlib
        blobs = {"big/part%d.bin" % i: os.urandom(3 << 20) for i in range(4)}
        blobs.update({"big/small%d.py" % i: "N = %d\n" % i for i in range(50)})
        # inflates to many times the bytes read at once: the output is taken from zlib in bounded pieces
        blobs["big/zeros.bin"] = bytes(6 << 20)
        blobs["big/text.bin"] = b"".join(b"line %d of a compressible file\n" % i for i in range(200000))
        blobs["big/__init__.py"] = "import os\nHERE = os.path.dirname(__file__)\n"
        big = Wheel("big", "1.0", blobs, extract=True)
        self.assertGreater(sum(len(v) for v in blobs.values()), extract.PARALLEL_EXTRACT_BYTES)
        p = self.run_app(self.app(wheels=[big]), "-c", "import big; print(big.HERE)")
        here = p.stdout.strip()
        self.assertTrue(here.startswith(os.path.join(self.root, "wheels", big.sha256)), here)
        for name, content in blobs.items():
            data = content.encode() if isinstance(content, str) else content
            with open(os.path.join(here, os.path.basename(name)), "rb") as f:
                self.assertEqual(hashlib.sha256(data).hexdigest(), hashlib.sha256(f.read()).hexdigest(), name)

    def test_files_matching_extract_exclude_stay_in_the_archive(self):
        headers = Wheel("withheaders", "1.0", {"withheaders/__init__.py": "import os\nHERE = os.path.dirname(__file__)\n",
                                                "withheaders/_ext.so": b"\x7fELF",
                                                "withheaders/include/a/b.h": "int b;\n",
                                                "withheaders/include/c.h": "int c;\n"}, extract=True)
        app = self.app(wheels=[headers], extract_exclude=["withheaders/include/**"])
        p = self.run_app(app, "-c", "import os, withheaders as w; print(sorted(set(os.listdir(w.HERE)) - {'__pycache__'}));"
                                    " print(os.listdir(os.path.join(w.HERE, 'include')))")
        self.assertEqual("['__init__.py', '_ext.so', 'include']\n[]\n", p.stdout)
        folder = boot.folder_name(headers.manifest(), ["withheaders/include/**"])
        self.assertTrue(folder.startswith(headers.sha256 + "-x"), folder)
        self.assertTrue(os.path.isfile(os.path.join(self.root, "wheels", folder, boot.COMPLETE)))
        # the same wheel from a zipapp that wants every file gets a folder of its own
        full = self.app(name="full.pyz", wheels=[headers])
        p = self.run_app(full, "-c", "import os, withheaders as w; print(sorted(os.listdir(os.path.join(w.HERE, 'include'))))")
        self.assertEqual("['a', 'c.h']\n", p.stdout)

    def test_extract_exclude_patterns(self):
        cases = [("a/include/**", "a/include/x/y.h", True), ("a/include/**", "a/include", False),
                 ("a/include/**", "a/includes/x.h", False), ("**/*.h", "a/b/c.h", True), ("**/*.h", "c.h", True),
                 ("*.h", "a/c.h", False), ("a/?.h", "a/b.h", True), ("a/?.h", "a/bb.h", False),
                 ("a.b/[x]", "a.b/[x]", True)]
        for pattern, path, expected in cases:
            self.assertEqual(expected, extract.exclusion([pattern])(path), (pattern, path))
        self.assertIsNone(extract.exclusion([]))

    @unittest.skipUnless(hasattr(os, "fork"), "POSIX file locks")
    def test_a_start_waits_for_a_wheel_another_process_holds_and_takes_over_when_it_gives_up(self):
        import fcntl
        app = self.app(wheels=[NATIVE, LIB])
        wheels = os.path.join(self.root, "wheels")
        os.makedirs(wheels)
        fd = os.open(os.path.join(wheels, NATIVE.sha256 + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)  # "another process" extracting the wheel
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("PYZ_", "PYTHON"))}
        environment.update(PYZ_ROOT=self.root, PYZ_VERBOSE="1")
        p = subprocess.Popen([sys.executable, app, "-c", SHOW], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True, env=environment, cwd=self.tmp)
        timer = threading.Timer(60, p.kill)
        timer.start()
        try:
            said = []
            while not any("waiting for another process extracting " + NATIVE.file in line for line in said):
                line = p.stderr.readline()
                self.assertTrue(line, "the start ended without waiting: %s" % said)
                said.append(line)
            self.assertFalse(os.path.exists(os.path.join(wheels, NATIVE.sha256)), "it waits, it does not extract")
            fcntl.flock(fd, fcntl.LOCK_UN)  # the other process gives up without finishing
            os.close(fd)
            out, err = p.communicate()
        finally:
            timer.cancel()
        self.assertEqual(0, p.returncode, err)
        self.assertIn("extracting %s, which the other process did not finish" % NATIVE.file, err)
        self.assertTrue(out.endswith("True\n"), out)
        self.assertTrue(os.path.isfile(os.path.join(wheels, NATIVE.sha256, boot.COMPLETE)))

    def test_concurrent_starts_of_several_native_wheels_all_succeed_with_one_copy_each(self):
        # each start takes the wheels no other start is extracting, then waits for the rest holding no
        # lock: every start succeeds and every wheel is extracted once
        others = [Wheel("conc%d" % i, "1.0", {"conc%d/__init__.py" % i: "N = %d\n" % i,
                                               "conc%d/_ext.so" % i: os.urandom(1 << 20)}, extract=True)
                  for i in range(6)]
        app = self.app(wheels=others)
        code = "import " + ", ".join("conc%d" % i for i in range(6)) + "; print(sum(m.N for m in [%s]))" % ", ".join(
            "conc%d" % i for i in range(6))
        results = self.run_at_once(10, app, "-c", code)
        self.assertEqual({"15\n"}, {r.stdout for r in results})
        expected = sorted([w.sha256 for w in others] + ["%s.lock" % w.sha256 for w in others])
        self.assertEqual(expected, sorted(os.listdir(os.path.join(self.root, "wheels"))), "one folder a wheel, no leftovers")

    def test_several_native_wheels_are_extracted_side_by_side(self):
        others = [Wheel("native%d" % i, "1.0", {"native%d/__init__.py" % i: "N = %d\n" % i,
                                                 "native%d/_ext.so" % i: b"\x7fELF %d" % i}, extract=True)
                  for i in range(5)]
        app = self.app(wheels=[NATIVE] + others)
        p = self.run_app(app, "-c", "import native0, native4, native; print(native0.N + native4.N); print(native.HERE)")
        self.assertEqual("4", p.stdout.splitlines()[0])
        for w in [NATIVE] + others:
            self.assertTrue(os.path.isfile(os.path.join(self.root, "wheels", w.sha256, boot.COMPLETE)), w.file)
        self.assertEqual(12, len(os.listdir(os.path.join(self.root, "wheels"))), "six folders and six locks, no leftovers")

    def test_a_damaged_entry_stops_the_extraction_with_its_name(self):
        app = self.app(wheels=[NATIVE])
        with open(app, "rb") as f:
            data = bytearray(f.read())
        # flip a byte of the .so's CRC in its central directory record: its content no longer matches
        name = (".deps/%s/native/_ext.so" % NATIVE.file).encode()
        at = data.find(name, data.find(b"PK\x01\x02")) - 46
        self.assertEqual(b"PK\x01\x02", bytes(data[at:at + 4]))
        data[at + 16] ^= 0xFF
        with open(app, "wb") as f:
            f.write(data)
        p = self.run_app(app, "-c", SHOW, code=1)
        self.assertIn("_ext.so does not match its CRC", p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.root, "wheels", NATIVE.sha256)), "nothing half-done")

    def test_an_entry_leaving_its_folder_is_refused(self):
        evil = Wheel("evil", "1.0", {"evil/__init__.py": ""}, extract=True)
        app = self.app(wheels=[evil], raw_entries=[(".deps/%s/../../escaped.py" % evil.file, b"x = 1\n", 0o100644)])
        p = self.run_app(app, "-c", "print('ran')", code=1)
        self.assertIn("the path leaves its folder", p.stderr)
        self.assertNotIn("ran", p.stdout)
        self.assertFalse(os.path.exists(os.path.join(self.root, "escaped.py")))

    def test_an_unwritable_root_falls_back_to_a_temporary_folder(self):
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            blocker = os.path.join(self.tmp, "file-not-dir")
            open(blocker, "w").close()
            root = os.path.join(blocker, "sub")  # cannot be created, even by root
        else:
            root = os.path.join(self.tmp, "ro")
            os.makedirs(root)
            os.chmod(root, 0o500)
        p = self.run_app(self.app(wheels=[NATIVE]), "-c", SHOW, env={"PYZ_ROOT": root})
        self.assertIn("warning: cannot write to", p.stderr)
        self.assertTrue(p.stdout.endswith("True\n"))


class CompatibilityTest(ZipappTestCase):
    def test_a_wheel_for_another_python_stops_before_any_import(self):
        other = "cp%d%d" % (sys.version_info[0], sys.version_info[1] + 1)
        foreign = Wheel("foreign", "1.0", {"foreign/__init__.py": "print('imported!')\n"},
                        tags=("%s-%s-any" % (other, other),))
        p = self.run_app(self.app(wheels=[foreign, LIB]), "-c", "import foreign", code=1)
        self.assertNotIn("imported!", p.stdout)
        self.assertIn(foreign.file, p.stderr)
        self.assertIn("%d.%d" % sys.version_info[:2], p.stderr)
        self.assertNotIn(LIB.file, p.stderr)
        self.assertNotIn("Traceback", p.stderr)

    def test_requires_python_is_checked(self):
        future = Wheel("future", "1.0", {"future/__init__.py": ""}, requires_python=">=4")
        p = self.run_app(self.app(wheels=[future]), "-c", "print(1)", code=1)
        self.assertIn("%s: Requires-Python >=4" % future.file, p.stderr)

    def test_tags(self):
        env = boot.Environment("cp", (3, 11, 4), "", ["manylinux_2_36_x86_64", "manylinux_2_17_x86_64",
                                                        "manylinux2014_x86_64", "manylinux_2_5_x86_64",
                                                        "manylinux1_x86_64", "linux_x86_64"])
        fits = ["py3-none-any", "py311-none-any", "py38-none-any", "cp311-none-any", "cp311-cp311-linux_x86_64",
                "cp311-cp311-manylinux2014_x86_64", "cp311-cp311-manylinux_2_17_x86_64", "cp37-abi3-manylinux1_x86_64",
                "cp311-abi3-manylinux_2_36_x86_64", "py3-none-manylinux_2_5_x86_64"]
        misfits = ["py2-none-any", "py312-none-any", "cp312-cp312-linux_x86_64", "cp310-cp310-manylinux1_x86_64",
                   "cp311-cp311d-linux_x86_64", "cp312-abi3-linux_x86_64", "cp311-cp311-manylinux_2_37_x86_64",
                   "cp311-cp311-linux_aarch64", "cp311-cp311-win_amd64", "pp311-pypy311_pp73-linux_x86_64",
                   "cp311-cp311-macosx_11_0_arm64", "nonsense"]
        for tag in fits:
            self.assertTrue(boot.tag_fits(tag, env), tag)
        for tag in misfits:
            self.assertFalse(boot.tag_fits(tag, env), tag)

    def test_specifiers(self):
        table = [(">=3.8", (3, 8, 0), True), (">=3.8", (3, 7, 9), False), ("<3.12,>=3.9", (3, 11, 2), True),
                 ("<3.12,>=3.9", (3, 12, 0), False), ("!=3.9.*", (3, 9, 7), False), ("!=3.9.*", (3, 10, 0), True),
                 ("==3.11.*", (3, 11, 9), True), ("==3.11", (3, 11, 0), True), ("==3.11", (3, 11, 1), False),
                 ("~=3.8", (3, 13, 0), True), ("~=3.8", (4, 0, 0), False), ("~=3.8.1", (3, 8, 0), False),
                 ("~=3.8.1", (3, 8, 5), True), ("~=3.8.1", (3, 9, 0), False), (">3.11", (3, 11, 0), False),
                 (">3.11", (3, 11, 1), True), ("<=3.11", (3, 11, 0), True), ("===3.11.4", (3, 11, 4), True),
                 ("===3.11", (3, 11, 0), False), (">=2.7, !=3.0.*, !=3.1.*", (3, 8, 1), True),
                 (">=3.6.0rc1", (3, 6, 0), True), ("", (3, 8, 0), True), (" >= 3.10 ", (3, 9, 0), False)]
        for spec, version, expected in table:
            self.assertEqual(expected, boot.specifier_fits(spec, version), (spec, version))


class ManifestTest(unittest.TestCase):
    def test_parse_json_reads_what_json_reads(self):
        import json
        documents = ['{"format": 2, "wheels": [{"file": "a-1.0-py3-none-any.whl", "extract": false, "n": null}]}',
                     '{"s": "tab\\t quote\\" slash\\\\ \\u00e9 \\ud83d\\ude00 \\/", "x": [1.5, -2, 1e3, true]}\n',
                     '{"nested": {"a": [[], {}], "b": ""}, "unicode": "\u00e9\u4e2d"}  ',
                     '{"big": 123456789012345678901234567890, "inf": Infinity}']
        for text in documents:
            self.assertEqual(json.loads(text), boot.parse_json(text), text)

    def test_parse_json_refuses_what_json_refuses(self):
        for text in ['{"a": 1} extra', '{"a": }', ' {"a": 1', '', '{"a": "\x01"}', '{"a": 1}\x0c', '{"a": 1}\u00a0']:
            with self.assertRaises(ValueError, msg=repr(text)):
                boot.parse_json(text)

    def test_parse_json_without_the_c_scanner_uses_json(self):
        from unittest import mock
        text = '{"format": 2, "wheels": [], "entry": {"kind": "interpreter"}}'
        with mock.patch.dict(sys.modules, {"_json": None}):  # import _json raises ImportError
            self.assertEqual({"format": 2, "wheels": [], "entry": {"kind": "interpreter"}}, boot.parse_json(text))
            with self.assertRaises(ValueError):
                boot.parse_json(text + " extra")

    def test_free_threading_is_read_from_abiflags_without_sysconfig(self):
        from unittest import mock
        with mock.patch.object(boot.sys, "version_info", (3, 13, 0, "final", 0)), \
                mock.patch.object(boot.sys, "abiflags", "t", create=True), \
                mock.patch.dict(sys.modules, {"sysconfig": None}):  # importing it would fail
            self.assertTrue(boot.Environment.current().abi_suffix.startswith("t"))
        with mock.patch.object(boot.sys, "version_info", (3, 13, 0, "final", 0)), \
                mock.patch.object(boot.sys, "abiflags", "", create=True):
            self.assertFalse(boot.Environment.current().abi_suffix.startswith("t"))

    def test_an_unreadable_manifest_is_named(self):
        tmp = tempfile.mkdtemp(prefix="pyz-test-")
        self.addCleanup(shutil.rmtree, tmp, True)
        app = pyzbuild.build(os.path.join(tmp, "app.pyz"), wheels=[LIB])
        import zipfile
        cases = [(b'{"format": 2,', ".pyz/manifest.json is not valid UTF-8 JSON"),
                 (b"[" * 100000, ".pyz/manifest.json is not valid UTF-8 JSON"),
                 (b"\xff{}", ".pyz/manifest.json is not valid UTF-8 JSON"),
                 (b"[]", ".pyz/manifest.json holds a JSON list, not an object"),
                 (b'{"format": 1}', "has manifest format 1; this bootstrap reads format 2"),
                 (b'{"format": 2, "entry": {"kind": "interpreter"}}', ".pyz/manifest.json has no list 'wheels'"),
                 (b'{"format": 2, "wheels": []}', ".pyz/manifest.json has no object 'entry'")]
        for i, (manifest, message) in enumerate(cases):
            broken = os.path.join(tmp, "broken%d.pyz" % i)
            with zipfile.ZipFile(app) as src, zipfile.ZipFile(broken, "w") as dst:
                for info in src.infolist():
                    dst.writestr(info, manifest if info.filename == ".pyz/manifest.json" else src.read(info))
            p = subprocess.run([sys.executable, broken, "-c", "pass"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
            self.assertEqual(1, p.returncode, p.stderr)
            self.assertIn("broken%d.pyz" % i, p.stderr)
            self.assertIn(message, p.stderr)
            self.assertNotIn("Traceback", p.stderr)


class IsolationTest(ZipappTestCase):
    """The app sees its own wheels and the standard library, not the interpreter's site-packages."""

    def setUp(self):
        super().setUp()
        # a user site-packages (PYTHONUSERBASE) stands for the host's installed packages: a module, a
        # distribution, a copy of a bundled module, and a .pth file that imports a module at every start
        import site
        base = os.path.join(self.tmp, "userbase")
        self.env = {"PYTHONUSERBASE": base}
        probe = subprocess.run([sys.executable, "-c", "import site; print(site.getusersitepackages())"],
                               env=dict(os.environ, **self.env), stdout=subprocess.PIPE, universal_newlines=True)
        self.site = probe.stdout.strip()
        os.makedirs(os.path.join(self.site, "hostdist-1.0.dist-info"))
        files = {"hostonly.py": "WHERE = 'host'\n", "shared.py": "WHERE = 'host'\n",
                 "hostdist-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: hostdist\nVersion: 1.0\n",
                 "preloaded.py": "WHERE = 'host'\n", "zz-preload.pth": "import preloaded\n"}
        for name, text in files.items():
            with open(os.path.join(self.site, name), "w") as f:
                f.write(text)
        self.assertTrue(getattr(site, "ENABLE_USER_SITE", True) is not False or True)
        bundled = Wheel("bundled", "1.0", {"shared.py": "WHERE = 'bundled'\n", "preloaded.py": "WHERE = 'bundled'\n",
                                            "calendar.py": "WHERE = 'bundled'\n"})
        self.pyz = self.app(wheels=[bundled])

    CHECK = ("import sys, shared, preloaded, calendar\n"
             "from importlib import metadata\n"
             "try:\n    import hostonly; host = hostonly.WHERE\nexcept ImportError:\n    host = None\n"
             "names = sorted(d.metadata['Name'] for d in metadata.distributions())\n"
             "print(host, shared.WHERE, preloaded.WHERE, getattr(calendar, 'WHERE', 'stdlib'), names)\n")

    def test_the_hosts_site_packages_are_not_seen_by_default(self):
        probe = self.run_app(self.pyz, "-c", "import sys; print(sys.path)", env=self.env)
        self.assertNotIn(self.site, probe.stdout)
        p = self.run_app(self.pyz, "-c", self.CHECK, env=self.env)
        # the bundled copies win, even of a module a .pth file imported before the app started; the standard
        # library is never shadowed (the wheels come after it, as site-packages does)
        self.assertEqual("None bundled bundled stdlib ['bundled']\n", p.stdout)

    def test_inherit_path_keeps_them_after_or_before_the_wheels(self):
        fallback = self.run_app(self.pyz, "-c", self.CHECK, env=dict(self.env, PYZ_INHERIT_PATH="fallback"))
        self.assertTrue(fallback.stdout.startswith("host bundled "), fallback.stdout)
        self.assertIn("'hostdist'", fallback.stdout)
        prefer = self.run_app(self.pyz, "-c", self.CHECK, env=dict(self.env, PYZ_INHERIT_PATH="prefer"))
        self.assertTrue(prefer.stdout.startswith("host host host stdlib"), prefer.stdout)
        built = self.app("fallback.pyz", wheels=[], inherit_path="fallback")
        self.assertEqual("host\n", self.run_app(built, "-c", "import hostonly; print(hostonly.WHERE)", env=self.env).stdout)
        wrong = self.run_app(self.pyz, "-c", "pass", env=dict(self.env, PYZ_INHERIT_PATH="sometimes"), code=1)
        self.assertIn("PYZ_INHERIT_PATH=sometimes is not one of false, prefer, fallback", wrong.stderr)

    def test_pythonpath_is_kept(self):
        extra = os.path.join(self.tmp, "extra")
        os.makedirs(extra)
        with open(os.path.join(extra, "fromenv.py"), "w") as f:
            f.write("X = 'env'\n")
        p = self.run_app(self.pyz, "-c", "import fromenv; print(fromenv.X)", env=dict(self.env, PYTHONPATH=extra))
        self.assertEqual("env\n", p.stdout)


class TracebackTest(ZipappTestCase):
    def test_bundled_code_shows_its_source_lines(self):
        w = Wheel("crash", "1.0", {"crash/__init__.py": "def go():\n    value = 1 / 0  # the failing line\n"})
        p = self.run_app(self.app(wheels=[w], entry={"kind": "callable", "module": "crash", "attr": "go",
                                                      "name": "crash"}), code=1)
        self.assertIn("value = 1 / 0  # the failing line", p.stderr)
        self.assertIn("ZeroDivisionError", p.stderr)
        self.assertEqual(["Traceback (most recent call last):", '  File "%s", line 2, in go'
                          % os.path.join(self.tmp, "app.pyz", ".deps", w.file, "crash", "__init__.py")],
                         p.stderr.splitlines()[:2], "from the app's first frame, as a script of a virtual environment")
        p = self.run_app(self.app("c.pyz", wheels=[w], entry={"kind": "interpreter"}), "-c",
                         "import crash\ncrash.go()", code=1)
        self.assertEqual(["Traceback (most recent call last):", '  File "<string>", line 2, in <module>'],
                         p.stderr.splitlines()[:2])

    def test_code_from_bundled_pycs_names_its_place_so_tools_find_its_source(self):
        # the build compiles pycs before it knows where the archive will be: their code names the module
        # relative to the archive; inspect (pytest's tracebacks) needs the name of a file it can match
        source = ("import inspect, sys\ndef where():\n    frame = sys._getframe()\n"
                  "    return frame.f_code.co_filename, inspect.getframeinfo(frame).code_context\n")
        probe = Wheel("probe", "1.0", {"probe/__init__.py": source})
        pyc = (importlib.util.MAGIC_NUMBER + struct.pack("<I", 1) + importlib.util.source_hash(source.encode())
               + marshal.dumps(compile(source, ".deps/%s/probe/__init__.py" % probe.file, "exec"), 2))
        probe = Wheel("probe", "1.0", {"probe/__init__.py": source, "probe/__init__.pyc": pyc})
        app = self.app(wheels=[probe], entry={"kind": "interpreter"})
        p = self.run_app(app, "-c", "import probe; print(probe.__file__.endswith('.pyc')); print(probe.where())")
        expected = (os.path.join(app, ".deps", probe.file, "probe", "__init__.py"),
                    ["    return frame.f_code.co_filename, inspect.getframeinfo(frame).code_context\n"])
        self.assertEqual("True\n%r\n" % (expected,), p.stdout, p.stderr)

    def test_a_file_read_inside_the_archive_names_the_wheel_to_extract(self):
        w = Wheel("readsdata", "1.0", {"readsdata/__init__.py": "import os\ndef go():\n"
                                       "    return open(os.path.join(os.path.dirname(__file__), 'tpl', 'a.txt')).read()\n",
                                       "readsdata/tpl/a.txt": "x"})
        p = self.run_app(self.app(wheels=[w], entry={"kind": "callable", "module": "readsdata", "attr": "go",
                                                      "name": "r"}), code=1)
        self.assertIn("Error", p.stderr)
        self.assertIn("is inside the archive, where files cannot be opened or listed by path: %s reads files beside"
                      " its modules. Rebuild with it extracted to disk: <extractWheels><extractWheel>readsdata"
                      "</extractWheel></extractWheels> (-Dpyz.extractWheels=readsdata)" % w.file, p.stderr)

    def test_a_hook_of_the_environment_is_left_alone(self):
        custom = os.path.join(self.tmp, "custom")
        os.makedirs(custom)
        with open(os.path.join(custom, "sitecustomize.py"), "w") as f:
            f.write("import sys\nsys.excepthook = lambda *a: sys.stderr.write('custom hook\\n')\n")
        p = self.run_app(self.app(sources={"boom.py": "def go():\n    raise ValueError('x')\n"},
                                  entry={"kind": "callable", "module": "boom", "attr": "go", "name": "b"}),
                         env={"PYTHONPATH": custom}, code=1)
        self.assertEqual("custom hook\n", p.stderr)


TOOL_SHIM = ("import os, subprocess, sys\n"
             "def find():\n"
             "    # where `pip install --target` puts scripts: bin/ beside the packages (as ruff's shim looks)\n"
             "    exe = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'bin', 'tool')\n"
             "    if not os.path.isfile(exe):\n        raise FileNotFoundError(exe)\n    return exe\n"
             "def main():\n    return subprocess.call([find()] + sys.argv[1:])\n")


class ScriptsTest(ZipappTestCase):
    """Files of a wheel's scripts folder (.data/scripts in the wheel, bin/ installed)."""
    NATIVE_TOOL = Wheel("tool", "1.0", {"tool/__init__.py": TOOL_SHIM, "tool/__main__.py": "import tool, sys\n"
                                        "sys.exit(tool.main())\n",
                                        "bin/tool": "#!/bin/sh\necho \"tool says $*\"\nexit 3\n"},
                        extract=True, scripts={"tool": "native"})

    def test_a_native_executable_runs_with_the_arguments_and_its_exit_status(self):
        app = self.app(wheels=[self.NATIVE_TOOL], entry={"kind": "executable", "name": "tool",
                                                         "wheel": self.NATIVE_TOOL.file, "path": "bin/tool"})
        p = self.run_app(app, "a", "b c", code=3)
        self.assertEqual("tool says a b c\n", p.stdout)
        self.assertEqual(p.stdout, self.run_app(app, "a", "b c", code=3).stdout, "the second run too")

    def test_a_shim_finds_the_executable_beside_the_packages_and_children_find_it_on_path(self):
        app = self.app(wheels=[self.NATIVE_TOOL], entry={"kind": "module", "module": "tool"})
        self.assertEqual("tool says x\n", self.run_app(app, "x", code=3).stdout)
        p = self.run_app(app, "-c", "import subprocess; print(subprocess.call(['tool', 'y']))",
                         env={"PYZ_INTERPRETER": "1"})
        self.assertEqual("tool says y\n3\n", p.stdout)

    def test_a_python_script_runs_as_main_from_the_archive_or_the_disk(self):
        for extract in (False, True):
            w = Wheel("pyscript", "1.0", {"pyscript/__init__.py": "NAME = 'lib'\n",
                                          "bin/hello": "#!python\nimport sys, pyscript\n"
                                          "print(__name__, pyscript.NAME, sys.argv[1:])\nsys.exit(4)\n"},
                      extract=extract, scripts={"hello": "python"})
            app = self.app("s%s.pyz" % extract, wheels=[w], entry={"kind": "script", "name": "hello", "wheel": w.file,
                                                                   "path": "bin/hello"})
            self.assertEqual("__main__ lib ['q']\n", self.run_app(app, "q", code=4).stdout)


AGAIN = ("import os, subprocess, sys\n"
         "def main():\n"
         "    if sys.argv[1:] == ['again']:\n"
         "        print('ran again as', os.path.basename(sys.argv[0]))\n"
         "        return 0\n"
         "    print('first', os.path.basename(sys.argv[0]), os.access(sys.argv[0], os.X_OK))\n"
         "    sys.stdout.flush()\n"
         "    env = dict(os.environ, PATH='/usr/bin:/bin')  # no python of the app's on it\n"
         "    status = subprocess.call([sys.argv[0], 'again'], env=env)\n"
         "    status += subprocess.call([os.path.join(os.path.dirname(sys.argv[0]), 'sibling'), 'x'], env=env)\n"
         "    return subprocess.call([os.path.join(os.path.dirname(sys.argv[0]), 'hello'), 'y'], env=env) + status\n")


class BinFolderTest(ZipappTestCase):
    """The child interpreter's bin/ holds the wheels' scripts as pip installs them in a virtual environment:
    a script's sys.argv[0] runs it again, and its siblings are beside it."""
    TOOLS = Wheel("tools", "1.0", {"tools/__init__.py": AGAIN, "tools/sib.py": "import sys\n"
                                   "def main():\n    print('sibling', sys.argv[1:])\n    return 0\n"},
                  entry_points="[console_scripts]\nagain = tools:main\n[gui_scripts]\nsibling = tools.sib:main [extra]\n")

    def hello(self, extract):
        return Wheel("hello", "1.0", {"hello/__init__.py": "", "bin/hello": "#!python\nimport sys, tools\n"
                                      "print('hello', sys.argv[1:], sys.executable == sys.argv[0][:-5] + 'python')\n",
                                      "bin/native-ish": "#!/bin/sh\necho native\n"},
                     extract=extract, scripts={"hello": "python", "native-ish": "native"})

    def test_a_script_runs_again_through_its_argv0_and_finds_its_siblings(self):
        for extract in (False, True):
            app = self.app("again%s.pyz" % extract, wheels=[self.TOOLS, self.hello(extract)],
                           entry={"kind": "callable", "module": "tools", "attr": "main", "name": "again"})
            p = self.run_app(app)
            self.assertEqual("first again True\nran again as again\nsibling ['x']\nhello ['y'] True\n", p.stdout,
                             p.stderr)
            bin_folder = os.path.join(self.root, "venvs", _folders(os.path.join(self.root, "venvs"))[0], "bin")
            self.assertEqual(["again", "hello", "native-ish", "python", "sibling"], sorted(os.listdir(bin_folder)))
            self.assertEqual(extract, os.path.islink(os.path.join(bin_folder, "native-ish")), "linked when extracted")
            self.assertEqual(b"native\n", subprocess.check_output([os.path.join(bin_folder, "native-ish")]))
            shutil.rmtree(self.root)

    def test_a_python_script_of_the_wheel_gets_its_copy_in_bin_as_argv0(self):
        w = self.hello(False)
        app = self.app(wheels=[self.TOOLS, w], entry={"kind": "script", "name": "hello", "wheel": w.file,
                                                      "path": "bin/hello"})
        self.assertEqual("hello ['q'] True\n", self.run_app(app, "q").stdout)

    def test_a_long_or_spaced_root_gets_scripts_that_sh_starts(self):
        for root in (os.path.join(self.tmp, "r" * 120), os.path.join(self.tmp, "with space")):
            app = self.app(wheels=[self.TOOLS, self.hello(False)],
                           entry={"kind": "callable", "module": "tools", "attr": "main", "name": "again"})
            p = self.run_app(app, env={"PYZ_ROOT": root})
            self.assertEqual("first again True\nran again as again\nsibling ['x']\nhello ['y'] True\n", p.stdout,
                             p.stderr)

    def test_a_moved_root_gets_scripts_that_name_the_new_place(self):
        app = self.app(wheels=[self.TOOLS, self.hello(False)],
                       entry={"kind": "callable", "module": "tools", "attr": "main", "name": "again"})
        self.run_app(app, env={"PYZ_ROOT": os.path.join(self.tmp, "before")})
        os.rename(os.path.join(self.tmp, "before"), os.path.join(self.tmp, "after"))
        p = self.run_app(app, env={"PYZ_ROOT": os.path.join(self.tmp, "after")})
        self.assertEqual("first again True\nran again as again\nsibling ['x']\nhello ['y'] True\n", p.stdout, p.stderr)

    def test_only_a_first_line_naming_python_alone_is_rewritten_as_pip_does(self):
        kept = "#!/usr/bin/env python2\nprint 'old'\n"
        w = Wheel("kept", "1.0", {"kept/__init__.py": "", "bin/old-tool": kept, "bin/new-tool": "#!python\nprint(1)\n"},
                  scripts={"old-tool": "python", "new-tool": "python"})
        code = ("import os, sys; b = os.path.dirname(sys.executable);"
                " print(repr(open(os.path.join(b, 'old-tool')).read()), open(os.path.join(b, 'new-tool')).readline()"
                " == '#!' + sys.executable + '\\n')")
        p = self.run_app(self.app(wheels=[w], entry={"kind": "interpreter"}), "-c", code)
        self.assertEqual("%r True\n" % kept, p.stdout, p.stderr)

    def test_other_scripts_make_another_child_interpreter(self):
        app = self.app(wheels=[self.TOOLS], entry={"kind": "interpreter"})
        self.run_app(app, "-c", "pass")
        self.run_app(app, "-c", "pass")
        self.assertEqual(1, len(_folders(os.path.join(self.root, "venvs"))), "same scripts: reused")
        changed = Wheel("tools", "1.0", dict(self.TOOLS.files), entry_points="[console_scripts]\nagain = tools:other\n")
        app = self.app(wheels=[changed], entry={"kind": "interpreter"})
        code = "import os, sys; print(open(os.path.join(os.path.dirname(sys.executable), 'again')).read().splitlines()[2])"
        self.assertEqual("from tools import other\n", self.run_app(app, "-c", code).stdout)
        self.assertEqual(2, len(_folders(os.path.join(self.root, "venvs"))))


class PrefixDataTest(ZipappTestCase):
    """The app's sys.prefix is its child interpreter's environment, where the extracted wheels' data files
    (share/, etc/) are linked in, merged, as pip installs them into one prefix."""
    CODE = ("import os, subprocess, sys, sysconfig\n"
            "show = ('import os, sys, sysconfig; j = os.path.join(sys.prefix, \\'share\\', \\'jupyter\\');'\n"
            "        ' print(sorted(os.listdir(j)), sorted(os.listdir(os.path.join(j, \\'nbconvert\\'))),'\n"
            "        ' open(os.path.join(sys.prefix, \\'etc\\', \\'conf.json\\')).read(),'\n"
            "        ' sysconfig.get_path(\\'scripts\\') == os.path.dirname(sys.executable))')\n"
            "exec(show)\nsys.stdout.flush()\nsubprocess.run([sys.executable, '-c', show])\n")

    def test_data_files_are_under_sys_prefix_in_the_app_and_its_children(self):
        one = Wheel("one", "1.0", {"one/__init__.py": "", "share/jupyter/nbconvert/a.tpl": "a",
                                    "share/jupyter/kernels/k.json": "{}", "etc/conf.json": "one"},
                    extract=True)
        two = Wheel("two", "1.0", {"two/__init__.py": "", "share/jupyter/nbconvert/b.tpl": "b",
                                    "share/jupyter/lab/x.js": "x", "etc/conf.json": "two"}, extract=True)
        self.assertEqual(["etc", "share"], two.manifest()["prefix_data"])
        app = self.app(wheels=[one, two])
        expected = "['kernels', 'lab', 'nbconvert'] ['a.tpl', 'b.tpl'] two True\n"
        p = self.run_app(app, "-c", self.CODE)
        self.assertEqual(expected * 2, p.stdout, p.stderr)
        self.assertEqual(expected * 2, self.run_app(app, "-c", self.CODE).stdout, "the second start")

    def test_a_package_called_share_is_no_data(self):
        self.assertIsNone(Wheel("s", "1.0", {"share/__init__.py": "", "share/x.txt": ""}).manifest()["prefix_data"])
        self.assertIsNone(Wheel("m", "1.0", {"m/__init__.py": "", "share/man/man1/m.1": ""}).manifest()["prefix_data"],
                          "a manual page is for people")

    def test_sysconfig_imported_before_the_prefix_moved_gives_the_environments_paths(self):
        # a wheel with a platform tag makes the interpreter check import sysconfig, before sys.prefix is set
        import sysconfig
        plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
        native = Wheel("native", "1.0", {"native/__init__.py": ""}, tags=("py3-none-" + plat,))
        data = Wheel("data", "1.0", {"data/__init__.py": "", "share/jupyter/x.json": "{}"}, extract=True)
        code = ("import os, sys; print('sysconfig' in sys.modules); import sysconfig; p = sysconfig.get_paths();"
                " print(p['purelib'].startswith(sys.prefix + os.sep), p['scripts'] == os.path.dirname(sys.executable),"
                " sysconfig.get_config_var('base') == sys.prefix)")
        p = self.run_app(self.app(wheels=[native, data]), "-c", code)
        self.assertEqual("True\nTrue True True\n", p.stdout, p.stderr)

    def test_what_is_installed_into_the_environment_is_seen_by_the_app_as_by_its_children(self):
        # pip run by the app (or by a tool: spacy download) installs into sysconfig's purelib
        app = self.app(wheels=[LIB], entry={"kind": "interpreter"})
        self.run_app(app, "-c", "import os, sysconfig; open(os.path.join(sysconfig.get_path('purelib'), 'added.py'),"
                                " 'w').write('WHERE = 1\\n')")
        code = ("import added, subprocess, sys; print(added.WHERE); sys.stdout.flush();"
                " subprocess.run([sys.executable, '-c', 'import added; print(added.WHERE)'])")
        p = self.run_app(app, "-c", code)
        self.assertEqual("1\n1\n", p.stdout, p.stderr)

    def test_what_a_tool_writes_under_the_prefix_stays_in_its_environment(self):
        # jupyter kernelspec install --sys-prefix writes a folder into share/jupyter/kernels; configuration
        # in etc/ is rewritten in place: neither may reach the wheel's folder, which other apps share
        one = Wheel("one", "1.0", {"one/__init__.py": "", "share/jupyter/kernels/k/kernel.json": "{}",
                                    "etc/jupyter/conf.json": "original"}, extract=True)
        write = ("import os, sys\n"
                 "os.makedirs(os.path.join(sys.prefix, 'share', 'jupyter', 'kernels', 'new'))\n"
                 "open(os.path.join(sys.prefix, 'share', 'jupyter', 'kernels', 'new', 'kernel.json'), 'w').write('{}')\n"
                 "open(os.path.join(sys.prefix, 'etc', 'jupyter', 'conf.json'), 'w').write('changed')\n")
        show = ("import os, sys; j = os.path.join(sys.prefix, 'share', 'jupyter', 'kernels');"
                " print(sorted(os.listdir(j)), open(os.path.join(sys.prefix, 'etc', 'jupyter', 'conf.json')).read())")
        self.run_app(self.app("writer.pyz", wheels=[one]), "-c", write)
        self.assertEqual("['k'] original\n", self.run_app(self.app("reader.pyz", wheels=[one]), "-c", show).stdout)
        wheels = os.path.join(self.root, "wheels")
        self.assertEqual(["k"], os.listdir(os.path.join(wheels, _folders(wheels)[0], "share", "jupyter", "kernels")))


class PthTest(ZipappTestCase):
    ORDER = "import sys; sys.pth_order = getattr(sys, 'pth_order', []) + [%r]\n"

    def wheels(self, extract):
        shim = Wheel("shim", "1.0", {"shim/__init__.py": "", "_shim_hook.py": "import sys\nsys.shim_hooked = True\n",
                                     "zz-shim.pth": "# a comment\n\nimport _shim_hook\nextra\nmissing-folder\n",
                                     "extra/added.py": "WHERE = 'extra'\n", "aa-first.pth": self.ORDER % "aa"},
                     extract=extract)
        other = Wheel("other", "1.0", {"other/__init__.py": "", "mm-middle.pth": self.ORDER % "mm",
                                       "bad.pth": "import no_such_module_here\n" + self.ORDER % "never"})
        return [shim, other]

    def test_the_wheels_pth_files_run_as_site_runs_them_in_the_app_and_its_children(self):
        code = "import sys, added; print(sys.shim_hooked, added.WHERE, sys.pth_order)"
        child = ("import subprocess, sys; print(subprocess.run([sys.executable, '-c', %r], stdout=subprocess.PIPE,"
                 " universal_newlines=True).stdout, end='')" % code)
        for extract in (False, True):
            app = self.app("p%s.pyz" % extract, wheels=self.wheels(extract), entry={"kind": "interpreter"})
            p = self.run_app(app, "-c", code)
            # sorted by name over both wheels; the failing file reported and left, as site does
            self.assertEqual("True extra ['aa', 'mm']\n", p.stdout, extract)
            self.assertIn("Error processing line 1 of ", p.stderr)
            self.assertIn("bad.pth", p.stderr)
            self.assertEqual("True extra ['aa', 'mm']\n", self.run_app(app, "-c", child).stdout, extract)


NSPKG_PTH = ("import sys, types, os;has_mfs = sys.version_info > (3, 5);p = os.path.join(sys._getframe(1).f_locals["
             "'sitedir'], *('nsp',));importlib = has_mfs and __import__('importlib.util');has_mfs and __import__("
             "'importlib.machinery');m = has_mfs and sys.modules.setdefault('nsp', importlib.util.module_from_spec("
             "importlib.machinery.PathFinder.find_spec('nsp', [os.path.dirname(p)])));m = m or sys.modules.setdefault("
             "'nsp', types.ModuleType('nsp'));mp = (m or []) and m.__dict__.setdefault('__path__',[]);(p not in mp)"
             " and mp.append(p)\n")


class PthPathLineTest(ZipappTestCase):
    def test_relative_and_absolute_path_lines_are_added_as_site_adds_them(self):
        elsewhere = os.path.join(self.tmp, "elsewhere")
        os.makedirs(elsewhere)
        for extract in (False, True):
            w = Wheel("lines", "1.0", {"lines/__init__.py": "", "extra2/mod2.py": "", "lines.pth":
                                       "./extra2\n%s\n" % elsewhere}, extract=extract)
            code = ("import os, sys; print([os.path.basename(p) for p in sys.path"
                    " if os.path.basename(p) in ('extra2', 'elsewhere')]); import mod2")
            p = self.run_app(self.app("l%s.pyz" % extract, wheels=[w], entry={"kind": "interpreter"}), "-c", code)
            self.assertEqual("['extra2', 'elsewhere']\n", p.stdout, (extract, p.stderr))


class NamespacePthTest(ZipappTestCase):
    def test_a_namespace_split_over_wheels_is_whole_although_one_wheel_ships_setuptools_nspkg_pth(self):
        # sphinxcontrib-jsmath ships such a file; the namespace's other portions come from other wheels
        for extract in (False, True):
            old = Wheel("nsp-old", "1.0", {"nsp/old/__init__.py": "WHO = 'old'\n",
                                            "nsp_old-1.0-py3.7-nspkg.pth": NSPKG_PTH})
            new = Wheel("nsp-new", "1.0", {"nsp/new/__init__.py": "WHO = 'new'\n"}, extract=extract)
            aaa = Wheel("aaa", "1.0", {"nsp/aaa/__init__.py": "WHO = 'aaa'\n"})
            app = self.app("ns%s.pyz" % extract, wheels=[aaa, old, new])
            p = self.run_app(app, "-c", "import nsp.old, nsp.new, nsp.aaa; print(nsp.old.WHO, nsp.new.WHO, nsp.aaa.WHO)")
            self.assertEqual("old new aaa\n", p.stdout, p.stderr)
            self.assertEqual("", p.stderr)


def _runnable_python(version):
    """An interpreter of this version that starts: on the PATH, or installed by pyenv; else None."""
    import glob
    candidates = [shutil.which("python" + version)]
    candidates += sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/%s.*/bin/python" % version)))
    for c in candidates:
        if c and subprocess.run([c, "-c", "pass"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
            return c
    return None


class OldPythonTest(ZipappTestCase):
    def test_a_python_before_3_8_gets_one_line_saying_what_is_needed(self):
        if os.environ.get("PYZ_TEST_OLD_PYTHONS_ELSEWHERE") == "1":
            self.skipTest("the old Pythons run the app under one of the Pythons that run these tests")
        app = self.app(wheels=[LIB])
        found = 0
        for version in ("2.7", "3.6", "3.7"):
            python = _runnable_python(version)
            if python is None:
                continue
            found += 1
            p = subprocess.run([python, app], stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
            self.assertEqual(1, p.returncode, p.stderr)
            self.assertRegex(p.stderr, r"^pyz: .*app.pyz needs Python 3.8 or newer \(it was built for CPython 3.8 or"
                                       r" newer\); this is Python %s\.\d+ at " % version.replace(".", r"\."))
            self.assertNotIn("Traceback", p.stderr)
        if not found:
            self.skipTest("no Python 2.7, 3.6 or 3.7 on the PATH")


def _folders(path):
    """The folders in path (not the lock files beside them)."""
    return [name for name in os.listdir(path) if os.path.isdir(os.path.join(path, name))]


class ChildTest(ZipappTestCase):
    """Child interpreters started with sys.executable see the app's packages, as in a virtual environment."""

    def test_a_child_started_with_sys_executable_imports_the_bundled_packages_and_their_metadata(self):
        app = self.app(wheels=[LIB, NATIVE], sources={"own.py": "WHO = 'own'\n"})
        code = ("import subprocess, sys\n"
                "child = ('import sys, lib, native, own; from importlib import metadata; '\n"
                "         'print(lib.VALUE, own.WHO, metadata.version(\\'lib\\'), sys.executable == sys.argv[1])')\n"
                "print(subprocess.run([sys.executable, '-c', child, sys.executable], stdout=subprocess.PIPE,"
                " universal_newlines=True).stdout.strip())\n")
        for run in (1, 2):
            p = self.run_app(app, "-c", code)
            self.assertEqual("42 own 1.2 True\n", p.stdout, "run %d" % run)
        self.assertEqual(1, len(_folders(os.path.join(self.root, "venvs"))), "made once, then reused")

    def test_the_children_do_not_see_the_interpreters_site_packages_either(self):
        base = os.path.join(self.tmp, "userbase")
        env = {"PYTHONUSERBASE": base}
        site = subprocess.run([sys.executable, "-c", "import site; print(site.getusersitepackages())"],
                              env=dict(os.environ, **env), stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
        os.makedirs(site)
        with open(os.path.join(site, "hostonly.py"), "w") as f:
            f.write("X = 1\n")
        code = ("import subprocess, sys\n"
                "print(subprocess.call([sys.executable, '-c', 'import hostonly'], stderr=subprocess.DEVNULL))\n")
        self.assertEqual("1\n", self.run_app(self.app(wheels=[LIB]), "-c", code, env=env).stdout)

    def test_each_distribution_is_seen_once_in_the_app_and_its_children(self):
        code = ("import subprocess, sys\n"
                "names = 'from importlib import metadata; print(sorted(d.metadata[\\'Name\\'] for d in metadata.distributions()"
                " if d.metadata[\\'Name\\'] in (\\'lib\\', \\'native\\')))'\n"
                "exec(names)\n"
                "sys.stdout.flush()\n"
                "subprocess.run([sys.executable, '-c', names])\n"
                "subprocess.run([sys.executable, sys.argv[1], '-c', names])\n")
        app = self.app(wheels=[LIB, NATIVE])
        p = self.run_app(app, "-c", code, app, env={"PYZ_INTERPRETER": "1"})
        self.assertEqual(["['lib', 'native']"] * 3, p.stdout.splitlines(), p.stderr)

    def test_a_child_running_another_app_runs_that_apps_bootstrap(self):
        other = self.app("other.pyz", wheels=[LIB])
        code = ("import subprocess, sys\n"
                "subprocess.run([sys.executable, sys.argv[1], '-c',"
                " 'import sys; print(sys.modules[\\'pyz_bootstrap\\'].__file__)'])\n")
        p = self.run_app(self.app(wheels=[LIB]), "-c", code, other, env={"PYZ_INTERPRETER": "1"})
        self.assertTrue(p.stdout.strip().startswith(os.path.join(other, ".pyz")), p.stdout + p.stderr)

    def test_a_tool_that_takes_the_site_folders_off_sys_path_takes_the_wheels_off_too(self):
        # pip's build isolation: a sitecustomize reads the interpreter's site folders once more, takes what that
        # adds to sys.path off it, and puts the build's own requirements there instead
        overlay = os.path.join(self.tmp, "overlay")
        os.makedirs(overlay)
        with open(os.path.join(overlay, "lib.py"), "w") as f:
            f.write("VALUE = 'overlay'\n")
        custom = os.path.join(self.tmp, "custom")
        os.makedirs(custom)
        # the folders come from the parent, as pip asks its own process for site.getsitepackages()
        code = ("import os, site, subprocess, sys\n"
                "with open(os.path.join(sys.argv[1], 'sitecustomize.py'), 'w') as f:\n"
                "    f.write('import os, site, sys\\n'\n"
                "            'original = sys.path[:]\\nknown = set()\\n'\n"
                "            'for folder in %r:\\n    site.addsitedir(folder, known_paths=known)\\n'\n"
                "            'system = set(os.path.normcase(p) for p in sys.path[len(original):])\\n'\n"
                "            'sys.path = [p for p in original if os.path.normcase(p) not in system]\\n'\n"
                "            'site.addsitedir(%r)\\n' % (site.getsitepackages(), " + repr(overlay) + "))\n"
                "env = dict(os.environ, PYTHONPATH=sys.argv[1])\n"
                "subprocess.run([sys.executable, '-c', 'import lib; print(lib.VALUE); "
                "from importlib import metadata; print([d.metadata[\\'Name\\'] for d in metadata.distributions()"
                " if d.metadata[\\'Name\\'] == \\'lib\\'])'], env=env)\n")
        p = self.run_app(self.app(wheels=[LIB]), "-c", code, custom, env={"PYZ_INTERPRETER": "1"})
        self.assertEqual("overlay\n[]\n", p.stdout, p.stderr)

    def test_the_children_see_the_interpreters_packages_as_the_app_does(self):
        base = os.path.join(self.tmp, "userbase")
        env = {"PYTHONUSERBASE": base, "PYZ_INTERPRETER": "1"}
        site = subprocess.run([sys.executable, "-c", "import site; print(site.getusersitepackages())"],
                              env=dict(os.environ, **env), stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
        os.makedirs(site)
        for name, text in (("hostonly.py", "WHERE = 'host'\n"), ("lib.py", "VALUE = 'host copy'\n")):
            with open(os.path.join(site, name), "w") as f:
                f.write(text)
        code = ("import subprocess, sys\n"
                "show = 'import lib\\ntry:\\n    import hostonly; h = hostonly.WHERE\\nexcept ImportError:\\n    h = None\\n"
                "print(lib.VALUE, h)'\n"
                "exec(show)\nsys.stdout.flush()\nsubprocess.run([sys.executable, '-c', show])\n")
        app = self.app(wheels=[LIB])
        for inherit, expected in (("false", "42 None"), ("fallback", "42 host"), ("prefer", "host copy host")):
            p = self.run_app(app, "-c", code, env=dict(env, PYZ_INHERIT_PATH=inherit))
            self.assertEqual([expected, expected], p.stdout.splitlines(), inherit + ": " + p.stderr)

    def test_odd_roots_and_paths(self):
        # a relative PYZ_ROOT: the child interpreter's path is absolute all the same
        code = "import os, sys; print(os.path.isabs(sys.executable))"
        self.assertEqual("True\n", self.run_app(self.app(wheels=[LIB]), "-c", code,
                                                env={"PYZ_ROOT": "relroot", "PYZ_INTERPRETER": "1"}).stdout)
        # an archive whose path is not UTF-8
        odd = os.path.join(os.fsencode(self.tmp), b"dir\xe9 x")
        os.makedirs(odd)
        app = os.fsdecode(os.path.join(odd, b"app.pyz"))
        pyzbuild.build(app, wheels=[LIB])
        code = "import lib, subprocess, sys; print(lib.VALUE); sys.stdout.flush(); subprocess.run([sys.executable, '-c', 'import lib; print(lib.VALUE)'])"
        self.assertEqual("42\n42\n", self.run_app(app, "-c", code, env={"PYZ_INTERPRETER": "1"}).stdout)

    def test_a_rebuilt_archive_reuses_its_child_interpreter(self):
        app = self.app(wheels=[LIB])
        for i in range(3):
            os.utime(app, (1000000 + i, 1000000 + i))
            self.run_app(app, "-c", "pass")
        self.assertEqual(1, len(_folders(os.path.join(self.root, "venvs"))))

    def test_a_broken_join_is_a_warning_not_a_fatal_error(self):
        p = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, %r); import pyz_bootstrap;"
                            " pyz_bootstrap.join(%r); print('still here')" % (pyzbuild.RESOURCES,
                                                                              os.path.join(self.tmp, "gone.pyz"))],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        self.assertEqual("still here\n", p.stdout)
        self.assertIn("pyz: warning: this interpreter does not see the packages of", p.stderr)

    def test_multiprocessing_spawn_runs_the_work_not_the_entry_point_again(self):
        main = ("import multiprocessing as mp\n\n"
                "def work(x):\n    import lib\n    return x * lib.VALUE\n\n"
                "def main():\n    print('entry ran')\n"
                "    with mp.get_context('spawn').Pool(2) as pool:\n        print(pool.map(work, [1, 2]))\n")
        app = self.app(wheels=[LIB], sources={"job.py": main},
                       entry={"kind": "callable", "module": "job", "attr": "main", "name": "job"})
        self.assertEqual("entry ran\n[42, 84]\n", self.run_app(app).stdout)


class FormatContractTest(ZipappTestCase):
    def test_the_archives_these_tests_run_have_the_manifest_keys_of_the_documented_example(self):
        # docs/FORMAT.md is the contract: the Java side checks its manifests against the same example
        import json
        import re
        import zipfile
        with open(os.path.join(pyzbuild.HERE, "..", "..", "..", "docs", "FORMAT.md")) as f:
            example = json.loads(re.search(r"## Manifest.*?```json\n(.*?)```", f.read(), re.S).group(1))
        with zipfile.ZipFile(self.app(wheels=[LIB])) as z:
            built = json.loads(z.read(".pyz/manifest.json"))
        self.assertEqual(sorted(example), sorted(built))
        self.assertEqual(sorted(example["wheels"][0]), sorted(built["wheels"][0]))
        self.assertEqual(example["format"], boot.FORMAT)


class InfoTest(ZipappTestCase):
    def test_info_prints_the_manifest_and_runs_nothing(self):
        app = self.app(wheels=[LIB], entry={"kind": "module", "module": "lib"})
        p = self.run_app(app, env={"PYZ_INFO": "1"})
        self.assertIn("entry point: module lib", p.stdout)
        self.assertIn("lib 1.2  %s  sha256=%s" % (LIB.file, LIB.sha256), p.stdout)
        self.assertNotIn("lib as module", p.stdout)
        self.assertIn('"sha256": "%s"' % LIB.sha256, self.run_app(app, env={"PYZ_INFO": "json"}).stdout)

    def test_verbose_tells_each_step_with_times(self):
        p = self.run_app(self.app(wheels=[LIB]), "-c", "pass", env={"PYZ_VERBOSE": "1"})
        self.assertRegex(p.stderr, r"pyz: +\d+\.\d ms  read the manifest: 1 wheel\(s\)")
        self.assertIn("sys.path set up", p.stderr)


if __name__ == "__main__":
    unittest.main()

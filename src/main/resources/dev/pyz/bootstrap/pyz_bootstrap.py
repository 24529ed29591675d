"""Starts a zipapp built by pyz-maven-plugin (the archive layout is in docs/FORMAT.md).

What it does, in order:
1. reads .pyz/manifest.json from the archive;
2. checks the running interpreter against every bundled wheel's tags and Requires-Python, and stops
   with one message naming the wheels that do not fit, before anything bundled is imported;
3. puts each pure wheel's folder inside the archive on sys.path, and extracts the wheels that must
   reach the disk (native code) once into $PYZ_ROOT/wheels/<sha256>/, holding a shared lock on each folder
   it uses for the life of the process (see use_folder);
4. lets importlib.metadata find the distributions inside the archive;
5. runs the entry point: a module, a module:function, the project's __main__.py, or the interpreter.

Environment:
  PYZ_ROOT           where wheels with native code are extracted (default ~/.cache/pyz)
  PYZ_VERBOSE=1      print to stderr what the bootstrap does and how long each step took
  PYZ_INFO=1         print the manifest (wheels, hashes, entry point, build properties) and exit;
                     PYZ_INFO=json prints it as JSON
  PYZ_INTERPRETER=1  act as the Python interpreter whatever the entry point
  PYZ_CACHE=info     list what PYZ_ROOT holds (folders, sizes, last use, in use) and exit; PYZ_CACHE=json
                     prints it as JSON; PYZ_CACHE=prune removes what no running app holds and was not used
                     for PYZ_CACHE_MAX_AGE (default 30d; e.g. 12h, 0 for everything not in use), then exits
"""
import os
import sys
import time

FORMAT = 2
_START = time.perf_counter()
_VERBOSE = os.environ.get("PYZ_VERBOSE", "") not in ("", "0")


def _log(message):
    if _VERBOSE:
        sys.stderr.write("pyz: %7.1f ms  %s\n" % ((time.perf_counter() - _START) * 1000, message))
        sys.stderr.flush()  # before 3.9 a redirected stderr is block-buffered: each step shows when it happens


class PyzError(Exception):
    """A problem the user can act on: printed as one message, exit status 1."""


def run(archive):
    """Starts the app: sets up the interpreter (activate), then runs the entry point."""
    archive = os.path.abspath(archive)
    manifest, extracted = activate(archive)
    entry = manifest["entry"]
    if os.environ.get("PYZ_INTERPRETER", "") not in ("", "0"):
        entry = {"kind": "interpreter"}
    if entry["kind"] != "executable":  # an executable replaces this process: no Python child to prepare
        child_interpreter(archive, manifest, extracted)
    dispatch(archive, entry, manifest["wheels"], dict((w["sha256"], f) for w, f in extracted))


_ACTIVE = {}  # archive -> (manifest, extracted): what activate() or join() did, once per archive


def activate(archive):
    """Makes this interpreter the app's environment, without running anything: checks it against the
    wheels, extracts what must reach the disk, sets sys.path (isolated from the interpreter's site-packages
    unless inherit_path says otherwise), lets importlib.metadata see the bundled distributions. Returns the
    manifest and the extracted wheels [(wheel, folder)]; a second call for the same archive returns them."""
    archive = os.path.abspath(archive)
    if archive in _ACTIVE:
        return _ACTIVE[archive]
    if sys.path and sys.path[0] and os.path.abspath(sys.path[0]) == archive:
        sys.path[0] = archive
    try:
        cache = os.environ.get("PYZ_CACHE", "")
        if cache not in ("", "0"):
            sys.exit(plugin_module(archive, "pyz_cache").main(cache))
        manifest = read_manifest(archive)
        _log("read the manifest: %d wheel(s)" % len(manifest["wheels"]))
        bytecode = manifest.get("bytecode")
        if bytecode:
            _log("bytecode for %s: %s" % (bytecode["cache_tag"], "used" if bytecode["cache_tag"] == sys.implementation.cache_tag
                 else "not used by this interpreter (%s), which compiles what it imports" % sys.implementation.cache_tag))
        info = os.environ.get("PYZ_INFO", "")
        if info not in ("", "0"):
            print_info(archive, manifest, as_json=(info == "json"))
            sys.exit(0)
        paths, extracted = _wheel_paths(archive, manifest)
        inherit = inherit_path(manifest)
        set_path(archive, paths, inherit)
        _log("sys.path set up (%s)" % ("isolated from the interpreter's site-packages" if inherit == "false"
                                        else "the interpreter's site-packages %s the wheels" %
                                        ("before" if inherit == "prefer" else "after")))
        scripts_on_path(extracted)
        install_metadata_finder(archive, [w for w in manifest["wheels"] if not w["extract"]], extracted)
        fix_zip_resource_reader()
        name_code_by_its_place()
        run_pth_files(archive, manifest["wheels"], extracted)
        install_excepthook(archive, manifest["wheels"])
    except PyzError as e:
        sys.stderr.write("pyz: %s\n" % e)
        sys.exit(1)
    _ACTIVE[archive] = (manifest, extracted)
    return manifest, extracted


_JOINED = {}  # archive -> the sys.path entries join() appends


def join(archive, known_paths=None):
    """What a child interpreter's .pth file calls (see child_interpreter): appends the archive and its wheels
    to sys.path, where site is putting the interpreter's packages, and lets importlib.metadata see the bundled
    distributions. The entries are added as a .pth file's path lines are: once per set of known paths that
    site.addpackage passes along (the .pth line hands over its local known_paths), so that site reading a
    venv's folder twice adds them once, and pip's build isolation, which reads the folder once more with a
    fresh set to learn which entries to take off sys.path, finds them; nothing is reordered, and no isolation
    is needed (the child's environment has no site-packages of its own). Never stops the interpreter: a
    problem is one warning on stderr."""
    archive = os.path.abspath(archive)
    try:
        if archive not in _JOINED:
            manifest = read_manifest(archive)
            paths, extracted = _wheel_paths(archive, manifest)
            scripts_on_path(extracted)
            install_metadata_finder(archive, [w for w in manifest["wheels"] if not w["extract"]], extracted)
            fix_zip_resource_reader()
            name_code_by_its_place()
            _JOINED[archive] = [archive] + paths
            _ACTIVE.setdefault(archive, (manifest, extracted))
        for path in _JOINED[archive]:
            case = os.path.normcase(path)
            if known_paths is None:
                if path not in sys.path:
                    sys.path.append(path)
            elif case not in known_paths:
                sys.path.append(path)
                known_paths.add(case)
        manifest, extracted = _ACTIVE[archive]
        run_pth_files(archive, manifest["wheels"], extracted)
    except Exception as e:  # inside site: an exception here would be a fatal interpreter error
        sys.stderr.write("pyz: warning: this interpreter does not see the packages of %s: %s\n" % (archive, e))


def _wheel_paths(archive, manifest):
    """([the sys.path entry of each wheel], [(wheel, folder) of each extracted one]), after checking the
    interpreter against every wheel and extracting what must reach the disk."""
    problems = check_interpreter(manifest["wheels"])
    if problems:
        raise PyzError(incompatible_message(archive, problems))
    _log("checked the interpreter against every wheel")
    exclude = manifest.get("extract_exclude") or ()
    folders = extract_all(archive, [w for w in manifest["wheels"] if w["extract"]], exclude)
    paths = []
    extracted = []
    for wheel in manifest["wheels"]:
        if wheel["extract"]:
            paths.append(folders[wheel["sha256"]])
            extracted.append((wheel, paths[-1]))
        else:
            paths.append(os.path.join(archive, wheel["path"]))
    return paths, extracted


# -- sys.path --------------------------------------------------------------------------------------

INHERIT = ("false", "prefer", "fallback")


def inherit_path(manifest):
    """What the app sees of the interpreter's own site-packages: PYZ_INHERIT_PATH, else the build's choice."""
    value = os.environ.get("PYZ_INHERIT_PATH", "").strip().lower() or manifest.get("inherit_path") or "false"
    if value in ("0", "no"):
        value = "false"
    if value not in INHERIT:
        raise PyzError("PYZ_INHERIT_PATH=%s is not one of %s" % (value, ", ".join(INHERIT)))
    return value


_HOST = []  # the interpreter's own site folders that set_path found, for the children (child_interpreter)


def set_path(archive, wheels, inherit="false"):
    """Puts the wheels' folders on sys.path where a virtual environment has its site-packages: after the
    archive, PYTHONPATH and the standard library. The interpreter's own site-packages (user and system, and
    what their .pth files added) are removed, with the modules and import hooks they brought in (inherit
    "false"), or kept before ("prefer") or after ("fallback") the wheels."""
    own, host = [], []
    bases = _stdlib_bases()
    explicit = set()
    if not sys.flags.ignore_environment:  # python -E or -I: the interpreter ignored PYTHONPATH too
        explicit = set(_canonical(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)
    for entry in sys.path:
        if entry == archive or not entry or _canonical(entry) in explicit or not _is_host_site(entry, bases):
            own.append(entry)
        else:
            host.append(entry)
    _HOST[:] = host
    if inherit == "false":
        if host:
            _forget_imports_from(host, archive)
        sys.path[:] = own + wheels
    elif inherit == "prefer":
        sys.path[:] = own + host + wheels
    else:
        sys.path[:] = own + wheels + host


def _canonical(path):
    return os.path.normcase(os.path.abspath(path))


def _stdlib_bases():
    """Where the standard library lives: the interpreter's base prefixes."""
    bases = []
    for prefix in (getattr(sys, "base_prefix", sys.prefix), getattr(sys, "base_exec_prefix", sys.exec_prefix)):
        if prefix:
            base = _canonical(prefix)
            if base not in bases:
                bases.append(base)
    return bases


def _is_host_site(entry, bases):
    """Whether a sys.path entry belongs to the interpreter's installed packages: a site-packages or
    dist-packages folder (or inside one), or anything outside the standard library's prefixes (what .pth
    files and sitecustomize add)."""
    parts = entry.replace("\\", "/").split("/")
    if "site-packages" in parts or "dist-packages" in parts:
        return True
    real = _canonical(entry)
    return not any(real == b or real.startswith(b + os.sep) for b in bases)


def _forget_imports_from(folders, archive):
    """Drops the modules that .pth files imported from the host's site-packages, and the import hooks they
    installed, so that the bundled copies are the ones imported; never the app's own (__main__, the
    bootstrap: the archive may lie in a site-packages folder)."""
    roots = tuple(_canonical(f) + os.sep for f in folders)
    own = _canonical(archive) + os.sep

    def from_host(name, module):
        try:
            f = getattr(module, "__file__", None)
        except Exception:  # a lazy or proxy module: leave it alone
            return False
        if not f or name == "__main__":
            return False
        f = _canonical(f)
        return f.startswith(roots) and not f.startswith(own)

    forgotten = set()
    for name, module in list(sys.modules.items()):
        if module is not None and from_host(name, module):
            del sys.modules[name]
            forgotten.add(name)
    for hooks in (sys.meta_path, sys.path_hooks):
        for hook in list(hooks):
            if getattr(hook, "__module__", None) in forgotten:
                hooks.remove(hook)
    for key in list(sys.path_importer_cache):
        if isinstance(key, str) and (_canonical(key) + os.sep).startswith(roots):
            del sys.path_importer_cache[key]


def scripts_on_path(extracted):
    """Puts the scripts folder (bin/) of each extracted wheel that has native executables in front of PATH, as
    an activated environment does, so that child processes find them."""
    folders = [os.path.join(folder, "bin") for wheel, folder in extracted
               if any(kind == "native" for kind in (wheel.get("bin") or {}).values())]
    folders = [f for f in folders if f not in os.environ.get("PATH", "").split(os.pathsep)]
    if folders:
        os.environ["PATH"] = os.pathsep.join(folders + [os.environ.get("PATH", "")]).rstrip(os.pathsep)


# -- .pth files ------------------------------------------------------------------------------------

_PTH_RUN = set()  # the archives whose wheels' .pth files this interpreter has run


def run_pth_files(archive, wheels, extracted):
    """Runs the .pth files at the top of the bundled wheels as site runs those of a site-packages folder, in
    the order of their names over all wheels (in a virtual environment they share one folder): a line starting
    with `import` is executed (setuptools' distutils-precedence.pth, coverage's subprocess hook), any other
    names a folder, relative to the wheel's, that goes at the end of sys.path when it exists. Once per archive
    and interpreter; a failing line is reported on stderr and ends its file, as site does. setuptools'
    namespace-package files (*-nspkg.pth) are left out: each makes the namespace a module whose only folder is
    the one its wheel has (in a virtual environment the folder all wheels share), so the namespace's other
    wheels would not be found; Python finds the portions in every wheel without them (PEP 420)."""
    if archive in _PTH_RUN:
        return
    _PTH_RUN.add(archive)
    folders = dict((w["sha256"], f) for w, f in extracted)
    found = []  # (name, folder of the wheel, its path inside the archive or None)
    directory = in_archive = None
    for wheel in wheels:
        folder = folders.get(wheel["sha256"])
        if folder is not None:
            try:
                found.extend((n, folder, None) for n in os.listdir(folder) if n.endswith(".pth"))
            except OSError:
                pass
            continue
        if directory is None:  # one pass over the names: .deps/<wheel>/<name>.pth
            directory = _archive_directory(archive)
            in_archive = {}
            for n in directory:
                if n.endswith(".pth") and n.count(os.sep) == 2:
                    head, _, tail = n.rpartition(os.sep)
                    in_archive.setdefault(head, []).append(tail)
        inside = wheel["path"].replace("/", os.sep)
        found.extend((n, os.path.join(archive, inside), inside) for n in in_archive.get(inside, ()))
    for name, sitedir, inside in sorted(found, key=lambda f: f[0]):
        if name.startswith(".") or name.endswith("-nspkg.pth"):
            continue
        try:
            if inside is None:
                with open(os.path.join(sitedir, name), "rb") as f:
                    data = f.read()
                exists = os.path.exists
            else:
                import zipimport
                data = zipimport.zipimporter(archive).get_data(os.path.join(sitedir, name))
                exists = lambda path: (_in_archive(directory, archive, path) if path.startswith(archive + os.sep)
                                       else os.path.exists(path))
        except (OSError, ImportError) as e:
            sys.stderr.write("pyz: warning: cannot read %s: %s\n" % (os.path.join(sitedir, name), e))
            continue
        _run_pth(sitedir, name, data, exists)


def _run_pth(sitedir, name, data, exists):
    """One .pth file's lines, as site.addpackage reads them; `sitedir` is there for lines that look it up
    (sys._getframe(1).f_locals['sitedir'])."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        try:
            if line.startswith(("import ", "import\t")):
                exec(line)
                continue
            folder = os.path.abspath(os.path.join(sitedir, line.rstrip()))  # as site.makepath
            if folder not in sys.path and exists(folder):
                sys.path.append(folder)
        except Exception as e:
            sys.stderr.write("Error processing line %d of %s:\n  %s: %s\nRemainder of file ignored\n"
                             % (number, os.path.join(sitedir, name), type(e).__name__, e))
            break


def _archive_directory(archive):
    """The names in the archive (os.sep between parts), from the directory zipimport parsed when it imported
    the bootstrap (read again only where zipimport keeps it elsewhere)."""
    import zipimport
    try:
        return zipimport._zip_directory_cache[archive]
    except (AttributeError, KeyError, TypeError):
        import zipfile
        with zipfile.ZipFile(archive) as z:
            return [n.replace("/", os.sep) for n in z.namelist()]


def _in_archive(directory, archive, path):
    """Whether the folder `path` (under `archive`) has entries in the archive."""
    inside = path[len(archive) + 1:].rstrip(os.sep) + os.sep
    return path.startswith(archive + os.sep) and any(name.startswith(inside) for name in directory)


# -- child interpreters --------------------------------------------------------------------------

def child_interpreter(archive, manifest, extracted):
    """Points sys.executable at an interpreter that starts as this app's environment: a minimal virtual
    environment under $PYZ_ROOT/venvs/ whose site-packages holds one .pth file that joins the archive (see
    join) and, for inherit_path prefer or fallback, lists the interpreter's own site folders before or after
    it. Tools that start Python children with sys.executable (test runners' workers, multiprocessing's spawn)
    then find the app's packages, as they would in a virtual environment of the same wheels. Its bin/ holds the
    wheels' scripts (a script that runs as the entry point gets its path there as sys.argv[0]), its share/ and
    etc/ the extracted wheels' data for the prefix, and the app's sys.prefix becomes that environment. Made once
    for each content (the archive's path, the interpreter, those folders, scripts and data), in a temp folder
    renamed into place, and held for the app's life as an extracted wheel is (use_folder); where it cannot be
    made (no symlinks, an unwritable root), sys.executable and sys.prefix stay as they are."""
    if os.name == "nt" or os.environ.get("PYZ_CHILD_PYTHON", "") in ("0", "false") or archive in _JOINED:
        return  # (joined: this is such a child already, and sys.executable is its interpreter)
    try:
        real = os.path.realpath(getattr(sys, "_base_executable", None) or sys.executable)
        inherit = inherit_path(manifest)
        host = [] if inherit == "false" else [p for p in _HOST if os.path.isdir(p)]
        line = ("import sys; sys.path.insert(0, %a); import pyz_bootstrap; sys.path.pop(0);"
                " pyz_bootstrap.join(%a, locals().get('known_paths'))\n"
                % (os.path.join(archive, ".pyz"), archive)).encode("ascii")
        lines = [os.fsencode(p) + b"\n" for p in host]
        pth = b"".join(lines + [line] if inherit == "prefer" else [line] + lines)
        cfg = os.fsencode("home = %s\ninclude-system-site-packages = false\nversion = %s\n"
                          % (os.path.dirname(real), ".".join(map(str, sys.version_info[:3]))))
        scripts = bin_scripts(manifest)
        folders = dict((w["sha256"], f) for w, f in extracted)
        data = [os.path.join(f, top) for w, f in extracted for top in (w.get("prefix_data") or ())]
        import zlib
        venvs = os.path.join(pyz_root(), "venvs")  # in the key: the scripts' first lines hold the path
        key = (cfg + pth + os.fsencode(real) + _content_key(scripts, folders) + os.fsencode("\0".join(data))
               + os.fsencode(venvs))
        name = "%s-%08x" % (os.path.basename(archive), zlib.crc32(key))
        venv = os.path.join(venvs, name)
        python = os.path.join(venv, "bin", "python")
        if not use_folder(venv):
            _make_child_venv(venv, real, cfg, pth, archive, scripts, folders, data)
            if not use_folder(venv):
                raise OSError("%s was removed as it was made (PYZ_CACHE=prune?)" % venv)
        sys.executable = python
        sys.prefix = sys.exec_prefix = venv  # as in a process of that environment: its data files are there
        _prefix_moved(venv)
        # what pip installs into that environment at run time (sysconfig's purelib: `spacy download` installs a
        # model, then the app imports it) is seen by the app as by its children, after the bundled wheels
        site_packages = _site_packages(venv)
        if site_packages not in sys.path:
            sys.path.append(site_packages)
        _SCRIPTS[archive] = (os.path.join(venv, "bin"), scripts)
        # and the site folders are that environment's, as they are in a process of a virtual environment:
        # what pip's build isolation takes off the sys.path of its child (it asks this process for them)
        site = sys.modules.get("site")
        if site is not None and isinstance(getattr(site, "PREFIXES", None), list):
            site.PREFIXES = [venv]
        _log("child interpreters: %s" % python)
    except Exception as e:  # best effort: the app runs, its children see only the interpreter's packages
        _log("no child interpreter (%s): sys.executable stays %s" % (e, sys.executable))


_SCRIPTS = {}  # archive -> (the bin/ folder of its child interpreter, what bin_scripts() put there)


def _site_packages(venv):
    """The site-packages folder of a virtual environment of this interpreter (site's own name for it:
    lib/python3.13t for a free-threaded build)."""
    lib = "python%d.%d%s" % (sys.version_info[0], sys.version_info[1], "t" if "t" in getattr(sys, "abiflags", "") else "")
    return os.path.join(venv, "lib", lib, "site-packages")


def _prefix_moved(prefix):
    """Tells sysconfig (and distutils' copy of it), when imported already (the interpreter check imports it for a
    wheel with a platform tag), that sys.prefix is now `prefix`: both keep the prefix they were imported with
    and the variables they derived from it, so their paths (purelib, scripts) would still be the base
    interpreter's while sys.prefix says a virtual environment, and pip run in this process would install there
    past the interpreter's EXTERNALLY-MANAGED marker."""
    prefix = os.path.normpath(prefix)
    sysconfig = sys.modules.get("sysconfig")
    if sysconfig is not None:
        for name in ("_PREFIX", "_EXEC_PREFIX"):
            if hasattr(sysconfig, name):
                setattr(sysconfig, name, prefix)
        if getattr(sysconfig, "_CONFIG_VARS", None) is not None:  # derived again on the next use
            sysconfig._CONFIG_VARS = None
            if hasattr(sysconfig, "_CONFIG_VARS_INITIALIZED"):
                sysconfig._CONFIG_VARS_INITIALIZED = False
    distutils = sys.modules.get("distutils.sysconfig")
    if distutils is not None and hasattr(distutils, "PREFIX"):
        distutils.PREFIX = distutils.EXEC_PREFIX = prefix
        if getattr(distutils, "_config_vars", None) is not None:
            distutils._config_vars = None


def bin_scripts(manifest):
    """What pip puts in a virtual environment's bin/ for these wheels: {name: (wheel, kind, target)}, kind
    "entry" for a console or GUI script (target "module:attr"), else the kind of a file of the wheel's scripts
    folder (target None). A console script wins over a file of the same name; among files, and among
    scripts, the later wheel wins. Names that are no plain file name, and python itself, are left out."""
    scripts = {}
    for wheel in manifest["wheels"]:
        for name, kind in (wheel.get("bin") or {}).items():
            scripts[name] = (wheel, kind, None)
    for wheel in manifest["wheels"]:
        for name, target in (wheel.get("scripts") or {}).items():
            scripts[name] = (wheel, "entry", target)
    return dict((name, v) for name, v in scripts.items()
                if name not in ("", ".", "..", "python") and "/" not in name and "\0" not in name)


def _content_key(scripts, extracted):
    """What decides the bin/ files' contents: a console script's target, a file's wheel (by its hash) and the
    folder it was extracted to (where a link points)."""
    return "".join("%s\0%s\0%s\0%s\n" % (name, kind, target or wheel["sha256"], extracted.get(wheel["sha256"], ""))
                   for name, (wheel, kind, target) in sorted(scripts.items())).encode("utf-8", "surrogateescape")


def script_path(archive, name, fallback):
    """The file of the child interpreter's bin/ that runs the script `name` (a path that runs the same program
    again, as a virtual environment's bin/<name>: what a script gets as sys.argv[0]), else fallback."""
    folder, scripts = _SCRIPTS.get(archive, (None, {}))
    return os.path.join(folder, name) if name in scripts else fallback


def _shebang(python):
    """The first line of a script that `python` runs: `#!python`; where the kernel would not take that
    (longer than 127 bytes, a space in it), lines that /bin/sh runs and that exec `python`, as pip writes."""
    path = os.fsencode(python)
    if len(path) <= 125 and b" " not in path:
        return b"#!" + path + b"\n"
    return b"#!/bin/sh\n'''exec' \"" + path + b"\" \"$0\" \"$@\"\n' '''\n"


def _script_bytes(python, kind, target, read):
    """A bin/ file: the console script that calls `target`, else the file as its wheel has it (read()), with a
    first line `#!python...` pointed at `python`, as pip rewrites it (other first lines, such as `#!/usr/bin/env
    python2` or `#!/bin/sh`, are kept: pip keeps them)."""
    if kind == "entry":
        module, attr = target.split(":", 1)
        code = ("import sys\nfrom %s import %s\nif __name__ == '__main__':\n    sys.exit(%s())\n"
                % (module, attr.split(".")[0], attr))
        return _shebang(python) + code.encode("utf-8")
    data = read()
    if data.startswith(b"#!python"):
        end = data.find(b"\n")
        data = _shebang(python) + (data[end + 1:] if end >= 0 else b"")
    return data


def _write_scripts(folder, python, archive, scripts, extracted):
    """Writes the bin/ files into folder: a native or other file of an extracted wheel is a link to it."""
    importer = []
    for name, (wheel, kind, target) in sorted(scripts.items()):
        path = os.path.join(folder, name)
        source = extracted.get(wheel["sha256"])
        if source is not None:
            source = os.path.join(source, "bin", name)
            if kind in ("native", "other"):
                os.symlink(source, path)
                continue

        def read(source=source, inside=os.path.join(archive, wheel["path"], "bin", name)):
            if source is not None:
                with open(source, "rb") as f:
                    return f.read()
            if not importer:
                import zipimport
                importer.append(zipimport.zipimporter(archive))
            return importer[0].get_data(inside)
        with open(path, "wb") as f:
            f.write(_script_bytes(python, kind, target, read))
        os.chmod(path, 0o755)


def _link_data(folder, sources, copy=False):
    """Puts the prefix data folders `sources` (of extracted wheels, in the manifest's order) into `folder`,
    merged as pip installs them into one prefix: folders are made here, so that what a tool writes into the
    environment (`jupyter kernelspec install --sys-prefix`) stays in it and never reaches the wheels' shared
    folders; a name that is a file in a source, or not a folder in all that have it, is the last one's file:
    a link to it, or a copy when `copy` (configuration, which tools rewrite in place)."""
    names = {}
    for source in sources:
        for name in sorted(os.listdir(source)):
            names.setdefault(name, []).append(os.path.join(source, name))
    os.makedirs(folder, exist_ok=True)
    for name, paths in sorted(names.items()):
        target = os.path.join(folder, name)
        if all(os.path.isdir(p) and not os.path.islink(p) for p in paths):
            _link_data(target, paths, copy)
        elif copy and os.path.isfile(paths[-1]):
            with open(paths[-1], "rb") as f:
                data = f.read()
            with open(target, "wb") as f:
                f.write(data)
        else:
            os.symlink(paths[-1], target)


def _make_child_venv(venv, real, cfg, pth, archive, scripts=None, extracted=None, prefix_data=()):
    """Writes the virtual environment into a temp folder beside it and renames it into place. (No tempfile or
    shutil: they bring re along, which a pure app's start does not otherwise import.) Its bin/ holds, besides
    python, the wheels' scripts (bin_scripts), as pip would have installed them, for the final folder; its
    share/ and etc/ the data files the extracted wheels install there (`prefix_data`: their folders, linked)."""
    parent = os.path.dirname(venv)
    os.makedirs(parent, exist_ok=True)
    temp = os.path.join(parent, ".tmp-%d-%d" % (os.getpid(), time.perf_counter_ns()))
    site = _site_packages(temp)
    files = {os.path.join(temp, "pyvenv.cfg"): cfg, os.path.join(site, "pyz-app.pth"): pth,
             os.path.join(temp, COMPLETE): os.fsencode(archive + "\n")}
    try:
        os.makedirs(site)
        os.mkdir(os.path.join(temp, "bin"))
        os.symlink(real, os.path.join(temp, "bin", "python"))
        for path, data in files.items():
            with open(path, "wb") as f:
                f.write(data)
        _write_scripts(os.path.join(temp, "bin"), os.path.join(venv, "bin", "python"), archive, scripts or {},
                       extracted or {})
        for top in sorted(set(os.path.basename(d) for d in prefix_data)):
            _link_data(os.path.join(temp, top), [d for d in prefix_data if os.path.basename(d) == top],
                       copy=(top == "etc"))
        try:
            os.rename(temp, venv)
        except OSError:
            if not os.path.isfile(os.path.join(venv, COMPLETE)):  # else another start made it just now
                plugin_module(archive, "pyz_extract")._set_aside(venv)
                os.rename(temp, venv)
    finally:
        if os.path.exists(temp):  # it failed: (a rare path, where shutil may come along)
            import shutil
            shutil.rmtree(temp, ignore_errors=True)


# -- tracebacks ------------------------------------------------------------------------------------

def name_code_by_its_place():
    """Makes the code that zipimport loads from a pyc name its module's source by where it is
    (`<archive>/.deps/<wheel>/pkg/mod.py`), as the source loader does for a pyc on disk: the bundled pycs are
    compiled before the archive's place is known, and name it relative to the archive. Tools that find source
    through a frame's file name (inspect, pytest's and IPython's tracebacks) then find the module, its loader
    and its source. Once per interpreter; where zipimport has no such step (it is private), names stay."""
    import zipimport
    import _imp
    load = getattr(zipimport, "_get_module_code", None)
    rename = getattr(_imp, "_fix_co_filename", None)
    if load is None or rename is None or getattr(load, "pyz_named", False):
        return

    def _get_module_code(self, fullname):
        code, ispackage, modpath = load(self, fullname)
        if modpath.endswith((".pyc", ".pyo")) and code.co_filename != modpath[:-1]:
            rename(code, modpath[:-1])
        return code, ispackage, modpath

    _get_module_code.pyz_named = True
    zipimport._get_module_code = _get_module_code


def install_excepthook(archive, wheels):
    """An uncaught exception is printed by the traceback module, which reads the source lines of bundled
    code through its loader (the interpreter's own printer, before 3.13, opens the file by name and finds
    nothing inside an archive); and when it is a file-system error on a path inside the archive, a line says
    which wheel to extract."""
    if sys.excepthook is not sys.__excepthook__:
        return  # the environment chose a hook of its own (sitecustomize)

    def excepthook(kind, value, tb):
        import traceback
        traceback.print_exception(kind, value, _past_the_bootstrap(tb, archive))
        hint = archive_path_hint(archive, wheels, value)
        if hint:
            sys.stderr.write(hint + "\n")

    sys.excepthook = excepthook


def _past_the_bootstrap(tb, archive):
    """The traceback from the app's first frame: without the frames that started it (runpy running the archive,
    its __main__.py, the bootstrap's run and dispatch, runpy again for a module), as a virtual environment's
    script shows it; all of it when the error is the bootstrap's own."""
    main = os.path.join(archive, "__main__.py")

    def starting(frame):
        name = frame.f_globals.get("__file__")
        return (frame.f_globals is globals() or frame.f_globals.get("__name__") == "runpy"
                or isinstance(name, str) and os.path.abspath(name) == main)

    first = tb
    while first is not None and starting(first.tb_frame):
        first = first.tb_next
    return first or tb


def archive_path_hint(archive, wheels, error):
    """For an error (or one in its chain) about a path inside a wheel's folder of the archive: a line naming the
    wheel and how to have it extracted; else None."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        for name in (getattr(error, "filename", None), getattr(error, "filename2", None)):
            if isinstance(name, str) and os.path.abspath(name).startswith(archive + os.sep):
                inside = os.path.abspath(name)[len(archive) + 1:].replace(os.sep, "/")
                for w in wheels:
                    if inside == w["path"] or inside.startswith(w["path"] + "/"):
                        return ("pyz: %s is inside the archive, where files cannot be opened or listed by path: %s"
                                " reads files beside its modules. Rebuild with it extracted to disk:"
                                " <extractWheels><extractWheel>%s</extractWheel></extractWheels>"
                                " (-Dpyz.extractWheels=%s)" % (name, w["file"], w["name"], w["name"]))
        error = error.__cause__ or error.__context__
    return None


# -- manifest -----------------------------------------------------------------------------------

def read_manifest(archive):
    import zipimport
    try:
        data = zipimport.zipimporter(archive).get_data(os.path.join(archive, ".pyz", "manifest.json"))
    except (OSError, zipimport.ZipImportError) as e:
        raise PyzError("%s has no readable .pyz/manifest.json (%s)" % (archive, e))
    try:
        manifest = parse_json(data.decode("utf-8"))
    except (ValueError, RecursionError) as e:  # UnicodeDecodeError too
        raise PyzError("%s: .pyz/manifest.json is not valid UTF-8 JSON (%s)" % (archive, e))
    if not isinstance(manifest, dict):
        raise PyzError("%s: .pyz/manifest.json holds a JSON %s, not an object"
                       % (archive, type(manifest).__name__))
    if manifest.get("format") != FORMAT:
        raise PyzError("%s has manifest format %r; this bootstrap reads format %d"
                       % (archive, manifest.get("format"), FORMAT))
    for key, kind in (("wheels", list), ("entry", dict)):
        if not isinstance(manifest.get(key), kind):
            raise PyzError("%s: .pyz/manifest.json has no %s %r (format %d requires it)"
                           % (archive, "list" if kind is list else "object", key, FORMAT))
    return manifest


class _JsonSettings(object):
    """What json's C scanner asks of its decoder: json.loads's defaults."""
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float  # NaN, Infinity, -Infinity


def parse_json(text):
    """json.loads(text), without importing json where its C scanner is there: json brings re and enum
    along, 4 ms of a pure-Python CLI's start (3.11, python -S). Whatever the scanner does not take whole
    goes to json.loads, which parses it or says what is wrong (ValueError)."""
    try:
        import _json
        value, end = _json.make_scanner(_JsonSettings)(text, 0)
        if not text[end:].strip(" \t\n\r"):  # JSON's whitespace, no other
            return value
    except Exception:  # no _json, or text the scanner stops on (StopIteration)
        pass
    import json
    return json.loads(text)


def print_info(archive, manifest, as_json=False):
    if as_json:
        import json
        sys.stdout.write(json.dumps(manifest, indent=2) + "\n")
        return
    build = manifest.get("build") or {}
    lines = ["%s" % archive,
             "built by %s from %s at %s" % (manifest.get("plugin"), build.get("project"),
                                             build.get("timestamp") or "(no timestamp)"),
             "entry point: %s" % describe_entry(manifest["entry"]),
             "wheels (%d):" % len(manifest["wheels"])]
    for w in manifest["wheels"]:
        lines.append("  %s %s  %s  sha256=%s%s%s" % (
            w["name"], w["version"], w["file"], w["sha256"],
            "  requires-python %s" % w["requires_python"] if w.get("requires_python") else "",
            "  (extracted to PYZ_ROOT)" if w["extract"] else ""))
    sys.stdout.write("\n".join(lines) + "\n")


def describe_entry(entry):
    kind = entry["kind"]
    if kind == "module":
        return "module %s" % entry["module"]
    if kind == "callable":
        return "%s:%s (as %s)" % (entry["module"], entry["attr"], entry["name"])
    if kind == "source":
        return "the project's __main__.py"
    return "interpreter"


# -- compatibility ------------------------------------------------------------------------------

def check_interpreter(wheels, env=None):
    """[(wheel file, reason)] for every wheel that does not fit the running interpreter."""
    env = env or Environment.current()
    problems = []
    for w in wheels:
        if not any(tag_fits(tag, env) for tag in w["tags"]):
            problems.append((w["file"], "built for %s, which this interpreter cannot use"
                             % ", ".join(w["tags"])))
        spec = w.get("requires_python")
        if spec and not specifier_fits(spec, env.python_version):
            problems.append((w["file"], "Requires-Python %s" % spec))
    return problems


def incompatible_message(archive, problems):
    env = Environment.current()
    lines = ["%s cannot run on %s %s (%s): these wheels do not fit it:"
             % (os.path.basename(archive), env.implementation_name, ".".join(map(str, env.python_version)),
                ", ".join(env.platforms[:1] or ["unknown platform"]))]
    for wheel, reason in problems:
        lines.append("  %s: %s" % (wheel, reason))
    lines.append("Run it with an interpreter these wheels were built for, or rebuild it with wheels for this one.")
    return "\n".join(lines)


class Environment(object):
    """What tags care about: implementation, version, ABI flags, platforms (most specific first)."""

    def __init__(self, implementation, python_version, abi_suffix, platforms):
        self.implementation = implementation          # "cp", "pp", ...
        self.implementation_name = {"cp": "CPython", "pp": "PyPy"}.get(implementation, implementation)
        self.python_version = tuple(python_version)   # (3, 11, 7)
        self.abi_suffix = abi_suffix                  # "", "d", "t", "td"
        self._platforms = platforms                   # ["manylinux_2_36_x86_64", ..., "linux_x86_64"]

    @property
    def platforms(self):
        """Made when a tag first names a platform (platforms may be a function that makes the list): an
        app of pure wheels never needs them, nor the sysconfig import they cost (1 ms)."""
        if callable(self._platforms):
            self._platforms = self._platforms()
        return self._platforms

    @classmethod
    def current(cls):
        name = sys.implementation.name
        implementation = {"cpython": "cp", "pypy": "pp"}.get(name, name[:2])
        suffix = ""
        if hasattr(sys, "gettotalrefcount"):
            suffix += "d"
        if sys.version_info >= (3, 13):  # free-threaded builds start with 3.13
            flags = getattr(sys, "abiflags", None)  # POSIX: says it without importing sysconfig (1 ms)
            if flags is None:
                import sysconfig
                free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
            else:
                free_threaded = "t" in flags
            if free_threaded:
                suffix = "t" + suffix
        return cls(implementation, sys.version_info[:3], suffix, current_platforms)


def current_platforms():
    import sysconfig
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    if sys.platform.startswith("linux"):
        arch = plat[len("linux_"):] if plat.startswith("linux_") else os.uname().machine
        if arch == "x86_64" and sys.maxsize <= 2 ** 32:
            arch = "i686"
        result = []
        try:
            libc = os.confstr("CS_GNU_LIBC_VERSION")  # "glibc 2.36"
        except (ValueError, OSError, AttributeError):
            libc = None
        if libc and libc.startswith("glibc "):
            major, minor = (int(x) for x in libc.split()[1].split(".")[:2])
            for m in range(minor, -1, -1):
                result.append("manylinux_%d_%d_%s" % (major, m, arch))
                legacy = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}.get(m)
                if major == 2 and legacy:
                    result.append("%s_%s" % (legacy, arch))
        else:
            result.append("musllinux_1_*_%s" % arch)
        result.append("linux_%s" % arch)
        return result
    if sys.platform == "darwin":
        import platform
        release, _, machine = platform.mac_ver()
        major, minor = (int(x) for x in (release.split(".") + ["0"])[:2])
        arches = [machine, "universal2"] + (["intel", "universal"] if machine == "x86_64" else [])
        result = []
        versions = [(major, m) for m in range(minor, -1, -1)] if major < 11 else \
            [(v, 0) for v in range(major, 10, -1)] + [(10, m) for m in range(16, -1, -1)]
        for v in versions:
            for a in arches:
                result.append("macosx_%d_%d_%s" % (v[0], v[1], a))
        return result
    return [plat]


def tag_fits(tag, env):
    """Whether one wheel tag (python-abi-platform) can be used by env (compressed sets already expanded)."""
    try:
        python, abi, plat = tag.split("-")
    except ValueError:
        return False
    if plat != "any" and not platform_fits(plat, env.platforms):
        return False
    major, minor = env.python_version[0], env.python_version[1]
    own = "%s%d%d" % (env.implementation, major, minor)
    if abi == "none":
        if python.startswith("py"):
            digits = python[2:]
            if digits == str(major):
                return True
            if digits.startswith(str(major)) and digits[1:].isdigit():
                return int(digits[1:]) <= minor
            return False
        return python == own
    if abi == "abi3":
        if env.implementation != "cp" or not python.startswith("cp") or not python[2:].isdigit():
            return False
        digits = python[2:]
        return digits[0] == str(major) and int(digits[1:] or 0) <= minor and "t" not in env.abi_suffix
    return python == own and abi == own + env.abi_suffix


def platform_fits(plat, platforms):
    if plat in platforms:
        return True
    if plat.startswith("musllinux_"):
        arch = plat.split("_", 3)[-1]
        return "musllinux_1_*_%s" % arch in platforms
    return False


# -- Requires-Python ----------------------------------------------------------------------------

_DIGITS = "0123456789"
# longest first, so that "===" is not read as "==" and "<=" not as "<"
_OPERATORS = ("===", "~=", "==", "!=", "<=", ">=", "<", ">")


def _release(text):
    """The release tuple of a PEP 440 version ('3.8.0rc1' -> (3, 8, 0)), and whether it was a wildcard.
    (Read by hand, as the whole of the Requires-Python check: importing re would cost every start.)"""
    text = text.strip().lower()
    if text.startswith("v"):
        text = text[1:]
    wildcard = text.endswith(".*")
    if wildcard:
        text = text[:-2]
    release = []
    for part in text.split("."):
        digits = len(part) - len(part.lstrip(_DIGITS))
        if not digits:
            break
        release.append(int(part[:digits]))
        if digits < len(part):  # "0rc1": the release ends here
            break
    if not release:
        raise ValueError(text)
    return tuple(release), wildcard


def _clause(clause):
    """(operator, version) of one specifier clause such as '>= 3.8', or None if it is not one."""
    for op in _OPERATORS:
        if clause.startswith(op):
            text = clause[len(op):].strip()
            return (op, text) if text and len(text.split()) == 1 else None
    return None


def _cmp(a, b):
    n = max(len(a), len(b))
    a = a + (0,) * (n - len(a))
    b = b + (0,) * (n - len(b))
    return (a > b) - (a < b)


def specifier_fits(spec, version):
    """Whether a version tuple satisfies a PEP 440 specifier set such as '>=3.8, !=3.9.*'.

    Pre-, post- and dev-release parts of the specifier are compared by their release segment only,
    which is exact for interpreter versions (always final releases here). An unreadable clause fits."""
    version = tuple(version)
    for clause in spec.split(","):
        clause = clause.strip()
        if not clause:
            continue
        parsed = _clause(clause)
        if not parsed:
            continue
        op, text = parsed
        if op == "===":
            if text.strip() != ".".join(map(str, version)):
                return False
            continue
        try:
            release, wildcard = _release(text)
        except ValueError:
            continue
        if wildcard:
            same = version[:len(release)] == release
            if (op == "==" and not same) or (op == "!=" and same):
                return False
            continue
        c = _cmp(version, release)
        if op == "==" and c != 0 or op == "!=" and c == 0:
            return False
        if op == ">=" and c < 0 or op == "<=" and c > 0 or op == ">" and c <= 0 or op == "<" and c >= 0:
            return False
        if op == "~=":
            if len(release) < 2 or c < 0 or version[:len(release) - 1] != release[:-1]:
                return False
    return True


# -- extraction ---------------------------------------------------------------------------------

COMPLETE = ".pyz-complete"


def pyz_root():
    """$PYZ_ROOT, else ~/.cache/pyz; absolute (a child may run in another folder). Without a home folder, a
    folder of this user's under the temporary folder."""
    root = os.environ.get("PYZ_ROOT")
    if not root:
        home = os.path.expanduser("~")
        if home.startswith("~"):  # no HOME and no passwd entry
            import tempfile
            return os.path.join(tempfile.gettempdir(), "pyz-%d" % os.getuid() if hasattr(os, "getuid") else "pyz")
        root = os.path.join(home, ".cache", "pyz")
    return os.path.abspath(root)


def extract_all(archive, wheels, exclude=()):
    """{sha256: folder} for the wheels that must reach the disk: those extracted already are reused (and held,
    see use_folder); the others are extracted by pyz_extract, a module of its own that an app whose wheels are
    all in place never loads."""
    folders = {}
    todo = []  # (wheel, its folder's name)
    for wheel in wheels:
        name = folder_name(wheel, exclude)
        ready = os.path.join(pyz_root(), "wheels", name)
        if use_folder(ready, wait=False):  # (being extracted: pyz_extract waits for it after its own work)
            _log("reusing %s" % ready)
            folders[wheel["sha256"]] = ready
        else:
            todo.append((wheel, name))
    if todo:
        folders.update(plugin_module(archive, "pyz_extract").extract(archive, todo, exclude))
    return folders


# A folder's last use is its completion marker's mtime, set again by a start that finds it older than this
# (one utime an hour at most: the stat is made anyway).
TOUCH_SECONDS = 3600

_HELD = []  # the descriptors of the lock files this process holds shared, open for its whole life


def use_folder(folder, wait=True):
    """Whether folder (a wheel's under $PYZ_ROOT/wheels, or a child interpreter's under $PYZ_ROOT/venvs) is
    complete (has its marker). If it is, this process keeps a shared lock on folder + ".lock" for its whole
    life, so that PYZ_CACHE=prune leaves the folder alone, and a marker older than TOUCH_SECONDS gets the
    current time (the folder's last use). The lock is taken before the marker is looked at: a process holds
    it exclusively while it extracts the folder or a prune removes it, so a start sees the folder whole or
    not at all. Without wait, a folder locked that way is not complete (yet)."""
    fd = hold_lock(folder + ".lock", wait)
    if fd == _BUSY:
        return False
    marker = os.path.join(folder, COMPLETE)
    try:
        stat = os.stat(marker)
    except OSError:
        release_lock(fd)
        return False
    if time.time() - stat.st_mtime > TOUCH_SECONDS:
        try:
            os.utime(marker)
        except OSError:  # a root this user cannot write to: last use stays unknown
            pass
    return True


_BUSY = -1


def hold_lock(path, wait=True):
    """A descriptor holding a shared flock on path (created if need be), kept open (not inherited by children)
    until release_lock or the end of the process; None where there are no file locks (Windows) or the file
    cannot be opened (a read-only root). While another process holds it exclusively (extracting the folder,
    or a prune removing it) this waits, or without wait returns _BUSY. A lock file that a prune removed
    meanwhile is opened again."""
    try:
        import fcntl
    except ImportError:
        return None
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                return None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | (0 if wait else fcntl.LOCK_NB))
        except OSError as e:
            os.close(fd)  # busy, or a file system without locks (some network mounts): none then
            return _BUSY if isinstance(e, BlockingIOError) else None
        if os.fstat(fd).st_nlink:
            _HELD.append(fd)
            return fd
        os.close(fd)  # a prune unlinked it while this process waited: the folder is gone; lock the new file


def release_lock(fd):
    if fd is not None:
        _HELD.remove(fd)
        os.close(fd)


def plugin_module(archive, name):
    """One of the bootstrap's modules that a start loads only when needed (pyz_extract, pyz_cache), from the
    archive's .pyz folder (as the launcher imports this one)."""
    module = sys.modules.get(name)
    if module is None:
        sys.path.insert(0, os.path.join(archive, ".pyz"))
        try:
            module = __import__(name)
        finally:
            del sys.path[0]
    return module


def folder_name(wheel, exclude=()):
    """The wheel's folder under $PYZ_ROOT/wheels: its sha256, plus a digest of the patterns of files left
    in the archive when there are any (another zipapp of the same wheel may want those files)."""
    if not exclude:
        return wheel["sha256"]
    import hashlib
    return "%s-x%s" % (wheel["sha256"], hashlib.sha256("\n".join(exclude).encode("utf-8")).hexdigest()[:12])


# -- importlib.metadata -------------------------------------------------------------------------

def _normalize(name):
    """PEP 503's name normalization (re.sub(r"[-_.]+", "-", name).lower()) without importing re, which
    would cost every start."""
    text = name.lower().replace("_", "-").replace(".", "-")
    while "--" in text:
        text = text.replace("--", "-")
    return text


class MetadataFinder(object):
    """A sys.meta_path entry that finds no modules, only the bundled distributions: those inside the
    archive, which the stock finder cannot see in a folder of a zip file, and (by name) the extracted
    ones, so that a lookup by name never makes the stock finder search every sys.path entry."""

    def __init__(self, archive, wheels, extracted=()):
        self.archive = archive
        # (normalized name, its dist-info folder, the sys.path entry it belongs to)
        self.dists = [(_normalize(w["name"]), w["path"] + "/" + w["dist_info"] + "/", os.path.join(archive, w["path"]))
                      for w in wheels]
        self.extracted = [(_normalize(w["name"]), os.path.join(path, w["dist_info"]), path) for w, path in extracted]
        self._importer = None
        self._root = None
        self._spared = False

    def find_spec(self, fullname, path=None, target=None):
        return None

    def find_module(self, fullname, path=None):  # Python < 3.4 protocol, kept for old callers
        return None

    def invalidate_caches(self):
        pass

    def find_distributions(self, context=None):
        if not self._spared:
            # importlib.metadata is loaded by now (it is what calls this), and this finder is asked first
            self._spared = True
            _spare_the_archive_root_from_full_parses(self.archive)
        name = getattr(context, "name", None)
        wanted = _normalize(name) if name else None
        # as the stock finder, only what is on sys.path (a tool may have taken the wheels off it)
        on_path = set(sys.path)
        matches = [at for normalized, at, entry in self.dists
                   if (wanted is None or normalized == wanted) and entry in on_path]
        found = [ArchiveDistribution(self, at) for at in matches]
        if wanted is not None:
            # extracted wheels are on sys.path as folders: the stock finder lists them in a full scan;
            # a lookup by name is answered here, before it searches every entry of sys.path
            import pathlib
            from importlib.metadata import PathDistribution
            found += [PathDistribution(pathlib.Path(p)) for normalized, p, entry in self.extracted
                      if normalized == wanted and entry in on_path]
        return iter(found)

    def read(self, name):
        """Bytes of an archive entry through zipimport's already parsed directory, or None."""
        import zipimport
        if self._importer is None:
            self._importer = zipimport.zipimporter(self.archive)
        try:
            return self._importer.get_data(os.path.join(self.archive, name))
        except OSError:
            return None

    def root(self):
        """A zipfile.Path of the whole archive, built on first need (it parses the whole directory)."""
        if self._root is None:
            import zipfile
            # zipfile.Path wraps a ZipFile in a copy that closes the shared file when it is collected
            # (3.8-3.11), so keep that copy and build on it.
            self._root = zipfile.Path(self.archive).root
        return self._root


def _distribution_class():
    from importlib.metadata import Distribution

    class ArchiveDistribution(Distribution):
        """A distribution in a folder of the archive: metadata files read through zipimport (cheap),
        files located as zipfile.Path objects (parsed on first use)."""

        def __init__(self, finder, at):
            self._finder = finder
            self._at = at  # ".deps/<wheel>/<name>.dist-info/"

        def read_text(self, filename):
            data = self._finder.read(self._at + str(filename))
            return None if data is None else data.decode("utf-8")

        def locate_file(self, path):
            folder = self._at.rstrip("/").rsplit("/", 1)[0] + "/"
            return _archive_path_class()(self._finder.root(), at=folder).joinpath(str(path).replace(os.sep, "/"))

        @property
        def _normalized_name(self):
            return _normalize(self._at.rstrip("/").rsplit("/", 1)[1].rsplit("-", 1)[0]).replace("-", "_")

    return ArchiveDistribution


_ARCHIVE_DISTRIBUTION = []  # the class, made on first use: importlib.metadata is not imported at start
_ARCHIVE_PATH = []


def _archive_path_class():
    """zipfile.Path that is also path-like (os.fspath, pathlib.Path): what locate_file() returns for a file in
    the archive, as an installed distribution returns a path. Reading works through the zip; the file-system
    path it gives lies inside the archive, as __file__ does."""
    if not _ARCHIVE_PATH:
        import zipfile

        class ArchivePath(zipfile.Path):
            def __fspath__(self):
                return os.path.join(self.root.filename, *self.at.rstrip("/").split("/"))

            def _next(self, at):  # before 3.10, zipfile.Path made its children plain zipfile.Path objects
                return ArchivePath(self.root, at)

            if sys.version_info < (3, 9):  # 3.8's open() is binary only, which importlib.metadata does not expect
                def open(self, mode="r", *args, **kwargs):
                    stream = self.root.open(self.at, "r", pwd=kwargs.pop("pwd", None))
                    if "b" in mode:
                        return stream
                    import io
                    return io.TextIOWrapper(stream, *args, **kwargs)

                def read_text(self, *args, **kwargs):
                    with self.open("r", *args, **kwargs) as stream:
                        return stream.read()

                def read_bytes(self):
                    with self.open("rb") as stream:
                        return stream.read()

        _ARCHIVE_PATH.append(ArchivePath)
    return _ARCHIVE_PATH[0]


def ArchiveDistribution(finder, at):
    if not _ARCHIVE_DISTRIBUTION:
        _ARCHIVE_DISTRIBUTION.append(_distribution_class())
    return _ARCHIVE_DISTRIBUTION[0](finder, at)


def fix_zip_resource_reader():
    """Python 3.8's zipimport resource reader (importlib.resources.read_text, open_binary, is_resource,
    contents) forgets the importer's folder inside the archive, so it finds nothing in a wheel's folder,
    and its contents() fails when a package was loaded from a pyc. Give it the folder; newer versions
    read resources another way and are left alone."""
    import zipimport
    reader = getattr(zipimport, "_ZipImportResourceReader", None)
    if reader is None or sys.version_info >= (3, 10):
        return

    def path(self, name):
        # the importer's prefix is the folder that holds the package (its parent package's folder)
        return "%s%s/%s" % (self.zipimporter.prefix.replace(os.sep, "/"), self.fullname.rpartition(".")[2], name)

    def open_resource(self, resource):
        from io import BytesIO
        try:
            return BytesIO(self.zipimporter.get_data(path(self, resource)))
        except OSError:
            raise FileNotFoundError(path(self, resource))

    def is_resource(self, name):
        try:
            self.zipimporter.get_data(path(self, name))
        except OSError:
            return False
        return True

    def contents(self):
        folder = path(self, "")
        seen = set()
        for name in self.zipimporter._files:
            name = name.replace(os.sep, "/")
            if name.startswith(folder):
                first = name[len(folder):].split("/", 1)[0]
                if first and first not in seen:
                    seen.add(first)
                    yield first

    reader.open_resource = open_resource
    reader.is_resource = is_resource
    reader.contents = contents


def install_metadata_finder(archive, wheels, extracted=()):
    # importlib.metadata is not imported here: it costs about 10 ms, and most apps never use it
    sys.meta_path.insert(0, MetadataFinder(archive, wheels, extracted))


def _spare_the_archive_root_from_full_parses(archive):
    """The stock finder lists the children of each sys.path entry; for the archive itself (sys.path[0])
    it builds a zipfile.Path, which parses the whole central directory in Python (about 0.2 s for
    20,000 entries), on every search before 3.10. zipimport has already parsed it: give the stock
    finder the archive's top-level names from there. Where the private parts differ, nothing changes."""
    try:
        import zipimport
        from importlib import metadata
        fast_path = metadata.FastPath
        original = fast_path.zip_children
        directory = zipimport._zip_directory_cache[archive]
    except (ImportError, AttributeError, KeyError, TypeError):
        return
    names = dict.fromkeys(name.split(os.sep, 1)[0] for name in directory)

    def zip_children(self):
        if self.root == archive:
            self.joinpath = lambda child: __import__("zipfile").Path(archive, at=child)
            return dict(names)
        return original(self)

    fast_path.zip_children = zip_children


# -- entry points -------------------------------------------------------------------------------

def dispatch(archive, entry, wheels=(), folders=None):
    kind = entry["kind"]
    if kind == "module":
        import runpy
        runpy.run_module(entry["module"], run_name="__main__", alter_sys=True)
    elif kind == "callable":
        import importlib
        target = importlib.import_module(entry["module"])
        for part in entry["attr"].split("."):
            target = getattr(target, part)
        sys.argv[0] = script_path(archive, entry["name"], entry["name"])
        sys.exit(target())
    elif kind == "source":
        path = os.path.join(archive, entry["path"])
        _exec_main(load_code(archive, path), path)
    elif kind == "interpreter":
        interpreter(sys.argv[1:])
    elif kind in ("executable", "script"):
        run_script(archive, entry, wheels, folders or {})
    else:
        sys.stderr.write("pyz: unknown entry point kind %r in the manifest\n" % kind)
        sys.exit(1)


def run_script(archive, entry, wheels, folders):
    """Runs a file of a wheel's scripts folder: a native executable replaces this process (its exit status is
    the app's; on Windows it runs as a child); a Python script runs as __main__, as `python script` would."""
    wheel = next((w for w in wheels if w["file"] == entry["wheel"]), None)
    if wheel is None:
        raise SystemExit("pyz: the manifest names the script %s of %s, which is not bundled"
                         % (entry["path"], entry["wheel"]))
    folder = folders.get(wheel["sha256"])
    if entry["kind"] == "executable":
        if folder is None:
            raise SystemExit("pyz: %s of %s is a native executable, but the wheel was not extracted"
                             % (entry["path"], entry["wheel"]))
        path = os.path.join(folder, *entry["path"].split("/"))
        args = [entry["name"]] + sys.argv[1:]
        sys.stdout.flush()
        sys.stderr.flush()
        for fd in _HELD:  # the executable inherits the locks: its folders stay in use while it runs
            os.set_inheritable(fd, True)
        if os.name == "nt":
            import subprocess
            sys.exit(subprocess.call([path] + args[1:]))
        os.execv(path, args)
    if folder is not None:
        path = os.path.join(folder, *entry["path"].split("/"))
        with open(path, "rb") as f:
            source = f.read()
    else:
        import zipimport
        path = os.path.join(archive, wheel["path"], *entry["path"].split("/"))
        source = zipimport.zipimporter(archive).get_data(path)
    sys.argv[0] = script_path(archive, entry["name"], path)
    _exec_main(compile(source, path, "exec"), path)


def load_code(archive, path):
    """The code of a source file in the archive: from the pyc beside it when this interpreter's bytecode
    version wrote it, else compiled from the source."""
    import zipimport
    importer = zipimport.zipimporter(archive)
    try:
        import importlib.util
        import marshal
        data = importer.get_data(path[:-3] + ".pyc")
        if data[:4] == importlib.util.MAGIC_NUMBER:
            return marshal.loads(data[16:])
    except (OSError, ValueError, EOFError, TypeError):
        pass
    return compile(importer.get_data(path), path, "exec")


def _exec_main(code, filename=None):
    import types
    main = types.ModuleType("__main__")
    if filename:
        main.__file__ = filename
    import builtins
    main.__builtins__ = builtins  # the module, as in python's own __main__ (elsewhere it is its dict)
    sys.modules["__main__"] = main
    exec(code, main.__dict__)


USAGE = "usage: %s [-c cmd | -m mod | file | -] [arg ...]\n"


def interpreter(args):
    """Behave like `python` for the common forms, with the bundled wheels importable."""
    if not args or args[0] == "-":
        sys.argv = ["-"] + args[1:] if args else [""]
        if not args and sys.stdin.isatty():
            import code
            try:
                import readline  # noqa: F401  (line editing and history when available)
            except ImportError:
                pass
            code.interact(banner="Python %s on %s (pyz interpreter mode)" % (sys.version, sys.platform),
                          local={"__name__": "__main__", "__doc__": None})
            return
        _first_on_path("")
        _exec_main(compile(sys.stdin.read(), "<stdin>", "exec"))
        return
    first = args[0]
    if first.startswith("-c"):
        command, rest = (first[2:], args[1:]) if len(first) > 2 else (args[1] if len(args) > 1 else None, args[2:])
        if command is None:
            sys.stderr.write("Argument expected for the -c option\n" + USAGE % os.path.basename(sys.argv[0]))
            sys.exit(2)
        sys.argv = ["-c"] + rest
        _first_on_path("")
        _exec_main(compile(command, "<string>", "exec"))
    elif first.startswith("-m"):
        module, rest = (first[2:], args[1:]) if len(first) > 2 else (args[1] if len(args) > 1 else None, args[2:])
        if module is None:
            sys.stderr.write("Argument expected for the -m option\n" + USAGE % os.path.basename(sys.argv[0]))
            sys.exit(2)
        import runpy
        sys.argv = [module] + rest
        _first_on_path(os.getcwd())
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    elif first.startswith("-"):
        sys.stderr.write("pyz: option %s is not supported in interpreter mode\n" % first
                         + USAGE % os.path.basename(sys.argv[0]))
        sys.exit(2)
    else:
        import runpy
        sys.argv = list(args)
        _first_on_path(os.path.dirname(os.path.abspath(first)))
        import builtins
        runpy.run_path(first, init_globals={"__builtins__": builtins}, run_name="__main__")


def _first_on_path(folder):
    """What `python` puts first on sys.path for the code it runs: the working folder ("") for -c and stdin, the
    working folder's path for -m, the script's folder; nothing with -P or PYTHONSAFEPATH (3.11)."""
    if not getattr(sys.flags, "safe_path", False):
        sys.path.insert(0, folder)

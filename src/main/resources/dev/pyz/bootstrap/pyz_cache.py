"""Lists and prunes $PYZ_ROOT for the bootstrap of a zipapp built by pyz-maven-plugin (PYZ_CACHE=info, json,
prune; docs/FORMAT.md, Runtime): a module of its own, loaded only when PYZ_CACHE asks for it.

What PYZ_ROOT holds: wheels/<folder>/ (an extracted wheel, <folder>.lock beside it) and venvs/<folder>/ (a
child interpreter, <folder>.lock beside it), each complete when it has its marker (.pyz-complete, whose
first line names the wheel file or the archive, and whose mtime is the folder's last use); and leftovers of
starts or prunes that were killed: .tmp-* (a folder being made), <folder>.stale-<pid> (a damaged copy set
aside), .removing-* (a folder being pruned). A running app holds a shared flock on the lock file of every
folder it uses (pyz_bootstrap.use_folder); a prune removes a folder only under an exclusive one."""
import os
import sys
import time

from pyz_bootstrap import COMPLETE, PyzError, pyz_root
from pyz_extract import _Lock

DEFAULT_MAX_AGE = "30d"
# A folder being made (.tmp-*) is left alone until it is this old: its maker may still be writing it (the
# largest extraction measured takes seconds); older, its maker was killed.
STALE_TEMP_SECONDS = 3600
KINDS = (("wheels", "extracted wheels"), ("venvs", "child interpreters"))
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def main(mode):
    """What PYZ_CACHE=mode does: the exit status."""
    root = pyz_root()
    if mode in ("1", "info"):
        sys.stdout.write(info_text(root, scan(root)))
    elif mode == "json":
        import json
        sys.stdout.write(json.dumps(info_json(root, scan(root)), indent=2) + "\n")
    elif mode == "prune":
        return prune(root, max_age(os.environ.get("PYZ_CACHE_MAX_AGE", "")))
    else:
        raise PyzError("PYZ_CACHE=%s is not one of info, json, prune" % mode)
    return 0


def max_age(text):
    """Seconds of PYZ_CACHE_MAX_AGE: a number with d, h, m or s (days without), 0 for no age at all."""
    text = (text or DEFAULT_MAX_AGE).strip().lower()
    number, unit = (text[:-1], text[-1]) if text[-1:] in _UNITS else (text, "d")
    try:
        seconds = float(number) * _UNITS[unit]
    except ValueError:
        seconds = -1
    if not seconds >= 0:
        raise PyzError("PYZ_CACHE_MAX_AGE=%s is not an age such as 30d, 12h, 45m, 90s, or 0 for every folder"
                       " no running app holds" % text)
    return seconds


# -- what PYZ_ROOT holds ------------------------------------------------------------------------

class Folder(object):
    """A folder under wheels/ or venvs/: what it is (its marker's first line), its size, last use, and whether
    a running app holds it (None where there are no file locks)."""

    def __init__(self, root, kind, name):
        self.kind = kind
        self.name = name
        self.relative = kind + "/" + name
        self.path = os.path.join(root, kind, name)
        self.lock = self.path + ".lock"
        self.marker = os.path.join(self.path, COMPLETE)
        self.what = _first_line(self.marker)
        self.complete = self.what is not None
        self.bytes, self.files = measure(self.path)
        self.last_use = _mtime(self.marker if self.complete else self.path)
        self.in_use = held(self.lock)

    def describe(self):
        """What the folder holds, for people: the project, version and file of its wheel, or its archive."""
        if not self.complete:
            return "incomplete: left by an interrupted extraction"
        if self.kind == "venvs":
            return "for %s%s" % (self.what, "" if os.path.exists(self.what) else " (no longer there)")
        project, version = wheel_name(self.what)
        return "%s %s (%s)" % (project, version, self.what)

    def as_json(self):
        data = {"kind": self.kind[:-1], "path": self.path, "bytes": self.bytes, "files": self.files,
                "last_use": self.last_use, "in_use": self.in_use, "complete": self.complete}
        if self.kind == "venvs":
            data["archive"] = self.what
        else:
            data["wheel"] = self.what
            data["project"], data["version"] = wheel_name(self.what) if self.what else (None, None)
        return data


def wheel_name(file_name):
    """(project, version) of a wheel file name."""
    parts = file_name.split("-")
    return parts[0], parts[1] if len(parts) > 1 else ""


def scan(root):
    """(folders [Folder], leftovers [path], orphan locks [path]) under root, by kind and name."""
    folders, leftovers, locks = [], [], []
    for kind, _ in KINDS:
        base = os.path.join(root, kind)
        try:
            names = sorted(os.listdir(base))
        except OSError:
            continue
        for name in names:
            path = os.path.join(base, name)
            if name.startswith(".") or ".stale-" in name:
                leftovers.append(path)
            elif name.endswith(".lock"):
                if not os.path.isdir(path[:-len(".lock")]):
                    locks.append(path)
            elif os.path.isdir(path):
                folders.append(Folder(root, kind, name))
    return folders, leftovers, locks


def measure(path):
    """(bytes, files) of everything under path, links not followed."""
    total, count = 0, 0
    try:
        entries = list(os.scandir(path))
    except NotADirectoryError:
        return _size(path), 1
    except OSError:
        return 0, 0
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                more, n = measure(entry.path)
                total, count = total + more, count + n
            else:
                total, count = total + entry.stat(follow_symlinks=False).st_size, count + 1
        except OSError:  # removed meanwhile
            pass
    return total, count


def held(lock):
    """Whether a running app (or an extraction, or a prune) holds the lock file; None without file locks."""
    try:
        import fcntl
    except ImportError:
        return None
    try:
        fd = os.open(lock, os.O_RDONLY)
    except OSError:
        return False  # no lock file: nothing holds it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)  # (releases the probe's lock)


def _first_line(path):
    try:
        with open(path, "rb") as f:
            return os.fsdecode(f.readline().rstrip(b"\r\n"))
    except OSError:
        return None


def _mtime(path):
    try:
        return os.lstat(path).st_mtime
    except OSError:
        return None


def _size(path):
    try:
        return os.lstat(path).st_size
    except OSError:
        return 0


# -- PYZ_CACHE=info and json ------------------------------------------------------------------

def info_text(root, scanned, now=None):
    folders, leftovers, _ = scanned
    now = time.time() if now is None else now
    lines = ["PYZ_ROOT %s" % root]
    for kind, title in KINDS:
        mine = [f for f in folders if f.kind == kind]
        lines.append("%s (%s): %s, %s" % (kind, title, _count(len(mine), "folder"), human(sum(f.bytes for f in mine))))
        for f in mine:
            lines.append("  %s" % f.describe())
            lines.append("    %s  %s, last used %s, %s" % (f.relative, human(f.bytes), when(f.last_use, now),
                                                         _in_use_text(f.in_use)))
    if leftovers:
        sizes = [measure(p)[0] for p in leftovers]
        lines.append("leftovers of interrupted starts and prunes: %d, %s" % (len(leftovers), human(sum(sizes))))
        for path, size in zip(leftovers, sizes):
            lines.append("    %s  %s, modified %s" % (os.path.relpath(path, root), human(size), when(_mtime(path), now)))
    total = sum(f.bytes for f in folders) + sum(measure(p)[0] for p in leftovers)
    in_use = sum(1 for f in folders if f.in_use)
    lines.append("total: %s in %s, %d in use" % (human(total), _count(len(folders), "folder"), in_use))
    lines.append("PYZ_CACHE=prune removes the folders no running app holds that were not used for %s"
                 " (PYZ_CACHE_MAX_AGE, e.g. 7d, or 0 for all of them)" % DEFAULT_MAX_AGE)
    return "\n".join(lines) + "\n"


def info_json(root, scanned):
    folders, leftovers, _ = scanned
    return {"root": root,
            "folders": [f.as_json() for f in folders],
            "leftovers": [{"path": p, "bytes": measure(p)[0], "modified": _mtime(p)} for p in leftovers],
            "bytes": sum(f.bytes for f in folders) + sum(measure(p)[0] for p in leftovers)}


def _in_use_text(in_use):
    return {True: "in use", False: "not in use", None: "in use unknown (no file locks here)"}[in_use]


def _count(n, noun):
    return "%d %s%s" % (n, noun, "" if n == 1 else "s")


def human(size):
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return ("%d %s" if unit == "B" else "%.1f %s") % (size, unit)
        size /= 1000.0


def when(stamp, now):
    if stamp is None:
        return "never"
    return "%s (%s)" % (time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp)), ago(now - stamp))


def ago(seconds):
    for unit, name in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= unit:
            return "%s ago" % _count(int(seconds // unit), name)
    return "just now"


# -- PYZ_CACHE=prune --------------------------------------------------------------------------

class Pruning(object):
    """What one prune did: lines to print, bytes freed, folders removed and kept."""

    def __init__(self, root, age, now):
        self.root, self.age, self.now = root, age, now
        self.lines = []
        self.freed = 0
        self.removed = 0
        self.busy = 0
        self.recent = 0

    def say(self, line):
        self.lines.append(line)
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def prune(root, age, now=None):
    """Removes the folders under root that no process holds and that were not used for age seconds, the
    leftovers of killed starts and prunes, and lock files without their folder. Prints what it did; the exit
    status (0)."""
    try:
        import fcntl  # noqa: F401
    except ImportError:
        raise PyzError("PYZ_CACHE=prune needs file locks to tell which folders running apps use, and this system"
                       " has none: nothing was removed. Remove the folders under %s by hand when no app from"
                       " it runs." % root)
    run = Pruning(root, age, time.time() if now is None else now)
    run.say("pyz: pruning %s: the folders no running app holds, %s" % (
        root, "not used for %s" % ago_text(age) if age > 0 else "whatever their last use (PYZ_CACHE_MAX_AGE=0)"))
    folders, leftovers, locks = scan(root)
    for folder in folders:
        prune_folder(run, folder)
    for path in leftovers:
        prune_leftover(run, path)
    for lock in locks:
        prune_lock(lock)
    kept = "%d in use" % run.busy + (" and %d used within %s" % (run.recent, ago_text(age)) if age > 0 else "")
    run.say("freed %s (%d bytes): %s removed; kept %s" % (human(run.freed), run.freed, _count(run.removed, "folder"), kept))
    return 0


def ago_text(age):
    return ago(age).replace(" ago", "")


def prune_folder(run, folder):
    """Removes folder if no process holds it and it was not used within run.age; says why it stays else."""
    lock = _Lock(folder.lock)
    if not lock.acquire(block=False):
        run.busy += 1
        run.say("kept    %s  %s: in use by a running app" % (folder.relative, folder.describe()))
        return
    try:
        if not os.path.isdir(folder.path):  # another prune removed it since the scan
            return
        last = _mtime(folder.marker)  # under the lock: a start may have used it since the scan
        if last is not None and run.now - last < run.age:
            run.recent += 1
            return
        size = measure(folder.path)[0]
        if remove(folder, lock):
            run.freed += size
            run.removed += 1
            run.say("removed %s  %s  %s, last used %s" % (folder.relative, folder.describe(), human(size),
                                                          when(last or folder.last_use, run.now)))
    finally:
        lock.release()


def remove(folder, lock):
    """Removes a folder whose lock this process holds exclusively, so that no start ever uses half of it: its
    marker first (without it the folder is incomplete: a start extracts it again), then a rename out of the
    way and the lock file (a start waiting for it opens a new one), and the files last, with no lock held.
    Whether it is all gone (else a line on stderr names what stays)."""
    gone = os.path.join(os.path.dirname(folder.path), ".removing-%s-%d" % (folder.name, os.getpid()))
    try:
        if os.path.lexists(folder.marker):
            os.remove(folder.marker)
        os.rename(folder.path, gone)
        os.remove(folder.lock)
    except OSError as e:
        sys.stderr.write("pyz: could not remove %s (%s); remove it by hand when no app runs\n" % (folder.path, e))
        return False
    lock.release()
    return _remove_tree(gone)


def prune_leftover(run, path):
    """Removes what a killed start or prune left: at once when nothing can be using it any more, a folder being
    made only once it is STALE_TEMP_SECONDS old."""
    name = os.path.basename(path)
    modified = _mtime(path)
    if name.startswith((".tmp-", ".write-test-")) and modified is not None and run.now - modified < STALE_TEMP_SECONDS:
        return  # may be an extraction under way
    size = measure(path)[0]
    if _remove_tree(path):
        run.freed += size
        run.say("removed %s  %s, left by an interrupted %s" % (os.path.relpath(path, run.root), human(size),
                                                              "prune" if name.startswith(".removing-") else "start"))


def prune_lock(path):
    """Removes a lock file whose folder is gone, unless a process holds it (extracting the folder now)."""
    lock = _Lock(path)
    if lock.acquire(block=False):
        try:
            if not os.path.isdir(path[:-len(".lock")]):
                os.remove(path)
        finally:
            lock.release()


def _remove_tree(path):
    import shutil
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.remove(path)
        return True
    except FileNotFoundError:  # another prune, or the start that set it aside, removed it meanwhile
        return True
    except OSError as e:
        sys.stderr.write("pyz: could not remove all of %s (%s); remove it by hand\n" % (path, e))
        return False

"""Extraction of the wheels that must reach the disk, for the bootstrap of a zipapp built by
pyz-maven-plugin (docs/FORMAT.md, Runtime): a module of its own, loaded only when some wheel is not
extracted yet, so that apps whose wheels are in place (or all in the archive) never read it."""
import os
import sys
import time

from pyz_bootstrap import COMPLETE, PyzError, _log, pyz_root, use_folder


def extract(archive, todo, exclude=()):
    """{sha256: folder} for the wheels of todo [(wheel, its folder's name)], none of them in place when the
    bootstrap looked: they are extracted together (see _extract_into), each under its own exclusive lock,
    released as soon as its wheel is in place. A wheel that another process is extracting is waited for
    afterwards, holding no exclusive lock, so that two starts never wait on each other. Every folder is then
    held for the life of the process, as a reused one is (pyz_bootstrap.use_folder)."""
    base = _wheels_folder([wheel for wheel, _ in todo])
    held = []
    busy = set()
    jobs = []
    try:
        for wheel, name in todo:
            lock = _Lock(os.path.join(base, name + ".lock"))
            if not lock.acquire(block=False):
                busy.add(name)
                continue
            held.append(lock)
            dest = os.path.join(base, name)
            if not os.path.isfile(os.path.join(dest, COMPLETE)):  # else another process did it just now
                _set_aside(dest)
                jobs.append((wheel, dest, lock))
        if jobs:
            _extract_into(archive, jobs, base, exclude)
    finally:
        for lock in held:
            lock.release()
    folders = {}
    for wheel, name in todo:
        if name in busy:
            _log("waiting for another process extracting %s" % wheel["file"])
        folders[wheel["sha256"]] = _settle(archive, wheel, os.path.join(base, name), exclude, name in busy)
    return folders


# How many times _settle finds a folder incomplete, and its lock held shared, before it takes the folder for
# one that apps hold although it is damaged (their shared locks last; those of other starts looking at it
# last microseconds).
_HELD_TRIES = 100


def _settle(archive, wheel, dest, exclude, busy):
    """dest, once it is complete and held (use_folder waits for a process extracting it); extracted here
    when that process gave up, or when a prune removed it between its extraction and now."""
    tries = 0
    while not use_folder(dest):
        lock = _Lock(dest + ".lock")
        if lock.acquire(block=False):
            try:
                if not os.path.isfile(os.path.join(dest, COMPLETE)):
                    _log("extracting %s, which %s" % (wheel["file"], "the other process did not finish" if busy
                                                      else "a prune removed as it was extracted"))
                    _set_aside(dest)
                    _extract_into(archive, [(wheel, dest, None)], os.path.dirname(dest), exclude)
            finally:
                lock.release()
            continue
        tries += 1
        if tries >= _HELD_TRIES:
            return _extract_privately(archive, wheel, dest, exclude)
        time.sleep(0.001)  # another start looking at it holds it for a moment
    return dest


def _extract_privately(archive, wheel, dest, exclude):
    """A copy of the wheel in a private temporary folder, for a dest that running apps hold although it is
    incomplete (deleted while they ran): it cannot be replaced under them."""
    import tempfile
    base = tempfile.mkdtemp(prefix="pyz-")
    sys.stderr.write("pyz: warning: %s is incomplete, and running apps hold it (was it deleted while they ran?);"
                     " extracting %s into %s instead. The first start after those apps end repairs it.\n"
                     % (dest, wheel["file"], base))
    private = os.path.join(base, os.path.basename(dest))
    _extract_into(archive, [(wheel, private, None)], base, exclude)
    return private


def exclusion(exclude):
    """Whether a path inside a wheel ("a/b.h", or "a/" for a folder) matches one of the glob patterns
    (** any folders, * and ? within a name): a function made once, as one regex, or None without patterns."""
    import re
    alternatives = []
    for pattern in exclude:
        regex = ""
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                regex += "(?:.*/)?"
                i += 3
            elif pattern.startswith("**", i):
                regex += ".*"
                i += 2
            elif pattern[i] == "*":
                regex += "[^/]*"
                i += 1
            elif pattern[i] == "?":
                regex += "[^/]"
                i += 1
            else:
                regex += re.escape(pattern[i])
                i += 1
        alternatives.append("(?:%s)" % regex)
    if not alternatives:
        return None
    matcher = re.compile("(?:%s)\\Z" % "|".join(alternatives))
    return lambda relative: matcher.match(relative.rstrip("/")) is not None


def _wheels_folder(wheels):
    """$PYZ_ROOT/wheels, created; when it cannot be written to, a private temporary folder, with a warning."""
    base = os.path.join(pyz_root(), "wheels")
    try:
        os.makedirs(base, exist_ok=True)
        probe = os.path.join(base, ".write-test-%d" % os.getpid())
        open(probe, "w").close()
        os.remove(probe)
        return base
    except OSError as e:
        import tempfile
        temp = tempfile.mkdtemp(prefix="pyz-")
        sys.stderr.write("pyz: warning: cannot write to %s (%s); extracting %s into %s instead\n"
                         % (base, e, ", ".join(w["file"] for w in wheels), temp))
        return temp


def _set_aside(dest):
    """Removes a damaged or partial copy (no completion marker): renamed first, so no reader sees it shrink."""
    if os.path.exists(dest):
        import shutil
        stale = "%s.stale-%d" % (dest, os.getpid())
        os.rename(dest, stale)
        shutil.rmtree(stale, ignore_errors=True)


# Below this many bytes the files are written on one thread; above it, by a pool of threads (zlib and
# file writes release the GIL, so threads use the cores).
PARALLEL_EXTRACT_BYTES = 8 << 20

# Compressed bytes read at a time, and the most inflated bytes asked of zlib at a time: small enough
# that buffers are reused rather than mapped fresh from the kernel for every chunk, and a read mostly
# inflates in one call (each call copies the input it leaves over into unconsumed_tail).
_READ_BYTES = 1 << 16
_INFLATE_BYTES = 1 << 18


class _Job(object):
    """One wheel being extracted: its temp folder, how many of its files are still to be written, and the
    lock to release once it is in place (or None)."""

    def __init__(self, wheel, dest, lock, temp):
        self.wheel = wheel
        self.dest = dest
        self.lock = lock
        self.temp = temp
        self.root = os.path.realpath(temp)
        self.prefix = wheel["path"] + "/"
        self.remaining = 0


def _extract_into(archive, jobs, base, exclude=()):
    """Extracts the wheels of jobs [(wheel, dest, lock or None)] into their dest folders, all or nothing for
    each, releasing a wheel's lock as soon as its folder is in place: each
    wheel's files come from the zips nested in the archive that the manifest names (its packed layout and
    its pycs), whose directories are read once; one pool of threads writes the files of every wheel,
    largest first, so the largest file starts at once and the small ones fill the gaps; each wheel's temp
    folder gets its completion marker and is renamed into place when its last file is written."""
    import gc
    import shutil
    import tempfile
    import threading
    import zipfile
    started = time.perf_counter()
    is_excluded = exclusion(exclude)  # made once: it is asked for every entry of the archive
    prepared = []
    reader = _ArchiveReader(archive)
    # the pass makes an object per entry and no cycles: collections would only walk them again and again
    # (1.7 % of the TensorFlow app's first extraction in a profile)
    collecting = gc.isenabled()
    gc.disable()
    try:
        for wheel, dest, lock in jobs:
            temp = tempfile.mkdtemp(prefix=".tmp-%s-" % wheel["sha256"][:12], dir=base)
            prepared.append(_Job(wheel, dest, lock, temp))
        with zipfile.ZipFile(archive) as z:
            outer = {info.filename: info for info in z.infolist()}
        files = []
        folders = set()
        for job in prepared:
            for nested in job.wheel["archives"]:
                start, infos = _nested_directory(reader, archive, outer, nested)
                for info in infos:
                    name = info.filename
                    if not name.startswith(job.prefix) or name == job.prefix:
                        continue
                    relative = name[len(job.prefix):]
                    if is_excluded and is_excluded(relative):
                        continue
                    # the temp folder is new and holds no links, so normpath is as good as realpath here
                    target = os.path.normpath(os.path.join(job.root, *relative.rstrip("/").split("/")))
                    if not target.startswith(job.root + os.sep):
                        raise PyzError("refusing to extract %s from %s in %s: the path leaves its folder"
                                       % (name, nested, archive))
                    if name.endswith("/"):
                        folders.add(target)
                    else:
                        folders.add(os.path.dirname(target))
                        files.append((info, target, job, start))
                        job.remaining += 1
        for folder in sorted(folders):
            os.makedirs(folder, exist_ok=True)

        done = threading.Lock()

        def finish(job):
            with open(os.path.join(job.temp, COMPLETE), "w") as marker:
                marker.write(job.wheel["file"] + "\n")
            try:
                os.rename(job.temp, job.dest)
            except OSError:
                if not os.path.isfile(os.path.join(job.dest, COMPLETE)):
                    raise
            if job.lock is not None:  # starts waiting for this wheel alone go on now
                job.lock.release()
            _log("extracted %s" % job.wheel["file"])

        failed = []  # after the first failure the other files are skipped: the error is reported at once

        def write(item):
            if failed:
                return
            info, target, job, start = item
            try:
                _copy_member(reader, info, target, archive, start)
            except BaseException:
                failed.append(True)
                raise
            with done:
                job.remaining -= 1
                last = job.remaining == 0
            if last:
                finish(job)

        for job in prepared:
            if job.remaining == 0:
                finish(job)
        # one thread more than cores: file creation and writes wait on the kernel, but more threads only
        # slow the largest file, which decides when the pass ends (TensorFlow's 788 MB library; its first
        # run on 2 cores, 3 runs each: 8 threads 9.7-10.0 s, 2 threads 8.2-8.5 s, 3 threads 7.7-8.6 s)
        workers = min(8, (os.cpu_count() or 1) + 1)
        total = sum(item[0].file_size for item in files)
        if workers > 1 and total > PARALLEL_EXTRACT_BYTES:
            from concurrent.futures import ThreadPoolExecutor
            files.sort(key=lambda item: -item[0].file_size)  # the largest first keep all threads busy
            with ThreadPoolExecutor(workers) as pool:
                for _ in pool.map(write, files):
                    pass
        else:
            for item in files:
                write(item)
        _log("extracted %d wheel(s), %d files, %.0f MB in %.0f ms"
             % (len(prepared), len(files), total / 1e6,
                (time.perf_counter() - started) * 1000))
    finally:
        if collecting:
            gc.enable()
        reader.close()
        for job in prepared:
            if os.path.exists(job.temp):
                shutil.rmtree(job.temp, ignore_errors=True)


def _data_start(reader, archive, name, header_offset):
    """Where the data of the entry whose local header is at header_offset of the archive starts."""
    import struct
    header = reader.read(header_offset, 30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise PyzError("%s: no local header for %s at %d" % (archive, name, header_offset))
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    return header_offset + 30 + name_length + extra_length


def _nested_directory(reader, archive, outer, name):
    """(offset of its first byte, its entries) for the zip stored whole as entry name of the archive; the
    entries' header offsets count from that first byte."""
    import zipfile
    info = outer.get(name)
    if info is None or info.compress_type != 0:
        raise PyzError("%s has no stored entry %s (the archive is damaged)" % (archive, name))
    base = _data_start(reader, archive, name, info.header_offset)
    try:
        with zipfile.ZipFile(_Slice(reader, base, info.file_size)) as inner:
            return base, inner.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise PyzError("%s: %s is not a readable zip (%s; the archive is damaged)" % (archive, name, e))


class _Slice(object):
    """A read-only file over size bytes of the archive from start: what zipfile needs to read a nested zip."""

    def __init__(self, reader, start, size):
        self.reader, self.start, self.size, self.pos = reader, start, size, 0

    def seekable(self):
        return True

    def seek(self, offset, whence=0):
        self.pos = offset if whence == 0 else self.pos + offset if whence == 1 else self.size + offset
        return self.pos

    def tell(self):
        return self.pos

    def read(self, n=-1):
        n = self.size - self.pos if n is None or n < 0 else min(n, self.size - self.pos)
        if n <= 0:
            return b""
        data = self.reader.read(self.start + self.pos, n)
        self.pos += len(data)
        return data


class _ArchiveReader(object):
    """Reads the archive at given offsets from many threads: os.pread on one descriptor, or a file of its
    own per thread where there is no pread (zipfile's shared handle is not safe for concurrent reads in
    3.8: seen here as "invalid code lengths set" with 8 threads)."""

    def __init__(self, archive):
        self.archive = archive
        self.fd = os.open(archive, os.O_RDONLY | getattr(os, "O_BINARY", 0)) if hasattr(os, "pread") else None
        import threading
        self.local = threading.local()
        self.handles = []

    def read(self, offset, n):
        if self.fd is not None:
            data = os.pread(self.fd, n, offset)
            while len(data) < n:
                more = os.pread(self.fd, n - len(data), offset + len(data))
                if not more:
                    break
                data += more
            return data
        f = getattr(self.local, "f", None)
        if f is None:
            f = self.local.f = open(self.archive, "rb")
            self.handles.append(f)
        f.seek(offset)
        return f.read(n)

    def close(self):
        if self.fd is not None:
            os.close(self.fd)
        for f in self.handles:
            f.close()


def _copy_member(reader, info, target, archive, base=0):
    """Writes one entry of a zip that starts at byte base of the archive to target (a new file), inflating
    it and checking its CRC and mode."""
    import zlib
    offset = _data_start(reader, archive, info.filename, base + info.header_offset)
    if info.compress_type == 8:
        inflater = zlib.decompressobj(-15)
    elif info.compress_type == 0:
        inflater = None
    else:
        raise PyzError("%s: %s uses compression method %d" % (archive, info.filename, info.compress_type))
    crc = 0
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as e:  # e.g. two names that differ in case only, on a file system that ignores case
        raise PyzError("%s: cannot create %s for %s (%s)" % (archive, target, info.filename, e))
    try:
        for data in _member_data(reader, info, offset, inflater, archive):
            crc = zlib.crc32(data, crc)
            _write_all(fd, data)
        mode = (info.external_attr >> 16) & 0o777
        if mode and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
    finally:
        os.close(fd)
    if mode and not hasattr(os, "fchmod"):
        os.chmod(target, mode)
    if crc != info.CRC:
        raise PyzError("%s: %s does not match its CRC (the archive is damaged)" % (archive, info.filename))


def _member_data(reader, info, offset, inflater, archive):
    """The entry's bytes, in pieces of at most _INFLATE_BYTES: its data from offset on, inflated by inflater
    (None for a stored entry)."""
    import zlib
    remaining = info.compress_size
    while remaining > 0:
        chunk = reader.read(offset, min(remaining, _READ_BYTES))
        if not chunk:
            raise PyzError("%s: %s ends early" % (archive, info.filename))
        offset += len(chunk)
        remaining -= len(chunk)
        if inflater is None:
            yield chunk
            continue
        while chunk:
            try:
                data = inflater.decompress(chunk, _INFLATE_BYTES)
            except zlib.error as e:
                raise PyzError("%s: %s cannot be inflated (%s; the archive is damaged)" % (archive, info.filename, e))
            chunk = inflater.unconsumed_tail
            yield data
    if inflater is not None:
        while not inflater.eof:  # output held back by the bound on each call
            data = inflater.decompress(inflater.unconsumed_tail, _INFLATE_BYTES)
            if not data:
                break
            yield data
        yield inflater.flush()


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class _Lock(object):
    """An exclusive lock on a file, so that concurrent starts extract a wheel once and a prune removes only what
    no process holds (POSIX; elsewhere none)."""

    def __init__(self, path):
        self.path = path
        self.fd = None

    def acquire(self, block=True):
        """Takes the lock; without block, returns False at once when another process holds it."""
        try:
            import fcntl
        except ImportError:
            return True
        while True:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
            except OSError as e:
                os.close(self.fd)
                self.fd = None
                import errno
                if not block and e.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
                    return False
                raise
            if os.fstat(self.fd).st_nlink:
                return True
            os.close(self.fd)  # a prune removed the file while this process waited for it: lock the new one

    def release(self):
        if self.fd is not None:
            import fcntl
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc):
        self.release()

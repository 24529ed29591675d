package dev.pyz.cache;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Locks on cache entries, so that builds sharing a cache (modules of one {@code mvn -T} build, or separate
 * Maven processes) make each entry once ({@link #writeOnce}) and a prune never removes an entry a build is
 * using. Each entry folder has two lock files: {@code .lock}, held exclusively by the build writing the
 * entry, and {@code .use}, held shared by every build using the entry, from before it checks the entry
 * until it ends ({@link Leases}). A prune removes an entry only when it gets both exclusively without
 * waiting. (One lock file for both would let a build that holds an entry and then finds it damaged wait
 * for itself to rewrite it.)
 *
 * <p>A lock is a lock file in the entry's folder, held within this JVM by a reader count or a writer flag
 * (file locks belong to the whole process, and a second lock on one file from the same JVM is refused), and
 * across processes by a file lock: exclusive for a writer, one shared file lock for all the readers in this
 * JVM. Lock files are never deleted (a process may be waiting on the one it opened). A held lock may be
 * released from any thread.
 */
public final class EntryLocks {
    private static final ConcurrentHashMap<Path, PathLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    /** The lock file of an entry folder that the entry's writer holds. */
    public static final String WRITING = ".lock";

    /** The lock file of an entry folder that the builds using the entry hold shared. */
    public static final String USING = ".use";

    private EntryLocks() {}

    /** The state of one lock file within this JVM. */
    private static final class PathLock {
        private final Path file;
        private int readers;
        private boolean writer;
        private boolean opening; // the first reader is taking the shared file lock
        private FileChannel sharedChannel;
        private FileLock sharedLock;

        PathLock(Path file) {
            this.file = file;
        }

        private void await() throws InterruptedIOException {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + file);
            }
        }
    }

    /** One held lock; closing releases it, once. */
    public static final class Held implements Closeable {
        private final Runnable release;
        private boolean closed;

        private Held(Runnable release) {
            this.release = release;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release.run();
            }
        }
    }

    /** The exclusive lock on {@code lockFile} if nobody holds it (shared or exclusive), without waiting. */
    public static Optional<Held> tryAcquire(Path lockFile) throws IOException {
        return exclusive(lockFile, false);
    }

    /** The exclusive lock on {@code lockFile}, waiting as long as another build holds it. */
    public static Held acquire(Path lockFile) throws IOException {
        return exclusive(lockFile, true).orElseThrow();
    }

    private static PathLock of(Path lockFile) {
        Path key = lockFile.toAbsolutePath().normalize();
        return IN_THIS_JVM.computeIfAbsent(key, PathLock::new);
    }

    private static Optional<Held> exclusive(Path lockFile, boolean wait) throws IOException {
        PathLock p = of(lockFile);
        synchronized (p) {
            while (p.writer || p.readers > 0 || p.opening) {
                if (!wait) {
                    return Optional.empty();
                }
                p.await();
            }
            p.writer = true;
        }
        FileChannel channel = null;
        try {
            channel = open(p.file);
            FileLock lock = wait ? waitFor(channel, false) : channel.tryLock();
            if (lock == null) {
                channel.close();
                endWriting(p);
                return Optional.empty();
            }
            FileChannel c = channel;
            return Optional.of(new Held(() -> {
                closeQuietly(lock, c);
                endWriting(p);
            }));
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            endWriting(p);
            throw translated(p, e);
        }
    }

    /**
     * The shared lock on {@code lockFile}, waiting while a writer holds it: what a build holds on an entry
     * it uses, so that no prune removes it meanwhile.
     */
    public static Held acquireShared(Path lockFile) throws IOException {
        PathLock p = of(lockFile);
        synchronized (p) {
            while (p.writer || p.opening) {
                p.await();
            }
            if (p.readers > 0) {
                p.readers++;
                return new Held(() -> endReading(p));
            }
            p.opening = true;
        }
        FileChannel channel = null;
        try {
            channel = open(p.file);
            FileLock lock = waitFor(channel, true);
            synchronized (p) {
                p.sharedChannel = channel;
                p.sharedLock = lock;
                p.readers = 1;
                p.opening = false;
                p.notifyAll();
            }
            return new Held(() -> endReading(p));
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            synchronized (p) {
                p.opening = false;
                p.notifyAll();
            }
            throw translated(p, e);
        }
    }

    /**
     * A file lock on the whole file, waiting for it. Linux refuses a wait it takes for a deadlock between
     * processes (EDEADLK) even when the threads involved wait for different things: then it polls instead.
     */
    private static FileLock waitFor(FileChannel channel, boolean shared) throws IOException {
        for (long pause = 10; ; pause = Math.min(pause * 2, 500)) {
            try {
                return channel.lock(0, Long.MAX_VALUE, shared);
            } catch (IOException e) {
                if (e.getMessage() == null || !e.getMessage().contains("deadlock")) {
                    throw e;
                }
            }
            FileLock got = channel.tryLock(0, Long.MAX_VALUE, shared);
            if (got != null) {
                return got;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a lock");
            }
        }
    }

    private static FileChannel open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static IOException translated(PathLock p, Exception e) {
        if (e instanceof OverlappingFileLockException) {
            return new IOException("the lock " + p.file + " is held twice in this JVM", e);
        }
        return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }

    private static void endWriting(PathLock p) {
        synchronized (p) {
            p.writer = false;
            p.notifyAll();
        }
    }

    private static void endReading(PathLock p) {
        synchronized (p) {
            if (--p.readers == 0) {
                closeQuietly(p.sharedLock, p.sharedChannel);
                p.sharedLock = null;
                p.sharedChannel = null;
            }
            p.notifyAll();
        }
    }

    private static void closeQuietly(FileLock lock, FileChannel channel) {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    /** Looks an item up in the cache again; true when the cache now holds it (the caller keeps it). */
    public interface Recheck<T> {
        boolean found(T item) throws IOException;
    }

    /**
     * Writes items into the cache; must close each item's lock in {@code locks} (and remove it) as soon as
     * that item's entry is in place, so that builds waiting for it go on.
     */
    public interface Writer<T> {
        void write(List<T> items, Map<T, Held> locks) throws IOException;
    }

    /**
     * Makes each of {@code missing} once across the builds sharing the cache: writes the items whose lock
     * it gets without waiting (and that no build wrote meanwhile), then, holding nothing, calls
     * {@code waiting} with the number of the others, waits for each and rechecks it, writing it here only
     * when the build that held it stopped without it.
     */
    public static <T> void writeOnce(List<T> missing, Function<T, Path> lockFile, Recheck<T> recheck, Writer<T> writer,
            IntConsumer waiting) throws IOException {
        Map<T, Held> locks = new IdentityHashMap<>(); // the items given, not equal ones
        try {
            List<T> mine = new ArrayList<>();
            List<T> theirs = new ArrayList<>();
            for (T item : missing) {
                Optional<Held> held = tryAcquire(lockFile.apply(item));
                if (held.isEmpty()) {
                    theirs.add(item);
                } else if (recheck.found(item)) { // written by another build since the first look
                    held.get().close();
                } else {
                    locks.put(item, held.get());
                    mine.add(item);
                }
            }
            if (!mine.isEmpty()) {
                writer.write(mine, locks);
            }
            if (!theirs.isEmpty()) {
                waiting.accept(theirs.size());
            }
            for (T item : theirs) {
                try (Held held = acquire(lockFile.apply(item))) {
                    if (!recheck.found(item)) { // the other build stopped without it
                        Map<T, Held> one = new IdentityHashMap<>();
                        one.put(item, held);
                        writer.write(List.of(item), one);
                    }
                }
            }
        } finally {
            locks.values().forEach(Held::close);
        }
    }
}

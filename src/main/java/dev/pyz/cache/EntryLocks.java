package dev.pyz.cache;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Exclusive locks on cache entries being written, so that builds sharing a cache (modules of one
 * {@code mvn -T} build, or separate Maven processes) make each entry once ({@link #writeOnce}). A build
 * takes the locks it can get without waiting and writes those entries, releasing each as soon as it is
 * in place; only then does it wait for the entries others are writing, and take them from the cache. Holding nothing
 * while it waits, no build can wait for another that waits for it. A lock is a lock file in the entry's
 * folder, held by a lock within this JVM (file locks belong to the whole process) and a file lock
 * across processes.
 */
public final class EntryLocks {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private EntryLocks() {}

    /** One held lock; closing releases it (from the thread that took it). */
    public static final class Held implements Closeable {
        private final ReentrantLock local;
        private final FileChannel channel;
        private final FileLock lock;

        private Held(ReentrantLock local, FileChannel channel, FileLock lock) {
            this.local = local;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
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
            local.unlock();
        }
    }

    /** The lock on {@code lockFile} if nobody holds it, without waiting. */
    public static Optional<Held> tryAcquire(Path lockFile) throws IOException {
        return acquire(lockFile, false);
    }

    /** The lock on {@code lockFile}, waiting as long as another build holds it. */
    public static Held acquire(Path lockFile) throws IOException {
        return acquire(lockFile, true).orElseThrow();
    }

    private static Optional<Held> acquire(Path lockFile, boolean wait) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        if (wait) {
            try {
                local.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for " + key);
            }
        } else if (!local.tryLock()) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(key.getParent());
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = wait ? channel.lock() : channel.tryLock();
            if (lock == null) {
                channel.close();
                local.unlock();
                return Optional.empty();
            }
            return Optional.of(new Held(local, channel, lock));
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            if (e instanceof OverlappingFileLockException) {
                throw new IOException("the lock " + key + " is held twice in this JVM", e);
            }
            throw e;
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
        Map<T, Held> locks = new LinkedHashMap<>();
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
                        writer.write(List.of(item), new HashMap<>());
                    }
                }
            }
        } finally {
            locks.values().forEach(Held::close);
        }
    }
}

package dev.pyz.cache;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks on cache entries being written, so that builds sharing a cache (modules of one
 * {@code mvn -T} build, or separate Maven processes) make each entry once. A build takes the locks it
 * can get without waiting and writes those entries, releasing each as soon as it is in place; only
 * then does it wait for the entries others are writing, and take them from the cache. Holding nothing
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
}

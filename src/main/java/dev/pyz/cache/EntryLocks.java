package dev.pyz.cache;

import dev.pyz.Log;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks on cache entries about to be written, so that builds sharing a cache (modules of one
 * {@code mvn -T} build, or separate Maven processes) make each entry once: the others wait, then find it
 * in the cache. A lock is a lock file in the entry's folder, held by a lock within this JVM (file locks
 * belong to the whole process) and a file lock across processes. Locks are taken in path order, so two
 * builds never wait for each other.
 */
public final class EntryLocks implements Closeable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Deque<Runnable> releases = new ArrayDeque<>();

    private EntryLocks() {}

    /**
     * Locks every file of {@code lockFiles} (creating it and its folder), waiting for other builds as long
     * as they hold them; logs once when it has to wait.
     */
    public static EntryLocks acquire(List<Path> lockFiles, String what, Log log) throws IOException {
        List<Path> sorted = new ArrayList<>(new java.util.TreeSet<>(lockFiles));
        EntryLocks held = new EntryLocks();
        boolean told = false;
        try {
            for (Path file : sorted) {
                Path key = file.toAbsolutePath().normalize();
                ReentrantLock local = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
                if (!local.tryLock()) {
                    if (!told) {
                        log.info("Waiting for another build that is writing " + what + " into the same cache");
                        told = true;
                    }
                    local.lockInterruptibly();
                }
                held.releases.push(local::unlock);
                Files.createDirectories(key.getParent());
                FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                held.releases.push(() -> closeQuietly(channel));
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    if (!told) {
                        log.info("Waiting for another process that is writing " + what + " into the same cache");
                        told = true;
                    }
                    lock = channel.lock();
                }
                FileLock fileLock = lock;
                held.releases.push(() -> releaseQuietly(fileLock));
            }
            return held;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            held.close();
            throw new java.io.InterruptedIOException("interrupted while waiting for " + what);
        } catch (IOException | RuntimeException e) {
            held.close();
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the lock goes with the channel anyway
        }
    }

    private static void releaseQuietly(FileLock lock) {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it
        }
    }

    @Override
    public void close() {
        while (!releases.isEmpty()) {
            releases.pop().run();
        }
    }
}

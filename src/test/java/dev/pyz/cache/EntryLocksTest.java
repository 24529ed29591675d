package dev.pyz.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.test.HoldLock;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shared locks (builds using an entry) against exclusive ones (a writer, a prune), in one JVM and across processes. */
class EntryLocksTest {
    @TempDir
    Path dir;

    @Test
    void readersShareAnEntryAndKeepWritersOut() throws Exception {
        Path lock = dir.resolve("e/.lock");
        EntryLocks.Held a = EntryLocks.acquireShared(lock);
        EntryLocks.Held b = EntryLocks.acquireShared(lock); // a second module of the same build
        assertTrue(EntryLocks.tryAcquire(lock).isEmpty(), "no exclusive lock while readers hold it");
        a.close();
        assertTrue(EntryLocks.tryAcquire(lock).isEmpty(), "one reader still holds it");
        b.close();
        Optional<EntryLocks.Held> writer = EntryLocks.tryAcquire(lock);
        assertTrue(writer.isPresent(), "free once the last reader is gone");
        writer.get().close();
    }

    @Test
    void aReaderWaitsForTheWriterAndMayReleaseFromAnotherThread() throws Exception {
        Path lock = dir.resolve("e/.lock");
        EntryLocks.Held writer = EntryLocks.tryAcquire(lock).orElseThrow();
        CompletableFuture<EntryLocks.Held> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return EntryLocks.acquireShared(lock);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(200);
        assertFalse(reader.isDone(), "the reader waits while the entry is being written");
        writer.close();
        EntryLocks.Held held = reader.get(10, TimeUnit.SECONDS);
        held.close(); // released on this thread, taken on another
        held.close(); // twice is harmless
        EntryLocks.tryAcquire(lock).orElseThrow().close();
    }

    @Test
    void anotherProcessHoldingAnEntryKeepsTheExclusiveLockAway() throws Exception {
        Path lock = dir.resolve("e/.lock");
        Process holder = HoldLock.start(lock);
        try {
            assertTrue(EntryLocks.tryAcquire(lock).isEmpty(), "another process's build holds it");
            EntryLocks.acquireShared(lock).close(); // readers in two processes share it
        } finally {
            HoldLock.stop(holder);
        }
        assertEquals(0, holder.exitValue());
        EntryLocks.tryAcquire(lock).orElseThrow().close();
    }
}

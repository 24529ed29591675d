package dev.pyz.cache;

import dev.pyz.PyzException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cache entries a build uses, each held by a shared {@link EntryLocks lock} until the build ends
 * ({@link #close}), so that a prune running meanwhile leaves them alone.
 */
public final class Leases implements Closeable {
    private final List<EntryLocks.Held> held = new ArrayList<>();

    /** Keeps {@code lock} until {@link #close}. */
    public synchronized void keep(EntryLocks.Held lock) {
        held.add(lock);
    }

    /**
     * Holds the entry whose use lock is {@code useFile} and whose zip is {@code zip}, just written or found
     * written by another build; fails when a prune removed it in between.
     */
    public void take(Path useFile, Path zip) throws IOException {
        EntryLocks.Held shared = EntryLocks.acquireShared(useFile);
        if (!Files.isRegularFile(zip)) {
            shared.close();
            throw new PyzException("The cache entry " + zip + " was removed while this build used it (by a"
                    + " pyz:cache-prune that matched everything?); run the build again");
        }
        keep(shared);
    }

    @Override
    public synchronized void close() {
        held.forEach(EntryLocks.Held::close);
        held.clear();
    }
}

package dev.pyz.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes the pack cache entries no build has used since a point in time, safely while builds run: an
 * entry is removed only under both its locks held exclusively, taken without waiting (see
 * {@link EntryLocks}), so an entry a build uses ({@link Leases}) or writes is left alone and reported.
 * Under the locks its last use is read again (a build may have used it since the listing), then its zip
 * goes first (without it the entry is a miss, never half an entry), then its info file; the lock files
 * stay. An entry that cannot be removed is reported and the prune goes on. Digest memos of wheel files that no longer exist go too.
 */
public final class CachePrune {
    /** What a prune did: entries removed, left alone because in use, and those it could not remove (and why). */
    public record Result(List<CacheInventory.Entry> removed, List<CacheInventory.Entry> inUse,
            List<String> failed, long bytesFreed, int digestsRemoved) {}

    private CachePrune() {}

    /** Removes (or, with {@code dryRun}, only lists) the entries under {@code root} last used before {@code cutoff}. */
    public static Result prune(Path root, Instant cutoff, boolean dryRun) throws IOException {
        List<CacheInventory.Entry> removed = new ArrayList<>();
        List<CacheInventory.Entry> inUse = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        long freed = 0;
        for (CacheInventory.Entry e : CacheInventory.scan(root)) {
            if (!e.lastUse().isBefore(cutoff)) {
                continue;
            }
            if (dryRun) {
                removed.add(e);
                freed += e.bytes();
                continue;
            }
            try {
                Optional<CacheInventory.Entry> gone = removeUnlessHeld(e, cutoff);
                if (gone == null) {
                    inUse.add(e);
                } else if (gone.isPresent()) {
                    removed.add(gone.get());
                    freed += gone.get().bytes();
                }
            } catch (IOException | RuntimeException x) {
                failed.add(e.dir() + (e.whole() ? "/" + e.fileName() : "") + ": " + x);
            }
        }
        return new Result(removed, inUse, failed, freed, dryRun ? 0 : pruneDigests(root.resolve("digests")));
    }

    /**
     * Removes {@code e} under both its folder's locks, taken without waiting: null when a build holds either
     * (in use), empty when it was used since the listing or is gone, else the entry removed.
     */
    private static Optional<CacheInventory.Entry> removeUnlessHeld(CacheInventory.Entry e, Instant cutoff)
            throws IOException {
        Optional<EntryLocks.Held> writing = EntryLocks.tryAcquire(e.lockFile());
        if (writing.isEmpty()) {
            return null;
        }
        try (EntryLocks.Held w = writing.get()) {
            Optional<EntryLocks.Held> using = EntryLocks.tryAcquire(e.useFile());
            if (using.isEmpty()) {
                return null;
            }
            try (EntryLocks.Held u = using.get()) {
                Optional<CacheInventory.Entry> now = CacheInventory.reread(e);
                if (now.isEmpty() || !now.get().lastUse().isBefore(cutoff)) {
                    return Optional.empty();
                }
                remove(now.get());
                return now;
            }
        }
    }

    /** Deletes the entry's zip, then its info file; for an incomplete entry, the folder's leftovers. */
    private static void remove(CacheInventory.Entry e) throws IOException {
        if (e.whole()) {
            Files.deleteIfExists(e.dir().resolve(e.fileName() + ".zip"));
            Files.deleteIfExists(e.dir().resolve(e.fileName() + ".info"));
            return;
        }
        java.util.Set<String> whole = new java.util.HashSet<>();
        for (Path f : CacheInventory.children(e.dir())) {
            String name = f.getFileName().toString();
            if (name.endsWith(".info") && Files.exists(e.dir().resolve(name.substring(0, name.length() - 5) + ".zip"))) {
                whole.add(name);
                whole.add(name.substring(0, name.length() - 5) + ".zip");
            }
        }
        for (Path f : CacheInventory.children(e.dir())) {
            String name = f.getFileName().toString();
            if (!CacheInventory.LOCK_FILES.contains(name) && !whole.contains(name)) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Removes the memos of wheel files that no longer exist (their first line is the file's path). */
    private static int pruneDigests(Path dir) throws IOException {
        int removed = 0;
        for (Path memo : CacheInventory.children(dir)) {
            if (memo.getFileName().toString().endsWith(".tmp")) {
                continue; // being written by a build
            }
            try {
                String text = Files.readString(memo, StandardCharsets.UTF_8);
                String file = text.substring(0, Math.max(0, text.indexOf('\n')));
                if (file.isEmpty() || !Files.exists(Path.of(file))) {
                    Files.deleteIfExists(memo);
                    removed++;
                }
            } catch (NoSuchFileException | java.nio.file.InvalidPathException | java.nio.charset.MalformedInputException e) {
                Files.deleteIfExists(memo);
                removed++;
            }
        }
        return removed;
    }
}

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
 * goes first (without it the entry is a miss, never half an entry), then the rest; the lock files stay. Digest memos of wheel files that no longer exist go too.
 */
public final class CachePrune {
    /** What a prune did. */
    public record Result(List<CacheInventory.Entry> removed, List<CacheInventory.Entry> inUse, long bytesFreed,
            int digestsRemoved) {}

    private CachePrune() {}

    /** Removes (or, with {@code dryRun}, only lists) the entries under {@code root} last used before {@code cutoff}. */
    public static Result prune(Path root, Instant cutoff, boolean dryRun) throws IOException {
        List<CacheInventory.Entry> removed = new ArrayList<>();
        List<CacheInventory.Entry> inUse = new ArrayList<>();
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
            Optional<EntryLocks.Held> writing = EntryLocks.tryAcquire(e.lockFile());
            Optional<EntryLocks.Held> using = writing.isEmpty() ? Optional.empty() : EntryLocks.tryAcquire(e.useFile());
            try {
                if (using.isEmpty()) {
                    inUse.add(e);
                    continue;
                }
                Optional<CacheInventory.Entry> now = CacheInventory.reread(e);
                if (now.isPresent() && now.get().lastUse().isBefore(cutoff)) {
                    freed += remove(now.get());
                    removed.add(now.get());
                }
            } finally {
                using.ifPresent(EntryLocks.Held::close);
                writing.ifPresent(EntryLocks.Held::close);
            }
        }
        return new Result(removed, inUse, freed, dryRun ? 0 : pruneDigests(root.resolve("digests")));
    }

    /** Deletes the entry's files, its zips first; returns the bytes freed. */
    private static long remove(CacheInventory.Entry e) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path f : CacheInventory.children(e.dir())) {
            if (!CacheInventory.LOCK_FILES.contains(f.getFileName().toString())) {
                files.add(f);
            }
        }
        files.sort((a, b) -> Boolean.compare(!a.toString().endsWith(".zip"), !b.toString().endsWith(".zip")));
        long freed = 0;
        for (Path f : files) {
            try {
                long size = Files.size(f);
                Files.delete(f);
                freed += size;
            } catch (NoSuchFileException gone) {
                // removed meanwhile
            }
        }
        return freed;
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

package dev.pyz.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a pack cache holds, read from its folders (docs/FORMAT.md, "Pack cache"): one {@link Entry} per
 * entry folder of {@code packed/<layout>/<sha256>/} and {@code bytecode/<layout>/<interpreter>/<sha256>/},
 * whatever the layout version (older plugins' entries included), in a fixed order.
 */
public final class CacheInventory {
    /** The two kinds of entries. */
    public enum Kind {
        PACKED("packed"), BYTECODE("bytecode");

        private final String folder;

        Kind(String folder) {
            this.folder = folder;
        }

        public String folder() {
            return folder;
        }
    }

    /**
     * One entry folder.
     *
     * @param interpreter the bytecode's {@code <cache tag>-<magic>}; empty for a packed wheel
     * @param fileName the wheel file name the entry was made from ({@code .extracted} appended for the
     *     bytecode of a wheel extracted at run time); empty when the folder holds no whole entry (only temp
     *     files of a build that stopped)
     * @param bytes what its files take (the lock file aside)
     * @param lastUse when a build last used it (its info file's time), else its newest file's time
     */
    public record Entry(Kind kind, String layout, String interpreter, String sha256, String fileName, Path dir,
            long bytes, Instant lastUse) {
        /** The entry's lock file that its writer holds. */
        public Path lockFile() {
            return dir.resolve(".lock");
        }

        /** The entry's lock file that builds using it hold shared. */
        public Path useFile() {
            return dir.resolve(".use");
        }

        public boolean whole() {
            return !fileName.isEmpty();
        }
    }

    /** The lock files of an entry folder (see {@link EntryLocks}): never removed, not counted. */
    static final java.util.Set<String> LOCK_FILES = java.util.Set.of(".lock", ".use");

    private CacheInventory() {}

    /** Every entry folder under {@code root} that holds a file besides its lock file. */
    public static List<Entry> scan(Path root) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path layout : children(root.resolve(Kind.PACKED.folder()))) {
            for (Path dir : children(layout)) {
                entry(Kind.PACKED, name(layout), "", dir).ifPresent(entries::add);
            }
        }
        for (Path layout : children(root.resolve(Kind.BYTECODE.folder()))) {
            for (Path interpreter : children(layout)) {
                for (Path dir : children(interpreter)) {
                    entry(Kind.BYTECODE, name(layout), name(interpreter), dir).ifPresent(entries::add);
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::kind).thenComparing(Entry::fileName).thenComparing(Entry::layout)
                .thenComparing(Entry::interpreter).thenComparing(Entry::sha256));
        return entries;
    }

    /** Reads one entry folder again (as a prune does under the entry's lock); empty when it holds nothing. */
    public static java.util.Optional<Entry> reread(Entry e) throws IOException {
        return entry(e.kind(), e.layout(), e.interpreter(), e.dir());
    }

    private static java.util.Optional<Entry> entry(Kind kind, String layout, String interpreter, Path dir)
            throws IOException {
        long bytes = 0;
        String fileName = "";
        Instant newest = Instant.EPOCH;
        Instant info = null;
        for (Path f : children(dir)) {
            String name = f.getFileName().toString();
            if (LOCK_FILES.contains(name)) {
                continue;
            }
            try {
                bytes += Files.size(f);
                Instant modified = Files.getLastModifiedTime(f).toInstant();
                newest = modified.isAfter(newest) ? modified : newest;
                if (name.endsWith(".info") && !name.startsWith(".")) {
                    fileName = name.substring(0, name.length() - ".info".length());
                    info = modified;
                }
            } catch (NoSuchFileException e) {
                // removed meanwhile (a prune, or a build's temp file)
            }
        }
        if (bytes == 0 && fileName.isEmpty() && newest.equals(Instant.EPOCH)) {
            return java.util.Optional.empty();
        }
        if (!fileName.isEmpty() && !Files.isRegularFile(dir.resolve(fileName + ".zip"))) {
            fileName = ""; // info without its zip: a build stopped between the two moves
        }
        return java.util.Optional.of(new Entry(kind, layout, interpreter,
                dir.getFileName().toString(), fileName, dir, bytes, info != null ? info : newest));
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    /** The folders or files in {@code dir}, sorted; none when it does not exist. */
    static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}

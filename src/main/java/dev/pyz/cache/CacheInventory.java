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
 * What a pack cache holds, read from its folders (docs/FORMAT.md, "Pack cache"): one {@link Entry} per zip
 * and info file pair in the entry folders {@code packed/<layout>/<sha256>/} and
 * {@code bytecode/<layout>/<interpreter>/<sha256>/} (and one for the leftovers of a build that stopped),
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
     * @param bytes what its zip and info file take (for an incomplete entry: the leftovers)
     * @param lastUse when a build last used it (its info file's time); for an incomplete entry, its newest file's
     */
    public record Entry(Kind kind, String layout, String interpreter, String sha256, String fileName, Path dir,
            long bytes, Instant lastUse) {
        /** The entry's lock file that its writer holds. */
        public Path lockFile() {
            return dir.resolve(EntryLocks.WRITING);
        }

        /** The entry's lock file that builds using it hold shared. */
        public Path useFile() {
            return dir.resolve(EntryLocks.USING);
        }

        public boolean whole() {
            return !fileName.isEmpty();
        }
    }

    /** The lock files of an entry folder (see {@link EntryLocks}): never removed, not counted. */
    static final java.util.Set<String> LOCK_FILES = java.util.Set.of(EntryLocks.WRITING, EntryLocks.USING);

    private CacheInventory() {}

    /** Every entry folder under {@code root} that holds a file besides its lock file. */
    public static List<Entry> scan(Path root) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path layout : children(root.resolve(Kind.PACKED.folder()))) {
            for (Path dir : children(layout)) {
                entries.addAll(entries(Kind.PACKED, name(layout), "", dir));
            }
        }
        for (Path layout : children(root.resolve(Kind.BYTECODE.folder()))) {
            for (Path interpreter : children(layout)) {
                for (Path dir : children(interpreter)) {
                    entries.addAll(entries(Kind.BYTECODE, name(layout), name(interpreter), dir));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::kind).thenComparing(Entry::fileName).thenComparing(Entry::layout)
                .thenComparing(Entry::interpreter).thenComparing(Entry::sha256));
        return entries;
    }


    /** Reads one entry again (as a prune does under its folder's locks); empty when it is gone. */
    public static java.util.Optional<Entry> reread(Entry e) throws IOException {
        return entries(e.kind(), e.layout(), e.interpreter(), e.dir()).stream()
                .filter(x -> x.fileName().equals(e.fileName())).findFirst();
    }

    /**
     * The entries of one folder: one per info file whose zip is there (a bytecode folder may hold a wheel's
     * entry and its {@code .extracted} one), with the sizes of that pair; the other files (temp files of a
     * build that stopped, an info file without its zip) as one incomplete entry.
     */
    private static List<Entry> entries(Kind kind, String layout, String interpreter, Path dir) throws IOException {
        List<Entry> found = new ArrayList<>();
        long otherBytes = 0;
        Instant otherNewest = null;
        java.util.Set<String> paired = new java.util.HashSet<>();
        List<Path> files = children(dir);
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".info") && !name.startsWith(".")) {
                String fileName = name.substring(0, name.length() - ".info".length());
                Path zip = dir.resolve(fileName + ".zip");
                try {
                    long bytes = Files.size(f) + Files.size(zip);
                    found.add(new Entry(kind, layout, interpreter, name(dir), fileName, dir, bytes,
                            Files.getLastModifiedTime(f).toInstant()));
                    paired.add(name);
                    paired.add(fileName + ".zip");
                } catch (NoSuchFileException e) {
                    // no zip (a build stopped between the two moves), or removed meanwhile: counted below
                }
            }
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (LOCK_FILES.contains(name) || paired.contains(name)) {
                continue;
            }
            try {
                otherBytes += Files.size(f);
                Instant modified = Files.getLastModifiedTime(f).toInstant();
                otherNewest = otherNewest == null || modified.isAfter(otherNewest) ? modified : otherNewest;
            } catch (NoSuchFileException e) {
                // removed meanwhile
            }
        }
        if (otherNewest != null) {
            found.add(new Entry(kind, layout, interpreter, name(dir), "", dir, otherBytes, otherNewest));
        }
        return found;
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

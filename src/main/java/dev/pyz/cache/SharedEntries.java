package dev.pyz.cache;

import dev.pyz.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A store of cache entries shared by many machines (a Maven repository, see the plugin's
 * {@code RepositoryEntries}): an agent with an empty cache takes from it the packed wheels and bytecode
 * another agent made, instead of making them again. What it returns is checked against the wheel before
 * use ({@link PackCache}, {@code BytecodeCache}), but the pycs' code cannot be checked without compiling
 * it: a store is a repository the team trusts as it trusts the code it builds.
 */
public interface SharedEntries extends java.io.Closeable {
    /**
     * One entry: the wheel's content and file name, and {@code variant}: empty for the packed wheel,
     * {@code <cache tag>-<magic>} (with {@code -extracted} for a wheel extracted at run time) for its bytecode.
     */
    record Key(String sha256, String fileName, String variant) {
        // written out: the generated ones spin method handle classes on first use, in every shared-cache build

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(sha256, k.sha256)
                    && java.util.Objects.equals(fileName, k.fileName) && java.util.Objects.equals(variant, k.variant);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(sha256, fileName, variant);
        }

        @Override
        public String toString() {
            return "Key[sha256=" + sha256 + ", fileName=" + fileName + ", variant=" + variant + "]";
        }
    }

    /**
     * An entry's files as the store handed them over (read-only; copied into the cache when they pass). A
     * packed wheel's store entry is its info file alone ({@code zip} null when fetched): its zip is made from
     * the wheel itself, which is cheap; what the store saves is what packing learns by reading.
     */
    record Files(Path zip, Path info) {
        /** A cache entry's files: the zip and the info file beside it ({@code x.zip}, {@code x.info}). */
        public static Files beside(Path zip) {
            String name = zip.getFileName().toString();
            return new Files(zip, zip.resolveSibling(name.substring(0, name.length() - ".zip".length()) + ".info"));
        }
    }

    /** Takes what the store holds of {@code keys}, in parallel; a key it lacks is simply not in the result. */
    Map<Key, Files> fetch(List<Key> keys, Log log) throws IOException;

    /** Puts {@code entries} into the store, skipping those it holds already. */
    default void publish(Map<Key, Files> entries, Log log) throws IOException {
        throw new UnsupportedOperationException("this store takes no entries");
    }

    /** Lets go of what {@link #fetch} handed over (the caches have copied what they took). */
    @Override
    default void close() throws IOException {}

    /** A store that holds nothing: the default, and what a build gets with the shared cache off. */
    SharedEntries NONE = (keys, log) -> Map.of();
}

package dev.pyz.cache;

import dev.pyz.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the caches go: the shared folder under the local repository when this build can write there,
 * else a folder of the project's own (a read-only local repository, e.g. a mounted one in CI).
 */
public final class CacheLocation {
    private CacheLocation() {}

    /**
     * {@code preferred} when it can be created and written to; otherwise {@code fallback}, with one warning
     * naming both folders. When neither can be written, {@code preferred} (the build then fails on it).
     */
    public static Path choose(Path preferred, Path fallback, Log log) {
        String problem = unwritable(preferred);
        if (problem == null) {
            return preferred;
        }
        if (unwritable(fallback) != null) {
            return preferred;
        }
        log.warn("The pack cache " + preferred + " cannot be written (" + problem + "); using " + fallback
                + " for this build instead (set pyz.cacheDirectory to choose another shared folder)");
        return fallback;
    }

    /** Why {@code dir} cannot be created or written to, or null when it can. */
    static String unwritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test.", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}

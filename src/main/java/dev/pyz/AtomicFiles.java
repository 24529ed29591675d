package dev.pyz;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files appear whole or not at all: written to a temp file beside the target, then renamed. */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * A temp file is stale when nothing has written to it for this long: a build that was killed while it
     * wrote. A live writer (another build writing the same entry) writes continuously, so its temp files
     * are never this old.
     */
    public static final java.time.Duration STALE_TEMP = java.time.Duration.ofHours(1);

    /**
     * Deletes the stale ({@link #STALE_TEMP}) temp files of killed builds from {@code dir}: the files whose
     * name starts with {@code prefix} and ends with {@code .tmp}; the ones in use stay. Nothing here stops
     * a build: a file another build removed first, or one that cannot be removed, is left alone.
     */
    public static void deleteStaleTemps(Path dir, String prefix) {
        long cutoff = System.currentTimeMillis() - STALE_TEMP.toMillis();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                try {
                    if (name.startsWith(prefix) && name.endsWith(".tmp")
                            && Files.getLastModifiedTime(f).toMillis() < cutoff) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    // removed by another build, or not removable: either way not this build's concern
                }
            }
        } catch (IOException e) {
            // the folder cannot be listed: the temp files stay, which is harmless
        }
    }

    /**
     * Writes {@code content} to {@code target} whole or not at all: into a temp file beside it (its folder
     * created when missing), then moved into place; the temp file does not outlive a failure.
     */
    public static void write(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, content);
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@link #write(Path, byte[])} of {@code content} in UTF-8. */
    public static void writeString(Path target, String content) throws IOException {
        write(target, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

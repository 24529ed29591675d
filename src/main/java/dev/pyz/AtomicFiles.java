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

    /**
     * A file deleted on a thread of its own ({@link #retire}); closing waits until it is gone (or its deletion
     * failed, which leaves a temp file that a later {@link #deleteStaleTemps} removes).
     */
    public static final class Retired implements AutoCloseable {
        private static final Retired NONE = new Retired(null);
        private final Thread deleting;

        private Retired(Thread deleting) {
            this.deleting = deleting;
        }

        @Override
        public void close() {
            if (deleting == null) {
                return;
            }
            boolean interrupted = false;
            while (deleting.isAlive()) {
                try {
                    deleting.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Moves the regular file {@code target}, about to be replaced, aside (to a temp name beside it) and deletes
     * it on a thread of its own: freeing a large file's pages takes the kernel tenths of a second, which then
     * pass while its replacement is written, and the replacement is moved to a free name, which costs less than
     * replacing a file. Anything else at {@code target} (nothing, a folder, a link) is left where it is.
     */
    public static Retired retire(Path target) throws IOException {
        if (!Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Retired.NONE;
        }
        Path aside = target.resolveSibling(target.getFileName() + "."
                + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return Retired.NONE; // not movable (or the name is taken): replaced in place, as before
        }
        Thread deleting = new Thread(() -> {
            try {
                Files.deleteIfExists(aside);
            } catch (IOException e) {
                // left as a temp file: a later build removes it once it is stale
            }
        }, "pyz-retire");
        deleting.setDaemon(true);
        deleting.start();
        return new Retired(deleting);
    }

    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

package dev.pyz.cache;

import dev.pyz.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Remembers a wheel file's SHA-256 against what the file system says of it (path, size, modification
 * time, file key), so that a warm build need not read every wheel again. Files in a Maven repository are
 * written once; a file changed in any way that shows in its metadata is hashed again. One small file per
 * wheel path, written atomically, under {@code <cache>/digests/}.
 */
final class DigestMemo {
    private final Path dir;

    DigestMemo(Path dir) {
        this.dir = dir;
    }

    String sha256(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        String stamp = stamp(absolute);
        java.util.Optional<String> known = remembered(absolute, stamp);
        if (known.isPresent()) {
            return known.get();
        }
        String sha256 = Digests.sha256(absolute);
        if (stamp(absolute).equals(stamp)) { // unchanged while it was read
            AtomicFiles.writeString(memo(absolute), absolute + "\n" + stamp + "\n" + sha256);
        }
        return sha256;
    }

    /** Whether {@link #sha256} would answer without reading the file. */
    boolean knows(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        return remembered(absolute, stamp(absolute)).isPresent();
    }

    private java.util.Optional<String> remembered(Path absolute, String stamp) throws IOException {
        try {
            String[] recorded = Files.readString(memo(absolute), StandardCharsets.UTF_8).split("\n");
            if (recorded.length == 3 && recorded[0].equals(absolute.toString()) && recorded[1].equals(stamp)
                    && recorded[2].matches("[0-9a-f]{64}")) {
                return java.util.Optional.of(recorded[2]);
            }
        } catch (NoSuchFileException e) {
            // not seen yet
        }
        return java.util.Optional.empty();
    }

    private Path memo(Path absolute) {
        return dir.resolve(Digests.sha256(absolute.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String stamp(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return a.size() + " " + a.lastModifiedTime().toMillis() + " " + a.fileKey();
    }
}

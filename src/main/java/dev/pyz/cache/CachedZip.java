package dev.pyz.cache;

import dev.pyz.PyzException;
import dev.pyz.zip.CentralDirectory;
import dev.pyz.zip.ZipArchive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.zip.CRC32;

/**
 * A zip of the cache (a packed wheel, or a wheel's bytecode) as a build uses it. On reuse it is checked
 * against what its info file recorded when it was written ({@link Integrity}: size, digest of the central
 * directory and end records) and its central directory is parsed in the same read, once: everything the
 * build then does with the zip (conflicts, metadata, entry point, the merge) reads these records. The
 * CRC-32 of the whole file, recorded when it was written, is what nesting the zip whole in a zipapp needs;
 * entries written before it was recorded lack it.
 */
public final class CachedZip {
    private final Path path;
    private final OptionalLong crc32;
    private CentralDirectory directory;

    private CachedZip(Path path, CentralDirectory directory, OptionalLong crc32) {
        this.path = Objects.requireNonNull(path);
        this.directory = directory;
        this.crc32 = crc32;
    }

    /** A zip known only by its path (an info file's description): its directory is read when asked for. */
    public static CachedZip at(Path path) {
        return new CachedZip(path, null, OptionalLong.empty());
    }

    /** A zip just written whose writer knew the CRC-32 of the whole file (see {@code ZipWriter.crc32}). */
    public static CachedZip written(Path path, OptionalLong crc32) {
        return new CachedZip(path, null, crc32);
    }

    public Path path() {
        return path;
    }

    /** The CRC-32 of the whole file, when its info file recorded it. */
    public OptionalLong crc32() {
        return crc32;
    }

    /** Its central directory, as checked on lookup (read now for a zip known only by its path). */
    public synchronized CentralDirectory directory() throws IOException {
        if (directory == null) {
            directory = CentralDirectory.readOwn(path);
        }
        return directory;
    }

    /** Opens it for reading entries, with the directory already parsed. */
    public ZipArchive open() throws IOException {
        return ZipArchive.openOwn(path, directory(), path.toString());
    }

    /** This zip moved to {@code target} (the same bytes: its directory and CRC stay). */
    public CachedZip movedTo(Path target) {
        return new CachedZip(target, directory, crc32);
    }

    /**
     * Checks {@code zip} against what was recorded when it was written and parses its directory in the same
     * read; fails, saying what differs, when it was truncated, replaced or damaged.
     */
    public static CachedZip check(Path zip, Integrity recorded) throws IOException {
        long size = Files.size(zip);
        if (size != recorded.size()) {
            throw new PyzException("the zip has " + size + " bytes, " + recorded.size() + " when it was written"
                    + " (truncated or replaced)");
        }
        MessageDigest tail = Digests.newSha256();
        CentralDirectory directory;
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            directory = CentralDirectory.readOwn(channel, zip.toString(), tail);
        }
        String digest = HexFormat.of().formatHex(tail.digest());
        if (!digest.equals(recorded.cdSha256())) {
            throw new PyzException("the zip's central directory has sha256 " + digest + ", " + recorded.cdSha256()
                    + " when it was written (damaged or replaced)");
        }
        return new CachedZip(zip, directory, recorded.crc32());
    }

    /**
     * What a cache records in an info file of a zip it writes, to check it on reuse: its size and the digest of
     * its central directory and end records (which change when it is truncated, replaced or its directory
     * damaged), and the CRC-32 of the whole file.
     */
    public record Integrity(long size, String cdSha256, OptionalLong crc32) {
        /**
         * Measures a zip just written: one read of its directory, and one of the whole file for the CRC when its
         * writer did not know it ({@code written.crc32()}).
         */
        public static Integrity of(CachedZip written) throws IOException {
            Path zip = written.path();
            long crc = written.crc32().isPresent() ? written.crc32().getAsLong() : CachedZip.crc32(zip);
            return new Integrity(Files.size(zip), Digests.centralDirectorySha256(zip), OptionalLong.of(crc));
        }

        /**
         * Reads it from an info file's values under these keys; a missing CRC (written before it was recorded)
         * is absent, a missing or malformed size or digest fails.
         */
        public static Integrity read(Map<String, String> values, String sizeKey, String digestKey, String crcKey)
                throws PyzException {
            String size = values.get(sizeKey);
            String digest = values.get(digestKey);
            String crc = values.get(crcKey);
            try {
                if (size == null || digest == null) {
                    throw new NumberFormatException("missing");
                }
                return new Integrity(Long.parseLong(size), digest,
                        crc == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(crc)));
            } catch (NumberFormatException e) {
                throw new PyzException("its info file records no readable " + sizeKey + ", " + digestKey + " or "
                        + crcKey + " (" + size + ", " + digest + ", " + crc + ")");
            }
        }

        /** The info file lines that record it. */
        public String lines(String sizeKey, String digestKey, String crcKey) {
            return sizeKey + "=" + size + "\n" + digestKey + "=" + cdSha256 + "\n"
                    + (crc32.isPresent() ? crcKey + "=" + crc32.getAsLong() + "\n" : "");
        }
    }

    /** The CRC-32 of a whole file, in one read. */
    public static long crc32(Path file) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(chunk.clear()) > 0) {
                crc.update(chunk.flip());
            }
        }
        return crc.getValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CachedZip z && z.path.equals(path) && z.crc32.equals(crc32);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}

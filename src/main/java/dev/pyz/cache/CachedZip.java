package dev.pyz.cache;

import dev.pyz.KeyValues;
import dev.pyz.PyzException;
import dev.pyz.zip.CentralDirectory;
import dev.pyz.zip.ZipArchive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.zip.CRC32;

/**
 * A zip of the cache (a packed wheel, or a wheel's bytecode) as a build uses it. On reuse it is checked
 * against what its info file recorded when it was written ({@link Integrity}: size, CRC-32 of the central
 * directory and end records); the directory's bytes, read once for that, are parsed once, when a step first
 * needs the records (conflicts, metadata, entry point, the merge of a wheel imported from the archive). A
 * wheel nested whole needs none of them unless it shares a first path segment with another wheel or the
 * entry point is looked for in it. The
 * CRC-32 of the whole file, recorded when it was written, is what nesting the zip whole in a zipapp needs;
 * entries written before it was recorded lack it.
 */
public final class CachedZip {
    private final Path path;
    private final OptionalLong crc32;
    private final Object fileKey; // of the file that was checked, or null when none was
    private final long fileSize; // of the file that was checked, or -1 when none was
    private CentralDirectory directory;
    private CentralDirectory.Unparsed unparsed; // the checked directory's bytes, until they are parsed

    private CachedZip(Path path, CentralDirectory directory, CentralDirectory.Unparsed unparsed, OptionalLong crc32,
            Object fileKey, long fileSize) {
        this.path = Objects.requireNonNull(path);
        this.directory = directory;
        this.unparsed = unparsed;
        this.crc32 = crc32;
        this.fileKey = fileKey;
        this.fileSize = fileSize;
    }

    /** A zip known only by its path (an info file's description): its directory is read when asked for. */
    public static CachedZip at(Path path) {
        return new CachedZip(path, null, null, OptionalLong.empty(), null, -1);
    }

    /** A zip just written whose writer knew the CRC-32 of the whole file (see {@code ZipWriter.crc32}). */
    public static CachedZip written(Path path, OptionalLong crc32) {
        return new CachedZip(path, null, null, crc32, null, -1);
    }

    public Path path() {
        return path;
    }

    /** The CRC-32 of the whole file, when its info file recorded it. */
    public OptionalLong crc32() {
        return crc32;
    }

    /**
     * Its central directory, as checked on lookup (parsed the first time it is asked for; read now for a zip
     * known only by its path).
     */
    public synchronized CentralDirectory directory() throws IOException {
        if (directory == null) {
            directory = unparsed != null ? unparsed.parse() : CentralDirectory.readOwn(path);
            unparsed = null;
        }
        return directory;
    }

    /** How many entries it has: its end record's count, without parsing a checked directory for it. */
    public synchronized int entryCount() throws IOException {
        if (directory == null && unparsed != null && unparsed.count() < 0xFFFF) {
            return (int) unparsed.count();
        }
        return directory().records().size();
    }

    /** Opens it for reading entries, with the directory already parsed (see {@link #channel}). */
    public ZipArchive open() throws IOException {
        FileChannel channel = channel();
        try {
            return ZipArchive.of(channel, directory(), path.toString());
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Opens the file for reading. When it was checked ({@link #check}), the file opened must still be the
     * one checked: a cache entry that another build replaced meanwhile (a build of another plugin version
     * sharing the cache) fails, naming the entry, instead of being read with the directory of the old one.
     */
    public FileChannel channel() throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            if (fileKey != null) {
                Object now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
                if (!fileKey.equals(now) || channel.size() != fileSize) {
                    throw new PyzException(path + ": the cache entry was replaced while this build used it (by a build"
                            + " sharing the cache); build again");
                }
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** This zip moved to {@code target} (the same file, the same bytes: its directory and CRC stay). */
    public synchronized CachedZip movedTo(Path target) {
        return new CachedZip(target, directory, unparsed, crc32, fileKey, fileSize);
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
        Measured found = read(zip, recorded.crc32(), false); // the same bytes as written: parsed when needed
        if (found.integrity().cdCrc32() != recorded.cdCrc32()) {
            throw new PyzException("the zip's central directory has CRC-32 " + found.integrity().cdCrc32() + ", "
                    + recorded.cdCrc32() + " when it was written (damaged or replaced)");
        }
        return found.zip();
    }

    /** A zip read once: the zip with its directory parsed, and what an info file records of it. */
    public record Measured(CachedZip zip, Integrity integrity) {}

    /**
     * Measures a zip just written: its directory and end records read once, hashed as they are parsed; the
     * CRC-32 is {@code crc} when its writer knew it, else read from the whole file.
     */
    public static Measured measure(Path zip, OptionalLong crc) throws IOException {
        return read(zip, crc.isPresent() ? crc : OptionalLong.of(crc32(zip)), true);
    }

    private static Measured read(Path zip, OptionalLong crc, boolean parse) throws IOException {
        CRC32 tail = new CRC32();
        CentralDirectory.Unparsed unparsed;
        Object fileKey;
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            fileKey = Files.readAttributes(zip, BasicFileAttributes.class).fileKey();
            unparsed = CentralDirectory.readOwnUnparsed(channel, zip.toString(), tail);
        }
        CachedZip read = parse ? new CachedZip(zip, unparsed.parse(), null, crc, fileKey, unparsed.fileSize())
                : new CachedZip(zip, null, unparsed, crc, fileKey, unparsed.fileSize());
        return new Measured(read, new Integrity(unparsed.fileSize(), tail.getValue(), crc));
    }

    /**
     * What a cache records in an info file of a zip it writes, to check it on reuse: its size and the CRC-32 of
     * its central directory and end records (which change when it is truncated, replaced or its directory
     * damaged), and the CRC-32 of the whole file.
     */
    public record Integrity(long size, long cdCrc32, OptionalLong crc32) {
        /**
         * Reads it from an info file's values under these keys; a missing CRC (written before it was recorded)
         * is absent, a missing or malformed size or digest fails.
         */
        public static Integrity read(KeyValues values, String sizeKey, String digestKey, String crcKey)
                throws PyzException {
            String size = values.get(sizeKey);
            String digest = values.get(digestKey);
            String crc = values.get(crcKey);
            try {
                if (size == null || digest == null) {
                    throw new NumberFormatException("missing");
                }
                return new Integrity(Long.parseLong(size), Long.parseLong(digest),
                        crc == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(crc)));
            } catch (NumberFormatException e) {
                throw new PyzException("its info file records no readable " + sizeKey + ", " + digestKey + " or "
                        + crcKey + " (" + size + ", " + digest + ", " + crc + ")");
            }
        }

        /** The info file lines that record it. */
        public String lines(String sizeKey, String digestKey, String crcKey) {
            return sizeKey + "=" + size + "\n" + digestKey + "=" + cdCrc32 + "\n"
                    + (crc32.isPresent() ? crcKey + "=" + crc32.getAsLong() + "\n" : "");
        }
    }

    /** The CRC-32 of a whole file, in one read. */
    public static long crc32(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return crc32(channel, null);
        }
    }

    /** Copies {@code from} to {@code to} (replacing it) and returns the CRC-32 of the bytes copied: one read. */
    public static long copy(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            return crc32(in, out);
        }
    }

    /** The CRC-32 of what is left to read of {@code in}, writing it to {@code out} as well unless null. */
    private static long crc32(FileChannel in, FileChannel out) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 18);
        while (in.read(chunk.clear()) > 0) {
            chunk.flip().mark();
            crc.update(chunk);
            if (out != null) {
                for (chunk.reset(); chunk.hasRemaining(); ) {
                    out.write(chunk);
                }
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

package dev.pyz.zip;

import dev.pyz.PyzException;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * An open zip file whose entries can be read: the project's one zip reader, over {@link CentralDirectory}
 * (and, for files from elsewhere, {@link LocalHeaders}). Entries are read with positioned reads, so
 * several threads may read entries of one archive at once. Every failure is a {@link PyzException} naming
 * the file and the entry.
 */
public final class ZipArchive implements Closeable {
    public static final int STORED = 0;
    public static final int DEFLATED = 8;
    private static final int BUFFER = 1 << 16;
    /** Entries up to this size are read into an array of their declared size (see {@link #read}). */
    private static final int PRESIZED = 16 << 20;

    private final FileChannel channel;
    private final String where;
    private final List<ZipRecord> records;
    private final Map<String, ZipRecord> byName;

    private ZipArchive(FileChannel channel, String where, CentralDirectory directory) {
        this.channel = channel;
        this.where = where;
        List<ZipRecord> physical = new ArrayList<>(directory.records());
        physical.sort(Comparator.comparingLong(ZipRecord::localHeaderOffset));
        this.records = Collections.unmodifiableList(physical);
        this.byName = new HashMap<>();
        for (ZipRecord r : directory.records()) {
            byName.putIfAbsent(r.name(), r);
        }
    }

    /**
     * Opens a zip from elsewhere (a wheel): its central directory read and every local header checked
     * against it, entries not overlapping ({@link LocalHeaders}). {@code where} names it in messages.
     */
    public static ZipArchive open(Path file, String where) throws IOException {
        return open(file, where, true);
    }

    /** Opens a zip this plugin wrote and checked when it was looked up (a cache entry), without the per-entry check. */
    public static ZipArchive openOwn(Path file, String where) throws IOException {
        return open(file, where, false);
    }

    /** A zip this plugin wrote, over {@code channel} (which the archive closes), its directory read already. */
    public static ZipArchive of(FileChannel channel, CentralDirectory directory, String where) {
        return new ZipArchive(channel, where, directory);
    }

    /**
     * Opens a zip over a channel whose bytes are fetched as they are read (a wheel on a server, read with
     * range requests): only the end records and the central directory are read now; an entry's local
     * header is read, and checked, when the entry is. The archive closes the channel.
     */
    public static ZipArchive openLazily(FileChannel channel, String where) throws IOException {
        try {
            return new ZipArchive(channel, where, CentralDirectory.readOwn(channel, where));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof PyzException p ? p
                    : new PyzException(where + ": not a readable zip file (" + e.getMessage() + ")", e);
        }
    }

    private static ZipArchive open(Path file, String where, boolean untrusted) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new PyzException(where + ": cannot be opened (" + e.getMessage() + ")", e);
        }
        try {
            CentralDirectory directory = untrusted ? CentralDirectory.read(channel, where)
                    : CentralDirectory.readOwn(channel, where);
            return new ZipArchive(channel, where, directory);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof PyzException p ? p
                    : new PyzException(where + ": not a readable zip file (" + e.getMessage() + ")", e);
        }
    }

    /** What names the zip in messages. */
    public String where() {
        return where;
    }

    /** The entries in the order their data lies in the file. */
    public List<ZipRecord> records() {
        return records;
    }

    /** The entry called {@code name} (the first, should the name occur twice). */
    public Optional<ZipRecord> entry(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** An entry's stored bytes, compressed as they are, for copying them into another zip unchanged. */
    public InputStream raw(ZipRecord r) throws IOException {
        return new Range(dataOffset(r), r.compressedSize, r);
    }

    /**
     * An entry's content (stored or deflated), held to its central directory record: reading more bytes
     * than its declared size fails at once (a lying size cannot turn one entry into a bomb), and at its end
     * the count and the CRC-32 must match.
     */
    public InputStream content(ZipRecord r) throws IOException {
        return switch (r.method) {
            case STORED -> new DeclaredContent(raw(r), where, r, null);
            case DEFLATED -> {
                Inflater inflater = new Inflater(true);
                // with nowrap, the inflater may need one byte past the deflated data to finish
                InputStream padded = new SequenceInputStream(raw(r), new ByteArrayInputStream(new byte[1]));
                yield new DeclaredContent(new InflaterInputStream(padded, inflater, inputBuffer(r)), where, r, inflater);
            }
            default -> throw new PyzException(where + ": entry " + r.name() + ": compression method " + r.method
                    + " is not supported (only stored and deflated)");
        };
    }

    /**
     * The inflater's input buffer: the entry's compressed bytes and the padding byte when they fit in
     * {@link #BUFFER}. Most entries are small: a buffer of their size, not 64 KiB, saves the fresh memory
     * (and its page faults) of reading thousands of them.
     */
    private static int inputBuffer(ZipRecord r) {
        return (int) Math.max(1, Math.min(BUFFER, r.compressedSize + 1)); // (a size past 2^63 wraps)
    }

    /**
     * The whole content of an entry of at most {@code maxBytes}, checked as {@link #content} does. Up to
     * {@link #PRESIZED} declared bytes it is read into an array of that size, then to the end of its data
     * (where size and CRC-32 are checked); a larger one grows its array as its bytes arrive, so a size that lies
     * costs no more memory than the bytes that come.
     */
    public byte[] read(ZipRecord r, long maxBytes) throws IOException {
        if (r.size > maxBytes) {
            throw new PyzException(where + ": entry " + r.name() + " is larger than " + maxBytes + " bytes");
        }
        try (InputStream in = content(r)) {
            if (r.size > PRESIZED) {
                return in.readAllBytes();
            }
            byte[] content = new byte[(int) r.size];
            int n = in.readNBytes(content, 0, content.length);
            if (n < content.length || in.read() != -1) { // the stream fails, naming what the data holds
                throw new IllegalStateException("the entry's data ended at " + n + " bytes but the stream did not fail");
            }
            return content;
        } catch (PyzException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PyzException(where + ": entry " + r.name() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Where the entry's data starts: known when its local header was checked, else read from it now. */
    private long dataOffset(ZipRecord r) throws IOException {
        if (r.dataOffset >= 0) {
            return r.dataOffset;
        }
        ByteBuffer h = CentralDirectory.readFully(channel, r.localHeaderOffset, LocalHeaders.LOCAL_FIXED,
                at -> where + ": entry " + r.name() + ": the file ends at " + at + ", inside its local header");
        if (h.getInt(0) != CentralDirectory.LOCAL_HEADER) {
            throw new PyzException(where + ": entry " + r.name() + ": no local file header at offset "
                    + r.localHeaderOffset + " where the central directory points");
        }
        return r.localHeaderOffset + LocalHeaders.LOCAL_FIXED + (h.getShort(26) & 0xFFFF) + (h.getShort(28) & 0xFFFF);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** {@code length} bytes of the file from {@code start}, read with positioned reads. */
    private final class Range extends InputStream {
        private final ZipRecord record;
        private long position;
        private long remaining;

        Range(long start, long length, ZipRecord record) {
            this.position = start;
            this.remaining = length;
            this.record = record;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
            if (n < 0) {
                throw new PyzException(where + ": entry " + record.name() + ": the file ends at " + position
                        + ", inside the entry's data");
            }
            position += n;
            remaining -= n;
            return n;
        }
    }
}

package dev.pyz.zip;

import dev.pyz.PyzException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Checks that a zip's local file headers agree with its central directory and that the entries' bytes
 * do not overlap. Readers disagree about which of the two copies of an entry's name, method, CRC and
 * sizes to trust, and overlapping entries are how a small zip bomb expands to petabytes (David Fifield,
 * "A better zip bomb"), so an archive where they differ is refused rather than interpreted.
 *
 * <p>Reads the local headers through one small window that moves along the file ({@link Window}); never
 * reads the data of an entry on purpose.
 */
public final class LocalHeaders {
    /** General purpose flag bit 3: CRC and sizes are in a data descriptor after the data. */
    static final int FLAG_DATA_DESCRIPTOR = 1 << 3;
    static final int LOCAL_FIXED = 30;
    /** The smallest data descriptor (CRC and two 4-byte sizes, no signature). */
    static final int MIN_DESCRIPTOR = 12;
    /** How many bytes of extra field to read along with a local header, so Zip64 sizes usually come in one read. */
    private static final int EXTRA_READ_AHEAD = 64;

    /** What the central directory says about one entry. */
    public record Declared(byte[] rawName, int flags, int method, long crc, long compressedSize, long size,
            long localHeaderOffset) {
        public String name() {
            return printable(rawName);
        }
    }

    private LocalHeaders() {}

    /**
     * Checks every entry's local header against {@code entries} (signature, name bytes, method and, when
     * the local header carries them, CRC and sizes), then that the entries' header-and-data ranges do not
     * overlap and end at or before {@code centralDirectoryStart}.
     *
     * @return where each entry's data starts, in the order of {@code entries}
     */
    public static long[] check(FileChannel channel, String where, List<Declared> entries, long centralDirectoryStart)
            throws IOException {
        int n = entries.size();
        long[] starts = new long[n];
        long[] ends = new long[n];
        long[] dataStarts = new long[n];
        Window window = new Window(channel, where, centralDirectoryStart);
        for (int i = 0; i < n; i++) {
            Declared e = entries.get(i);
            long offset = e.localHeaderOffset();
            if (offset < 0 || offset > centralDirectoryStart - LOCAL_FIXED) {
                throw new PyzException(where + ": entry " + e.name() + ": its local header at " + offset
                        + " does not lie before the central directory at " + centralDirectoryStart);
            }
            int length = (int) Math.min(LOCAL_FIXED + e.rawName().length + EXTRA_READ_AHEAD,
                    centralDirectoryStart - offset);
            ByteBuffer h = window.at(offset, length);
            if (h.getInt(0) != CentralDirectory.LOCAL_HEADER) {
                throw new PyzException(where + ": entry " + e.name() + ": no local file header at offset " + offset
                        + " where the central directory points");
            }
            int localFlags = h.getShort(6) & 0xFFFF;
            int localMethod = h.getShort(8) & 0xFFFF;
            long localCrc = h.getInt(14) & CentralDirectory.MAX_32;
            long localCompressed = h.getInt(18) & CentralDirectory.MAX_32;
            long localSize = h.getInt(22) & CentralDirectory.MAX_32;
            int nameLength = h.getShort(26) & 0xFFFF;
            int extraLength = h.getShort(28) & 0xFFFF;
            long dataStart = offset + LOCAL_FIXED + nameLength + extraLength;
            if (dataStart > centralDirectoryStart) {
                throw new PyzException(where + ": entry " + e.name() + ": its local header runs past the start of"
                        + " the central directory at " + centralDirectoryStart);
            }
            if (nameLength != e.rawName().length || !sameBytes(h, LOCAL_FIXED, e.rawName())) {
                throw new PyzException(where + ": entry " + e.name() + ": its local header names it "
                        + localName(channel, where, h, offset, nameLength)
                        + " (local header and central directory must agree)");
            }
            if (localMethod != e.method()) {
                throw new PyzException(where + ": entry " + e.name() + ": its local header says compression method "
                        + localMethod + ", the central directory " + e.method()
                        + " (local header and central directory must agree)");
            }
            if ((localFlags & FLAG_DATA_DESCRIPTOR) == 0) {
                if (localSize == CentralDirectory.MAX_32 || localCompressed == CentralDirectory.MAX_32) {
                    ByteBuffer extra = h.limit() >= LOCAL_FIXED + nameLength + extraLength ? h
                            : read(channel, where, offset, LOCAL_FIXED + nameLength + extraLength);
                    // a local Zip64 field holds both sizes (the specification's rule); some writers put only
                    // the one that overflowed
                    int at = LOCAL_FIXED + nameLength;
                    long[] zip64 = CentralDirectory.zip64Values(extra, at, extraLength, true, true, false);
                    if (zip64 == null) {
                        zip64 = CentralDirectory.zip64Values(extra, at, extraLength,
                                localSize == CentralDirectory.MAX_32, localCompressed == CentralDirectory.MAX_32, false);
                    }
                    if (zip64 == null) {
                        throw new PyzException(where + ": entry " + e.name() + ": its local header has Zip64 sizes"
                                + " but no Zip64 extra field large enough to hold them");
                    }
                    localSize = localSize == CentralDirectory.MAX_32 ? zip64[0] : localSize;
                    localCompressed = localCompressed == CentralDirectory.MAX_32 ? zip64[1] : localCompressed;
                }
                disagree(where, e, "CRC-32", localCrc, e.crc(), true);
                disagree(where, e, "compressed size", localCompressed, e.compressedSize(), false);
                disagree(where, e, "size", localSize, e.size(), false);
            }
            starts[i] = offset;
            dataStarts[i] = dataStart;
            boolean descriptor = ((localFlags | e.flags()) & FLAG_DATA_DESCRIPTOR) != 0;
            ends[i] = dataStart + e.compressedSize() + (descriptor ? MIN_DESCRIPTOR : 0);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> starts[i]));
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (ends[i] > centralDirectoryStart || ends[i] < starts[i]) {
                throw new PyzException(where + ": entry " + entries.get(i).name() + ": its data ends at " + ends[i]
                        + ", past the start of the central directory at " + centralDirectoryStart);
            }
            if (k + 1 < n && ends[i] > starts[order[k + 1]]) {
                int next = order[k + 1];
                throw new PyzException(where + ": entry " + entries.get(i).name() + ": its bytes " + starts[i] + "-"
                        + ends[i] + " overlap entry " + entries.get(next).name() + " at " + starts[next]
                        + " (entries must not share bytes; overlapping entries are how zip bombs multiply)");
            }
        }
        return dataStarts;
    }

    private static void disagree(String where, Declared e, String field, long local, long central, boolean hex)
            throws PyzException {
        if (local != central) {
            throw new PyzException(where + ": entry " + e.name() + ": its local header says " + field + " "
                    + (hex ? Long.toHexString(local) : Long.toString(local)) + ", the central directory "
                    + (hex ? Long.toHexString(central) : Long.toString(central))
                    + " (local header and central directory must agree)");
        }
    }

    private static boolean sameBytes(ByteBuffer b, int at, byte[] expected) {
        if (at + expected.length > b.limit()) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b.get(at + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String localName(FileChannel channel, String where, ByteBuffer h, long offset, int nameLength)
            throws IOException {
        int shown = Math.min(nameLength, 200);
        ByteBuffer b = h.limit() >= LOCAL_FIXED + shown ? h : read(channel, where, offset, LOCAL_FIXED + shown);
        byte[] name = new byte[shown];
        b.get(LOCAL_FIXED, name);
        return printable(name) + (shown < nameLength ? "..." : "");
    }

    static String printable(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8).replace("\0", "\\0");
    }

    /**
     * A reused buffer over part of the file, through which the headers are read: a wheel's small entries lie
     * close together, so one read serves many headers, and no header costs an allocation. Small (16 KiB):
     * where entries are large, each header costs a read of the window's size.
     */
    private static final class Window {
        private static final int SIZE = 16 * 1024;
        private final FileChannel channel;
        private final String where;
        private final long end;
        private final ByteBuffer buffer = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        private long start = -1; // the file position of the buffer's first byte
        private int valid;

        Window(FileChannel channel, String where, long end) {
            this.channel = channel;
            this.where = where;
            this.end = end;
        }

        /** {@code length} bytes from {@code position}, which must not pass {@code end}, indexed from 0. */
        ByteBuffer at(long position, int length) throws IOException {
            if (length > SIZE) {
                return read(channel, where, position, length);
            }
            if (start < 0 || position < start || position + length > start + valid) {
                fill(position);
            }
            return buffer.slice((int) (position - start), length).order(ByteOrder.LITTLE_ENDIAN);
        }

        private void fill(long position) throws IOException {
            int want = (int) Math.min(SIZE, end - position);
            start = -1; // nothing valid until the read succeeds
            buffer.clear().limit(want);
            CentralDirectory.fill(channel, position, buffer, endOfFile(where));
            start = position;
            valid = want;
        }
    }

    private static ByteBuffer read(FileChannel channel, String where, long position, int length) throws IOException {
        return CentralDirectory.readFully(channel, position, length, endOfFile(where));
    }

    private static java.util.function.LongFunction<String> endOfFile(String where) {
        return at -> where + ": the file ends at " + at + ", inside a local header";
    }
}

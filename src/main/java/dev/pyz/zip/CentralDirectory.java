package dev.pyz.zip;

import dev.pyz.PyzException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the central directory of a zip file whose offsets count from the start of the file (no preamble
 * shifts them): wheels, Zip64 ones included, and the packed wheels and zipapps this plugin writes. In a
 * packed wheel everything before {@link #offset()} is local headers and data, which the merge copies as
 * one block.
 */
public final class CentralDirectory {
    static final int LOCAL_HEADER = 0x04034b50;
    static final int CENTRAL_HEADER = 0x02014b50;
    static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    static final int ZIP64_LOCATOR = 0x07064b50;
    static final int ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
    static final int EOCD_SIZE = 22;
    static final int ZIP64_LOCATOR_SIZE = 20;
    /** How much of a file's end is read first to find the end record (and the Zip64 locator before it). */
    private static final int SHORT_TAIL = 1024;
    /** The most bytes read at once into a heap buffer (see {@link #readFully}). */
    private static final int READ_PIECE = 64 * 1024;
    static final int ZIP64_EXTRA = 0x0001;
    static final long MAX_32 = 0xFFFFFFFFL;

    private final List<ZipRecord> records;
    private final long offset;
    private final long fileSize;

    private CentralDirectory(List<ZipRecord> records, long offset, long fileSize) {
        this.records = Collections.unmodifiableList(records);
        this.offset = offset;
        this.fileSize = fileSize;
    }

    public static CentralDirectory read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel, file.toString());
        }
    }

    public static CentralDirectory read(FileChannel channel, String displayName) throws IOException {
        return read(channel, displayName, true);
    }

    /** {@link #readOwn(FileChannel, String)} of a file. */
    public static CentralDirectory readOwn(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readOwn(channel, file.toString());
        }
    }

    /**
     * Reads the central directory of a zip this plugin wrote itself (a cache entry whose size and
     * directory were checked on lookup): the same checks except the one read per entry that compares
     * local headers with the directory, which costs 0.1-0.4 s for the 24,000 entries of a large app.
     */
    public static CentralDirectory readOwn(FileChannel channel, String displayName) throws IOException {
        return read(channel, displayName, false);
    }

    /**
     * {@link #readOwn(FileChannel, String)}, also feeding {@code tail} every byte from where the central
     * directory starts to the end of the file (what a cache entry's {@code cd_crc32} sums), read once
     * for both: checking a cache entry's recorded digest and parsing its directory cost one read.
     */
    public static CentralDirectory readOwn(FileChannel channel, String displayName, java.util.zip.Checksum tail)
            throws IOException {
        return read(channel, displayName, false, tail);
    }

    private static CentralDirectory read(FileChannel channel, String displayName, boolean checkLocalHeaders)
            throws IOException {
        return read(channel, displayName, checkLocalHeaders, null);
    }

    private static CentralDirectory read(FileChannel channel, String displayName, boolean checkLocalHeaders,
            java.util.zip.Checksum tail) throws IOException {
        Unparsed raw = readOwnUnparsed(channel, displayName, tail);
        CentralDirectory directory = raw.parse();
        return checkLocalHeaders ? directory.withLocalHeadersChecked(channel, displayName) : directory;
    }

    /**
     * {@link #readOwn(FileChannel, String, java.util.zip.Checksum)} without parsing the records yet: the
     * directory's bytes are read and fed to {@code tail}, and parsed when first asked for ({@link Unparsed#parse}).
     * For a cache entry whose directory is checked against its recorded CRC-32: most of a warm build never
     * needs the records of a wheel nested whole.
     */
    public static Unparsed readOwnUnparsed(FileChannel channel, String displayName, java.util.zip.Checksum tail)
            throws IOException {
        long size = channel.size();
        Layout layout = Layout.of(channel, displayName);
        long cdSize = layout.size();
        long cdOffset = layout.offset();
        long eocdPosition = layout.end();
        if (cdOffset + cdSize != eocdPosition) {
            throw new PyzException(displayName + ": central directory at " + cdOffset + " (+" + cdSize
                    + " bytes) does not end at the end record (" + eocdPosition + "); offsets must count from the start of the file");
        }
        if (cdSize > Integer.MAX_VALUE) {
            throw new PyzException(displayName + ": the central directory has " + cdSize
                    + " bytes, more than this reader handles (2 GiB)");
        }
        ByteBuffer cd = readFully(channel, cdOffset, (int) cdSize);
        if (tail != null) {
            tail.update(cd.duplicate());
            tail.update(readFully(channel, eocdPosition, (int) (size - eocdPosition)));
        }
        return new Unparsed(cd, layout.count(), cdOffset, size, displayName);
    }

    /** A central directory read but not parsed: its bytes, and what the end records say of them. */
    public static final class Unparsed {
        private final ByteBuffer cd;
        private final long count;
        private final long offset;
        private final long fileSize;
        private final String displayName;

        private Unparsed(ByteBuffer cd, long count, long offset, long fileSize, String displayName) {
            this.cd = cd;
            this.count = count;
            this.offset = offset;
            this.fileSize = fileSize;
            this.displayName = displayName;
        }

        /** The size of the file it was read from. */
        public long fileSize() {
            return fileSize;
        }

        /** How many records the end record counts (0xFFFF may mean more, in a zip without Zip64 records). */
        public long count() {
            return count;
        }

        /** Its records, checked as {@link #readOwn(FileChannel, String)} checks them. */
        public CentralDirectory parse() throws IOException {
            return CentralDirectory.parse(cd, count, offset, fileSize, displayName);
        }
    }

    private static CentralDirectory parse(ByteBuffer cd, long count, long cdOffset, long size, String displayName)
            throws IOException {
        long cdSize = cd.limit();
        List<ZipRecord> records = new ArrayList<>((int) Math.min(count, 1 << 16));
        int p = 0;
        // past 65,535 entries without Zip64 records the count says 0xFFFF: the directory's size rules
        boolean countWrapped = count == 0xFFFF;
        for (int i = 0; countWrapped ? p < cdSize : i < count; i++) {
            if (p + 46 > cdSize || cd.getInt(p) != CENTRAL_HEADER) {
                throw new PyzException(displayName + ": central directory record " + i + " is damaged");
            }
            int nameLength = cd.getShort(p + 28) & 0xFFFF;
            int extraLength = cd.getShort(p + 30) & 0xFFFF;
            int commentLength = cd.getShort(p + 32) & 0xFFFF;
            if (p + 46 + nameLength + extraLength + commentLength > cdSize) {
                throw new PyzException(displayName + ": central directory record " + i + " runs past its end");
            }
            byte[] name = new byte[nameLength];
            cd.get(p + 46, name);
            records.add(record(cd, p, name, extraLength, cdOffset, displayName));
            p += 46 + nameLength + extraLength + commentLength;
        }
        if (p != cdSize || (countWrapped && records.size() < 0xFFFF)) {
            throw new PyzException(displayName + ": the central directory holds " + records.size() + " records in " + p
                    + " bytes but the end record says " + count + " in " + cdSize);
        }
        return new CentralDirectory(records, cdOffset, size);
    }

    /** The same records, each local header compared with its record and the data offsets learnt from them. */
    private CentralDirectory withLocalHeadersChecked(FileChannel channel, String displayName) throws IOException {
        List<LocalHeaders.Declared> declared = new ArrayList<>(records.size());
        for (ZipRecord r : records) {
            declared.add(new LocalHeaders.Declared(r.name, r.flags, r.method, r.crc, r.compressedSize, r.size,
                    r.localHeaderOffset));
        }
        long[] dataOffsets = LocalHeaders.check(channel, displayName, declared, offset);
        List<ZipRecord> withData = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            withData.add(records.get(i).withDataOffset(dataOffsets[i]));
        }
        return new CentralDirectory(withData, offset, fileSize);
    }

    /** The record at {@code p}, its sizes and offset taken from the Zip64 extra field where they overflow. */
    private static ZipRecord record(ByteBuffer cd, int p, byte[] name, int extraLength, long cdOffset,
            String displayName) throws PyzException {
        long compressedSize = cd.getInt(p + 20) & MAX_32;
        long size = cd.getInt(p + 24) & MAX_32;
        long localOffset = cd.getInt(p + 42) & MAX_32;
        if (size == MAX_32 || compressedSize == MAX_32 || localOffset == MAX_32) {
            int extra = p + 46 + name.length;
            long[] zip64 = zip64Values(cd, extra, extraLength, size == MAX_32, compressedSize == MAX_32,
                    localOffset == MAX_32);
            if (zip64 == null) {
                throw new PyzException(displayName + ": entry " + LocalHeaders.printable(name) + ": its central"
                        + " directory record has Zip64 values but no Zip64 extra field large enough to hold them");
            }
            size = zip64[0] >= 0 ? zip64[0] : size;
            compressedSize = zip64[1] >= 0 ? zip64[1] : compressedSize;
            localOffset = zip64[2] >= 0 ? zip64[2] : localOffset;
            if (size < 0 || compressedSize < 0 || localOffset < 0) {
                throw new PyzException(displayName + ": entry " + LocalHeaders.printable(name) + ": its Zip64 extra"
                        + " field holds a negative size or offset");
            }
        }
        if (localOffset >= cdOffset) {
            throw new PyzException(displayName + ": entry " + LocalHeaders.printable(name)
                    + " has its local header at " + localOffset + ", past the data");
        }
        return new ZipRecord(name, cd.getShort(p + 4) & 0xFFFF, cd.getShort(p + 8) & 0xFFFF,
                cd.getShort(p + 10) & 0xFFFF, cd.getShort(p + 12) & 0xFFFF, cd.getShort(p + 14) & 0xFFFF,
                cd.getInt(p + 16) & MAX_32, compressedSize, size, cd.getInt(p + 38), localOffset, -1);
    }

    /**
     * The values a Zip64 extra field (id 1) holds, in the order the specification gives (size, compressed
     * size, local header offset), only those whose 32-bit field overflowed present: {size, compressed,
     * offset}, -1 where absent; null when the field is missing or too short for the values it must hold.
     */
    static long[] zip64Values(ByteBuffer b, int start, int length, boolean size, boolean compressed,
            boolean offset) {
        int end = Math.min(start + length, b.limit());
        for (int p = start; p + 4 <= end; ) {
            int id = b.getShort(p) & 0xFFFF;
            int len = b.getShort(p + 2) & 0xFFFF;
            if (id == ZIP64_EXTRA) {
                long[] values = {-1, -1, -1};
                boolean[] wanted = {size, compressed, offset};
                int q = p + 4;
                int stop = Math.min(p + 4 + len, end);
                for (int i = 0; i < 3; i++) {
                    if (wanted[i]) {
                        if (q + 8 > stop) {
                            return null;
                        }
                        values[i] = b.getLong(q);
                        q += 8;
                    }
                }
                return values;
            }
            p += 4 + len;
        }
        return null;
    }

    /**
     * Where the central directory of any zip file starts, Zip64 included: the end of the space that local
     * headers and data may use.
     */
    public static long start(FileChannel channel, String displayName) throws IOException {
        Layout layout = Layout.of(channel, displayName);
        if (layout.offset() > layout.end()) {
            throw new PyzException(displayName + ": central directory offset " + layout.offset()
                    + " is past its end record at " + layout.end());
        }
        return layout.offset();
    }

    /**
     * Where the central directory is, as the end records say: its entry count, size and offset, and where
     * the end records begin (the Zip64 end record when there is one, else the classic one).
     */
    private record Layout(long count, long size, long offset, long end) {
        static Layout of(FileChannel channel, String displayName) throws IOException {
            long fileSize = channel.size();
            if (fileSize < EOCD_SIZE) {
                throw new PyzException(displayName + ": not a zip file (" + fileSize + " bytes, too short for an end record)");
            }
            // the end record is nearly always the last 22 bytes: the full 64 KiB a comment may take is read only
            // when it is not in the last few
            int tailLength = (int) Math.min(fileSize, SHORT_TAIL);
            ByteBuffer tail = readFully(channel, fileSize - tailLength, tailLength);
            int eocd = endRecord(tail, tailLength);
            if (eocd < ZIP64_LOCATOR_SIZE && tailLength < fileSize) { // not found, or a Zip64 locator cut off
                tailLength = (int) Math.min(fileSize, ZIP64_LOCATOR_SIZE + EOCD_SIZE + 0xFFFF);
                tail = readFully(channel, fileSize - tailLength, tailLength);
                eocd = endRecord(tail, tailLength);
            }
            if (eocd < 0) {
                throw new PyzException(displayName + ": not a zip file (no end of central directory record)");
            }
            long end = fileSize - tailLength + eocd;
            if (eocd < ZIP64_LOCATOR_SIZE || tail.getInt(eocd - ZIP64_LOCATOR_SIZE) != ZIP64_LOCATOR) {
                return new Layout(tail.getShort(eocd + 10) & 0xFFFF, tail.getInt(eocd + 12) & 0xFFFFFFFFL,
                        tail.getInt(eocd + 16) & 0xFFFFFFFFL, end);
            }
            // Zip64 end records (what the builder writes for Python 3.13+ past 65,535 entries)
            long zip64End = tail.getLong(eocd - ZIP64_LOCATOR_SIZE + 8);
            if (zip64End < 0 || zip64End + 56 > end - ZIP64_LOCATOR_SIZE) {
                throw new PyzException(displayName + ": the Zip64 locator points outside the file (" + zip64End + ")");
            }
            ByteBuffer end64 = readFully(channel, zip64End, 56);
            if (end64.getInt(0) != ZIP64_END_OF_CENTRAL_DIRECTORY) {
                throw new PyzException(displayName + ": no Zip64 end record where the locator points (" + zip64End + ")");
            }
            Layout layout = new Layout(end64.getLong(32), end64.getLong(40), end64.getLong(48), zip64End);
            if (layout.count() < 0 || layout.size() < 0 || layout.offset() < 0) {
                throw new PyzException(displayName + ": the Zip64 end record is damaged");
            }
            return layout;
        }

        /** Where in {@code tail} the end record starts whose comment ends the file, or -1. */
        private static int endRecord(ByteBuffer tail, int tailLength) {
            for (int i = tailLength - EOCD_SIZE; i >= 0; i--) {
                if (tail.getInt(i) == END_OF_CENTRAL_DIRECTORY
                        && i + EOCD_SIZE + (tail.getShort(i + 20) & 0xFFFF) == tailLength) {
                    return i;
                }
            }
            return -1;
        }
    }

    static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        return readFully(channel, position, length, at -> "unexpected end of file at " + at);
    }

    /**
     * Exactly {@code length} bytes from {@code position}, in a little-endian buffer ready to read; a file
     * that ends first fails with {@code endMessage} of the offset where it ended.
     */
    public static ByteBuffer readFully(FileChannel channel, long position, int length,
            java.util.function.LongFunction<String> endMessage) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        fill(channel, position, buffer, endMessage);
        buffer.flip();
        return buffer;
    }

    /**
     * Fills {@code buffer} (from 0 to its limit) with the bytes from {@code position}; a file that ends first
     * fails with {@code endMessage} of the offset where it ended.
     */
    static void fill(FileChannel channel, long position, ByteBuffer buffer,
            java.util.function.LongFunction<String> endMessage) throws IOException {
        int length = buffer.limit();
        buffer.position(0);
        while (buffer.hasRemaining()) {
            // in pieces: the JDK stages a read into the heap in a native buffer of the read's size, allocated
            // afresh (and its memory touched) whenever a read is larger than the thread's last
            buffer.limit(Math.min(length, buffer.position() + READ_PIECE));
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new PyzException(endMessage.apply(position + buffer.position()));
            }
            buffer.limit(length);
        }
    }

    public List<ZipRecord> records() {
        return records;
    }

    /** Where the central directory starts: the length of the local-header-and-data block. */
    public long offset() {
        return offset;
    }

    public long fileSize() {
        return fileSize;
    }
}

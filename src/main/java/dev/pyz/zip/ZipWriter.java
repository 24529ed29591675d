package dev.pyz.zip;

import dev.pyz.PyzException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a zip file the way this plugin wants every archive: entries in the order they are added, no
 * data descriptors, no extra fields, no comment, Unix modes, explicit times, offsets counted from the
 * start of the file (so a preamble such as a shebang line is covered, as {@code zip -A} does). It can
 * also append the local-header-and-data block of another zip in one transfer and take over its
 * central directory records, shifted to the new position: the cheap merge of packed wheels.
 *
 * <p>Past 65,535 entries no single layout serves every Python: zipimport before 3.13 cannot read
 * Zip64 end records, and 3.13+ rejects an entry count of 0xFFFF without them. The {@link LargeLayout}
 * chooses (by target Python); by default such an archive is refused with a clear error. Offsets past
 * 4 GiB (which need Zip64 fields in every record) are always refused.
 */
public final class ZipWriter implements Closeable {
    /** How an archive of more than 65,535 entries is written. */
    public enum LargeLayout {
        /** Refuse it, naming the choice to make. */
        REFUSE,
        /** Entry counts of 0xFFFF and no Zip64 records: zipimport and zipfile of Python 3.8-3.12 walk the directory by its size. */
        WRAPPED_COUNT,
        /** Zip64 end record and locator: what Python 3.13+ requires, and cannot be read before 3.13. */
        ZIP64
    }

    private static final int MAX_ENTRIES = 0xFFFF;
    private static final long MAX_OFFSET = 0xFFFFFFFFL;
    public static final int FILE_MODE = 0100644;
    public static final int EXECUTABLE_MODE = 0100755;
    public static final int DIRECTORY_MODE = 040755;

    private final FileChannel channel;
    private final String displayName;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private final List<ZipRecord> records = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private long position;
    private boolean finished;
    /** The CRC-32 of every byte written, while it covers the whole file (see {@link #crc32()}). */
    private final java.util.zip.CRC32 written = new java.util.zip.CRC32();
    private boolean wholeFile;
    private LargeLayout largeLayout = LargeLayout.REFUSE;
    private String largeAdvice = "";

    /** Writes at the channel's current position; {@code displayName} names the output in errors. */
    public ZipWriter(FileChannel channel, String displayName) throws IOException {
        this.channel = channel;
        this.displayName = displayName;
        this.position = channel.position();
        this.wholeFile = position == 0;
    }

    /**
     * The CRC-32 of the whole file written, known when this writer wrote all of it (from position 0, and
     * without copying a block by transfer, which bypasses it): a cache records it without reading the file
     * again.
     */
    public java.util.OptionalLong crc32() {
        return wholeFile && finished ? java.util.OptionalLong.of(written.getValue()) : java.util.OptionalLong.empty();
    }

    /** Chooses the layout past 65,535 entries; {@code advice} ends the error when it is {@link LargeLayout#REFUSE}. */
    public void largeLayout(LargeLayout layout, String advice) {
        this.largeLayout = layout;
        this.largeAdvice = advice == null ? "" : advice;
    }

    /** Bytes written before the first entry, e.g. {@code #!/usr/bin/env python3\n}. */
    public void writePreamble(byte[] preamble) throws IOException {
        if (!records.isEmpty()) {
            throw new IllegalStateException("the preamble goes before the first entry");
        }
        put(preamble, 0, preamble.length);
    }

    public void addDirectory(String name, long dosDateTime) throws IOException {
        if (!name.endsWith("/")) {
            throw new IllegalArgumentException("a directory name ends with '/': " + name);
        }
        addEntry(name, new Compressed(Compressed.STORED, 0, 0, new byte[0]), DIRECTORY_MODE, dosDateTime);
    }

    /** Adds content that was compressed beforehand (see {@link Compressed#of(byte[])}). */
    public void addEntry(String name, Compressed content, int mode, long dosDateTime) throws IOException {
        if (content.spill() != null) {
            try (InputStream in = java.nio.file.Files.newInputStream(content.spill())) {
                addRawEntry(name, content.method(), content.crc(), content.compressedSize(), content.size(), mode,
                        dosDateTime, in);
            } finally {
                java.nio.file.Files.deleteIfExists(content.spill());
            }
            return;
        }
        ZipRecord record = record(name, content.method(), content.crc(), content.data().length, content.size(), mode,
                dosDateTime);
        writeLocalHeader(record);
        put(content.data(), 0, content.data().length);
        records.add(record);
    }

    /**
     * Adds an entry whose compressed bytes come from {@code rawData} unchanged: exactly
     * {@code compressedSize} bytes are read from it, with the given method, CRC and sizes.
     */
    public void addRawEntry(String name, int method, long crc, long compressedSize, long size, int mode,
            long dosDateTime, InputStream rawData) throws IOException {
        ZipRecord record = record(name, method, crc, compressedSize, size, mode, dosDateTime);
        writeLocalHeader(record);
        long remaining = compressedSize;
        while (remaining > 0) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = rawData.read(buffer.array(), buffer.position(), (int) Math.min(buffer.remaining(), remaining));
            if (n < 0) {
                throw new PyzException(displayName + ": entry " + name + " ended " + remaining
                        + " bytes before its compressed size " + compressedSize);
            }
            buffer.position(buffer.position() + n);
            position += n;
            remaining -= n;
        }
        records.add(record);
    }

    /**
     * Appends the entries of a zip file that starts with its first local header (no preamble) by copying
     * its local headers and data in one transfer, and takes over its central directory records.
     */
    public void copyEntries(FileChannel source, CentralDirectory directory, String sourceName) throws IOException {
        long base = position;
        checkOffset(base + directory.offset());
        for (ZipRecord r : directory.records()) {
            claim(r.name());
        }
        transfer(source, directory.offset(), sourceName);
        for (ZipRecord r : directory.records()) {
            records.add(r.movedBy(base));
        }
    }

    /**
     * Adds the whole of {@code source}, whose CRC-32 is {@code crc} (known beforehand: the file is not read
     * for it), as one stored entry (a zip nested in this one), copied in one transfer.
     */
    public void addStoredFile(String name, FileChannel source, long crc, String sourceName, int mode,
            long dosDateTime) throws IOException {
        long size = source.size();
        ZipRecord record = record(name, Compressed.STORED, crc, size, size, mode, dosDateTime);
        writeLocalHeader(record);
        transfer(source, size, sourceName);
        records.add(record);
    }

    /** Appends the first {@code length} bytes of {@code source} after what is buffered, in kernel transfers. */
    private void transfer(FileChannel source, long length, String sourceName) throws IOException {
        flush();
        wholeFile = false;
        for (long done = 0; done < length; ) {
            long n = source.transferTo(done, length - done, channel);
            if (n <= 0) {
                throw new PyzException(sourceName + ": could not copy bytes " + done + " to " + length
                        + " (file size " + source.size() + ")");
            }
            done += n;
        }
        position += length;
    }

    /** Writes the central directory and the end record; returns the size of the file. */
    public long finish() throws IOException {
        if (finished) {
            return position;
        }
        finished = true;
        long cdOffset = position;
        for (ZipRecord r : records) {
            ensure(46 + r.name.length);
            buffer.putInt(CentralDirectory.CENTRAL_HEADER);
            buffer.putShort((short) ZipRecord.MADE_BY_UNIX);
            putSharedFields(r);
            buffer.putShort((short) 0); // comment
            buffer.putShort((short) 0); // disk
            buffer.putShort((short) 0); // internal attributes
            buffer.putInt(r.externalAttributes);
            buffer.putInt((int) r.localHeaderOffset);
            buffer.put(r.name);
            position += 46 + r.name.length;
        }
        long cdSize = position - cdOffset;
        checkOffset(position);
        boolean large = records.size() > MAX_ENTRIES;
        if (large && largeLayout == LargeLayout.REFUSE) {
            throw tooManyEntries();
        }
        if (large && largeLayout == LargeLayout.ZIP64) {
            long zip64End = position;
            ensure(56 + 20);
            buffer.putInt(CentralDirectory.ZIP64_END_OF_CENTRAL_DIRECTORY);
            buffer.putLong(44); // size of the rest of this record
            buffer.putShort((short) ZipRecord.MADE_BY_UNIX);
            buffer.putShort((short) 45); // version needed: Zip64
            buffer.putInt(0); // this disk
            buffer.putInt(0); // disk of the central directory
            buffer.putLong(records.size());
            buffer.putLong(records.size());
            buffer.putLong(cdSize);
            buffer.putLong(cdOffset);
            buffer.putInt(CentralDirectory.ZIP64_LOCATOR);
            buffer.putInt(0); // disk of the Zip64 end record
            buffer.putLong(zip64End);
            buffer.putInt(1); // disks
            position += 56 + 20;
        }
        int count = large ? MAX_ENTRIES : records.size();
        ensure(CentralDirectory.EOCD_SIZE);
        buffer.putInt(CentralDirectory.END_OF_CENTRAL_DIRECTORY);
        buffer.putShort((short) 0);
        buffer.putShort((short) 0);
        buffer.putShort((short) count);
        buffer.putShort((short) count);
        buffer.putInt((int) cdSize);
        buffer.putInt((int) cdOffset);
        buffer.putShort((short) 0);
        position += CentralDirectory.EOCD_SIZE;
        flush();
        return position;
    }

    public int entryCount() {
        return records.size();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private ZipRecord record(String name, int method, long crc, long compressedSize, long size, int mode,
            long dosDateTime) throws PyzException {
        if (method != Compressed.STORED && method != Compressed.DEFLATED) {
            throw new PyzException(displayName + ": entry " + name + " uses compression method " + method
                    + "; only stored (0) and deflated (8) are written");
        }
        if (compressedSize > MAX_OFFSET || size > MAX_OFFSET) {
            throw new PyzException(displayName + ": entry " + name + " is 4 GiB or larger; Zip64 is not written");
        }
        checkOffset(position);
        claim(name);
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new PyzException(displayName + ": entry name longer than 65,535 bytes: " + name.substring(0, 80) + "...");
        }
        boolean ascii = bytes.length == name.length();
        int flags = ascii ? 0 : ZipRecord.FLAG_UTF8;
        int external = (mode << 16) | ((mode & 040000) != 0 ? 0x10 : 0);
        return new ZipRecord(bytes, ZipRecord.MADE_BY_UNIX, flags, method, (int) (dosDateTime & 0xFFFF),
                (int) (dosDateTime >>> 16), crc, compressedSize, size, external, position, -1);
    }

    private void claim(String name) throws PyzException {
        if (!names.add(name)) {
            throw new PyzException(displayName + ": entry " + name + " would be written twice");
        }
    }

    private PyzException tooManyEntries() {
        return new PyzException(displayName + ": " + records.size() + " entries, more than " + MAX_ENTRIES
                + ": zipimport before Python 3.13 cannot read the Zip64 records this needs, and 3.13+ cannot read"
                + " an archive without them" + largeAdvice);
    }

    private void checkOffset(long offset) throws PyzException {
        if (offset > MAX_OFFSET) {
            throw new PyzException(displayName + ": the archive would pass 4 GiB, which needs Zip64"
                    + " (zipimport before Python 3.13 cannot read it)");
        }
    }

    private static int versionNeeded(ZipRecord r) {
        return r.method == Compressed.DEFLATED || r.isDirectory() ? 20 : 10;
    }

    private void writeLocalHeader(ZipRecord r) throws IOException {
        ensure(30 + r.name.length);
        buffer.putInt(CentralDirectory.LOCAL_HEADER);
        putSharedFields(r);
        buffer.put(r.name);
        position += 30 + r.name.length;
    }

    /** The fields that local and central headers share, in the same order: version needed to extra length. */
    private void putSharedFields(ZipRecord r) {
        buffer.putShort((short) versionNeeded(r));
        buffer.putShort((short) r.flags);
        buffer.putShort((short) r.method);
        buffer.putShort((short) r.dosTime);
        buffer.putShort((short) r.dosDate);
        buffer.putInt((int) r.crc);
        buffer.putInt((int) r.compressedSize);
        buffer.putInt((int) r.size);
        buffer.putShort((short) r.name.length);
        buffer.putShort((short) 0); // no extra fields
    }

    private void put(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(length, buffer.remaining());
            buffer.put(bytes, offset, n);
            offset += n;
            length -= n;
            position += n;
        }
    }

    private void ensure(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
        if (buffer.remaining() < bytes) {
            throw new PyzException(displayName + ": a header of " + bytes + " bytes is too large");
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        if (wholeFile) {
            written.update(buffer.duplicate());
        }
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }
}

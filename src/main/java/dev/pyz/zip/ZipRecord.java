package dev.pyz.zip;

import java.nio.charset.StandardCharsets;

/**
 * One entry as the central directory describes it. Names are kept as their UTF-8 bytes, because the
 * merge copies records without decoding them.
 */
public final class ZipRecord {
    /** General purpose flag bit 11: the name is UTF-8. */
    static final int FLAG_UTF8 = 1 << 11;

    final byte[] name;
    final int flags;
    final int method;
    final int dosTime;
    final int dosDate;
    final long crc;
    final long compressedSize;
    final long size;
    final int externalAttributes;
    final long localHeaderOffset;

    ZipRecord(byte[] name, int flags, int method, int dosTime, int dosDate, long crc, long compressedSize,
            long size, int externalAttributes, long localHeaderOffset) {
        this.name = name;
        this.flags = flags;
        this.method = method;
        this.dosTime = dosTime;
        this.dosDate = dosDate;
        this.crc = crc;
        this.compressedSize = compressedSize;
        this.size = size;
        this.externalAttributes = externalAttributes;
        this.localHeaderOffset = localHeaderOffset;
    }

    ZipRecord movedBy(long delta) {
        return new ZipRecord(name, flags, method, dosTime, dosDate, crc, compressedSize, size, externalAttributes,
                localHeaderOffset + delta);
    }

    public String name() {
        return new String(name, StandardCharsets.UTF_8);
    }

    public int method() {
        return method;
    }

    public long crc() {
        return crc;
    }

    public long compressedSize() {
        return compressedSize;
    }

    public long size() {
        return size;
    }

    public long localHeaderOffset() {
        return localHeaderOffset;
    }

    /** Unix mode bits (file type and permissions) from the external attributes. */
    public int unixMode() {
        return externalAttributes >>> 16;
    }

    public boolean isDirectory() {
        return name.length > 0 && name[name.length - 1] == '/';
    }

    /** DOS date in the high 16 bits, DOS time in the low 16 bits. */
    public long dosDateTime() {
        return ((long) dosDate << 16) | dosTime;
    }

    @Override
    public String toString() {
        return name();
    }
}

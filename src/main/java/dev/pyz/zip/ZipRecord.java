package dev.pyz.zip;

import java.nio.charset.StandardCharsets;

/**
 * One entry as the central directory describes it (Zip64 sizes and offset already read from their extra
 * field). Names are kept as their UTF-8 bytes, because the merge copies records without decoding them.
 */
public final class ZipRecord {
    /** General purpose flag bit 11: the name is UTF-8. */
    static final int FLAG_UTF8 = 1 << 11;
    /** General purpose flag bit 0: the entry is encrypted. */
    static final int FLAG_ENCRYPTED = 1;
    /** The "version made by" high byte of entries made on Unix, whose external attributes hold a mode. */
    static final int PLATFORM_UNIX = 3;
    /** Version made by: Unix, zip specification 2.0. */
    static final int MADE_BY_UNIX = (PLATFORM_UNIX << 8) | 20;

    final byte[] name;
    final int versionMadeBy;
    final int flags;
    final int method;
    final int dosTime;
    final int dosDate;
    final long crc;
    final long compressedSize;
    final long size;
    final int externalAttributes;
    final long localHeaderOffset;
    /** Where the entry's data starts, when its local header has been read; else -1. */
    final long dataOffset;
    /** The name decoded, once asked for (a race decodes it twice, to equal strings). */
    private String decoded;

    ZipRecord(byte[] name, int versionMadeBy, int flags, int method, int dosTime, int dosDate, long crc, long compressedSize,
            long size, int externalAttributes, long localHeaderOffset, long dataOffset) {
        this.name = name;
        this.versionMadeBy = versionMadeBy;
        this.flags = flags;
        this.method = method;
        this.dosTime = dosTime;
        this.dosDate = dosDate;
        this.crc = crc;
        this.compressedSize = compressedSize;
        this.size = size;
        this.externalAttributes = externalAttributes;
        this.localHeaderOffset = localHeaderOffset;
        this.dataOffset = dataOffset;
    }

    ZipRecord movedBy(long delta) {
        return new ZipRecord(name, versionMadeBy, flags, method, dosTime, dosDate, crc, compressedSize, size,
                externalAttributes, localHeaderOffset + delta, dataOffset < 0 ? -1 : dataOffset + delta);
    }

    ZipRecord withDataOffset(long offset) {
        return new ZipRecord(name, versionMadeBy, flags, method, dosTime, dosDate, crc, compressedSize, size,
                externalAttributes, localHeaderOffset, offset);
    }

    public String name() {
        String s = decoded;
        if (s == null) {
            s = new String(name, StandardCharsets.UTF_8);
            decoded = s;
        }
        return s;
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

    /** The name's bytes as stored (a copy). */
    public byte[] rawName() {
        return name.clone();
    }

    public int flags() {
        return flags;
    }

    /** Unix mode bits (file type and permissions) from the external attributes. */
    public int unixMode() {
        return externalAttributes >>> 16;
    }

    /** Whether the entry was made on Unix, so that {@link #unixMode()} means something. */
    public boolean madeOnUnix() {
        return versionMadeBy >>> 8 == PLATFORM_UNIX;
    }

    public boolean isUnixSymlink() {
        return madeOnUnix() && (unixMode() & 0170000) == 0120000;
    }

    public boolean isEncrypted() {
        return (flags & FLAG_ENCRYPTED) != 0;
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

package dev.pyz.wheel;

import dev.pyz.PyzException;
import dev.pyz.zip.CentralDirectory;
import dev.pyz.zip.ZipRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads one {@code METADATA} file out of a zip without opening the rest of it: the central directory
 * finds the entry, its local header gives where the data starts, and only that entry is inflated. The
 * dependency check and the tree read every bundled wheel's {@code Requires-Dist} this way, from the packed
 * zips of the cache, at the cost of a few small reads per wheel.
 */
public final class MetadataReader {
    /** METADATA larger than this is refused, as {@link Wheel} does. */
    static final long MAX_METADATA_BYTES = 16 << 20;
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int LOCAL_HEADER_SIZE = 30;
    private static final String METADATA = "METADATA";

    private MetadataReader() {}

    /**
     * The METADATA of a wheel packed into the cache.
     *
     * @param packedZip the packed zip ({@code PackedWheel.zip()})
     * @param archivePath the wheel's folder inside it ({@code PackedWheel.archivePath()}, {@code .deps/<wheel file name>})
     * @param distInfo the dist-info folder's name ({@code PackedWheel.distInfo()})
     * @throws PyzException naming the zip and the entry when it is missing, damaged or not a zip
     */
    public static CoreMetadata packed(Path packedZip, String archivePath, String distInfo) throws IOException {
        // a cache entry, checked (local headers included) when the build looked it up or packed it
        return CoreMetadata.parse(new String(entry(packedZip, archivePath + "/" + distInfo + "/" + METADATA, false),
                StandardCharsets.UTF_8));
    }

    /**
     * The METADATA of a wheel file: the {@code <name>-<version>.dist-info/METADATA} entry at its root, of
     * which there must be exactly one.
     *
     * @throws PyzException naming the wheel when it is not a zip, has no or several dist-info METADATA
     *     entries, or the entry cannot be read
     */
    public static CoreMetadata wheel(Path wheelFile) throws IOException {
        String display = wheelFile.toString();
        try (FileChannel channel = open(wheelFile)) {
            CentralDirectory directory = readDirectory(channel, display);
            List<ZipRecord> found = new ArrayList<>();
            for (ZipRecord record : directory.records()) {
                String name = record.name();
                int slash = name.indexOf('/');
                if (slash > 0 && name.substring(0, slash).endsWith(".dist-info")
                        && name.substring(slash + 1).equals(METADATA)) {
                    found.add(record);
                }
            }
            if (found.size() != 1) {
                throw new PyzException(display + ": a wheel has exactly one <name>-<version>.dist-info/METADATA, this one has "
                        + (found.isEmpty() ? "none" : found.size() + ": " + found));
            }
            return CoreMetadata.parse(new String(read(channel, display, found.get(0)), StandardCharsets.UTF_8));
        }
    }

    /**
     * The uncompressed bytes of the entry called {@code entryName} (stored or deflated), its CRC checked.
     *
     * @throws PyzException naming the file and the entry when it is missing or damaged
     */
    public static byte[] entry(Path zip, String entryName) throws IOException {
        return entry(zip, entryName, true);
    }

    private static byte[] entry(Path zip, String entryName, boolean untrusted) throws IOException {
        String display = zip.toString();
        try (FileChannel channel = open(zip)) {
            CentralDirectory directory = untrusted ? readDirectory(channel, display)
                    : CentralDirectory.readOwn(channel, display);
            for (ZipRecord record : directory.records()) {
                if (record.name().equals(entryName)) {
                    return read(channel, display, record);
                }
            }
            throw new PyzException(display + ": entry " + entryName + " is missing");
        }
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new PyzException(file + ": cannot be opened (" + e.getMessage() + ")", e);
        }
    }

    private static CentralDirectory readDirectory(FileChannel channel, String display) throws IOException {
        try {
            return CentralDirectory.read(channel, display);
        } catch (PyzException e) {
            throw e;
        } catch (IOException e) {
            throw new PyzException(display + ": the central directory cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] read(FileChannel channel, String display, ZipRecord record) throws IOException {
        String where = display + ": entry " + record.name();
        if (record.size() > MAX_METADATA_BYTES || record.compressedSize() > MAX_METADATA_BYTES) {
            throw new PyzException(where + " is larger than " + (MAX_METADATA_BYTES >> 20) + " MiB");
        }
        ByteBuffer header = readFully(channel, where, record.localHeaderOffset(), LOCAL_HEADER_SIZE);
        if (header.getInt(0) != LOCAL_HEADER) {
            throw new PyzException(where + ": no local header at offset " + record.localHeaderOffset());
        }
        long dataStart = record.localHeaderOffset() + LOCAL_HEADER_SIZE + (header.getShort(26) & 0xFFFF)
                + (header.getShort(28) & 0xFFFF);
        byte[] compressed = new byte[(int) record.compressedSize()];
        readFully(channel, where, dataStart, compressed.length).get(compressed);
        byte[] data;
        switch (record.method()) {
            case 0 -> data = compressed;
            case 8 -> data = inflate(where, compressed, (int) record.size());
            default -> throw new PyzException(where + ": compression method " + record.method()
                    + " is not supported (only stored and deflated)");
        }
        if (data.length != record.size()) {
            throw new PyzException(where + ": " + data.length + " bytes, the central directory says " + record.size());
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        if (crc.getValue() != record.crc()) {
            throw new PyzException(where + ": CRC mismatch (the file is damaged)");
        }
        return data;
    }

    private static byte[] inflate(String where, byte[] compressed, int size) throws PyzException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[size];
            int n = 0;
            while (n < size && !inflater.finished()) {
                int k = inflater.inflate(out, n, size - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != size) {
                throw new PyzException(where + ": the deflated data ends after " + n + " of " + size + " bytes");
            }
            return out;
        } catch (DataFormatException e) {
            throw new PyzException(where + ": the deflated data is damaged (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
    }

    private static ByteBuffer readFully(FileChannel channel, String where, long position, int length) throws IOException {
        return CentralDirectory.readFully(channel, position, length,
                at -> where + ": the file ends at " + at + ", inside the entry");
    }
}

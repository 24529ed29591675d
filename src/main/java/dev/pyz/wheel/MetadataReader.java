package dev.pyz.wheel;

import dev.pyz.PyzException;
import dev.pyz.zip.ZipArchive;
import dev.pyz.zip.ZipRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one {@code METADATA} file out of a zip without opening the rest of it: the central directory
 * finds the entry, its local header gives where the data starts, and only that entry is inflated. The
 * dependency check and the tree read every bundled wheel's {@code Requires-Dist} this way, from the packed
 * zips of the cache, at the cost of a few small reads per wheel.
 */
public final class MetadataReader {
    /** METADATA larger than this is refused, as {@link Wheel} does. */
    static final long MAX_METADATA_BYTES = 16 << 20;
    private static final String METADATA = "METADATA";

    private MetadataReader() {}

    /**
     * The METADATA of a wheel packed into the cache, which this closes.
     *
     * @param packedZip the packed zip, open ({@code PackedWheel.zip().open()})
     * @param archivePath the wheel's folder inside it ({@code PackedWheel.archivePath()}, {@code .deps/<wheel file name>})
     * @param distInfo the dist-info folder's name ({@code PackedWheel.distInfo()})
     * @throws PyzException naming the zip and the entry when it is missing or damaged
     */
    public static CoreMetadata packed(ZipArchive packedZip, String archivePath, String distInfo) throws IOException {
        return CoreMetadata.parse(new String(packedEntry(packedZip, archivePath + "/" + distInfo + "/" + METADATA),
                StandardCharsets.UTF_8));
    }

    /**
     * The entry points ({@code entry_points.txt}) of a wheel packed into the cache, which this closes; none when
     * its dist-info has no such file.
     */
    public static EntryPoints packedEntryPoints(ZipArchive packedZip, String archivePath, String distInfo)
            throws IOException {
        try (ZipArchive zip = packedZip) {
            Optional<ZipRecord> file = zip.entry(archivePath + "/" + distInfo + "/entry_points.txt");
            return file.isEmpty() ? EntryPoints.NONE
                    : EntryPoints.parse(new String(zip.read(file.get(), MAX_METADATA_BYTES), StandardCharsets.UTF_8));
        }
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
        try (ZipArchive zip = ZipArchive.open(wheelFile, display)) {
            return CoreMetadata.parse(new String(metadata(zip, display), StandardCharsets.UTF_8));
        }
    }

    /**
     * The bytes of the one {@code <name>-<version>.dist-info/METADATA} entry at the root of an open wheel
     * ({@code display} names it in messages).
     *
     * @throws PyzException when the wheel has no or several such entries, or the entry cannot be read
     */
    public static byte[] metadata(ZipArchive zip, String display) throws IOException {
        List<ZipRecord> found = new ArrayList<>();
        for (ZipRecord record : zip.records()) {
            String name = record.name();
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(0, slash).endsWith(".dist-info") && name.substring(slash + 1).equals(METADATA)) {
                found.add(record);
            }
        }
        if (found.size() != 1) {
            throw new PyzException(display + ": a wheel has exactly one <name>-<version>.dist-info/METADATA, this one has "
                    + (found.isEmpty() ? "none" : found.size() + ": " + found));
        }
        return zip.read(found.get(0), MAX_METADATA_BYTES);
    }

    /**
     * The uncompressed bytes of the entry called {@code entryName} (stored or deflated), its CRC checked.
     *
     * @throws PyzException naming the file and the entry when it is missing or damaged
     */
    public static byte[] entry(Path zip, String entryName) throws IOException {
        return read(ZipArchive.open(zip, zip.toString()), entryName);
    }

    /** {@link #entry} of a packed zip open already (a cache entry), which this closes. */
    public static byte[] packedEntry(ZipArchive packedZip, String entryName) throws IOException {
        return read(packedZip, entryName);
    }

    private static byte[] read(ZipArchive opened, String entryName) throws IOException {
        try (ZipArchive zip = opened) {
            ZipRecord record = zip.entry(entryName).orElseThrow(
                    () -> new PyzException(zip.where() + ": entry " + entryName + " is missing"));
            return zip.read(record, MAX_METADATA_BYTES);
        }
    }
}

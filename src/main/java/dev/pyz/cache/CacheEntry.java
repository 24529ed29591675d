package dev.pyz.cache;

import dev.pyz.AtomicFiles;
import dev.pyz.KeyValues;
import dev.pyz.PyzException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The integrity of a pack cache entry: {@code <wheel file name>.zip} and its {@code .info} file, written
 * info first and zip last, each moved into place from a temp file; on reuse, the zip must have the size,
 * the central directory digest and the entry count recorded when it was written ({@link CachedZip}).
 */
final class CacheEntry {
    private CacheEntry() {}

    /** A whole entry, its zip checked and its directory parsed, or why the entry cannot be used. */
    record Checked(PackedWheel wheel, String problem) {}

    /** The entry in the cache checked against its info file: the wheel, or why it cannot be used. */
    static Checked check(String sha256, String fileName, Path zip, Path info) throws IOException {
        if (!Files.isRegularFile(info)) {
            return new Checked(null, "its info file " + info.getFileName() + " is missing");
        }
        KeyValues values = KeyValues.read(info);
        PackedWheel packed = PackedWheel.fromValues(values, info, CachedZip.at(zip));
        String stale = PackedWheel.analysisProblem(values);
        if (stale != null) {
            return new Checked(null, stale);
        }
        if (!packed.sha256().equals(sha256) || !packed.fileName().equals(fileName)) {
            return new Checked(null, "its info file describes " + packed.fileName() + " (sha256 " + packed.sha256() + ")");
        }
        CachedZip checked;
        try {
            checked = CachedZip.check(zip, CachedZip.Integrity.read(values, ZIP_SIZE, CD_CRC32, ZIP_CRC32));
        } catch (PyzException e) {
            return new Checked(null, e.getMessage());
        }
        int records = checked.entryCount();
        if (records != packed.entries()) {
            return new Checked(null, "the zip has " + records + " entries, its info file says " + packed.entries());
        }
        return new Checked(packed.at(checked), null);
    }

    /**
     * Info file keys of the integrity check on reuse: the packed zip's size and central directory digest, and
     * the CRC-32 of the whole zip (for nesting it whole; absent in entries written before it was recorded).
     */
    static final String ZIP_SIZE = "zip_size";
    static final String CD_CRC32 = "cd_crc32";
    static final String ZIP_CRC32 = "zip_crc32";

    /**
     * Writes the info file (with the zip's integrity) and moves both into {@code dir}; the entry at its place.
     * {@code packed} is the wheel as packed to {@code tempZip}.
     */
    static PackedWheel write(Path dir, String fileName, Path tempZip, Path tempInfo, PackedWheel packed) throws IOException {
        Path zip = dir.resolve(fileName + ".zip");
        if (!packed.zip().path().equals(tempZip)) {
            throw new IllegalArgumentException(packed.fileName() + " was packed to " + packed.zip() + ", not " + tempZip);
        }
        CachedZip.Measured written = CachedZip.measure(tempZip, packed.zip().crc32());
        Files.write(tempInfo, (packed.infoText() + written.integrity().lines(ZIP_SIZE, CD_CRC32, ZIP_CRC32))
                .getBytes(StandardCharsets.UTF_8));
        AtomicFiles.moveIntoPlace(tempInfo, dir.resolve(fileName + ".info"));
        AtomicFiles.moveIntoPlace(tempZip, zip);
        return packed.at(written.zip().movedTo(zip));
    }
}

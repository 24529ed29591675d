package dev.pyz.cache;

import dev.pyz.AtomicFiles;
import dev.pyz.zip.CentralDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The integrity of a pack cache entry: {@code <wheel file name>.zip} and its {@code .info} file, written
 * info first and zip last, each moved into place from a temp file; on reuse, the zip must have the size,
 * the central directory digest and the entry count recorded when it was written.
 */
final class CacheEntry {
    private CacheEntry() {}

    /** Why the entry in the cache cannot be used, or null when it can. */
    static String problem(String sha256, String fileName, Path zip, Path info) throws IOException {
        if (!Files.isRegularFile(info)) {
            return "its info file " + info.getFileName() + " is missing";
        }
        Map<String, String> values = PackedWheel.readValues(info);
        PackedWheel packed = PackedWheel.fromValues(values, info, zip);
        if (!String.valueOf(dev.pyz.wheel.ZipSafety.RULES_VERSION).equals(values.get("analysis"))) {
            return "it was judged by version " + values.get("analysis") + " of the zip-safety rules, this build has"
                    + " version " + dev.pyz.wheel.ZipSafety.RULES_VERSION;
        }
        if (!packed.sha256().equals(sha256) || !packed.fileName().equals(fileName)) {
            return "its info file describes " + packed.fileName() + " (sha256 " + packed.sha256() + ")";
        }
        String size = String.valueOf(Files.size(zip));
        if (!size.equals(values.get(ZIP_SIZE))) {
            return "the zip has " + size + " bytes, " + values.get(ZIP_SIZE) + " when it was written (truncated or"
                    + " replaced)";
        }
        String digest = Digests.centralDirectorySha256(zip);
        if (!digest.equals(values.get(CD_SHA256))) {
            return "the zip's central directory has sha256 " + digest + ", " + values.get(CD_SHA256)
                    + " when it was written (damaged or replaced)";
        }
        int records = CentralDirectory.read(zip).records().size();
        if (records != packed.entries()) {
            return "the zip has " + records + " entries, its info file says " + packed.entries();
        }
        return null;
    }

    /** Info file keys of the integrity check on reuse: the packed zip's size and central directory digest. */
    static final String ZIP_SIZE = "zip_size";
    static final String CD_SHA256 = "cd_sha256";

    /** Writes the info file (with the zip's integrity) and moves both into {@code dir}; the entry at its place. */
    static PackedWheel write(Path dir, String fileName, Path tempZip, Path tempInfo, PackedWheel packed) throws IOException {
        Path zip = dir.resolve(fileName + ".zip");
        String integrity = ZIP_SIZE + "=" + Files.size(tempZip) + "\n" + CD_SHA256 + "="
                + Digests.centralDirectorySha256(tempZip) + "\n";
        Files.write(tempInfo, (packed.infoText() + integrity).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.moveIntoPlace(tempInfo, dir.resolve(fileName + ".info"));
        AtomicFiles.moveIntoPlace(tempZip, zip);
        return packed.at(zip);
    }
}

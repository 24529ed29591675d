package dev.pyz.cache;

import dev.pyz.wheel.Wheel;
import dev.pyz.zip.ZipArchive;
import dev.pyz.zip.ZipRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The check of a packed wheel taken from a shared store, against the wheel itself: the zip must be what
 * packing the wheel writes (the same entries in the same order, each file's stored bytes, method, sizes
 * and CRC-32 those of the wheel's entry, RECORD rewritten as packing rewrites it). Only what packing
 * learns by reading (RECORD verdict, zip-safety, script kinds, in the info file) is taken as the store
 * says; the info file must still name this wheel, and its counts and digests must match the zip.
 */
final class FetchedEntry {
    private static final int CHUNK = 1 << 16;

    private FetchedEntry() {}

    /** Why the fetched {@code zip} is not the packing of {@code wheel}, or null when it is. */
    static String problem(Wheel wheel, Path zip) throws IOException {
        WheelPacker.Layout layout = WheelPacker.layout(wheel);
        String prefix = ".deps/" + wheel.fileName().fileName() + "/";
        String record = wheel.distInfo() + "/RECORD";
        try (ZipArchive packed = ZipArchive.open(zip, zip.toString())) {
            List<ZipRecord> records = packed.records();
            if (records.size() != layout.entries().size() + 1 || !records.get(0).name().equals(prefix)) {
                return "it has " + records.size() + " entries, packing the wheel gives " + (layout.entries().size() + 1);
            }
            int i = 1;
            for (Map.Entry<String, ZipRecord> item : layout.entries().entrySet()) {
                ZipRecord got = records.get(i++);
                String problem = differs(wheel, packed, got, prefix + item.getKey(), item.getValue(),
                        record, layout.moved());
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String differs(Wheel wheel, ZipArchive packed, ZipRecord got, String name, ZipRecord source,
            String record, Map<String, String> moved) throws IOException {
        if (!got.name().equals(name)) {
            return "its entry " + got.name() + " is not " + name;
        }
        if (source == null) {
            return got.isDirectory() ? null : "its entry " + name + " should be a folder";
        }
        if (source.name().equals(record) && !moved.isEmpty()) {
            byte[] expected = RecordFile.rewritePaths(wheel.read(source), moved);
            return got.size() == expected.length && Arrays.equals(expected, packed.read(got, expected.length)) ? null
                    : "its RECORD is not the wheel's, rewritten";
        }
        if (got.method() != source.method() || got.crc() != source.crc() || got.size() != source.size()
                || got.compressedSize() != source.compressedSize()) {
            return "its entry " + name + " is not stored as the wheel's " + source.name() + " (method, size or CRC-32)";
        }
        try (InputStream a = packed.raw(got); InputStream b = wheel.rawInputStream(source)) {
            return sameBytes(a, b) ? null : "the bytes of its entry " + name + " are not those of the wheel's "
                    + source.name();
        }
    }

    private static boolean sameBytes(InputStream a, InputStream b) throws IOException {
        byte[] x = new byte[CHUNK];
        byte[] y = new byte[CHUNK];
        while (true) {
            int n = a.readNBytes(x, 0, CHUNK);
            int m = b.readNBytes(y, 0, CHUNK);
            if (n != m || !Arrays.equals(x, 0, n, y, 0, m)) {
                return false;
            }
            if (n < CHUNK) {
                return true;
            }
        }
    }
}

package dev.pyz.zip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import dev.pyz.test.RawZip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The central directory reader refuses archives whose local headers disagree with it or whose entries overlap. */
class CentralDirectoryTest {
    @TempDir
    Path dir;

    private Path zip(Consumer<RawZip> change) throws Exception {
        RawZip zip = new RawZip();
        zip.add("pkg/", ZipArchiveEntry.STORED, new byte[0]);
        zip.add("pkg/a.py", ZipArchiveEntry.DEFLATED, "A = 1\n".repeat(50).getBytes(StandardCharsets.UTF_8));
        zip.add("pkg/b.py", ZipArchiveEntry.STORED, "B = 2\n".getBytes(StandardCharsets.UTF_8));
        change.accept(zip);
        return zip.writeTo(dir.resolve("packed.zip"));
    }

    private String refused(Path file) {
        String message = assertThrows(PyzException.class, () -> CentralDirectory.read(file)).getMessage();
        assertTrue(message.startsWith(file + ": entry "), message);
        return message;
    }

    @Test
    void readsAGoodArchive() throws Exception {
        CentralDirectory cd = CentralDirectory.read(zip(z -> {}));
        assertEquals(3, cd.records().size());
        assertEquals("pkg/b.py", cd.records().get(2).name());
    }

    /** A directory may list entries in any order: the archive's records come in the order their data lies. */
    @Test
    void readsADirectoryInAnotherOrderThanTheData() throws Exception {
        Path file = zip(z -> z.directoryReversed = true);
        assertEquals("pkg/b.py", CentralDirectory.read(file).records().get(0).name());
        try (ZipArchive archive = ZipArchive.open(file, "packed.zip")) {
            assertEquals(java.util.List.of("pkg/", "pkg/a.py", "pkg/b.py"),
                    archive.records().stream().map(ZipRecord::name).toList());
            assertEquals("B = 2\n", new String(archive.read(archive.entry("pkg/b.py").orElseThrow(), 100),
                    StandardCharsets.UTF_8));
        }
        String message = refused(zip(z -> {
            z.directoryReversed = true;
            z.overlappingBomb("pkg/bomb", 3, 50_000);
        }));
        assertTrue(message.contains(" overlap entry pkg/bomb"), message);
    }

    /**
     * The end record is found behind a comment of any length (it is looked for in the last few bytes first),
     * and a directory larger than one read is read whole.
     */
    @Test
    void findsTheEndRecordBehindAnyCommentAndReadsALargeDirectory() throws Exception {
        // 990: in the first bytes read, the end record is found but the Zip64 locator before it is cut off
        for (int commentLength : new int[] {0, 1, 990, 1000, 1003, 5000, 65_535}) {
            for (boolean zip64 : new boolean[] {false, true}) {
                readsTheDirectoryBehindAComment(commentLength, zip64);
            }
        }
    }

    private void readsTheDirectoryBehindAComment(int commentLength, boolean zip64) throws Exception {
        Path file = dir.resolve("commented-" + commentLength + (zip64 ? "-zip64" : "") + ".zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(file.toFile())) {
            out.setComment("c".repeat(commentLength));
            if (zip64) {
                out.setUseZip64(Zip64Mode.Always);
            }
            for (int i = 0; i < 1500; i++) {
                ZipArchiveEntry entry = new ZipArchiveEntry("pkg/module_with_a_long_name_" + i + ".py");
                entry.setMethod(ZipArchiveEntry.STORED);
                byte[] data = ("X = " + i + "\n").getBytes(StandardCharsets.UTF_8);
                entry.setSize(data.length);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(data);
                entry.setCrc(crc.getValue());
                out.putArchiveEntry(entry);
                out.write(data);
                out.closeArchiveEntry();
            }
        }
        CentralDirectory cd = CentralDirectory.read(file);
        assertEquals(1500, cd.records().size(), file.toString());
        assertEquals("pkg/module_with_a_long_name_1499.py", cd.records().get(1499).name());
        assertTrue(Files.size(file) - cd.offset() > 64 * 1024, "the directory spans more than one read");
    }

    @Test
    void rejectsALocalHeaderThatDisagrees() throws Exception {
        assertTrue(refused(zip(z -> z.entry("pkg/a.py").localName = "pkg/x.py".getBytes(StandardCharsets.UTF_8)))
                .endsWith("entry pkg/a.py: its local header names it pkg/x.py (local header and central directory must agree)"));
        assertTrue(refused(zip(z -> z.entry("pkg/a.py").localMethod = 0))
                .endsWith("entry pkg/a.py: its local header says compression method 0, the central directory 8"
                        + " (local header and central directory must agree)"));
        assertTrue(refused(zip(z -> z.entry("pkg/b.py").localSize = 99))
                .endsWith("entry pkg/b.py: its local header says size 99, the central directory 6"
                        + " (local header and central directory must agree)"));
        assertTrue(refused(zip(z -> z.entry("pkg/b.py").offset = 1L))
                .endsWith("entry pkg/b.py: no local file header at offset 1 where the central directory points"));
    }

    @Test
    void rejectsOverlappingEntries() throws Exception {
        String message = refused(zip(z -> z.overlappingBomb("pkg/bomb", 3, 50_000)));
        assertTrue(message.contains("entry pkg/bomb0: its bytes ") && message.contains(" overlap entry pkg/bomb1 at "),
                message);
        // two records of one local header overlap too (their names would differ, so make them the same)
        message = refused(zip(z -> {
            RawZip.Entry copy = z.add("pkg/b.py", ZipArchiveEntry.STORED, "B = 2\n".getBytes(StandardCharsets.UTF_8));
            copy.offset = 0L + 30 + 4 + 30 + 8 + z.entry("pkg/a.py").data.length;
        }));
        assertTrue(message.contains("entry pkg/b.py: its bytes ") && message.contains(" overlap entry pkg/b.py at "),
                message);
    }

    @Test
    void rejectsDataThatRunsIntoTheCentralDirectory() throws Exception {
        String message = refused(zip(z -> {
            RawZip.Entry e = z.entry("pkg/b.py");
            e.compressedSize = e.localCompressedSize = e.size = e.localSize = 60;
        }));
        assertTrue(message.matches(".*: entry pkg/b.py: its data ends at \\d+, past the start of the central"
                + " directory at \\d+"), message);
    }
}

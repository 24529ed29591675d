package dev.pyz.zip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipWriterTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] preamble, Writes writes) throws Exception {
        Path file = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ZipWriter zip = new ZipWriter(ch, name)) {
            if (preamble != null) {
                zip.writePreamble(preamble);
            }
            writes.apply(zip);
            zip.finish();
        }
        return file;
    }

    interface Writes {
        void apply(ZipWriter zip) throws Exception;
    }

    @Test
    void theCrcOfTheWholeFileIsKnownOnlyWhenTheWriterWroteAllOfIt() throws Exception {
        byte[] big = new byte[300_000];
        new java.util.Random(7).nextBytes(big); // past the writer's buffer: several flushes
        Path whole = dir.resolve("whole.zip");
        java.util.OptionalLong crc;
        try (FileChannel ch = FileChannel.open(whole, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ZipWriter w = new ZipWriter(ch, whole.toString())) {
            w.writePreamble("#!/usr/bin/env python3\n".getBytes(StandardCharsets.UTF_8));
            w.addDirectory("a/", DosTime.EPOCH);
            w.addEntry("a/big.bin", Compressed.of(big), ZipWriter.FILE_MODE, DosTime.EPOCH);
            w.addRawEntry("a/raw.bin", Compressed.STORED, crcOf(big), big.length, big.length, ZipWriter.FILE_MODE,
                    DosTime.EPOCH, new java.io.ByteArrayInputStream(big));
            assertTrue(w.crc32().isEmpty(), "not before the end");
            w.finish();
            crc = w.crc32();
        }
        assertEquals(java.util.OptionalLong.of(crcOf(Files.readAllBytes(whole))), crc);

        Path merged = dir.resolve("merged.zip");
        try (FileChannel ch = FileChannel.open(merged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileChannel source = FileChannel.open(whole, StandardOpenOption.READ);
                ZipWriter w = new ZipWriter(ch, merged.toString())) {
            w.addStoredFile("nested.zip", source, crc.getAsLong(), whole.toString(), ZipWriter.FILE_MODE,
                    DosTime.EPOCH);
            w.finish();
            assertTrue(w.crc32().isEmpty(), "bytes copied by transfer bypass it");
        }
        Path appended = dir.resolve("appended.zip");
        Files.write(appended, new byte[] {1, 2, 3});
        try (FileChannel ch = FileChannel.open(appended, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                ZipWriter w = new ZipWriter(ch, appended.toString())) {
            w.addEntry("x", Compressed.of(big), ZipWriter.FILE_MODE, DosTime.EPOCH);
            w.finish();
            assertTrue(w.crc32().isEmpty(), "it did not write the file's first bytes");
        }
    }

    private static long crcOf(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    @Test
    void writesAZipThatJavaReadsWithAPreambleAndAbsoluteOffsets() throws Exception {
        byte[] text = "print('hello')\n".repeat(50).getBytes(StandardCharsets.UTF_8);
        Path file = write("a.pyz", "#!/usr/bin/env python3\n".getBytes(StandardCharsets.UTF_8), zip -> {
            zip.addDirectory("pkg/", DosTime.EPOCH);
            zip.addEntry("pkg/m.py", Compressed.of(text), ZipWriter.FILE_MODE, DosTime.of(Instant.parse("2024-05-06T07:08:10Z")));
            zip.addEntry("ünïcode.txt", Compressed.of(new byte[] {1, 2, 3}), ZipWriter.EXECUTABLE_MODE, DosTime.EPOCH);
        });
        assertTrue(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).startsWith("#!/usr/bin/env python3\nPK"));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            assertEquals(List.of("pkg/", "pkg/m.py", "ünïcode.txt"), entries.stream().map(ZipEntry::getName).toList());
            assertArrayEquals(text, zip.getInputStream(zip.getEntry("pkg/m.py")).readAllBytes());
            assertEquals(ZipEntry.DEFLATED, zip.getEntry("pkg/m.py").getMethod());
            assertEquals(ZipEntry.STORED, zip.getEntry("ünïcode.txt").getMethod());
            assertEquals(Instant.parse("2024-05-06T07:08:10Z"),
                    zip.getEntry("pkg/m.py").getTimeLocal().toInstant(java.time.ZoneOffset.UTC));
        }
        CentralDirectory cd = CentralDirectory.read(file);
        assertEquals(23, cd.records().get(0).localHeaderOffset(), "offsets count from the start of the file");
        assertEquals(0100755, cd.records().get(2).unixMode());
        assertEquals(040755, cd.records().get(0).unixMode());
    }

    @Test
    void copiesAnotherZipsEntriesAsOneBlockAndShiftsTheirOffsets() throws Exception {
        Path part = write("part.zip", null, zip -> {
            zip.addDirectory("w/", DosTime.EPOCH);
            zip.addEntry("w/a.py", Compressed.of("A = 1\n".repeat(30).getBytes(StandardCharsets.UTF_8)), ZipWriter.FILE_MODE, DosTime.EPOCH);
        });
        Path merged = write("merged.zip", "#!python\n".getBytes(StandardCharsets.UTF_8), zip -> {
            zip.addDirectory("first/", DosTime.EPOCH);
            try (FileChannel in = FileChannel.open(part)) {
                zip.copyEntries(in, CentralDirectory.read(in, "part.zip"), "part.zip");
            }
            zip.addEntry("last.py", Compressed.of("x".getBytes(StandardCharsets.UTF_8)), ZipWriter.FILE_MODE, DosTime.EPOCH);
        });
        try (ZipFile zip = new ZipFile(merged.toFile())) {
            assertEquals(List.of("first/", "w/", "w/a.py", "last.py"), Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList());
            assertEquals("A = 1\n".repeat(30), new String(zip.getInputStream(zip.getEntry("w/a.py")).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void refusesDuplicateNames() throws Exception {
        String message = assertThrows(PyzException.class, () -> write("d.zip", null, zip -> {
            zip.addDirectory("a/", DosTime.EPOCH);
            zip.addDirectory("a/", DosTime.EPOCH);
        })).getMessage();
        assertEquals("d.zip: entry a/ would be written twice", message);
    }

    @Test
    void dosTimeIsUtcAndClamped() {
        assertEquals(DosTime.EPOCH, DosTime.of(Instant.parse("1970-01-01T00:00:00Z")));
        long t = DosTime.of(Instant.parse("2026-11-22T13:45:58Z"));
        assertEquals(((2026 - 1980) << 9) | (11 << 5) | 22, t >>> 16);
        assertEquals((13 << 11) | (45 << 5) | 29, t & 0xFFFF);
    }

    @Test
    void largeFilesAreCompressedThroughATempFileAndReadBack() throws Exception {
        Path big = dir.resolve("big.txt");
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            line.append("row ").append(i).append(" of the big data file\n");
        }
        Files.writeString(big, line);
        assertTrue(Files.size(big) > Compressed.IN_MEMORY_LIMIT);
        Path spills = Files.createDirectories(dir.resolve("spills"));
        Compressed c = Compressed.of(big, spills);
        assertEquals(null, c.data());
        assertTrue(Files.exists(c.spill()));
        Path file = write("big.zip", null, zip -> zip.addEntry("big.txt", c, ZipWriter.FILE_MODE, DosTime.EPOCH));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertArrayEquals(Files.readAllBytes(big), zip.getInputStream(zip.getEntry("big.txt")).readAllBytes());
        }
        try (var left = Files.list(spills)) {
            assertEquals(0, left.count(), "the temp file is deleted once written");
        }
        Compressed small = Compressed.of(Files.writeString(dir.resolve("s.py"), "x = 1\n"), spills);
        assertEquals(null, small.spill());
    }

    /** 70,000 empty entries and a module at the end, in the given layout. */
    private Path large(String name, ZipWriter.LargeLayout layout) throws Exception {
        return write(name, "#!/usr/bin/env python3\n".getBytes(StandardCharsets.UTF_8), zip -> {
            zip.largeLayout(layout, "; choose");
            zip.addDirectory("d/", DosTime.EPOCH);
            Compressed empty = Compressed.of(new byte[0]);
            for (int i = 0; i < 70_000; i++) {
                zip.addEntry("d/f" + i + ".txt", empty, ZipWriter.FILE_MODE, DosTime.EPOCH);
            }
            zip.addEntry("mod_last.py", Compressed.of("X = 42\n".getBytes(StandardCharsets.UTF_8)), ZipWriter.FILE_MODE,
                    DosTime.EPOCH);
        });
    }

    /** What {@code python} prints importing the last module from {@code zip}, or the last line of its error. */
    private static String importLast(Path python, Path zip) throws Exception {
        Process p = new ProcessBuilder(python.toString(), "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                + "import mod_last, zipfile; print(mod_last.X, len(zipfile.ZipFile(sys.argv[1]).namelist()))",
                zip.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out.substring(out.lastIndexOf('\n') + 1);
    }

    @Test
    void pastTheEntryLimitTheLayoutFollowsTheTargetPython() throws Exception {
        PyzException refused = assertThrows(PyzException.class, () -> large("refused.pyz", ZipWriter.LargeLayout.REFUSE));
        assertTrue(refused.getMessage().contains("70002 entries") && refused.getMessage().contains("3.13")
                && refused.getMessage().endsWith("; choose"), refused.getMessage());

        Path wrapped = large("wrapped.pyz", ZipWriter.LargeLayout.WRAPPED_COUNT);
        Path zip64 = large("zip64.pyz", ZipWriter.LargeLayout.ZIP64);
        assertEquals(70_002, CentralDirectory.read(wrapped).records().size());
        assertEquals(70_002, CentralDirectory.read(zip64).records().size());
        try (ZipFile z = new ZipFile(zip64.toFile())) {
            assertEquals(70_002, z.size());
        }
        int checked = 0;
        for (String minor : dev.pyz.test.Pythons.SUPPORTED) {
            java.util.Optional<Path> python = dev.pyz.test.Pythons.find(minor);
            if (python.isEmpty()) {
                continue;
            }
            boolean new313 = Integer.parseInt(minor.substring(2)) >= 13;
            assertEquals("42 70002", importLast(python.get(), new313 ? zip64 : wrapped), minor);
            // and the other layout is indeed unreadable there: the reason no single layout serves both
            assertTrue(importLast(python.get(), new313 ? wrapped : zip64).contains("No module named 'mod_last'"), minor);
            checked++;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(checked > 0, "no CPython here to read the archives");
    }
}

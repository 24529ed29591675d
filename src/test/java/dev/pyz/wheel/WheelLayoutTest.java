package dev.pyz.wheel;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import dev.pyz.test.RawZip;
import dev.pyz.test.WheelBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.function.Consumer;
import dev.pyz.zip.ZipArchive;
import dev.pyz.zip.ZipRecord;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules about where a wheel's entries lie and how far they expand: local headers agree with the
 * central directory, entries do not overlap, sizes stay within {@link WheelLimits}, and inflated content
 * matches its declared size and CRC. Each test breaks one rule in an otherwise good wheel.
 */
class WheelLayoutTest {
    private static final String WHEEL = "a-1-py3-none-any.whl";
    private static final String METADATA = "a-1.dist-info/METADATA";
    private static final String MODULE = "a/__init__.py";

    @TempDir
    Path dir;

    private static WheelBuilder good() {
        return wheel("a", "1").file(MODULE, "X = 1\n".repeat(20));
    }

    /** A good wheel, written byte by byte after {@code change} broke something in it. */
    private Path broken(Consumer<RawZip> change) throws IOException {
        RawZip zip = RawZip.of(good().bytes());
        change.accept(zip);
        return zip.writeTo(dir.resolve(WHEEL));
    }

    private String refused(Path file) {
        return refused(file, WheelLimits.DEFAULTS);
    }

    private String refused(Path file, WheelLimits limits) {
        String message = assertThrows(PyzException.class, () -> Wheel.open(file, WHEEL, limits).close()).getMessage();
        assertTrue(message.startsWith(WHEEL + ": "), message);
        return message;
    }

    @Test
    void aWheelWrittenByteByByteIsGood() throws Exception {
        // the baseline for the tests below: only their one change makes the wheel bad
        try (Wheel w = Wheel.open(broken(zip -> {}))) {
            assertEquals("a", w.name());
        }
        try (Wheel w = Wheel.open(broken(zip -> zip.entries.forEach(e -> {
            e.localFlags = 1 << 3; // CRC and sizes in a data descriptor: the local header's are not compared
            e.localCrc = e.localCompressedSize = e.localSize = 0;
            e.data = java.util.Arrays.copyOf(e.data, e.data.length + 16);
        }))) ) {
            assertEquals("a", w.name());
        }
    }

    @Test
    void rejectsAnOffsetWithoutALocalHeader() throws Exception {
        String message = refused(broken(zip -> zip.entry(MODULE).offset = 10L));
        assertTrue(message.contains("entry " + MODULE + ": no local file header at offset 10 where the central"
                + " directory points"), message);
    }

    @Test
    void rejectsALocalHeaderWithAnotherName() throws Exception {
        String message = refused(broken(zip -> zip.entry(MODULE).localName = "a/__init__.pz".getBytes()));
        assertTrue(message.contains("entry " + MODULE + ": its local header names it a/__init__.pz (local header"
                + " and central directory must agree)"), message);
    }

    @Test
    void rejectsALocalHeaderWithAnotherMethod() throws Exception {
        String message = refused(broken(zip -> zip.entry(MODULE).localMethod = ZipArchive.STORED));
        assertTrue(message.contains("entry " + MODULE + ": its local header says compression method 0, the central"
                + " directory 8 (local header and central directory must agree)"), message);
    }

    @Test
    void rejectsALocalHeaderWithAnotherCrc() throws Exception {
        String message = refused(broken(zip -> zip.entry(MODULE).localCrc = 0x1234));
        assertTrue(message.contains("entry " + MODULE + ": its local header says CRC-32 1234, the central"
                + " directory "), message);
        assertTrue(message.endsWith("(local header and central directory must agree)"), message);
    }

    @Test
    void rejectsALocalHeaderWithOtherSizes() throws Exception {
        String message = refused(broken(zip -> zip.entry(MODULE).localCompressedSize -= 1));
        assertTrue(message.contains("entry " + MODULE + ": its local header says compressed size "), message);
        message = refused(broken(zip -> zip.entry(MODULE).localSize = 7));
        assertTrue(message.contains("entry " + MODULE + ": its local header says size 7, the central directory 120"
                + " (local header and central directory must agree)"), message);
    }

    @Test
    void readsZip64SizesFromTheLocalHeader() throws Exception {
        Path good = broken(zip -> {
            RawZip.Entry e = zip.entry(MODULE);
            e.localExtra = zip64(e.size, e.compressedSize);
            e.localSize = e.localCompressedSize = 0xFFFFFFFFL;
        });
        Wheel.open(good).close();
        String message = refused(broken(zip -> {
            RawZip.Entry e = zip.entry(MODULE);
            e.localExtra = zip64(e.size + 1, e.compressedSize);
            e.localSize = e.localCompressedSize = 0xFFFFFFFFL;
        }));
        assertTrue(message.contains("entry " + MODULE + ": its local header says size 121, the central directory 120"),
                message);
    }

    private static byte[] zip64(long size, long compressed) {
        return ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1).putShort((short) 16)
                .putLong(size).putLong(compressed).array();
    }

    @Test
    void rejectsOverlappingEntriesLikeABetterZipBomb() throws Exception {
        Path file = broken(zip -> zip.overlappingBomb("a/bomb", 4, 100_000));
        // the library reads it: every entry inflates, with the right CRC, to more than the whole file
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            long total = 0;
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    total += in.readAllBytes().length;
                }
            }
            assertTrue(total > 4 * 100_000, "bomb inflates to " + total);
        }
        String message = refused(file);
        assertTrue(message.matches(WHEEL + ": entry a/bomb0: its bytes \\d+-\\d+ overlap entry a/bomb1 at \\d+ \\(entries"
                + " must not share bytes; overlapping entries are how zip bombs multiply\\)"), message);
    }

    @Test
    void rejectsDataThatRunsIntoTheCentralDirectory() throws Exception {
        String record = "a-1.dist-info/RECORD"; // the last entry
        String message = refused(broken(zip -> {
            RawZip.Entry e = zip.entry(record);
            e.compressedSize = e.localCompressedSize = e.compressedSize + 100;
        }));
        assertTrue(message.matches(WHEEL + ": entry " + record + ": its data ends at \\d+, past the start of the"
                + " central directory at \\d+"), message);
    }

    @Test
    void rejectsATotalSizeAboveTheLimit() throws Exception {
        Path file = good().writeTo(dir);
        Wheel.open(file, WHEEL, new WheelLimits(1000)).close();
        String message = refused(file, new WheelLimits(130)); // 120 bytes of module, then METADATA
        assertTrue(message.contains(": entry " + METADATA + ": the entries' uncompressed sizes add up to more than"
                + " 130 bytes, the limit for one wheel"), message);
    }

    @Test
    void acceptsALargeFileOfZerosThatDeflateShrinksAThousandfold() throws Exception {
        // real wheels ship such files (test data, sparse tables); deflate cannot expand more than about 1032:1
        Path file = good().file("a/zeros.bin", new byte[5 << 20]).writeTo(dir);
        try (Wheel w = Wheel.open(file, WHEEL)) {
            var entry = w.entries().stream().filter(e -> e.name().equals("a/zeros.bin")).findFirst().orElseThrow();
            assertTrue(entry.size() / entry.compressedSize() > 1000, "ratio " + entry.size() / entry.compressedSize());
            assertEquals(5 << 20, w.read(entry).length);
        }
    }

    @Test
    void rejectsAStoredEntryWhoseSizesDiffer() throws Exception {
        String message = refused(broken(zip -> {
            RawZip.Entry e = zip.entry(MODULE);
            e.method = e.localMethod = ZipArchive.STORED;
            e.size = e.localSize = e.size * 1000;
        }));
        assertTrue(message.contains("entry " + MODULE + ": it is stored but declares "), message);
    }

    @Test
    void closesTheFileWhenTheZipCannotBeRead() throws Exception {
        // found by fuzzing: each failed open left a file descriptor behind until "Too many open files"
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(fds), "needs /proc");
        byte[] garbled; // a fuzz seed: a wheel whose central directory's last record is garbled
        try (InputStream in = getClass().getResourceAsStream("/dev/pyz/fuzz/ZipFuzzTestInputs/wheel/garbled-cd")) {
            garbled = in.readAllBytes();
        }
        Path file = java.nio.file.Files.write(dir.resolve(WHEEL), garbled);
        String message = refused(file);
        assertTrue(message.startsWith(WHEEL + ": central directory record "), message);
        long before;
        try (var list = java.nio.file.Files.list(fds)) {
            before = list.count();
        }
        for (int i = 0; i < 20; i++) {
            refused(file);
        }
        try (var list = java.nio.file.Files.list(fds)) {
            assertTrue(list.count() < before + 5, "file descriptors leak");
        }
    }

    // -- rule 4: inflated content is held to its declared size and CRC-32

    @Test
    void rejectsContentLargerThanDeclared() throws Exception {
        Path file = broken(zip -> {
            RawZip.Entry e = zip.entry(MODULE);
            e.size = e.localSize = 3;
        });
        try (Wheel w = Wheel.open(file)) {
            ZipRecord entry = w.entry(MODULE).orElseThrow();
            String message = assertThrows(PyzException.class, () -> w.read(entry)).getMessage();
            assertEquals(WHEEL + ": entry " + MODULE + ": inflates to more than the 3 bytes its central directory"
                    + " record declares", message);
            assertEquals(message, assertThrows(PyzException.class, () -> Record.of(w).check(w, entry)).getMessage());
        }
    }

    @Test
    void rejectsContentSmallerThanDeclared() throws Exception {
        Path file = broken(zip -> {
            RawZip.Entry e = zip.entry(MODULE);
            e.size = e.localSize = 500;
        });
        try (Wheel w = Wheel.open(file)) {
            ZipRecord entry = w.entry(MODULE).orElseThrow();
            String message = assertThrows(PyzException.class, () -> w.read(entry)).getMessage();
            assertEquals(WHEEL + ": entry " + MODULE + ": inflates to 120 bytes but its central directory record"
                    + " declares 500", message);
        }
    }

    @Test
    void rejectsContentWithAnotherCrc() throws Exception {
        Path file = broken(zip -> {
            RawZip.Entry e = zip.entry(MODULE);
            e.crc = e.localCrc = 0x1234;
        });
        try (Wheel w = Wheel.open(file)) {
            ZipRecord entry = w.entry(MODULE).orElseThrow();
            String message = assertThrows(PyzException.class, () -> w.read(entry)).getMessage();
            assertTrue(message.startsWith(WHEEL + ": entry " + MODULE + ": its content has CRC-32 "), message);
            assertTrue(message.endsWith(" but its central directory record declares 1234"), message);
            assertEquals(message, assertThrows(PyzException.class, () -> Record.of(w).check(w, entry)).getMessage());
        }
        // metadata is read when the wheel is opened, so a lie there stops the open
        String message = refused(broken(zip -> {
            RawZip.Entry e = zip.entry(METADATA);
            e.crc = e.localCrc = 0x1234;
        }));
        assertTrue(message.contains(": entry " + METADATA + ": its content has CRC-32 "), message);
    }

    @Test
    void goodContentReadsAndChecks() throws Exception {
        try (Wheel w = Wheel.open(broken(zip -> {}))) {
            ZipRecord entry = w.entry(MODULE).orElseThrow();
            assertArrayEquals("X = 1\n".repeat(20).getBytes(StandardCharsets.UTF_8), w.read(entry));
            assertNull(Record.of(w).check(w, entry).problem());
            assertNull(Record.of(w).check(w, entry).encoding());
        }
    }
}

package dev.pyz.wheel;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import dev.pyz.test.RawZip;
import dev.pyz.zip.ZipRecord;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WheelTest {
    @TempDir
    Path dir;

    @Test
    void readsNameVersionAndEntryPoints() throws Exception {
        Path file = wheel("Demo-Lib", "1.2").metadata("Requires-Python", ">=3.8")
                .file("demo_lib/__init__.py", "X = 1\n").entryPoints("[console_scripts]\ndemo = demo_lib:main\n")
                .writeTo(dir);
        try (Wheel w = Wheel.open(file)) {
            assertEquals("Demo-Lib", w.name());
            assertEquals("1.2", w.version());
            assertEquals("Demo_Lib-1.2.dist-info", w.distInfo());
            assertEquals(Optional.of(">=3.8"), w.requiresPython());
            assertEquals("demo_lib:main", w.entryPoints().scripts().get("demo"));
        }
    }

    @Test
    void rejectsTwoDistInfoFolders() throws Exception {
        Path file = wheel("a", "1").file("b-1.dist-info/METADATA", "Name: b\nVersion: 1\n").writeTo(dir);
        String message = assertThrows(PyzException.class, () -> Wheel.open(file)).getMessage();
        assertTrue(message.startsWith("a-1-py3-none-any.whl: a wheel has exactly one .dist-info folder"), message);
        assertTrue(message.contains("a-1.dist-info, b-1.dist-info"), message);
    }

    @Test
    void rejectsANewerWheelVersion() throws Exception {
        Path file = wheel("a", "1").wheelVersion("2.0").writeTo(dir);
        String message = assertThrows(PyzException.class, () -> Wheel.open(file)).getMessage();
        assertTrue(message.contains("a-1.dist-info/WHEEL: Wheel-Version 2.0 is newer"), message);
    }

    @Test
    void rejectsUnsafeNames() throws Exception {
        for (String[] c : new String[][] {
                {"../evil.py", "'..' segment"}, {"/abs.py", "absolute path"}, {"a\\b.py", "backslash"},
                {"C:/x.py", "drive letter"}, {"a//b.py", "empty path segment"}}) {
            Path file = wheel("a", "1").file(c[0], "x").writeTo(Files.createTempDirectory(dir, "w"));
            String message = assertThrows(PyzException.class, () -> Wheel.open(file), c[0]).getMessage();
            assertTrue(message.contains("entry " + c[0] + ": ") && message.contains(c[1]), message);
        }
    }

    @Test
    void rejectsNamesThatCollideByCase() throws Exception {
        Path file = wheel("a", "1").file("pkg/Mod.py", "x").file("pkg/mod.py", "y").writeTo(dir);
        String message = assertThrows(PyzException.class, () -> Wheel.open(file)).getMessage();
        assertTrue(message.contains("entry pkg/mod.py: differs from entry pkg/Mod.py only by case"), message);
    }

    @Test
    void rejectsSymbolicLinks() throws Exception {
        Path file = dir.resolve("a-1-py3-none-any.whl");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            copyEntries(wheel("a", "1").bytes(), zip);
            ZipArchiveEntry link = new ZipArchiveEntry("a/link");
            link.setUnixMode(0120777);
            zip.putArchiveEntry(link);
            zip.write("/etc/passwd".getBytes());
            zip.closeArchiveEntry();
        }
        String message = assertThrows(PyzException.class, () -> Wheel.open(file)).getMessage();
        assertTrue(message.contains("entry a/link: symbolic links are not allowed"), message);
    }

    /** Zip64 extra fields in every header (what some writers put even in small archives) are read. */
    @Test
    void readsWheelsWithZip64Records() throws Exception {
        Path file = dir.resolve("a-1-py3-none-any.whl");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            zip.setUseZip64(Zip64Mode.Always);
            copyEntries(wheel("a", "1").file("a/mod.py", "X = 1\n".repeat(100)).bytes(), zip);
        }
        assertReadsAndChecks(file, 0xFFFFFFFFL);
    }

    /** Sizes and CRC after the data (a writer that streams), not in the local header, are read. */
    @Test
    void readsWheelsWithDataDescriptors() throws Exception {
        Path file = dir.resolve("a-1-py3-none-any.whl");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(file))) {
            copyEntries(wheel("a", "1").file("a/mod.py", "X = 1\n".repeat(100)).bytes(), zip);
        }
        assertReadsAndChecks(file, 0);
    }

    /** Opens a wheel whose a/mod.py has the given 32-bit size field in its local header, and checks its content. */
    private static void assertReadsAndChecks(Path file, long localSizeField) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int at = RawZip.indexOf(bytes, "a/mod.py".getBytes(StandardCharsets.US_ASCII)) - 30;
        assertEquals(localSizeField, ByteBuffer.wrap(bytes, at + 22, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL,
                "the writer wrote the form under test");
        try (Wheel w = Wheel.open(file)) {
            ZipRecord module = w.entry("a/mod.py").orElseThrow();
            assertEquals(600, module.size());
            assertEquals("X = 1\n".repeat(100), new String(w.read(module), StandardCharsets.UTF_8));
            Record record = Record.of(w);
            assertEquals(List.of(), record.listProblems(w.entries()));
            for (ZipRecord e : w.entries()) {
                assertNull(record.check(w, e).problem(), e.name());
            }
        }
    }

    private static void copyEntries(byte[] wheel, ZipArchiveOutputStream zip) throws Exception {
        try (var in = new org.apache.commons.compress.archivers.zip.ZipFile.Builder().setByteArray(wheel).get()) {
            for (ZipArchiveEntry e : java.util.Collections.list(in.getEntries())) {
                ZipArchiveEntry copy = new ZipArchiveEntry(e.getName());
                copy.setMethod(ZipArchiveEntry.DEFLATED);
                zip.putArchiveEntry(copy);
                zip.write(in.getInputStream(e).readAllBytes());
                zip.closeArchiveEntry();
            }
        }
    }

    @Test
    void aFileThatIsNotAZipNamesTheWheel() throws Exception {
        Path file = dir.resolve("a-1-py3-none-any.whl");
        Files.writeString(file, "not a zip");
        String message = assertThrows(PyzException.class, () -> Wheel.open(file)).getMessage();
        assertTrue(message.startsWith("a-1-py3-none-any.whl: not a zip file"), message);
        Files.write(file, new ByteArrayOutputStream().toByteArray());
        assertThrows(PyzException.class, () -> Wheel.open(file));
    }

    @Test
    void requiresMetadataNameAndVersion() throws Exception {
        Path file = wheel("a", "1").file("a-1.dist-info/METADATA", "Metadata-Version: 2.1\nName: a\n").writeTo(dir);
        String message = assertThrows(PyzException.class, () -> Wheel.open(file)).getMessage();
        assertTrue(message.contains("a-1.dist-info/METADATA: has no Version field"), message);
    }
}

package dev.pyz.wheel;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
            byte[] good = wheel("a", "1").bytes();
            try (var in = new org.apache.commons.compress.archivers.zip.ZipFile.Builder().setByteArray(good).get()) {
                for (ZipArchiveEntry e : java.util.Collections.list(in.getEntries())) {
                    zip.putArchiveEntry(new ZipArchiveEntry(e.getName()));
                    zip.write(in.getInputStream(e).readAllBytes());
                    zip.closeArchiveEntry();
                }
            }
            ZipArchiveEntry link = new ZipArchiveEntry("a/link");
            link.setUnixMode(0120777);
            zip.putArchiveEntry(link);
            zip.write("/etc/passwd".getBytes());
            zip.closeArchiveEntry();
        }
        String message = assertThrows(PyzException.class, () -> Wheel.open(file)).getMessage();
        assertTrue(message.contains("entry a/link: symbolic links are not allowed"), message);
    }

    @Test
    void aFileThatIsNotAZipNamesTheWheel() throws Exception {
        Path file = dir.resolve("a-1-py3-none-any.whl");
        Files.writeString(file, "not a zip");
        String message = assertThrows(PyzException.class, () -> Wheel.open(file)).getMessage();
        assertTrue(message.startsWith("a-1-py3-none-any.whl: not a readable zip file"), message);
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

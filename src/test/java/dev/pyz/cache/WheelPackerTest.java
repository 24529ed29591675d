package dev.pyz.cache;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import dev.pyz.wheel.Wheel;
import dev.pyz.zip.CentralDirectory;
import dev.pyz.zip.ZipRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WheelPackerTest {
    @TempDir
    Path dir;

    @Test
    void packsTheInstalledLayoutUnderTheWheelFolderWithExplicitDirectories() throws Exception {
        Path file = wheel("demo", "1.0").file("demo/__init__.py", "X = 1\n").file("demo/sub/m.py", "Y = 2\n")
                .file("demo-1.0.data/purelib/extra/e.py", "E = 3\n").file("demo-1.0.data/scripts/tool", "#!python\n")
                .writeTo(dir);
        Path out = dir.resolve("packed.zip");
        PackedWheel packed;
        try (Wheel w = Wheel.open(file)) {
            packed = WheelPacker.pack(w, "abc", out);
        }
        String p = ".deps/demo-1.0-py3-none-any.whl/";
        List<String> names = new ArrayList<>();
        CentralDirectory.read(out).records().forEach(r -> names.add(r.name()));
        assertEquals(List.of(p, p + "bin/", p + "bin/tool", p + "demo-1.0.dist-info/", p + "demo-1.0.dist-info/METADATA",
                p + "demo-1.0.dist-info/RECORD", p + "demo-1.0.dist-info/WHEEL", p + "demo/", p + "demo/__init__.py",
                p + "demo/sub/", p + "demo/sub/m.py", p + "extra/", p + "extra/e.py"), names);
        assertEquals(names.size(), packed.entries());
        assertFalse(packed.extract());
        assertEquals(java.util.Map.of("tool", RunEvidence.ScriptKind.PYTHON), packed.evidence().bin());
        try (ZipFile zip = new ZipFile(out.toFile())) {
            assertEquals("E = 3\n", new String(zip.getInputStream(zip.getEntry(p + "extra/e.py")).readAllBytes(),
                    StandardCharsets.UTF_8));
            String record = new String(zip.getInputStream(zip.getEntry(p + "demo-1.0.dist-info/RECORD")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(record.contains("\nextra/e.py,sha256="), record);
            assertFalse(record.contains("purelib"), record);
            assertTrue(record.contains("\nbin/tool,sha256="), record);
            assertFalse(record.contains("scripts"), record);
        }
        ZipRecord script = CentralDirectory.read(out).records().get(2);
        assertEquals(p + "bin/tool", script.name());
        assertEquals(0100755, script.unixMode());
        assertEquals(0100644, CentralDirectory.read(out).records().get(8).unixMode());
        assertEquals(040755, CentralDirectory.read(out).records().get(0).unixMode());
    }

    @Test
    void copiesTheWheelsCompressedBytesUnchanged() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            big.append("line ").append(i).append('\n');
        }
        Path file = wheel("demo", "1.0").file("demo/big.py", big.toString()).writeTo(dir);
        Path out = dir.resolve("packed.zip");
        try (Wheel w = Wheel.open(file)) {
            WheelPacker.pack(w, "abc", out);
            ZipRecord source = w.entry("demo/big.py").orElseThrow();
            byte[] raw = w.rawInputStream(source).readAllBytes();
            assertEquals(ZipArchiveEntry.DEFLATED, source.method());
            try (var packed = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(out).get()) {
                ZipArchiveEntry copy = packed.getEntry(".deps/demo-1.0-py3-none-any.whl/demo/big.py");
                assertArrayEquals(raw, packed.getRawInputStream(copy).readAllBytes());
                assertEquals(big.toString(), new String(packed.getInputStream(copy).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void marksWheelsWithNativeCodeForExtraction() throws Exception {
        for (String nativeName : List.of("n/_c.cpython-311-x86_64-linux-gnu.so", "n/lib.so.6", "n/x.pyd", "n/y.dylib")) {
            Path file = wheel("n", "1").file("n/__init__.py", "").file(nativeName, new byte[] {0x7f, 'E', 'L', 'F'})
                    .writeTo(java.nio.file.Files.createTempDirectory(dir, "n"));
            try (Wheel w = Wheel.open(file)) {
                assertTrue(WheelPacker.pack(w, "abc", dir.resolve("n.zip")).extract(), nativeName);
            }
        }
    }

    @Test
    void anExecutableFileWithDotsInItsNameIsReadToTellWhetherItIsNative() throws Exception {
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        // as imageio-ffmpeg ships ffmpeg: mode 0755, a version in the name
        Path native_ = wheel("ff", "1.0").file("ff/__init__.py", "").executable("ff/binaries/ffmpeg-linux-x86_64-v7.0.2",
                elf).writeTo(Files.createDirectories(dir.resolve("native")));
        Path script = wheel("sh", "1.0").file("sh/__init__.py", "").executable("sh/run-1.2.sh", "#!/bin/sh\n".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)).writeTo(Files.createDirectories(dir.resolve("script")));
        Path notMarked = wheel("nm", "1.0").file("nm/__init__.py", "").file("nm/data-v1.2", elf).writeTo(
                Files.createDirectories(dir.resolve("plain")));
        try (Wheel w = Wheel.open(native_)) {
            PackedWheel packed = WheelPacker.pack(w, "abc", dir.resolve("ff.zip"));
            assertEquals(java.util.Optional.of("ff/binaries/ffmpeg-linux-x86_64-v7.0.2"), packed.evidence().nativeCode());
            assertTrue(packed.extract());
        }
        try (Wheel w = Wheel.open(script)) {
            assertFalse(WheelPacker.pack(w, "abc", dir.resolve("sh.zip")).extract(), "a shell script is not native code");
        }
        try (Wheel w = Wheel.open(notMarked)) {
            assertFalse(WheelPacker.pack(w, "abc", dir.resolve("nm.zip")).extract(),
                    "a file with an extension and no executable mode is not read");
        }
    }

    @Test
    void aNativeExecutableAmongTheScriptsIsNativeCodeAndEveryScriptHasItsKind() throws Exception {
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
        Path file = wheel("tool", "1.0").file("tool/__init__.py", "").file("tool-1.0.data/scripts/tool", elf)
                .file("tool-1.0.data/scripts/helper", "#!python\nimport tool\n")
                .file("tool-1.0.data/scripts/setup.sh", "#!/bin/sh\necho hi\n").writeTo(dir);
        try (Wheel w = Wheel.open(file)) {
            PackedWheel packed = WheelPacker.pack(w, "abc", dir.resolve("t.zip"));
            assertTrue(packed.extract());
            assertEquals(java.util.Optional.of("bin/tool"), packed.evidence().nativeCode());
            assertEquals(java.util.Map.of("tool", RunEvidence.ScriptKind.NATIVE, "helper", RunEvidence.ScriptKind.PYTHON,
                    "setup.sh", RunEvidence.ScriptKind.OTHER), packed.evidence().bin());
        }
    }

    @Test
    void refusesTwoEntriesInstallingToOnePath() throws Exception {
        Path file = wheel("demo", "1.0").file("demo/a.py", "1").file("demo-1.0.data/purelib/demo/a.py", "2").writeTo(dir);
        try (Wheel w = Wheel.open(file)) {
            String message = assertThrows(PyzException.class, () -> WheelPacker.pack(w, "abc", dir.resolve("x.zip")))
                    .getMessage();
            assertTrue(message.contains("demo-1.0-py3-none-any.whl: entry demo-1.0.data/purelib/demo/a.py installs to"
                    + " demo/a.py, which entry demo/a.py installs to as well"), message);
        }
    }

    @Test
    void recordPathsWithCommasAreQuoted() {
        byte[] out = RecordFile.rewritePaths("\"x.data/purelib/a,b.py\",sha256=abc,3\nother.py,sha256=def,4\n"
                .getBytes(StandardCharsets.UTF_8), java.util.Map.of("x.data/purelib/a,b.py", "a,b.py"));
        assertEquals("\"a,b.py\",sha256=abc,3\nother.py,sha256=def,4\n", new String(out, StandardCharsets.UTF_8));
    }
}

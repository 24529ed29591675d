package dev.pyz.wheel;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.WheelPacker;
import dev.pyz.test.RawZip;
import dev.pyz.test.WheelBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataReaderTest {
    @TempDir
    Path dir;

    private static WheelBuilder demo() {
        return wheel("Demo.Lib", "1.2")
                .metadata("Requires-Dist", "six>=1.10")
                .metadata("Summary", "A demo \u00e9l\u00e8ve")
                .file("demo_lib/__init__.py", "X = 1\n".repeat(500));
    }

    @Test
    void readsMetadataOutOfAPackedZip() throws Exception {
        Path file = demo().writeTo(dir);
        PackedWheel packed;
        try (Wheel w = Wheel.open(file)) {
            packed = WheelPacker.pack(w, "0".repeat(64), dir.resolve("packed.zip"));
        }
        CoreMetadata m = MetadataReader.packed(packed.zip().open(), packed.archivePath(), packed.distInfo());
        assertEquals(Optional.of("Demo.Lib"), m.get("Name"));
        assertEquals(List.of("six>=1.10"), m.getAll("Requires-Dist"));
        assertEquals(Optional.of("A demo \u00e9l\u00e8ve"), m.get("Summary"));
    }

    @Test
    void readsMetadataOutOfAWheelDeflatedOrStored() throws Exception {
        for (WheelBuilder b : List.of(demo(), demo().stored())) {
            Path file = b.writeTo(Files.createTempDirectory(dir, "w"));
            CoreMetadata m = MetadataReader.wheel(file);
            assertEquals(Optional.of("1.2"), m.get("Version"));
            assertEquals(List.of("six>=1.10"), m.getAll("Requires-Dist"));
        }
    }

    @Test
    void aMissingEntryNamesTheFileAndTheEntry() throws Exception {
        Path file = demo().writeTo(dir);
        String message = assertThrows(PyzException.class,
                () -> MetadataReader.packed(dev.pyz.zip.ZipArchive.open(file, file.toString()), ".deps/x.whl",
                        "Demo_Lib-1.2.dist-info")).getMessage();
        assertEquals(file + ": entry .deps/x.whl/Demo_Lib-1.2.dist-info/METADATA is missing", message);
    }

    @Test
    void aWheelWithoutMetadataOrNotAZipIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("a/__init__.py"));
            zip.write("x".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Path noMetadata = Files.write(dir.resolve("a-1-py3-none-any.whl"), bytes.toByteArray());
        String message = assertThrows(PyzException.class, () -> MetadataReader.wheel(noMetadata)).getMessage();
        assertEquals(noMetadata + ": a wheel has exactly one <name>-<version>.dist-info/METADATA, this one has none",
                message);

        Path text = Files.writeString(dir.resolve("b-1-py3-none-any.whl"), "not a zip, but long enough to look for one");
        message = assertThrows(PyzException.class, () -> MetadataReader.wheel(text)).getMessage();
        assertTrue(message.startsWith(text + ": not a zip file"), message);
    }

    @Test
    void damagedDataIsDetected() throws Exception {
        Path file = demo().stored().writeTo(dir);
        byte[] data = Files.readAllBytes(file);
        byte[] needle = "six>=1.10".getBytes(StandardCharsets.UTF_8);
        int at = RawZip.indexOf(data, needle);
        data[at] = 'S';
        Files.write(file, data);
        String message = assertThrows(PyzException.class, () -> MetadataReader.wheel(file)).getMessage();
        assertTrue(message.startsWith(file + ": entry Demo_Lib-1.2.dist-info/METADATA: its content has CRC-32 "), message);
        assertTrue(message.contains(" but its central directory record declares "), message);
    }
}

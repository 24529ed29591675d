package dev.pyz.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pyz.wheel.Record;
import dev.pyz.wheel.Wheel;
import dev.pyz.zip.CentralDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.pyz.zip.ZipRecord;

/**
 * Any bytes given to the zip and wheel readers end in a result or in an {@link IOException} (usually a
 * {@code PyzException}) with a message: never another exception, a hang or running out of memory.
 *
 * <p>Under plain {@code mvn test} Jazzer runs only the seed inputs in
 * {@code src/test/resources/dev/pyz/fuzz/ZipFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} it fuzzes
 * one target for {@code maxDuration} (README, "Fuzzing").
 */
class ZipFuzzTest {
    /** The name the fuzz bytes are stored under: a valid wheel name, so the content is what is tested. */
    static final String WHEEL = "fuzz-1.0-py3-none-any.whl";

    @FuzzTest(maxDuration = "15s")
    void centralDirectory(byte[] data) throws Exception {
        Path file = write(data, "fuzz.zip");
        try {
            CentralDirectory cd = CentralDirectory.read(file);
            assertNotNull(cd.records());
        } catch (IOException e) {
            expected(e);
        } finally {
            Files.delete(file);
        }
    }

    @FuzzTest(maxDuration = "15s")
    void wheel(byte[] data) throws Exception {
        Path file = write(data, WHEEL);
        try (Wheel wheel = Wheel.open(file)) {
            // what packing does with an opened wheel: read RECORD and check every entry against it
            Record record = Record.of(wheel);
            record.listProblems(wheel.entries());
            for (ZipRecord entry : wheel.entries()) {
                record.check(wheel, entry);
                try (InputStream in = wheel.inputStream(entry)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
        } catch (IOException e) {
            expected(e);
        } finally {
            Files.delete(file);
        }
    }

    private static Path dir;

    private static Path write(byte[] data, String name) throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("pyz-fuzz");
            dir.toFile().deleteOnExit(); // empty by then: every input is deleted after its run
        }
        return Files.write(dir.resolve(name), data);
    }

    private static void expected(IOException e) {
        assertNotNull(e.getMessage(), () -> "an IOException without a message: " + e);
        assertFalse(e.getMessage().isBlank(), () -> "an IOException with a blank message: " + e);
    }
}

package dev.pyz.cache;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.test.RecordingLog;
import dev.pyz.test.WheelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file of a wheel is checked against its RECORD when the wheel is packed. */
class RecordCheckTest {
    @TempDir
    Path dir;

    private static final String CODE = "X = 1\n";

    private Path wheelWithRecord(String record) throws Exception {
        return wheel("demo", "1.0").file("demo/__init__.py", CODE).file("demo-1.0.dist-info/RECORD", record)
                .writeTo(Files.createTempDirectory(dir, "w"));
    }

    private static String line(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return path + ",sha256=" + WheelBuilder.hash(bytes) + "," + bytes.length + "\n";
    }

    private static String metaLines() {
        return line("demo-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n")
                + line("demo-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
                + "demo-1.0.dist-info/RECORD,,\n";
    }

    private String failure(Path wheel) {
        return assertThrows(PyzException.class, () -> new PackCache(dir.resolve("cache"))
                .prepare(List.of(WheelInput.of(wheel)), 2, Log.NONE)).getMessage();
    }

    @Test
    void aCorrectRecordPasses() throws Exception {
        Path w = wheelWithRecord(line("demo/__init__.py", CODE) + metaLines());
        PackedWheel packed = new PackCache(dir.resolve("cache")).prepare(List.of(WheelInput.of(w)), 2, Log.NONE).get(0).wheel();
        assertEquals("", packed.recordProblems());
    }

    @Test
    void aMatchingDigestWrittenInHexOrStandardBase64IsNoTampering() throws Exception {
        byte[] code = CODE.getBytes(StandardCharsets.UTF_8);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(code);
        String hex = java.util.HexFormat.of().formatHex(digest);
        String padded = java.util.Base64.getEncoder().encodeToString(digest);
        byte[] slashes = "y = '+/'\n".getBytes(StandardCharsets.UTF_8); // a content whose digest has '+' or '/'
        for (int i = 0; !java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(slashes)).matches(".*[+/].*"); i++) {
            slashes = ("y = " + i + "\n").getBytes(StandardCharsets.UTF_8);
        }
        for (String written : new String[] {hex, hex.toUpperCase(java.util.Locale.ROOT), padded}) {
            Path w = wheelWithRecord("demo/__init__.py,sha256=" + written + "," + code.length + "\n" + metaLines());
            dev.pyz.test.RecordingLog log = new dev.pyz.test.RecordingLog();
            PackedWheel packed = new PackCache(Files.createTempDirectory(dir, "c")).prepare(List.of(WheelInput.of(w)), 2,
                    log).get(0).wheel();
            assertEquals("", packed.recordProblems(), written);
            String encoding = written.equals(padded) ? "base64" : "hex";
            if (written.equals(padded) && padded.replace("=", "").equals(WheelBuilder.hash(code))) {
                continue; // this digest has no '+' or '/': its padded base64 is the format's own, padded
            }
            assertTrue(log.infos.contains("demo-1.0-py3-none-any.whl: its RECORD writes digests in " + encoding
                    + ", not in the urlsafe base64 the wheel format asks for; they were compared as written"), log.infos.toString());
        }
        byte[] slashDigest = java.security.MessageDigest.getInstance("SHA-256").digest(slashes);
        Path w = wheel("demo", "1.0").file("demo/__init__.py", slashes).file("demo-1.0.dist-info/RECORD",
                "demo/__init__.py,sha256=" + java.util.Base64.getEncoder().encodeToString(slashDigest) + ","
                        + slashes.length + "\n" + metaLines()).writeTo(Files.createTempDirectory(dir, "w"));
        dev.pyz.test.RecordingLog log = new dev.pyz.test.RecordingLog();
        assertEquals("", new PackCache(dir.resolve("c-b64")).prepare(List.of(WheelInput.of(w)), 2, log).get(0).wheel()
                .recordProblems());
        assertTrue(log.infos.stream().anyMatch(i -> i.contains("writes digests in base64,")), log.infos.toString());
        // a hex digest of other content is still a mismatch
        byte[] other = java.security.MessageDigest.getInstance("SHA-256").digest("X = 2\n".getBytes(StandardCharsets.UTF_8));
        String message = failure(wheelWithRecord("demo/__init__.py,sha256=" + java.util.HexFormat.of().formatHex(other)
                + "," + code.length + "\n" + metaLines()));
        assertTrue(message.contains("entry demo/__init__.py: its sha256 is " + WheelBuilder.hash(code)), message);
    }

    @Test
    void aTamperedFileFailsTheBuildNamingWheelEntryAndRule() throws Exception {
        String message = failure(wheelWithRecord(line("demo/__init__.py", "X = 2\n") + metaLines()));
        assertTrue(message.contains("demo-1.0-py3-none-any.whl does not match its RECORD: entry demo/__init__.py: its sha256 is "
                + WheelBuilder.hash(CODE.getBytes(StandardCharsets.UTF_8)) + " but demo-1.0.dist-info/RECORD says "
                + WheelBuilder.hash("X = 2\n".getBytes(StandardCharsets.UTF_8))), message);
        assertTrue(message.contains("-Dpyz.verifyRecord=false"), message);
    }

    @Test
    void wrongSizesUnlistedFilesMissingFilesAndWeakHashesAreCaught() throws Exception {
        String right = line("demo/__init__.py", CODE);
        assertTrue(failure(wheelWithRecord(right.replace(",6\n", ",7\n") + metaLines()))
                .contains("entry demo/__init__.py: it has 6 bytes but demo-1.0.dist-info/RECORD says 7"));
        assertTrue(failure(wheelWithRecord(metaLines()))
                .contains("entry demo/__init__.py is not listed in demo-1.0.dist-info/RECORD"));
        assertTrue(failure(wheelWithRecord(right + "demo/gone.py,sha256=abc,3\n" + metaLines()))
                .contains("demo-1.0.dist-info/RECORD lists demo/gone.py, which the wheel does not contain"));
        assertTrue(failure(wheelWithRecord("demo/__init__.py,md5=abc,6\n" + metaLines()))
                .contains("hashes demo/__init__.py with md5; only sha256, sha384 and sha512 are allowed"));
        assertTrue(failure(wheelWithRecord("demo/__init__.py,,6\n" + metaLines()))
                .contains("gives no hash for demo/__init__.py"));
    }

    @Test
    void relaxedChecksWarnOncePerWheelAndAStrictBuildStillRefusesTheCachedEntry() throws Exception {
        Path w = wheelWithRecord(line("demo/__init__.py", "X = 2\n") + metaLines());
        RecordingLog log = new RecordingLog();
        List<String> warnings = log.warnings;
        PackCache cache = new PackCache(dir.resolve("cache"));
        PackCache.Prepared relaxed = cache.prepare(List.of(WheelInput.of(w)), 2, false, log).get(0);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("entry demo/__init__.py: its sha256 is"), warnings.get(0));
        assertTrue(relaxed.packed());
        String message = assertThrows(PyzException.class, () -> cache.prepare(List.of(WheelInput.of(w)), 2, Log.NONE))
                .getMessage();
        assertTrue(message.contains("does not match its RECORD"), message);
    }

    @Test
    void aLargeWheelIsCheckedInChunksWithTheSameResult() throws Exception {
        WheelBuilder b = wheel("big", "1.0");
        byte[] blob = new byte[(int) (WheelPacking.CHECK_CHUNK_BYTES / 3)];
        new java.util.Random(7).nextBytes(blob);
        for (int i = 0; i < 5; i++) {
            b.file("big/part" + i + ".bin", blob);
        }
        Path w = b.stored().writeTo(dir);
        PackedWheel packed = new PackCache(dir.resolve("cache")).prepare(List.of(WheelInput.of(w)), 3, Log.NONE).get(0).wheel();
        assertEquals("", packed.recordProblems());
    }
}

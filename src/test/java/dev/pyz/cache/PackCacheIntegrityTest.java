package dev.pyz.cache;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.test.CentralDirectoryCrc;
import dev.pyz.test.RecordingLog;
import dev.pyz.app.ZipappBuilder;
import dev.pyz.zip.CentralDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache entry damaged after it was written is never merged: lookup compares the zip's size and the
 * digest of its central directory with what the info file recorded, and the wheel is packed again, to the
 * same bytes, so the zipapp is byte-identical to one built from a clean cache.
 */
class PackCacheIntegrityTest {
    @TempDir
    Path dir;

    /** Collects the info lines, which say why an entry was not used. */
    enum Damage {
        /** the zip loses its last bytes (a disk full, a copy cut short) */
        TRUNCATE("truncated or replaced"),
        /** one byte of a central directory record changes (the file mode): size and entry count stay */
        FLIP_CD_BYTE("central directory has CRC-32"),
        /** another packed zip of the same size and entry count takes its place */
        REPLACE("central directory has CRC-32"),
        /** the info file is gone while the zip stays */
        DELETE_INFO("info file");

        final String reason;

        Damage(String reason) {
            this.reason = reason;
        }
    }

    private List<WheelInput> inputs(Path wheels, String value) throws Exception {
        Files.createDirectories(wheels);
        return List.of(
                WheelInput.of(wheel("lib", "1.0").stored().file("lib/__init__.py", "N = " + value + "\n").writeTo(wheels)),
                WheelInput.of(wheel("other", "2.0").file("other/__init__.py", "M = 2\n").writeTo(wheels)));
    }

    private static Path build(PackCache cache, List<WheelInput> inputs, Path output, Log log) throws Exception {
        List<dev.pyz.cache.PackedWheel> packed = new ArrayList<>();
        cache.prepare(inputs, 2, log).forEach(p -> packed.add(p.wheel()));
        ZipappBuilder.build(dev.pyz.test.TestSettings.zipapp(cache.root(), output), Optional.empty(),
                new ZipappBuilder.Contents(packed, dev.pyz.app.SourceTree.none(), dev.pyz.app.EntryPoint.interpreter(),
                        Optional.empty()), Log.NONE);
        return output;
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedEntryIsPackedAgainAndTheZipappIsTheSame(Damage damage) throws Exception {
        List<WheelInput> inputs = inputs(dir.resolve("wheels"), "1");
        byte[] clean = Files.readAllBytes(build(new PackCache(dir.resolve("clean")), inputs, dir.resolve("clean.pyz"),
                Log.NONE));

        PackCache cache = new PackCache(dir.resolve("cache"));
        build(cache, inputs, dir.resolve("first.pyz"), Log.NONE);
        PackedWheel entry = cache.prepare(inputs, 1, Log.NONE).get(0).wheel();
        byte[] good = Files.readAllBytes(entry.zip().path());
        Path info = entry.zip().path().resolveSibling(entry.fileName() + ".info");
        switch (damage) {
            case TRUNCATE -> Files.write(entry.zip().path(), Arrays.copyOf(good, good.length - 7));
            case FLIP_CD_BYTE -> {
                long cd = CentralDirectory.read(entry.zip().path()).offset();
                byte[] bad = good.clone();
                bad[(int) cd + 40] ^= 0x01; // external attributes of the first record: the mode's low byte
                Files.write(entry.zip().path(), bad);
            }
            case REPLACE -> {
                // the same wheel with other content of the same length packs to a zip of the same size
                List<WheelInput> others = inputs(dir.resolve("other-wheels"), "2");
                PackedWheel other = new PackCache(dir.resolve("other-cache")).prepare(others, 1, Log.NONE).get(0).wheel();
                byte[] replacement = Files.readAllBytes(other.zip().path());
                assertEquals(good.length, replacement.length, "the replacement is the same size");
                assertFalse(Arrays.equals(good, replacement));
                Files.write(entry.zip().path(), replacement);
            }
            case DELETE_INFO -> Files.delete(info);
        }
        assertTrue(cache.lookup(entry.sha256(), entry.fileName()).isEmpty(), "the damaged entry is not used");

        RecordingLog log = new RecordingLog();
        List<PackCache.Prepared> again = cache.prepare(inputs, 1, log);
        assertTrue(again.get(0).packed(), "packed again");
        assertFalse(again.get(1).packed(), "the other entry is still used");
        assertTrue(log.infos.stream().anyMatch(m -> m.contains(entry.zip().path().toString()) && m.contains(damage.reason)),
                "says which entry and why: " + log.infos);
        assertArrayEquals(good, Files.readAllBytes(again.get(0).wheel().zip().path()));
        assertTrue(Files.isRegularFile(info));
        assertTrue(cache.lookup(entry.sha256(), entry.fileName()).isPresent(), "the repaired entry is used again");

        byte[] rebuilt = Files.readAllBytes(build(cache, inputs, dir.resolve("rebuilt.pyz"), Log.NONE));
        assertArrayEquals(clean, rebuilt, "the zipapp is byte-identical to a clean build");
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "no temp file is left behind");
        }
    }

    @Test
    void theInfoFileRecordsTheZipsSizeAndCentralDirectory() throws Exception {
        PackCache cache = new PackCache(dir.resolve("cache"));
        PackedWheel w = cache.prepare(inputs(dir.resolve("wheels"), "1"), 1, Log.NONE).get(0).wheel();
        var values = dev.pyz.KeyValues.read(w.zip().path().resolveSibling(w.fileName() + ".info"));
        assertEquals(String.valueOf(Files.size(w.zip().path())), values.get(CacheEntry.ZIP_SIZE));
        assertEquals(String.valueOf(CentralDirectoryCrc.of(w.zip().path())), values.get(CacheEntry.CD_CRC32));
        assertEquals(String.valueOf(CachedZip.crc32(w.zip().path())), values.get(CacheEntry.ZIP_CRC32));
        assertEquals(CachedZip.crc32(w.zip().path()), w.zip().crc32().getAsLong());
        assertEquals(w.entries(), w.zip().directory().records().size());
        assertTrue(w.zip().path().toString().contains("/packed/" + PackCache.LAYOUT_VERSION + "/"));
    }

    @Test
    void anEntryWrittenBeforeCrcsWereRecordedIsUsedAndNestsWithItsCrc() throws Exception {
        PackCache cache = new PackCache(dir.resolve("cache"));
        List<WheelInput> inputs = inputs(dir.resolve("wheels"), "1");
        PackedWheel w = cache.prepare(inputs, 1, Log.NONE).get(0).wheel();
        Path info = w.zip().path().resolveSibling(w.fileName() + ".info");
        Files.writeString(info, Files.readString(info).replaceAll("(?m)^" + CacheEntry.ZIP_CRC32 + "=.*\n", ""));
        PackCache.Prepared again = cache.prepare(inputs, 1, Log.NONE).get(0);
        assertFalse(again.packed(), "still used");
        assertTrue(again.wheel().zip().crc32().isEmpty());
        Path out = dir.resolve("nested.pyz");
        ZipappBuilder.build(dev.pyz.test.TestSettings.zipapp(cache.root(), out), Optional.empty(),
                new ZipappBuilder.Contents(List.of(again.wheel().withExtract(true)), dev.pyz.app.SourceTree.none(),
                        dev.pyz.app.EntryPoint.interpreter(), Optional.empty()), Log.NONE);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(out.toFile())) {
            java.util.zip.ZipEntry nested = zip.getEntry(w.archivePath() + ".zip");
            assertEquals(CachedZip.crc32(w.zip().path()), nested.getCrc(), "computed when the build nests it");
        }
    }

    @Test
    void anEntryReplacedAfterItWasCheckedIsNotReadWithTheOldDirectory() throws Exception {
        PackCache cache = new PackCache(dir.resolve("cache"));
        List<WheelInput> inputs = inputs(dir.resolve("wheels"), "1");
        cache.prepare(inputs, 1, Log.NONE);
        PackedWheel w = cache.prepare(inputs, 1, Log.NONE).get(0).wheel(); // checked on lookup
        w.zip().channel().close(); // the file it checked
        Path copy = Files.copy(w.zip().path(), dir.resolve("copy.zip"));
        Files.move(copy, w.zip().path(), java.nio.file.StandardCopyOption.REPLACE_EXISTING); // the same bytes, another file
        String message = assertThrows(dev.pyz.PyzException.class, () -> w.zip().channel()).getMessage();
        assertEquals(w.zip().path() + ": the cache entry was replaced while this build used it (by a build sharing"
                + " the cache); build again", message);
        assertThrows(dev.pyz.PyzException.class, () -> w.zip().open());
    }

    @Test
    void anInfoFileThatIsNotUtf8IsADamagedEntry() throws Exception {
        PackCache cache = new PackCache(dir.resolve("cache"));
        List<WheelInput> inputs = inputs(dir.resolve("wheels"), "1");
        PackedWheel w = cache.prepare(inputs, 1, Log.NONE).get(0).wheel();
        Files.write(w.zip().path().resolveSibling(w.fileName() + ".info"), new byte[] {(byte) 0xff, (byte) 0xfe, '='});
        assertTrue(cache.prepare(inputs, 1, Log.NONE).get(0).packed());
    }
}

package dev.pyz.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.pyz.Log;
import dev.pyz.test.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheLocationTest {
    @TempDir
    Path dir;

    @Test
    void aWritableLocalRepositoryKeepsTheSharedCacheQuietly() {
        RecordingLog log = new RecordingLog();
        Path shared = dir.resolve("repo/.cache/pyz");
        assertEquals(shared, CacheLocation.choose(shared, dir.resolve("target/pyz-cache"), log));
        assertTrue(Files.isDirectory(shared));
        assertEquals(List.of(), log.warnings);
    }

    /** A cache path below a regular file cannot be created, whoever runs the test (root included). */
    @Test
    void aCacheThatCannotBeCreatedFallsBackToTheProjectWithOneWarning() throws Exception {
        Path repo = Files.writeString(dir.resolve("repo"), "a file where the repository's folder would be");
        Path shared = repo.resolve(".cache/pyz");
        Path fallback = dir.resolve("target/pyz-cache");
        RecordingLog log = new RecordingLog();
        assertEquals(fallback, CacheLocation.choose(shared, fallback, log));
        assertEquals(1, log.warnings.size(), log.warnings.toString());
        assertTrue(log.warnings.get(0).contains(shared.toString()) && log.warnings.get(0).contains(fallback.toString()),
                log.warnings.get(0));
        // and the fallback works as a cache
        Path wheel = dev.pyz.test.WheelBuilder.wheel("demo", "1.0").file("demo/__init__.py", "").writeTo(dir);
        PackCache cache = new PackCache(fallback);
        assertTrue(cache.prepare(List.of(WheelInput.of(wheel)), 1, Log.NONE).get(0).wheel().zip().path().startsWith(fallback));
    }

    @Test
    void aReadOnlyLocalRepositoryFallsBack() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.setPosixFilePermissions(repo, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(repo) && CacheLocation.unwritable(repo) == null,
                    "this user (root?) can write to a folder without write permission: see the test above instead");
            Path fallback = dir.resolve("target/pyz-cache");
            RecordingLog log = new RecordingLog();
            assertEquals(fallback, CacheLocation.choose(repo.resolve(".cache/pyz"), fallback, log));
            assertEquals(1, log.warnings.size());
        } finally {
            Files.setPosixFilePermissions(repo, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void whenNeitherCanBeWrittenTheSharedOneIsKeptAndTheBuildFailsOnIt() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "");
        RecordingLog log = new RecordingLog();
        assertEquals(file.resolve("a"), CacheLocation.choose(file.resolve("a"), file.resolve("b"), log));
        assertEquals(List.of(), log.warnings);
    }
}

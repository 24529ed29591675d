package dev.pyz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file about to be replaced is moved aside and deleted while its replacement is written. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRetiredFileLeavesItsNameFreeAndIsGoneOnceClosed() throws Exception {
        Path target = Files.write(dir.resolve("app.pyz"), new byte[1 << 20]);
        Path other = Files.writeString(dir.resolve("other.txt"), "kept");
        try (AtomicFiles.Retired retired = AtomicFiles.retire(target)) {
            assertFalse(Files.exists(target), "the name is free at once");
            AtomicFiles.write(target, "new".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(List.of("app.pyz", "other.txt"), names(), "the old file is deleted, nothing else");
        assertEquals("new", Files.readString(target));
        assertEquals("kept", Files.readString(other));
    }

    @Test
    void onlyARegularFileIsRetired() throws Exception {
        try (AtomicFiles.Retired none = AtomicFiles.retire(dir.resolve("missing.pyz"))) {
            assertEquals(List.of(), names());
        }
        Path folder = Files.createDirectories(dir.resolve("folder.pyz"));
        Path link = Files.createSymbolicLink(dir.resolve("link.pyz"), Files.writeString(dir.resolve("real"), "x"));
        try (AtomicFiles.Retired a = AtomicFiles.retire(folder); AtomicFiles.Retired b = AtomicFiles.retire(link)) {
            assertTrue(Files.isDirectory(folder));
            assertTrue(Files.isSymbolicLink(link));
        }
        assertEquals(List.of("folder.pyz", "link.pyz", "real"), names());
    }
}

package dev.pyz.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTreeTest {
    @TempDir
    Path dir;
    Path src;

    @BeforeEach
    void sources() throws Exception {
        src = dir.resolve("src");
        for (String file : List.of("__main__.py", "app/__init__.py", "app/core.py", "app/data/table.csv",
                "app/tests/test_core.py", "app/__pycache__/core.cpython-312.pyc", "app/old.pyc", "README.md",
                ".git/config", "app/core.py~", "app/.DS_Store", "notes/#draft#")) {
            Path p = src.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, file);
        }
        Files.createDirectories(src.resolve("app/empty"));
    }

    private SourceTree scan(List<String> includes, List<String> excludes, boolean defaultExcludes) throws Exception {
        return SourceTree.scan(new SourceTree.Selection(Optional.of(src), includes, excludes, defaultExcludes));
    }

    @Test
    void takesEverythingButBytecodeAndMavensDefaultExcludes() throws Exception {
        SourceTree tree = scan(List.of(), List.of(), true);
        assertEquals(List.of(EntryPoint.APP_MAIN, "README.md", "app/", "app/__init__.py", "app/core.py", "app/data/",
                "app/data/table.csv", "app/empty/", "app/tests/", "app/tests/test_core.py", "notes/"),
                List.copyOf(tree.entries().keySet()));
        assertTrue(tree.hasMain());
        assertEquals(src.resolve("__main__.py"), tree.entries().get(EntryPoint.APP_MAIN));
        assertEquals(6, tree.fileCount());
    }

    @Test
    void defaultExcludesCanBeTurnedOffButBytecodeStaysOut() throws Exception {
        SourceTree tree = scan(List.of(), List.of(), false);
        assertTrue(tree.entries().containsKey(".git/config"));
        assertTrue(tree.entries().containsKey("app/core.py~"));
        assertTrue(tree.entries().containsKey("app/.DS_Store"));
        assertTrue(tree.entries().containsKey("notes/#draft#"));
        assertTrue(tree.entries().keySet().stream().noneMatch(n -> n.contains("__pycache__") || n.endsWith(".pyc")));
    }

    @Test
    void includesAndExcludesSelectFilesAndTheirFolders() throws Exception {
        SourceTree tree = scan(List.of("app/**/*.py", "__main__.py"), List.of("**/tests/**"), true);
        assertEquals(List.of(EntryPoint.APP_MAIN, "app/", "app/__init__.py", "app/core.py"),
                List.copyOf(tree.entries().keySet()));
        assertEquals(List.of(), tree.unmatchedIncludes());
    }

    @Test
    void reportsIncludesThatSelectNothing() throws Exception {
        SourceTree tree = scan(List.of("app/**", "lib/**", "**/*.txt"), List.of(), true);
        assertEquals(List.of("lib/**", "**/*.txt"), tree.unmatchedIncludes());
        assertTrue(tree.entries().containsKey("app/core.py"));
    }

    @Test
    void reservedNamesAreRefused() throws Exception {
        Files.createDirectories(src.resolve(".deps"));
        Files.writeString(src.resolve(".deps/x.py"), "");
        String message = assertThrows(PyzException.class, () -> scan(List.of(), List.of(), true)).getMessage();
        assertTrue(message.contains(".deps/x.py: the names .pyz and .deps at the root of the sources are reserved"),
                message);
    }

    @Test
    void noFolderMeansNoSources() throws Exception {
        SourceTree tree = SourceTree.scan(new SourceTree.Selection(Optional.empty(), List.of("**"), List.of(), true));
        assertTrue(tree.entries().isEmpty());
        assertEquals(List.of(), tree.unmatchedIncludes());
    }
}

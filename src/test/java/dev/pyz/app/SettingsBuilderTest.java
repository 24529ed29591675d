package dev.pyz.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import dev.pyz.bytecode.BytecodeMode;
import dev.pyz.test.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsBuilderTest {
    @TempDir
    Path dir;

    private SettingsBuilder builder() {
        return TestSettings.builder(dir.resolve("cache")).output(dir, "app", null, dir.resolve("state"));
    }

    @Test
    void eachBadValueGivesOneLineNamingItsParameterAndAllFailTogether() {
        SettingsBuilder b = builder().targetPython("3").bytecode("sometimes").dependencyCheck("strict").threads(-1)
                .maxWheelSize("lots").shebang("python3").entry("app.main:run", "tool").inheritPath("maybe")
                .targetPlatform("linux x86").outputTimestamp("yesterday");
        String message = assertThrows(PyzException.class, b::zipapp).getMessage();
        List<String> lines = message.lines().toList();
        assertEquals("10 parameters are not valid:", lines.get(0), message);
        for (String expected : List.of(
                "targetPython (pyz.targetPython): '3' names no minor release: write major.minor, such as 3.12",
                "bytecode (pyz.bytecode): 'sometimes' is not one of auto, required, off",
                "dependencyCheck (pyz.dependencyCheck): 'strict' is not one of fail, warn, off",
                "threads (pyz.threads): must be 0 (one per processor) or more, not -1",
                "maxWheelSize (pyz.maxWheelSize): 'lots' is not a size",
                "shebang (pyz.shebang): 'python3' must be one line starting with #!",
                "main (pyz.main): set either main (app.main:run) or script (tool), not both",
                "inheritPath (pyz.inheritPath): 'maybe' is not one of false, prefer, fallback",
                "targetPlatform (pyz.targetPlatform): 'linux x86' is not a sys.platform value",
                "outputTimestamp (project.build.outputTimestamp): 'yesterday' is neither ISO-8601")) {
            assertTrue(lines.stream().anyMatch(l -> l.strip().startsWith(expected)), expected + " in\n" + message);
        }
    }

    @Test
    void oneBadValueIsOneMessage() {
        String message = assertThrows(PyzException.class, () -> builder().targetPython("py3").zipapp()).getMessage();
        assertEquals("targetPython (pyz.targetPython): 'py3' names no minor release: write major.minor, such as 3.12",
                message);
        message = assertThrows(PyzException.class, () -> builder().entry("app-main:run", null).pack()).getMessage();
        assertEquals("main (pyz.main): main 'app-main:run' is not of the form pkg.module or pkg.module:function", message);
    }

    @Test
    void valuesWrittenDifferentlyAreAccepted() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        ZipappSettings s = builder().targetPython(" py3.12 ").bytecode(" Required ").dependencyCheck("WARN")
                .maxWheelSize("512MiB").shebang("  #!/usr/bin/python3.12  ").inheritPath("Fallback")
                .extraction(List.of("Sphinx", "zope.interface", " "), List.of("Jinja2"), List.of("b/**", "a/*.h", "b/**"))
                .sources(dir.resolve("src"), List.of(" app\\** ", ""), List.of("**/tests/**"), false)
                .entry(" app.main:run ", " ").zipapp();
        assertEquals("3.12", s.pack().target().python().orElseThrow().toString());
        assertEquals(BytecodeMode.REQUIRED, s.pack().bytecode().mode());
        assertEquals(DependencyCheck.Mode.WARN, s.dependencyCheck());
        assertEquals(512L << 20, s.pack().limits().maxTotalSize());
        assertEquals("#!/usr/bin/python3.12", s.shebang());
        assertEquals(ZipappSettings.Isolation.FALLBACK, s.isolation());
        assertEquals(List.of("sphinx", "zope_interface"), s.extraction().extractWheels());
        assertEquals(List.of("jinja2"), s.extraction().zipSafeWheels());
        assertEquals(List.of("a/*.h", "b/**"), s.extraction().exclude());
        assertEquals(Optional.of("app.main:run"), s.main());
        assertEquals(Optional.empty(), s.script());
        assertEquals(dir.resolve("app.pyz"), s.output());
        assertEquals(new SourceTree.Selection(Optional.of(dir.resolve("src").toAbsolutePath()), List.of("app/**"),
                List.of("**/tests/**"), false), s.sources());
    }

    @Test
    void sourcePatternsAreRelativeToTheSourceFolder() {
        String message = assertThrows(PyzException.class, () -> builder()
                .sources(dir, List.of("/abs/**"), List.of("../other/**"), true).zipapp()).getMessage();
        assertTrue(message.contains("sourceIncludes (pyz.sourceIncludes): '/abs/**' is an absolute path; patterns are"
                + " relative to sourceDirectory"), message);
        assertTrue(message.contains("sourceExcludes (pyz.sourceExcludes): '../other/**' leaves sourceDirectory"), message);
    }

    @Test
    void anExtractExcludePatternMustBeAPathInsideAWheel() {
        String message = assertThrows(PyzException.class, () -> builder()
                .extraction(List.of(), List.of(), List.of("/tensorflow/include/**")).zipapp()).getMessage();
        assertEquals("extractExclude (pyz.extractExclude): '/tensorflow/include/**' is not a path inside a wheel: write it"
                + " relative to the wheel's root, with '/' (tensorflow/include/**)", message);
    }

    @Test
    void aWheelCannotBeBothExtractedAndKeptInTheArchive() {
        String message = assertThrows(PyzException.class, () -> builder()
                .extraction(List.of("Babel", "sphinx"), List.of("babel"), List.of()).zipapp()).getMessage();
        assertEquals("zipSafeWheels (pyz.zipSafeWheels): babel also named in extractWheels: a wheel is either extracted"
                + " or kept in the archive", message);
    }

    @Test
    void aMissingSourceFolderMeansNoSourcesAndAClassifierJoinsTheFileName() throws Exception {
        ZipappSettings s = TestSettings.builder(dir.resolve("cache")).sourceDirectory(dir.resolve("none"))
                .output(dir, "app-1.0", "linux", dir.resolve("state")).zipapp();
        assertEquals(Optional.empty(), s.sources().directory());
        assertEquals(dir.resolve("app-1.0-linux.pyz"), s.output());
        assertEquals(dir.resolve("state/app-1.0-linux.pyz.state"), s.stateFile());
    }

    @Test
    void pruneAgesAndDatesAsPeopleWriteThem() throws Exception {
        java.time.Instant now = java.time.Instant.parse("2026-11-29T12:00:00Z");
        for (String[] c : new String[][] {{"30d", "2026-10-30T12:00:00Z"}, {" 12 H ", "2026-11-29T00:00:00Z"},
                {"90m", "2026-11-29T10:30:00Z"}, {"2w", "2026-11-15T12:00:00Z"}, {"0", "2026-11-29T12:00:00Z"},
                {"p1d", "2026-11-28T12:00:00Z"}, {null, "2026-10-30T12:00:00Z"}}) {
            assertEquals(java.time.Instant.parse(c[1]), builder().prune(c[0], null, false, now).cacheOnly().cutoff(), c[0]);
        }
        assertEquals(java.time.Instant.parse("2026-11-01T00:00:00Z"),
                builder().prune(null, "2026-11-01", true, now).cacheOnly().cutoff());
        assertEquals(java.time.Instant.parse("2026-11-01T07:00:00Z"),
                builder().prune("", "2026-11-01T08:00:00+01:00", true, now).cacheOnly().cutoff());
        String message = assertThrows(PyzException.class, () -> builder().prune("30", null, false, now).cacheOnly())
                .getMessage();
        assertEquals("unusedFor (pyz.unusedFor): '30' has no unit: write 30d, 12h, 90m or 2w", message);
        message = assertThrows(PyzException.class, () -> builder().prune("45s", null, false, now).cacheOnly()).getMessage();
        assertEquals("unusedFor (pyz.unusedFor): '45s' is shorter than the 10 minutes to which builds record when they"
                + " used an entry: write 0 (everything not in use) or 10m or more", message);
        message = assertThrows(PyzException.class, () -> builder().prune("30d", "2026-11-01", false, now).cacheOnly())
                .getMessage();
        assertEquals("unusedSince (pyz.unusedSince): set either unusedFor or unusedSince, not both", message);
        message = assertThrows(PyzException.class, () -> builder().prune(null, "last week", false, now).cacheOnly())
                .getMessage();
        assertTrue(message.startsWith("unusedSince (pyz.unusedSince): 'last week' is neither a date"), message);
    }
}

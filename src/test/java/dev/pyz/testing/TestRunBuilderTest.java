package dev.pyz.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import dev.pyz.test.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRunBuilderTest {
    @TempDir
    Path dir;

    private TestRunBuilder builder(TestRun.Mode mode) {
        return new TestRunBuilder(TestSettings.builder(dir.resolve("cache")), mode, dir, dir.resolve("target"), "app");
    }

    @Test
    void theTestArchiveIsAnInterpreterInTheBuildFolder() throws Exception {
        TestRun run = builder(TestRun.Mode.UNIT).runner(" PyTest ").filter(" a, ,b ").arguments(List.of(" -x ", ""))
                .build();
        assertEquals(dir.resolve("target/pyz-test/tests.pyz"), run.environment().output());
        assertEquals(Optional.empty(), run.environment().main());
        assertEquals(Optional.empty(), run.environment().sources().directory());
        assertEquals(dir.resolve("src/test/python"), run.testDirectory());
        assertEquals(TestRun.Runner.PYTEST, run.runner());
        assertEquals(List.of("a", "b"), run.filter());
        assertEquals(List.of("-x"), run.arguments());
        assertEquals(dir.resolve("target/surefire-reports/TEST-app.xml"), run.report());
    }

    @Test
    void everyWrongValueIsReportedAtOnceNamingItsParameter() throws Exception {
        Path file = Files.writeString(dir.resolve("tests.txt"), "");
        String message = assertThrows(PyzException.class, () -> builder(TestRun.Mode.UNIT).runner("nose")
                .testDirectory(file).build()).getMessage();
        assertTrue(message.startsWith("2 parameters are not valid:"), message);
        assertTrue(message.contains("testRunner (pyz.testRunner): 'nose' is not auto, pytest or unittest"), message);
        assertTrue(message.contains("testSourceDirectory (pyz.testSourceDirectory): " + file + " is a file"), message);
    }

    @Test
    void integrationTestsNeedTheAppOnlyWhenThereAreTests() throws Exception {
        Path tests = Files.createDirectories(dir.resolve("it"));
        TestRun none = builder(TestRun.Mode.INTEGRATION).testDirectory(dir.resolve("missing")).app(null, List.of())
                .build();
        assertEquals(Optional.empty(), none.app());
        String message = assertThrows(PyzException.class, () -> builder(TestRun.Mode.INTEGRATION).testDirectory(tests)
                .app(null, List.of()).build()).getMessage();
        assertTrue(message.startsWith("app (pyz.app): no .pyz was built in this build: run pyz:zipapp first"), message);
        message = assertThrows(PyzException.class, () -> builder(TestRun.Mode.INTEGRATION).testDirectory(tests)
                .app(null, List.of(dir.resolve("a.pyz"), dir.resolve("b.pyz"))).build()).getMessage();
        assertTrue(message.contains("this build attached 2 .pyz files") && message.contains("name the one under test"),
                message);
        message = assertThrows(PyzException.class, () -> builder(TestRun.Mode.INTEGRATION).testDirectory(tests)
                .app(dir.resolve("gone.pyz"), List.of()).build()).getMessage();
        assertTrue(message.contains("gone.pyz does not exist: build it first"), message);
        Path app = Files.writeString(dir.resolve("app.pyz"), "");
        TestRun run = builder(TestRun.Mode.INTEGRATION).testDirectory(tests).sourceDirectory(dir)
                .app(null, List.of(app)).build();
        assertEquals(Optional.of(app), run.app());
        assertEquals(Optional.empty(), run.sourceDirectory());
        assertEquals(dir.resolve("target/failsafe-reports/TEST-app-it.xml"), run.report());
    }
}

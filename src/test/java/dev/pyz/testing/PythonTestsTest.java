package dev.pyz.testing;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import dev.pyz.cache.WheelInput;
import dev.pyz.test.RecordingLog;
import dev.pyz.test.TestSettings;
import dev.pyz.bytecode.Interpreter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole run with a real interpreter: the test archive, the unittest runner, the report, the verdict. */
class PythonTestsTest {
    @TempDir
    Path dir;
    Path tests;
    List<WheelInput> wheels;

    @BeforeEach
    void project() throws Exception {
        Assumptions.assumeTrue(Interpreter.find("python3", System.getenv("PATH")).isPresent(), "needs python3");
        Path calc = wheel("calc", "1.0").file("calc/__init__.py", "def add(a, b):\n    return a + b\n")
                .writeTo(Files.createDirectories(dir.resolve("wheels")));
        wheels = List.of(WheelInput.of(calc));
        tests = Files.createDirectories(dir.resolve("src/test/python"));
        Files.writeString(tests.resolve("test_calc.py"), """
                import unittest

                import calc


                class CalcTest(unittest.TestCase):
                    def test_adds(self):
                        self.assertEqual(5, calc.add(2, 3))

                    def test_is_wrong(self):
                        self.assertEqual(6, calc.add(2, 3), "deliberately wrong")
                """);
    }

    private TestRunBuilder builder() {
        return new TestRunBuilder(TestSettings.builder(dir.resolve("cache")), TestRun.Mode.UNIT, dir, dir.resolve("target"),
                "calc-app").testDirectory(tests);
    }

    @Test
    void aFailingTestFailsTheRunNamingTheTestAndTheReportListsIt() throws Exception {
        RecordingLog log = new RecordingLog();
        String message = assertThrows(PyzException.class, () -> PythonTests.run(builder().build(), wheels, log))
                .getMessage();
        assertTrue(message.startsWith("There are test failures in the tests: 1 failed, 0 erred, of 2 (report: "
                + dir.resolve("target/surefire-reports/TEST-calc-app.xml") + "):"), message);
        assertTrue(message.contains("\n  FAILED test_calc.CalcTest.test_is_wrong: AssertionError: 6 != 5 : deliberately"
                + " wrong"), message);
        assertTrue(log.infos.stream().anyMatch(l -> l.startsWith("Tests run: 2, Failures: 1, Errors: 0, Skipped: 0,"
                + " Time elapsed: ")), log.infos.toString());
        assertTrue(log.infos.stream().anyMatch(l -> l.contains("FAIL: test_is_wrong")), "the runner's output is logged");
        TestSummary report = JUnitReports.read(dir.resolve("target/surefire-reports/TEST-calc-app.xml"));
        assertEquals(2, report.tests());
        assertEquals(1, report.failures());
    }

    @Test
    void failuresCanBeIgnoredAndAFilterSelectsTests() throws Exception {
        RecordingLog log = new RecordingLog();
        TestSummary s = PythonTests.run(builder().failureIgnore(true).build(), wheels, log);
        assertEquals(1, s.failures());
        assertTrue(log.warnings.stream().anyMatch(w -> w.startsWith("There are test failures")), log.warnings.toString());
        s = PythonTests.run(builder().filter("CalcTest#test_adds").build(), wheels, new RecordingLog());
        assertEquals(1, s.tests());
        assertEquals(0, s.failures());
        String message = assertThrows(PyzException.class, () -> PythonTests.run(builder().filter("nothing").build(),
                wheels, new RecordingLog())).getMessage();
        assertTrue(message.startsWith("No tests ran: no test matches -Dtest=nothing"), message);
        assertSame(TestSummary.NONE, PythonTests.run(builder().filter("nothing").failIfNoSpecifiedTests(false).build(),
                wheels, new RecordingLog()));
    }

    @Test
    void noTestFolderIsNoTestsUnlessTheyAreRequired() throws Exception {
        TestRunBuilder none = builder().testDirectory(dir.resolve("none"));
        Path stale = Files.createDirectories(dir.resolve("target/surefire-reports")).resolve("TEST-calc-app.xml");
        Files.writeString(stale, "<testsuite tests=\"1\"><testcase name=\"old\"/></testsuite>");
        assertSame(TestSummary.NONE, PythonTests.run(none.build(), wheels, new RecordingLog()));
        assertTrue(Files.notExists(stale), "an earlier run's report is left for CI to read");
        String message = assertThrows(PyzException.class, () -> PythonTests.run(builder().testDirectory(
                dir.resolve("none")).failIfNoTests(true).build(), wheels, new RecordingLog())).getMessage();
        assertEquals("No tests ran: " + dir.resolve("none") + " does not exist (failIfNoTests)", message);
    }

    @Test
    void pytestStyleTestsWithoutPytestFailSayingWhatToDeclare() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("test_plain.py"), "def test_fails():\n    assert False\n");
        String message = assertThrows(PyzException.class, () -> PythonTests.run(builder().testDirectory(plain).build(),
                wheels, new RecordingLog())).getMessage();
        assertEquals("unittest found no TestCase in " + plain + ", which has test_plain.py: tests written for pytest"
                + " need pytest, so declare it as a whl dependency with <scope>test</scope> (pyz:import installs it and"
                + " the wheels it needs from a folder of wheels)", message);
    }

    @Test
    void pytestMustBeDeclaredToBeChosen() throws Exception {
        assertEquals(TestRun.Runner.UNITTEST, PythonTests.runner(TestRun.Runner.AUTO, wheels));
        String message = assertThrows(PyzException.class, () -> PythonTests.runner(TestRun.Runner.PYTEST, wheels))
                .getMessage();
        assertTrue(message.startsWith("testRunner is pytest, but no wheel provides it: declare pytest as a whl"
                + " dependency with <scope>test</scope>"), message);
        Path pytest = wheel("pytest", "8.0").file("pytest/__init__.py", "").writeTo(dir.resolve("wheels"));
        assertEquals(TestRun.Runner.PYTEST, PythonTests.runner(TestRun.Runner.AUTO, List.of(WheelInput.of(pytest))));
        // in a local repository the file is named after the artifact: pytest-xdist-3.8.0-py3-none-any.whl
        Path xdist = Files.move(wheel("pytest_xdist", "3.8.0").file("xdist/__init__.py", "").writeTo(dir.resolve("wheels")),
                dir.resolve("wheels/pytest-xdist-3.8.0-py3-none-any.whl"));
        WheelInput artifact = new WheelInput(xdist, "it:pytest-xdist:3.8.0", Optional.of("pytest-xdist"), Optional.of("3.8.0"));
        assertTrue(PythonTests.provides(List.of(artifact), "pytest_xdist"));
        assertFalse(PythonTests.provides(List.of(artifact), "pytest"));
    }
}

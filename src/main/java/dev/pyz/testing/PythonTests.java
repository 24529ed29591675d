package dev.pyz.testing;

import dev.pyz.AtomicFiles;
import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.Resources;
import dev.pyz.app.PackSettings;
import dev.pyz.app.Packager;
import dev.pyz.bytecode.Interpreter;
import dev.pyz.cache.WheelInput;
import dev.pyz.wheel.WheelFileName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The library's entry point for the project's Python tests ({@code pyz:test}, {@code pyz:integration-test}):
 * build the archive the tests run in from every wheel (through the pack cache, so nothing is packed twice),
 * choose the runner, run it, read its JUnit XML report, and judge.
 */
public final class PythonTests {
    /** The unittest runner, shipped as a resource and written beside the test archive. */
    static final String UNITTEST_SCRIPT = "pyz_unittest.py";
    /** pytest's exit status when it collected no test; the unittest runner uses it too. */
    static final int NO_TESTS = 5;

    private PythonTests() {}

    /**
     * Runs the tests of {@code run} with {@code wheels} importable; returns what the report says.
     *
     * @throws PyzException when a test failed or erred (unless {@code failureIgnore}), when no test ran but
     *     {@code failIfNoTests} or a filter asked for some, or when the runner could not run
     */
    public static TestSummary run(TestRun run, List<WheelInput> wheels, Log log) throws IOException {
        Files.deleteIfExists(run.report()); // no report of an earlier run is left for CI to read
        if (!Files.isDirectory(run.testDirectory())) {
            return noTests(run, run.testDirectory() + " does not exist", log);
        }
        Path python = interpreter(run.environment().pack());
        TestRun.Runner runner = runner(run.runner(), wheels);
        Path archive = Packager.zipapp(run.environment(), wheels, log).output();
        TestCommand command = runner == TestRun.Runner.PYTEST
                ? TestCommand.pytest(run, python, archive, provides(wheels, "pytest_xdist"))
                : TestCommand.unittest(run, python, archive, unittestScript(archive.getParent()));
        if (runner == TestRun.Runner.UNITTEST && !run.arguments().isEmpty()) {
            log.warn("testArguments are pytest's; unittest takes none, so " + run.arguments() + " are not used");
        }
        log.info("Running the " + run.mode().noun() + " in " + run.testDirectory() + " with "
                + (runner == TestRun.Runner.PYTEST ? "pytest" : "unittest") + " (" + python + ")");
        Files.createDirectories(run.reportsDirectory());
        int exit = command.run(log);
        return judge(run, runner, exit, log);
    }

    /** What the report and the exit status say, logged as surefire does; failures fail unless ignored. */
    private static TestSummary judge(TestRun run, TestRun.Runner runner, int exit, Log log) throws IOException {
        String name = runner == TestRun.Runner.PYTEST ? "pytest" : "unittest";
        if (!Files.isRegularFile(run.report())) {
            throw new PyzException(name + " stopped with exit status " + exit + " before writing its report "
                    + run.report() + ": see its output above");
        }
        TestSummary summary = JUnitReports.read(run.report());
        if (runner == TestRun.Runner.PYTEST && exit >= 2 && exit != NO_TESTS) {
            throw new PyzException("pytest could not run the " + run.mode().noun() + " (exit status " + exit + ": "
                    + switch (exit) {
                        case 2 -> "interrupted, for instance by an error while collecting the tests";
                        case 4 -> "a usage error, check testArguments and -Dtest";
                        default -> "an internal error";
                    } + "): see its output above");
        }
        log.info(summary.line() + " (report: " + run.report() + ")");
        if (summary.tests() == 0 && runner == TestRun.Runner.UNITTEST && run.runner() == TestRun.Runner.AUTO
                && run.filter().isEmpty()) {
            Optional<Path> file = pytestStyle(run.testDirectory());
            if (file.isPresent()) {
                throw new PyzException("unittest found no TestCase in " + run.testDirectory() + ", which has "
                        + file.get() + ": tests written for pytest need pytest, so declare it as a whl dependency with"
                        + " <scope>test</scope> (pyz:import installs it and the wheels it needs from a folder of wheels)");
            }
        }
        if (summary.tests() == 0) {
            return noTests(run, "no test " + (run.filter().isEmpty() ? "was found in " + run.testDirectory()
                    : "matches -Dtest=" + String.join(",", run.filter())), log);
        }
        if (summary.hasFailures()) {
            String message = failureMessage(run, summary);
            if (!run.failureIgnore()) {
                throw new PyzException(message);
            }
            log.warn(message);
        } else if (exit != 0) {
            throw new PyzException(name + " ended with exit status " + exit + " although its report lists no"
                    + " failure: see its output above");
        }
        return summary;
    }

    private static String failureMessage(TestRun run, TestSummary summary) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "There are test failures in the %s: %d failed,"
                + " %d erred, of %d (report: %s):", run.mode().noun(), summary.failures(), summary.errors(),
                summary.tests(), run.report()));
        int shown = 0;
        for (TestSummary.Failed f : summary.failed()) {
            if (shown++ == 20) {
                s.append("\n  ... and ").append(summary.failed().size() - 20).append(" more");
                break;
            }
            String message = f.message().strip().lines().findFirst().orElse("");
            s.append("\n  ").append(f.kind().equals("error") ? "ERROR " : "FAILED ").append(f.name())
                    .append(message.isEmpty() ? "" : ": " + (message.length() > 200 ? message.substring(0, 200) + "..." : message));
        }
        return s.toString();
    }

    /** A file of {@code folder} named as pytest's tests and configuration are, if there is one. */
    private static Optional<Path> pytestStyle(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.equals("conftest.py")
                        || name.endsWith(".py") && (name.startsWith("test") || name.endsWith("_test.py"));
            }).filter(Files::isRegularFile).sorted().findFirst().map(folder::relativize);
        }
    }

    /** A run without tests: fine, unless a filter asked for some (and failIfNoSpecifiedTests) or {@code failIfNoTests}. */
    private static TestSummary noTests(TestRun run, String why, Log log) throws PyzException {
        if (!run.filter().isEmpty() && Files.isDirectory(run.testDirectory()) && run.failIfNoSpecifiedTests()) {
            throw new PyzException("No " + run.mode().noun() + " ran: " + why + " (write a test's name, a glob such as"
                    + " test_core*, or a pytest node id such as test_core.py::test_add; failIfNoSpecifiedTests=false"
                    + " lets such a run pass)");
        }
        if (run.failIfNoTests()) {
            throw new PyzException("No " + run.mode().noun() + " ran: " + why + " (failIfNoTests)");
        }
        log.info("No " + run.mode().noun() + " to run: " + why);
        return TestSummary.NONE;
    }

    /** The interpreter the tests run with: the one that compiles the bytecode ({@code python}, {@code targetPython}). */
    private static Path interpreter(PackSettings pack) throws PyzException {
        String name = pack.bytecode().executableName(pack.target().python());
        return Interpreter.find(name, pack.bytecode().searchPath()).orElseThrow(() -> new PyzException(
                "no Python interpreter '" + name + "' was found" + (name.contains("/") ? "" : " on PATH")
                        + " to run the tests: set python (-Dpyz.python) to one, or targetPython to a version installed here"));
    }

    /** pytest when a wheel provides it (AUTO), else unittest; PYTEST requires the wheel. */
    static TestRun.Runner runner(TestRun.Runner chosen, List<WheelInput> wheels) throws PyzException {
        boolean pytest = provides(wheels, "pytest");
        if (chosen == TestRun.Runner.PYTEST && !pytest) {
            throw new PyzException("testRunner is pytest, but no wheel provides it: declare pytest as a whl dependency"
                    + " with <scope>test</scope> (pyz:import installs it and the wheels it needs from a folder of wheels)");
        }
        if (chosen != TestRun.Runner.AUTO) {
            return chosen;
        }
        return pytest ? TestRun.Runner.PYTEST : TestRun.Runner.UNITTEST;
    }

    /** Whether one of the wheels is the distribution {@code normalized} (PEP 503, '_' for runs of '-_.'). */
    static boolean provides(List<WheelInput> wheels, String normalized) {
        for (WheelInput w : wheels) {
            Optional<String> name = distribution(w);
            if (name.isPresent() && name.get().equals(normalized)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The distribution a wheel provides: the name its coordinates give (the artifactId), else its file's
     * name (which, in a local repository, is {@code artifactId-version-classifier.whl}).
     */
    private static Optional<String> distribution(WheelInput w) {
        if (w.expectedName().isPresent()) {
            return w.expectedName().map(PythonTests::normalize);
        }
        try {
            return Optional.of(normalize(WheelFileName.parse(w.file().getFileName().toString()).name()));
        } catch (PyzException e) {
            return Optional.empty();
        }
    }

    private static String normalize(String name) {
        return WheelFileName.normalize(name).replace('-', '_');
    }

    /** The unittest runner script, written into {@code folder} when it is not there as shipped. */
    private static Path unittestScript(Path folder) throws IOException {
        byte[] content = Resources.read(PythonTests.class, UNITTEST_SCRIPT);
        Path script = folder.resolve(UNITTEST_SCRIPT);
        if (!Files.isRegularFile(script) || !Arrays.equals(Files.readAllBytes(script), content)) {
            AtomicFiles.write(script, content);
        }
        return script;
    }
}

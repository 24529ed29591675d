package dev.pyz.testing;

import dev.pyz.app.ZipappSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One run of the project's Python tests, built and validated once by {@link TestRunBuilder}.
 *
 * @param mode unit tests against the sources, or integration tests against the built {@code .pyz}
 * @param environment the archive the tests run in: every resolved wheel, test scope included, no entry
 *     point (the archive is a Python interpreter with the wheels importable)
 * @param workingDirectory where the runner starts (the project's folder: pytest reads its configuration there)
 * @param testDirectory the tests
 * @param sourceDirectory the project's sources, first on the tests' path (unit mode), when the folder is there
 * @param app the {@code .pyz} under test (integration mode): its path is in {@code PYZ_APP}
 * @param runner pytest, unittest, or whichever the wheels allow
 * @param filter which tests ({@code -Dtest}): pytest node ids or paths, or names and globs
 * @param arguments more arguments for pytest
 * @param reportsDirectory where the JUnit XML report goes
 * @param suiteName the report's suite name, and its file name {@code TEST-<suiteName>.xml}
 * @param failIfNoTests whether a run without tests fails
 * @param failIfNoSpecifiedTests whether a filter that selects no test fails the run
 * @param failureIgnore whether failing tests only warn
 */
public record TestRun(Mode mode, ZipappSettings environment, Path workingDirectory, Path testDirectory,
        Optional<Path> sourceDirectory, Optional<Path> app, Runner runner, List<String> filter, List<String> arguments,
        Path reportsDirectory, String suiteName, boolean failIfNoTests, boolean failIfNoSpecifiedTests,
        boolean failureIgnore) {

    /** Unit tests (pyz:test, surefire's reports folder) or integration tests (failsafe's). */
    public enum Mode {
        UNIT("tests"), INTEGRATION("integration tests");

        private final String noun;

        Mode(String noun) {
            this.noun = noun;
        }

        public String noun() {
            return noun;
        }
    }

    /** Which test runner: pytest when a wheel provides it, else unittest ({@code AUTO}), or the one named. */
    public enum Runner { AUTO, PYTEST, UNITTEST }

    /** The report file. */
    public Path report() {
        return reportsDirectory.resolve("TEST-" + suiteName + ".xml");
    }
}

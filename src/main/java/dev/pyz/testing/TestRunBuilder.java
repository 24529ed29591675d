package dev.pyz.testing;

import dev.pyz.PyzException;
import dev.pyz.app.SettingsBuilder;
import dev.pyz.app.ZipappSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds a {@link TestRun} from the goal's parameters, each checked once: problems join those of the
 * archive's settings ({@link SettingsBuilder}), and all are reported together, each naming its parameter,
 * before any work starts.
 */
public final class TestRunBuilder {
    private final SettingsBuilder archive;
    private final TestRun.Mode mode;
    private final Path projectDirectory;
    private Path testDirectory;
    private Optional<Path> sourceDirectory = Optional.empty();
    private Optional<Path> explicitApp = Optional.empty();
    private List<Path> attachedApps = List.of();
    private TestRun.Runner runner = TestRun.Runner.AUTO;
    private List<String> filter = List.of();
    private List<String> arguments = List.of();
    private Path reportsDirectory;
    private String suiteName;
    private boolean failIfNoTests;
    private boolean failIfNoSpecifiedTests = true;
    private boolean failureIgnore;

    /**
     * @param archive the shared settings (interpreter, target, cache, bytecode) of the archive the tests run
     *     in; its output is set here: {@code <buildDirectory>/pyz-test/tests.pyz}, no sources, no entry point
     * @param projectDirectory where the runner starts
     */
    public TestRunBuilder(SettingsBuilder archive, TestRun.Mode mode, Path projectDirectory, Path buildDirectory,
            String artifactId) {
        this.archive = archive.output(buildDirectory.resolve("pyz-test"), "tests", null,
                buildDirectory.resolve("pyz-maven-plugin")).wheelsOnly();
        this.mode = mode;
        this.projectDirectory = projectDirectory;
        this.suiteName = artifactId + (mode == TestRun.Mode.UNIT ? "" : "-it");
        this.reportsDirectory = buildDirectory.resolve(mode == TestRun.Mode.UNIT ? "surefire-reports" : "failsafe-reports");
    }

    /** The tests; a folder that does not exist means there are none. */
    public TestRunBuilder testDirectory(Path value) {
        if (value != null && Files.exists(value) && !Files.isDirectory(value)) {
            archive.problem("testSourceDirectory", mode == TestRun.Mode.UNIT ? "pyz.testSourceDirectory"
                    : "pyz.integrationTestSourceDirectory", value + " is a file, not a folder");
        }
        testDirectory = value == null ? projectDirectory.resolve("src/test/python") : value.toAbsolutePath();
        return this;
    }

    /** The project's sources, first on the unit tests' path when the folder is there. */
    public TestRunBuilder sourceDirectory(Path value) {
        sourceDirectory = value != null && Files.isDirectory(value) ? Optional.of(value.toAbsolutePath()) : Optional.empty();
        return this;
    }

    /**
     * The {@code .pyz} under test: {@code explicit} when given, else the one {@code pyz:zipapp} attached in
     * this build ({@code attached}). Checked when there are tests to run.
     */
    public TestRunBuilder app(Path explicit, List<Path> attached) {
        this.explicitApp = Optional.ofNullable(explicit).map(Path::toAbsolutePath);
        this.attachedApps = List.copyOf(attached);
        return this;
    }

    /** The {@code .pyz} under test, or a problem saying which to name. */
    private Optional<Path> chooseApp() {
        if (explicitApp.isPresent()) {
            if (!Files.isRegularFile(explicitApp.get())) {
                archive.problem("app", "pyz.app", explicitApp.get() + " does not exist: build it first (pyz:zipapp runs"
                        + " in the package phase, before integration-test)");
            }
            return explicitApp;
        }
        if (attachedApps.size() == 1) {
            return Optional.of(attachedApps.get(0).toAbsolutePath());
        }
        archive.problem("app", "pyz.app", attachedApps.isEmpty()
                ? "no .pyz was built in this build: run pyz:zipapp first (mvn verify runs it in the package phase),"
                        + " or name the file under test"
                : "this build attached " + attachedApps.size() + " .pyz files " + attachedApps + ": name the one under test");
        return Optional.empty();
    }

    /** {@code auto} (pytest when a wheel provides it, else unittest), {@code pytest} or {@code unittest}. */
    public TestRunBuilder runner(String value) {
        if (value != null && !value.isBlank()) {
            try {
                runner = TestRun.Runner.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                archive.problem("testRunner", "pyz.testRunner", "'" + value + "' is not auto, pytest or unittest");
            }
        }
        return this;
    }

    /** {@code -Dtest}: comma-separated names, globs or pytest node ids; blank means every test. */
    public TestRunBuilder filter(String value) {
        List<String> parts = new ArrayList<>();
        if (value != null) {
            for (String p : value.split(",")) {
                if (!p.isBlank()) {
                    parts.add(p.strip());
                }
            }
        }
        filter = List.copyOf(parts);
        return this;
    }

    /** More arguments for pytest, as written. */
    public TestRunBuilder arguments(List<String> values) {
        List<String> kept = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            if (v != null && !v.isBlank()) {
                kept.add(v.strip());
            }
        }
        arguments = List.copyOf(kept);
        return this;
    }

    public TestRunBuilder reportsDirectory(Path value) {
        if (value != null) {
            reportsDirectory = value.toAbsolutePath();
        }
        return this;
    }

    public TestRunBuilder failIfNoTests(boolean value) {
        failIfNoTests = value;
        return this;
    }

    /** Whether a filter ({@code -Dtest}) that selects no test fails the run (as surefire's, by default). */
    public TestRunBuilder failIfNoSpecifiedTests(boolean value) {
        failIfNoSpecifiedTests = value;
        return this;
    }

    public TestRunBuilder failureIgnore(boolean value) {
        failureIgnore = value;
        return this;
    }

    /** The run; fails with every problem found, the archive's included. */
    public TestRun build() throws PyzException {
        if (testDirectory == null) {
            testDirectory(null);
        }
        Optional<Path> app = mode == TestRun.Mode.INTEGRATION && Files.isDirectory(testDirectory) ? chooseApp()
                : Optional.empty();
        ZipappSettings environment = archive.zipapp();
        return new TestRun(mode, environment, projectDirectory.toAbsolutePath(), testDirectory,
                mode == TestRun.Mode.UNIT ? sourceDirectory : Optional.empty(), app, runner, filter, arguments,
                reportsDirectory, suiteName, failIfNoTests, failIfNoSpecifiedTests, failureIgnore);
    }
}

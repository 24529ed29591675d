package dev.pyz.maven;

import dev.pyz.testing.PythonTests;
import dev.pyz.testing.TestRun;
import dev.pyz.testing.TestRunBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the test goals share: the runner, which tests, what failures do, and the archive the tests run in
 * (every resolved wheel, test scope included, packed through the same cache as the zipapp's).
 */
abstract class AbstractTestMojo extends AbstractPackingMojo {
    /** {@code auto} (pytest when a wheel provides it, else unittest), {@code pytest} or {@code unittest}. */
    @Parameter(property = "pyz.testRunner", defaultValue = "auto")
    private String testRunner;

    /**
     * Which tests, comma-separated: pytest node ids or paths ({@code test_core.py::test_add}, relative to
     * the project or the test folder), or names and globs ({@code test_add}, {@code Core#test_add},
     * {@code test_core*}: pytest's {@code -k}, or a match on unittest's test ids). A filter that selects
     * nothing fails the build.
     */
    @Parameter(property = "test")
    private String test;

    /** Fail the build when there are no tests to run. */
    @Parameter(property = "failIfNoTests", defaultValue = "false")
    private boolean failIfNoTests;

    /** Log failing tests as a warning instead of failing the build. */
    @Parameter(property = "maven.test.failure.ignore", defaultValue = "false")
    private boolean testFailureIgnore;

    /** More arguments for pytest ({@code -x}, {@code -p no:randomly}, {@code -n 4}), one per element. */
    @Parameter(property = "pyz.testArguments")
    private List<String> testArguments;

    /** Skip the tests (the same property surefire and failsafe read). */
    @Parameter(property = "skipTests", defaultValue = "false")
    protected boolean skipTests;

    /** Skip compiling and running the tests (the same property surefire reads). */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    protected boolean skipAllTests;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    /** The shared parameters of a run, and its archive's settings. */
    protected TestRunBuilder tests(TestRun.Mode mode) {
        return new TestRunBuilder(settings().project(project.getGroupId() + ":" + project.getArtifactId() + ":"
                        + project.getVersion(), pluginVersion), mode, project.getBasedir().toPath(),
                Path.of(project.getBuild().getDirectory()), project.getArtifactId())
                .runner(testRunner).filter(test).arguments(testArguments).failIfNoTests(failIfNoTests)
                .failureIgnore(testFailureIgnore);
    }

    /** Runs {@code run} with every resolved wheel, test scope included. */
    protected void run(TestRunBuilder run) throws MojoExecutionException, MojoFailureException {
        try {
            PythonTests.run(run.build(), wheelInputs(Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME,
                    Artifact.SCOPE_PROVIDED, Artifact.SCOPE_TEST)), log());
        } catch (IOException e) {
            rethrow(e);
        }
    }
}

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
abstract class AbstractTestMojo extends AbstractArchiveMojo {
    /** {@code auto} (pytest when a wheel provides it, else unittest), {@code pytest} or {@code unittest}. */
    @Parameter(property = "pyz.testRunner", defaultValue = "auto")
    private String testRunner;

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

    /** The shared parameters of a run, and its archive's settings. */
    protected TestRunBuilder tests(TestRun.Mode mode) {
        return new TestRunBuilder(archiveSettings(List.of()), mode, project.getBasedir().toPath(),
                Path.of(project.getBuild().getDirectory()), project.getArtifactId())
                .runner(testRunner).arguments(testArguments).failIfNoTests(failIfNoTests)
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

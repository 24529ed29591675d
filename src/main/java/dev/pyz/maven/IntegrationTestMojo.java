package dev.pyz.maven;

import dev.pyz.testing.TestRun;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs the project's Python integration tests against the built {@code .pyz} itself, as failsafe runs a
 * jar's: the tests start the archive under test, whose path is in the environment variable
 * {@code PYZ_APP}, with the interpreter in {@code PYZ_PYTHON}
 * ({@code subprocess.run([os.environ["PYZ_PYTHON"], os.environ["PYZ_APP"], ...])}), so what is
 * tested is what ships: its bootstrap, its extracted wheels, its isolation. pytest or unittest as for
 * {@code pyz:test}; a JUnit XML report in {@code target/failsafe-reports}; a failing test fails the build.
 */
@Mojo(name = "integration-test", defaultPhase = LifecyclePhase.INTEGRATION_TEST,
        requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class IntegrationTestMojo extends AbstractTestMojo {
    /** The integration tests. */
    @Parameter(property = "pyz.integrationTestSourceDirectory",
            defaultValue = "${project.basedir}/src/integration-test/python")
    private File testSourceDirectory;

    /** The {@code .pyz} under test. Default: the one {@code pyz:zipapp} attached in this build. */
    @Parameter(property = "pyz.app")
    private File app;

    /** Which integration tests, as {@code test} selects unit tests (failsafe's property). */
    @Parameter(property = "it.test")
    private String test;

    /** Fail when {@code test} selects no integration test (failsafe's property). */
    @Parameter(property = "it.failIfNoSpecifiedTests", defaultValue = "true")
    private boolean failIfNoSpecifiedTests;

    /** Where the JUnit XML report goes ({@code TEST-<artifactId>-it.xml}). */
    @Parameter(property = "pyz.integrationReportsDirectory", defaultValue = "${project.build.directory}/failsafe-reports")
    private File reportsDirectory;

    /** Skip the integration tests only (the same property failsafe reads). */
    @Parameter(property = "skipITs", defaultValue = "false")
    private boolean skipITs;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests || skipAllTests || skipITs) {
            getLog().info("Integration tests are skipped.");
            return;
        }
        run(tests(TestRun.Mode.INTEGRATION).filter(test).failIfNoSpecifiedTests(failIfNoSpecifiedTests)
                .testDirectory(testSourceDirectory.toPath())
                .app(app == null ? null : app.toPath(), attachedApps()).reportsDirectory(reportsDirectory.toPath()));
    }

    /** The {@code .pyz} files attached to the project in this build. */
    private List<Path> attachedApps() {
        List<Path> found = new ArrayList<>();
        for (Artifact a : project.getAttachedArtifacts()) {
            if ("pyz".equals(a.getType()) && a.getFile() != null) {
                found.add(a.getFile().toPath());
            }
        }
        return found;
    }
}

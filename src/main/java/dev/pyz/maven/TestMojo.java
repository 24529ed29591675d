package dev.pyz.maven;

import dev.pyz.testing.TestRun;
import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs the project's Python unit tests against its sources and wheels, as surefire runs a jar's: pytest
 * when a {@code whl} dependency (usually in test scope) provides it, else unittest; a JUnit XML report in
 * {@code target/surefire-reports}; a failing test fails the build. Test-scoped wheels never enter the
 * {@code .pyz}.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.TEST, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class TestMojo extends AbstractTestMojo {
    /** The tests: discovered by pytest's rules, or unittest's ({@code test*.py}). */
    @Parameter(property = "pyz.testSourceDirectory", defaultValue = "${project.basedir}/src/test/python")
    private File testSourceDirectory;

    /** The project's sources, first on the tests' path (the same folder {@code pyz:zipapp} packs). */
    @Parameter(property = "pyz.sourceDirectory", defaultValue = "${project.basedir}/src/main/python")
    private File sourceDirectory;

    /**
     * Which tests, comma-separated: pytest node ids or paths ({@code test_core.py::test_add}, relative to
     * the project or the test folder), or names and globs ({@code test_add}, {@code Core#test_add},
     * {@code test_core*}: pytest's {@code -k}, which matches parts of names, or a match on unittest's test
     * ids).
     */
    @Parameter(property = "test")
    private String test;

    /** Fail when {@code test} selects no test (surefire's property). */
    @Parameter(property = "surefire.failIfNoSpecifiedTests", defaultValue = "true")
    private boolean failIfNoSpecifiedTests;

    /** Where the JUnit XML report goes ({@code TEST-<artifactId>.xml}). */
    @Parameter(property = "pyz.reportsDirectory", defaultValue = "${project.build.directory}/surefire-reports")
    private File reportsDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipTests || skipAllTests) {
            getLog().info("Tests are skipped.");
            return;
        }
        run(tests(TestRun.Mode.UNIT).filter(test).failIfNoSpecifiedTests(failIfNoSpecifiedTests)
                .testDirectory(testSourceDirectory.toPath())
                .sourceDirectory(sourceDirectory.toPath()).reportsDirectory(reportsDirectory.toPath()));
    }
}

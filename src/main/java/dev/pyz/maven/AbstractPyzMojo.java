package dev.pyz.maven;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.app.SettingsBuilder;
import dev.pyz.cache.WheelInput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What every goal shares: the project's wheels, the interpreter, the target, skip. */
abstract class AbstractPyzMojo extends AbstractMojo {
    /** The dependency type that marks a Python wheel. */
    static final String WHEEL_TYPE = "whl";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /**
     * The Python interpreter: a path, or a name looked up on PATH. Default: {@code python<targetPython>} when
     * {@code targetPython} is set, else {@code python3}. It compiles the bytecode, and its version is the
     * target when {@code targetPython} is not set.
     */
    @Parameter(property = "pyz.python")
    protected String python;

    /**
     * The Python version the zipapp is for: {@code 3.12} (any 3.12 release), {@code 3.12.4} (that release;
     * {@code py3.12} and {@code cp312} are read the same way). Default: the version of the bytecode
     * interpreter ({@code python}). Every wheel must fit it (tags and {@code Requires-Python}), markers are
     * evaluated for it, the bytecode interpreter must be a release of it, and it chooses the layout of
     * archives past 65,535 entries (Zip64 records for 3.13+, which earlier versions cannot read; a wrapped
     * entry count for 3.8-3.12, which 3.13+ cannot read).
     */
    @Parameter(property = "pyz.targetPython")
    protected String targetPython;

    /** The target's {@code sys.platform} for markers (linux, darwin, win32); default: this machine's. */
    @Parameter(property = "pyz.targetPlatform")
    protected String targetPlatform;

    /** The target's {@code platform.machine()} for markers (x86_64, aarch64, arm64); default: this machine's. */
    @Parameter(property = "pyz.targetMachine")
    protected String targetMachine;

    /** Skip this goal. */
    @Parameter(property = "pyz.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * The parameters every goal shares (the interpreter and the target), each checked when the goal asks
     * the builder for its settings: all problems reported together, each naming its parameter, before any
     * work starts.
     */
    protected SettingsBuilder settings() {
        return new SettingsBuilder().python(python, System.getenv("PATH")).targetPython(targetPython)
                .targetPlatform(targetPlatform).targetMachine(targetMachine);
    }

    protected Log log() {
        return new MavenLog(getLog());
    }

    /** Resolved dependencies of type {@code whl} in compile and runtime scope, direct or transitive. */
    protected List<WheelInput> wheelInputs() throws MojoFailureException {
        return wheelInputs(Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME));
    }

    /** Resolved dependencies of type {@code whl} in one of {@code scopes}, direct or transitive. */
    protected List<WheelInput> wheelInputs(Set<String> scopes) throws MojoFailureException {
        List<WheelInput> inputs = new ArrayList<>();
        for (Artifact a : project.getArtifacts()) {
            if (!WHEEL_TYPE.equals(a.getType())) {
                continue;
            }
            String scope = a.getScope() == null ? Artifact.SCOPE_COMPILE : a.getScope();
            if (!scopes.contains(scope)) {
                continue;
            }
            if (a.getFile() == null) {
                throw new MojoFailureException(a.getId() + ": the wheel was not resolved to a file");
            }
            inputs.add(new WheelInput(a.getFile().toPath(), a.getId(), Optional.of(a.getArtifactId()),
                    Optional.of(a.getBaseVersion())));
        }
        return inputs;
    }

    /**
     * A problem with the input ({@link PyzException}) fails the build with its message; any other I/O
     * error is an execution error.
     */
    protected static void rethrow(IOException e) throws MojoExecutionException, MojoFailureException {
        if (e instanceof PyzException) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        throw new MojoExecutionException(e.getMessage(), e);
    }
}

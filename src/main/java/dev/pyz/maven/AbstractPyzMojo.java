package dev.pyz.maven;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.app.SettingsBuilder;
import dev.pyz.cache.WheelInput;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What the goals share: the wheels among the project's dependencies, the pack cache, threads. */
abstract class AbstractPyzMojo extends AbstractMojo {
    /** The dependency type that marks a Python wheel. */
    static final String WHEEL_TYPE = "whl";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /**
     * Where packed wheels are cached. Default: {@code .cache/pyz} under the local repository directory,
     * so that every project and build on the machine shares it.
     */
    @Parameter(property = "pyz.cacheDirectory")
    protected File cacheDirectory;

    /** Threads for packing wheels and compressing sources; 0 means one per available processor. */
    @Parameter(property = "pyz.threads", defaultValue = "0")
    protected int threads;

    /**
     * Check every file of every wheel against the wheel's RECORD (sha256 and size) when it is packed, and
     * fail the build on a mismatch. {@code false} turns mismatches into one warning per wheel, for wheels
     * known to ship a broken RECORD.
     */
    @Parameter(property = "pyz.verifyRecord", defaultValue = "true")
    protected boolean verifyRecord;

    /**
     * The most a wheel's entries may declare uncompressed, all together: bytes, or a number with
     * {@code k}, {@code m}, {@code g} or {@code t} (binary units). A wheel above it is refused when it is packed.
     */
    @Parameter(property = "pyz.maxWheelSize", defaultValue = "8g")
    protected String maxWheelSize;

    /**
     * Bytecode in the zipapp: {@code auto} compiles every pure-Python module of the wheels and the
     * project with {@code python} (unchecked-hash pycs, cached per wheel and interpreter) when that
     * interpreter is found, and warns when it is not; {@code required} fails the build instead;
     * {@code off} builds without. Bytecode serves the interpreter version that wrote it; other versions
     * compile at start as they would without it.
     */
    @Parameter(property = "pyz.bytecode", defaultValue = "auto")
    protected String bytecode;

    /**
     * The interpreter that compiles the bytecode: a path, or a name looked up on PATH. Default:
     * {@code python<targetPython>} when {@code targetPython} is set, else {@code python3}.
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
     * The parameters every goal shares, each checked (all problems reported together, each naming its
     * parameter, before any work starts by {@link SettingsBuilder#pack()} or {@link SettingsBuilder#zipapp()}).
     */
    protected SettingsBuilder settings() {
        Path shared = session.getRepositorySession().getLocalRepository().getBasedir().toPath().resolve(".cache")
                .resolve("pyz");
        return new SettingsBuilder()
                .cache(cacheDirectory == null ? null : cacheDirectory.toPath(), shared,
                        Path.of(project.getBuild().getDirectory(), "pyz-cache"))
                .threads(threads).verifyRecord(verifyRecord).maxWheelSize(maxWheelSize).bytecode(bytecode)
                .python(python, System.getenv("PATH")).targetPython(targetPython).targetPlatform(targetPlatform)
                .targetMachine(targetMachine);
    }

    protected Log log() {
        return new MavenLog(getLog());
    }

    /** Resolved dependencies of type {@code whl} in compile and runtime scope, direct or transitive. */
    protected List<WheelInput> wheelInputs() throws MojoFailureException {
        List<WheelInput> inputs = new ArrayList<>();
        for (Artifact a : project.getArtifacts()) {
            if (!WHEEL_TYPE.equals(a.getType())) {
                continue;
            }
            String scope = a.getScope() == null ? Artifact.SCOPE_COMPILE : a.getScope();
            if (!scope.equals(Artifact.SCOPE_COMPILE) && !scope.equals(Artifact.SCOPE_RUNTIME)) {
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

package dev.pyz.maven;

import dev.pyz.bytecode.BytecodeCache;
import dev.pyz.bytecode.BytecodeMode;
import dev.pyz.bytecode.CompiledWheel;
import dev.pyz.bytecode.Compiler;
import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.Sizes;
import dev.pyz.wheel.WheelLimits;
import dev.pyz.cache.CacheLocation;
import dev.pyz.cache.PackCache;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.WheelInput;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
     * The most an entry above 1 MiB may expand (uncompressed size / compressed size); a wheel with an entry
     * above it is refused when it is packed.
     */
    @Parameter(property = "pyz.maxCompressionRatio", defaultValue = "1000")
    protected long maxCompressionRatio;

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
     * The Python version the zipapp is for, as {@code major.minor} (e.g. {@code 3.12}). When set, the
     * bytecode interpreter must be this version, and it chooses the layout of archives past 65,535 entries
     * (Zip64 records for 3.13+, which earlier versions cannot read; a wrapped entry count for 3.8-3.12,
     * which 3.13+ cannot read). Without it such archives are refused.
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

    /** Closes the bytecode workers whatever happens. */
    protected record Compilers(Optional<Compiler> compiler) implements AutoCloseable {
        @Override
        public void close() {
            compiler.ifPresent(Compiler::close);
        }
    }

    /** Every wheel's bytecode, from the bytecode cache or compiled now, logging what happened. */
    protected List<CompiledWheel> compileWheels(List<PackedWheel> wheels, Compiler compiler) throws IOException {
        long start = System.nanoTime();
        List<CompiledWheel> compiled = new BytecodeCache(cache().root()).prepare(wheels, compiler, threads(), log());
        getLog().info(String.format(Locale.ROOT, "Bytecode for %s: %d module(s) of %d wheel(s) (%.2f s)",
                compiler.interpreter().describe(), compiled.stream().mapToInt(CompiledWheel::pycs).sum(),
                compiled.size(), (System.nanoTime() - start) / 1e9));
        return compiled;
    }

    /** {@code targetPython}, else the major.minor of the {@code python} interpreter; fails when neither is known. */
    protected String targetPythonOrInterpreter() throws IOException {
        if (targetPython != null && !targetPython.isBlank()) {
            return targetPython.strip();
        }
        try (Compilers c = new Compilers(BytecodeMode.AUTO.start(python, null, System.getenv("PATH"), 1, Log.NONE))) {
            return c.compiler().map(x -> x.interpreter().minorVersion()).orElseThrow(() -> new PyzException(
                    "no target Python: set -Dpyz.targetPython=3.12 (for example), or put "
                    + BytecodeMode.executableName(python, null) + " on the PATH"));
        }
    }

    protected Log log() {
        return new MavenLog(getLog());
    }

    protected int threads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    private PackCache cache;

    /**
     * The pack cache: {@code cacheDirectory} when set; else {@code .cache/pyz} under the local repository,
     * or {@code ${project.build.directory}/pyz-cache} (with a warning) when that cannot be written.
     */
    protected PackCache cache() throws PyzException {
        if (cache == null) {
            Path root;
            if (cacheDirectory != null) {
                root = cacheDirectory.toPath();
            } else {
                Path shared = session.getRepositorySession().getLocalRepository().getBasedir().toPath()
                        .resolve(".cache").resolve("pyz");
                root = CacheLocation.choose(shared.toAbsolutePath(),
                        Path.of(project.getBuild().getDirectory(), "pyz-cache").toAbsolutePath(), log());
            }
            cache = new PackCache(root.toAbsolutePath(), limits());
        }
        return cache;
    }

    /** The wheel limits from {@code maxWheelSize} and {@code maxCompressionRatio}. */
    protected WheelLimits limits() throws PyzException {
        long size;
        try {
            size = maxWheelSize == null ? WheelLimits.DEFAULTS.maxTotalSize() : Sizes.parse(maxWheelSize);
        } catch (PyzException e) {
            throw new PyzException("maxWheelSize (pyz.maxWheelSize): " + e.getMessage());
        }
        if (maxCompressionRatio < 1) {
            throw new PyzException("maxCompressionRatio (pyz.maxCompressionRatio) must be at least 1, not "
                    + maxCompressionRatio);
        }
        return new WheelLimits(size, maxCompressionRatio, WheelLimits.DEFAULTS.ratioAbove());
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

    /** Packs what the cache lacks and returns every wheel's packed entry, logging what happened. */
    protected List<PackedWheel> prepareWheels(List<WheelInput> inputs) throws IOException {
        PackCache cache = cache();
        long start = System.nanoTime();
        List<PackCache.Prepared> prepared = cache.prepare(inputs, threads(), verifyRecord, log());
        long packedCount = prepared.stream().filter(PackCache.Prepared::packed).count();
        getLog().info(String.format(Locale.ROOT, "%d wheel(s): %d packed, %d from the cache %s (%.2f s)",
                prepared.size(), packedCount, prepared.size() - packedCount, cache.root(),
                (System.nanoTime() - start) / 1e9));
        List<PackedWheel> wheels = new ArrayList<>();
        prepared.forEach(p -> wheels.add(p.wheel()));
        return wheels;
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

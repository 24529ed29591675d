package dev.pyz.maven;

import dev.pyz.Sizes;
import dev.pyz.app.BuildState;
import dev.pyz.bytecode.BytecodeCache;
import dev.pyz.bytecode.BytecodeMode;
import dev.pyz.bytecode.CompiledWheel;
import dev.pyz.bytecode.Compiler;
import dev.pyz.bytecode.Interpreter;
import dev.pyz.app.Conflicts;
import dev.pyz.app.DependencyCheck;
import dev.pyz.app.ExtractChoice;
import dev.pyz.app.TargetCheck;
import dev.pyz.requirement.Closure;
import dev.pyz.requirement.Target;
import dev.pyz.app.BuildTimestamp;
import dev.pyz.app.ZipappBuilder;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.WheelInput;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Builds the project's executable zipapp: every wheel dependency (packed once into the cache), the
 * project's Python sources, a bootstrap and a manifest, behind a shebang line; and attaches it to the
 * project (type {@code pyz}) so that {@code install} and {@code deploy} carry it.
 */
@Mojo(name = "zipapp", defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class ZipappMojo extends AbstractPyzMojo {
    /** What runs: {@code pkg.module} (like {@code python -m}) or {@code pkg.module:function} (its return value is the exit status). */
    @Parameter(property = "pyz.main")
    private String main;

    /** What runs, instead of {@code main}: the name of a console script declared by a bundled wheel. */
    @Parameter(property = "pyz.script")
    private String script;

    /** The first line of the file, which makes it executable. */
    @Parameter(property = "pyz.shebang", defaultValue = ZipappBuilder.DEFAULT_SHEBANG)
    private String shebang;

    /**
     * The project's own Python sources, placed at the root of the archive. A {@code __main__.py} here is
     * the entry point when neither {@code main} nor {@code script} is set.
     */
    @Parameter(property = "pyz.sourceDirectory", defaultValue = "${project.basedir}/src/main/python")
    private File sourceDirectory;

    /** Where the zipapp is written. */
    @Parameter(property = "pyz.outputDirectory", defaultValue = "${project.build.directory}", required = true)
    private File outputDirectory;

    /** The zipapp's file name without the {@code .pyz} extension (a classifier is appended). */
    @Parameter(property = "pyz.finalName", defaultValue = "${project.build.finalName}", required = true)
    private String finalName;

    /** Classifier of the attached artifact, also appended to the file name as {@code -classifier}. */
    @Parameter(property = "pyz.classifier")
    private String classifier;

    /** Attach the zipapp to the project, so that {@code install} and {@code deploy} carry it. */
    @Parameter(property = "pyz.attach", defaultValue = "true")
    private boolean attach;

    /** Timestamp of the project's own entries (reproducible builds): ISO-8601 or seconds since the epoch. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /**
     * Accept files installed by more than one wheel (the first wheel on sys.path wins) with a warning,
     * instead of failing the build with the list of them.
     */
    @Parameter(property = "pyz.allowConflicts", defaultValue = "false")
    private boolean allowConflicts;

    /** Build the zipapp even when no input changed since the last build. */
    @Parameter(property = "pyz.forceCreation", defaultValue = "false")
    private boolean forceCreation;


    /**
     * Whether the bundled wheels must satisfy each other's {@code Requires-Dist} (PEP 508 markers
     * evaluated for the target): {@code fail} lists what is missing or conflicting, like
     * {@code pip check}, and fails the build; {@code warn} logs the list; {@code off} skips the check.
     * The target Python is {@code targetPython}, else the bytecode interpreter's version.
     */
    @Parameter(property = "pyz.dependencyCheck", defaultValue = "fail")
    private String dependencyCheck;

    /**
     * Distributions (by name) to extract to disk at run time although they hold no native code, for
     * packages that are not zip-safe (they open their own files with {@code open()} next to
     * {@code __file__}, for example). Wheels with native code are always extracted.
     */
    @Parameter(property = "pyz.extractWheels")
    private List<String> extractWheels;

    /**
     * Glob patterns of files that extraction at run time leaves in the archive (paths inside a wheel,
     * {@code **} for any folders, {@code *} within a name), for big wheels whose extracted files are
     * mostly never read: {@code tensorflow/include/**} keeps 13,000 C++ headers (267 MB, read only to
     * build custom ops) off the disk. Python never needs them; a package that reads them would not find
     * them.
     */
    @Parameter(property = "pyz.extractExclude")
    private List<String> extractExclude;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping pyz:zipapp (pyz.skip)");
            return;
        }
        boolean hasClassifier = classifier != null && !classifier.isBlank();
        Path output = outputDirectory.toPath().resolve(finalName + (hasClassifier ? "-" + classifier.strip() : "") + ".pyz");
        long start = System.nanoTime();
        BuildState state = new BuildState(Path.of(project.getBuild().getDirectory(), "pyz-maven-plugin",
                output.getFileName() + ".state"));
        try {
            ZipappBuilder.Options options = new ZipappBuilder.Options(output, shebang,
                    sourceDirectory == null ? null : sourceDirectory.toPath(), main, script,
                    project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion(),
                    "pyz-maven-plugin " + pluginVersion, BuildTimestamp.parse(outputTimestamp), threads(),
                    targetPython == null || targetPython.isBlank() ? null : targetPython.strip(), extractExclude);
            List<WheelInput> inputs = wheelInputs();
            BytecodeMode mode = BytecodeMode.parse(bytecode);
            String fingerprint = BuildState.fingerprint(inputs, options, pluginVersion)
                    + bytecodeFingerprint(mode);
            if (!forceCreation && state.isUpToDate(fingerprint, output)) {
                getLog().info(String.format(Locale.ROOT, "Nothing to do: %s is up to date (no wheel, source or setting"
                        + " changed; checked in %.3f s; -Dpyz.forceCreation builds it anyway)", output,
                        (System.nanoTime() - start) / 1e9));
                attach(hasClassifier, output);
                return;
            }
            state.forget();
            List<PackedWheel> wheels = ExtractChoice.apply(prepareWheels(inputs), extractWheels);
            Conflicts.check(wheels, allowConflicts, log());
            if (targetPython != null && !targetPython.isBlank()) {
                TargetCheck.check(wheels, Target.of(targetPython.strip(), targetPlatform, targetMachine));
            }
            ZipappBuilder.Result result;
            long merge;
            try (AbstractPyzMojo.Compilers compilers = new AbstractPyzMojo.Compilers(mode.start(python, targetPython, System.getenv("PATH"), threads(),
                    log()))) {
                checkDependencies(wheels, compilers.compiler());
                Optional<ZipappBuilder.Bytecode> pycs = Optional.empty();
                if (compilers.compiler().isPresent()) {
                    Compiler compiler = compilers.compiler().get();
                    pycs = Optional.of(ZipappBuilder.Bytecode.of(compiler, compileWheels(wheels, compiler)));
                }
                merge = System.nanoTime();
                result = ZipappBuilder.build(wheels, pycs, options, log());
            }
            long end = System.nanoTime();
            state.record(fingerprint, output);
            getLog().info(String.format(Locale.ROOT, "Built %s: %d wheel(s), %d source file(s) (%d compiled), %d entries, %s, entry %s (merge %.2f s, total %.2f s)",
                    result.output(), wheels.size(), result.sourceFiles(), result.pycs(), result.entries(), Sizes.human(result.size()),
                    describe(result), (end - merge) / 1e9, (end - start) / 1e9));
        } catch (IOException e) {
            deleteQuietly(output);
            rethrow(e);
        } catch (RuntimeException e) {
            deleteQuietly(output);
            throw e;
        }
        attach(hasClassifier, output);
    }

    private void checkDependencies(List<PackedWheel> wheels, Optional<Compiler> compiler) throws IOException {
        DependencyCheck.Mode check = DependencyCheck.Mode.parse(dependencyCheck);
        if (check == DependencyCheck.Mode.OFF) {
            return;
        }
        String version = targetPython != null && !targetPython.isBlank() ? targetPython.strip()
                : compiler.map(c -> c.interpreter().version()).orElse(null);
        if (version == null) {
            getLog().warn("Skipping the dependency check: no target Python is known (set targetPython, or let the"
                    + " bytecode interpreter be found)");
            return;
        }
        long start = System.nanoTime();
        Target target = Target.of(version, targetPlatform, targetMachine);
        Closure closure = DependencyCheck.run(wheels, target, check, log());
        getLog().info(String.format(Locale.ROOT, "Checked the Requires-Dist of %d wheel(s) for %s: %s (%.2f s)",
                wheels.size(), target, closure.isSatisfied() ? "all met" : "problems listed above",
                (System.nanoTime() - start) / 1e9));
    }

    /** The bytecode settings and the interpreter's identity (path, size, time), for the up-to-date check. */
    private String bytecodeFingerprint(BytecodeMode mode) throws IOException {
        StringBuilder s = new StringBuilder("bytecode ").append(mode).append('|').append(targetPython).append('|')
                .append(dependencyCheck).append('|').append(targetPlatform).append('|').append(targetMachine).append('|')
                .append(extractWheels).append('|').append(extractExclude);
        if (mode != BytecodeMode.OFF) {
            Optional<Path> exe = Interpreter.find(BytecodeMode.executableName(python, targetPython), System.getenv("PATH"));
            if (exe.isPresent()) {
                Path real = exe.get().toRealPath();
                s.append('|').append(real).append(' ').append(Files.size(real)).append(' ')
                        .append(Files.getLastModifiedTime(real).toMillis());
            }
        }
        return s.append('\n').toString();
    }

    private void attach(boolean hasClassifier, Path output) {
        if (attach) {
            if (hasClassifier) {
                projectHelper.attachArtifact(project, "pyz", classifier.strip(), output.toFile());
            } else {
                projectHelper.attachArtifact(project, "pyz", output.toFile());
            }
        }
    }

    private static String describe(ZipappBuilder.Result result) {
        var e = result.entry();
        return switch (e.kind()) {
            case MODULE -> "module " + e.module();
            case CALLABLE -> e.module() + ":" + e.attr() + (e.name().contains(":") ? "" : " (script " + e.name() + ")");
            case SOURCE -> "__main__.py of the sources";
            case INTERPRETER -> "interpreter mode";
        };
    }

    private void deleteQuietly(Path output) {
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            getLog().warn("Could not delete " + output + " after the failure: " + e.getMessage());
        }
    }
}

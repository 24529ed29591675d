package dev.pyz.app;

import dev.pyz.PyzException;
import dev.pyz.Sizes;
import dev.pyz.bytecode.BytecodeMode;
import dev.pyz.bytecode.BytecodeSettings;
import dev.pyz.cache.SharedEntries;
import dev.pyz.requirement.PythonVersion;
import dev.pyz.requirement.TargetSpec;
import dev.pyz.wheel.WheelFileName;
import dev.pyz.wheel.WheelLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns the parameters as a user wrote them into {@link PackSettings} and {@link ZipappSettings}, checking
 * each once, before any work starts: every value that is wrong gives one line naming the parameter (and
 * its {@code pyz.*} property), and all of them fail together. Values written differently but meaning the
 * same (spaces, case, {@code py3.12}) are accepted.
 */
public final class SettingsBuilder {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
    private static final Pattern PLATFORM_WORD = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern CLASSIFIER = Pattern.compile("[A-Za-z0-9_.-]+");

    private final List<String> problems = new ArrayList<>();

    private Optional<Path> cacheDirectory = Optional.empty();
    private Path sharedCache;
    private Path fallbackCache;
    private int threads = Runtime.getRuntime().availableProcessors();
    private boolean verifyRecord = true;
    private long maxWheelSize = WheelLimits.DEFAULTS.maxTotalSize();
    private BytecodeMode bytecode = BytecodeMode.AUTO;
    private Optional<String> python = Optional.empty();
    private String searchPath = System.getenv("PATH");
    private Optional<PythonVersion> targetPython = Optional.empty();
    private String targetPlatform;
    private String targetMachine;

    private Path outputDirectory;
    private String finalName;
    private Optional<String> classifier = Optional.empty();
    private Path stateDirectory;
    private String shebang = ZipappBuilder.DEFAULT_SHEBANG;
    private SourceTree.Selection sources = SourceTree.Selection.all(null);
    private Optional<String> main = Optional.empty();
    private Optional<String> script = Optional.empty();
    private String project = "";
    private String plugin = "pyz-maven-plugin";
    private Optional<Instant> timestamp = Optional.empty();
    private DependencyCheck.Mode dependencyCheck = DependencyCheck.Mode.FAIL;
    private boolean allowConflicts;
    private List<String> extractWheels = List.of();
    private List<String> zipSafeWheels = List.of();
    private List<String> extractExclude = List.of();
    private ZipappSettings.Isolation isolation = ZipappSettings.Isolation.FALSE;
    private boolean forceCreation;
    private boolean reuseSpace = true;
    private SharedEntries shared = SharedEntries.NONE;
    private Instant pruneCutoff;
    private boolean dryRun;

    /**
     * The pack cache: {@code configured} when the user chose one, else {@code shared}, or {@code fallback}
     * when {@code shared} cannot be written.
     */
    public SettingsBuilder cache(Path configured, Path shared, Path fallback) {
        cacheDirectory = Optional.ofNullable(configured).map(Path::toAbsolutePath);
        sharedCache = shared.toAbsolutePath();
        fallbackCache = fallback.toAbsolutePath();
        return this;
    }

    /** Where entries the pack cache lacks may be taken from (a Maven repository); none by default. */
    public SettingsBuilder sharedCache(SharedEntries store) {
        shared = store;
        return this;
    }

    /** {@code threads}: 0 means one per processor. */
    public SettingsBuilder threads(int value) {
        if (value < 0) {
            problem("threads", "pyz.threads", "must be 0 (one per processor) or more, not " + value);
        } else {
            threads = value == 0 ? Runtime.getRuntime().availableProcessors() : value;
        }
        return this;
    }

    public SettingsBuilder verifyRecord(boolean value) {
        verifyRecord = value;
        return this;
    }

    /** {@code maxWheelSize}: bytes, or a number with k, m, g or t; null keeps the default. */
    public SettingsBuilder maxWheelSize(String value) {
        if (value != null) {
            parse("maxWheelSize", "pyz.maxWheelSize", value, v -> {
                try {
                    return Sizes.parse(v);
                } catch (PyzException e) {
                    throw new IllegalArgumentException(e.getMessage());
                }
            }).ifPresent(v -> maxWheelSize = v);
        }
        return this;
    }

    public SettingsBuilder bytecode(String value) {
        parse("bytecode", "pyz.bytecode", value, v -> choice(BytecodeMode.class, v)).ifPresent(v -> bytecode = v);
        return this;
    }

    /** The bytecode interpreter: a path or a name on {@code searchPath} (the PATH variable's value). */
    public SettingsBuilder python(String value, String searchPath) {
        python = blank(value) ? Optional.empty() : Optional.of(value.strip());
        this.searchPath = searchPath;
        return this;
    }

    public SettingsBuilder targetPython(String value) {
        targetPython = blank(value) ? Optional.empty()
                : parse("targetPython", "pyz.targetPython", value, PythonVersion::parse);
        return this;
    }

    public SettingsBuilder targetPlatform(String value) {
        targetPlatform = word("targetPlatform", "pyz.targetPlatform", value, "a sys.platform value such as linux,"
                + " darwin or win32");
        return this;
    }

    public SettingsBuilder targetMachine(String value) {
        targetMachine = word("targetMachine", "pyz.targetMachine", value, "a platform.machine() value such as"
                + " x86_64, aarch64 or arm64");
        return this;
    }

    /**
     * Where the zipapp goes: {@code directory/finalName[-classifier].pyz}; the fingerprint of the last build
     * is kept under {@code stateDirectory}.
     */
    public SettingsBuilder output(Path directory, String finalName, String classifier, Path stateDirectory) {
        outputDirectory = directory;
        this.stateDirectory = stateDirectory;
        if (blank(finalName) || finalName.contains("/") || finalName.contains("\\")) {
            problem("finalName", "pyz.finalName", "'" + finalName + "' is not a file name");
        } else {
            this.finalName = finalName.strip();
        }
        if (!blank(classifier)) {
            if (CLASSIFIER.matcher(classifier.strip()).matches()) {
                this.classifier = Optional.of(classifier.strip());
            } else {
                problem("classifier", "pyz.classifier", "'" + classifier + "' is not a classifier (letters, digits,"
                        + " '.', '_', '-')");
            }
        }
        return this;
    }

    public SettingsBuilder shebang(String value) {
        if (!blank(value)) {
            String s = value.strip();
            if (!s.startsWith("#!") || s.contains("\n") || s.contains("\r")) {
                problem("shebang", "pyz.shebang", "'" + value + "' must be one line starting with #!");
            } else {
                shebang = s;
            }
        }
        return this;
    }

    /** The project's sources, all of their files; a folder that does not exist means the project has none. */
    public SettingsBuilder sourceDirectory(Path value) {
        return sources(value, List.of(), List.of(), true);
    }

    /**
     * The project's sources: the folder (one that does not exist means the project has none) and which of
     * its files, as Ant patterns relative to it ({@code **} for any folders), with Maven's default excludes
     * or not.
     */
    public SettingsBuilder sources(Path directory, List<String> includes, List<String> excludes,
            boolean defaultExcludes) {
        if (directory != null && Files.exists(directory) && !Files.isDirectory(directory)) {
            problem("sourceDirectory", "pyz.sourceDirectory", directory + " is a file, not a folder");
        }
        sources = new SourceTree.Selection(directory != null && Files.isDirectory(directory)
                ? Optional.of(directory.toAbsolutePath()) : Optional.empty(),
                patterns("sourceIncludes", includes), patterns("sourceExcludes", excludes), defaultExcludes);
        return this;
    }

    /** Ant patterns relative to the sources folder: blank ones dropped, '\\' read as '/'. */
    private List<String> patterns(String parameter, List<String> values) {
        List<String> patterns = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            if (blank(value)) {
                continue;
            }
            String p = value.strip().replace('\\', '/');
            if (p.startsWith("/") || p.matches("[A-Za-z]:.*")) {
                problem(parameter, "pyz." + parameter, "'" + value + "' is an absolute path; patterns are relative to"
                        + " sourceDirectory (for example app/** or **/*_test.py)");
            } else if (("/" + p + "/").contains("/../")) {
                problem(parameter, "pyz." + parameter, "'" + value + "' leaves sourceDirectory ('..'); patterns"
                        + " select files inside it");
            } else {
                patterns.add(p);
            }
        }
        return List.copyOf(patterns);
    }

    /** {@code main} and {@code script}: at most one of them; {@code main} must read as a module or module:function. */
    public SettingsBuilder entry(String mainValue, String scriptValue) {
        main = blank(mainValue) ? Optional.empty() : Optional.of(mainValue.strip());
        script = blank(scriptValue) ? Optional.empty() : Optional.of(scriptValue.strip());
        if (main.isPresent() && script.isPresent()) {
            problem("main", "pyz.main", "set either main (" + main.get() + ") or script (" + script.get() + "), not both");
        }
        main.ifPresent(m -> {
            String problem = EntryPoint.syntaxProblem(m);
            if (problem != null) {
                problem("main", "pyz.main", problem);
            }
        });
        return this;
    }

    /** {@code main}: the app starts at this module or module:function. */
    public SettingsBuilder main(String value) {
        return entry(value, script.orElse(""));
    }

    /** {@code script}: the app starts as this console script or {@code .data/scripts} file. */
    public SettingsBuilder script(String value) {
        return entry(main.orElse(""), value);
    }

    /**
     * An archive of the wheels alone: no sources, no entry point, so that it runs as a Python interpreter
     * with every wheel importable (what the tests run in).
     */
    public SettingsBuilder wheelsOnly() {
        sources = SourceTree.Selection.all(null);
        return entry("", "");
    }

    /** The project's coordinates and the plugin's version, for the manifest. */
    public SettingsBuilder project(String coordinates, String pluginVersion) {
        project = coordinates;
        plugin = "pyz-maven-plugin " + pluginVersion;
        return this;
    }

    public SettingsBuilder outputTimestamp(String value) {
        try {
            timestamp = BuildTimestamp.parse(value);
        } catch (PyzException e) {
            problem("outputTimestamp", "project.build.outputTimestamp", "'" + value + "' is neither ISO-8601 with an"
                    + " offset (2024-01-01T00:00:00Z) nor seconds since the epoch");
        }
        return this;
    }

    public SettingsBuilder dependencyCheck(String value) {
        parse("dependencyCheck", "pyz.dependencyCheck", value, v -> choice(DependencyCheck.Mode.class, v))
                .ifPresent(v -> dependencyCheck = v);
        return this;
    }

    public SettingsBuilder allowConflicts(boolean value) {
        allowConflicts = value;
        return this;
    }

    /** Distributions forced onto the disk, and forced to stay in the archive; no name may be in both. */
    public SettingsBuilder extraction(List<String> extract, List<String> zipSafe, List<String> exclude) {
        extractWheels = names("extractWheels", "pyz.extractWheels", extract);
        zipSafeWheels = names("zipSafeWheels", "pyz.zipSafeWheels", zipSafe);
        TreeSet<String> both = new TreeSet<>(extractWheels);
        both.retainAll(zipSafeWheels);
        if (!both.isEmpty()) {
            problem("zipSafeWheels", "pyz.zipSafeWheels", String.join(", ", both) + " also named in extractWheels:"
                    + " a wheel is either extracted or kept in the archive");
        }
        extractExclude = exclude == null ? List.of() : exclude.stream().filter(p -> !blank(p)).map(String::strip)
                .sorted().distinct().toList();
        for (String pattern : extractExclude) {
            if (pattern.startsWith("/") || pattern.contains("\\")) {
                problem("extractExclude", "pyz.extractExclude", "'" + pattern + "' is not a path inside a wheel: write it"
                        + " relative to the wheel's root, with '/' (tensorflow/include/**)");
            }
        }
        return this;
    }

    public SettingsBuilder inheritPath(String value) {
        if (!blank(value)) {
            parse("inheritPath", "pyz.inheritPath", value, v -> choice(ZipappSettings.Isolation.class, v))
                    .ifPresent(v -> isolation = v);
        }
        return this;
    }

    public SettingsBuilder forceCreation(boolean value) {
        forceCreation = value;
        return this;
    }

    /** Whether the archive a build replaces is kept as the space the next build writes into. */
    public SettingsBuilder reuseSpace(boolean value) {
        reuseSpace = value;
        return this;
    }

    /**
     * What a prune removes: entries unused for {@code unusedFor} ({@code 30d}, {@code 12h}, {@code 90m},
     * {@code 2w}, {@code 0}, or ISO-8601 {@code P30D}), or unused since {@code unusedSince} (a date,
     * {@code 2026-11-01}, taken as its start in UTC, or an instant with an offset); not both. Default: 30 days.
     */
    public SettingsBuilder prune(String unusedFor, String unusedSince, boolean dryRun, Instant now) {
        this.dryRun = dryRun;
        if (!blank(unusedFor) && !blank(unusedSince)) {
            problem("unusedSince", "pyz.unusedSince", "set either unusedFor or unusedSince, not both");
        } else if (!blank(unusedSince)) {
            parse("unusedSince", "pyz.unusedSince", unusedSince, PruneAge::since).ifPresent(v -> pruneCutoff = v);
        } else {
            parse("unusedFor", "pyz.unusedFor", blank(unusedFor) ? PruneAge.DEFAULT : unusedFor, PruneAge::duration)
                    .ifPresent(v -> pruneCutoff = now.minus(v));
        }
        return this;
    }

    /** The settings of {@code pyz:cache-info} and {@code pyz:cache-prune}; fails with every problem so far. */
    public CacheSettings cacheOnly() throws PyzException {
        failOnProblems();
        Objects.requireNonNull(sharedCache, "cache");
        return new CacheSettings(cacheDirectory.orElse(sharedCache), pruneCutoff == null ? Instant.EPOCH : pruneCutoff,
                dryRun);
    }

    /** The declared target (the Python version may be left to the interpreter); fails with every problem so far. */
    public TargetSpec targetSpec() throws PyzException {
        failOnProblems();
        return new TargetSpec(targetPython, targetPlatform, targetMachine);
    }

    /** The interpreter settings ({@code bytecode}, {@code python}); fails with every problem so far. */
    public BytecodeSettings interpreter() throws PyzException {
        failOnProblems();
        return new BytecodeSettings(bytecode, python, searchPath);
    }

    /** The packing settings; fails with every problem found so far. */
    public PackSettings pack() throws PyzException {
        failOnProblems();
        Objects.requireNonNull(sharedCache, "cache");
        return new PackSettings(cacheDirectory, sharedCache, fallbackCache, threads, verifyRecord,
                new WheelLimits(maxWheelSize), interpreter(), targetSpec(), shared);
    }

    /** The zipapp settings; fails with every problem found so far. */
    public ZipappSettings zipapp() throws PyzException {
        PackSettings pack = pack();
        Objects.requireNonNull(outputDirectory, "output");
        String file = finalName + classifier.map(c -> "-" + c).orElse("") + ".pyz";
        Path output = outputDirectory.toAbsolutePath().resolve(file);
        return new ZipappSettings(pack, output, shebang, sources, main, script, project, plugin, timestamp,
                dependencyCheck, allowConflicts, new ZipappSettings.Extraction(extractWheels, zipSafeWheels,
                        extractExclude), isolation, forceCreation, stateDirectory.resolve(file + ".state"),
                stateDirectory.resolve(file + ".spare"), reuseSpace);
    }

    /** The classifier of the attached artifact, if any. */
    public Optional<String> classifier() {
        return classifier;
    }

    private void failOnProblems() throws PyzException {
        if (problems.size() == 1) {
            throw new PyzException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new PyzException(problems.size() + " parameters are not valid:\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Records what is wrong with a parameter; the settings fail with every problem recorded. Public for the
     * builders of settings that extend these (the tests').
     */
    public void problem(String parameter, String property, String message) {
        problems.add(parameter + " (" + property + "): " + message);
    }

    private <T> Optional<T> parse(String parameter, String property, String value, Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(value == null ? "" : value));
        } catch (IllegalArgumentException e) {
            problem(parameter, property, e.getMessage());
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("'" + value + "' is not one of " + String.join(", ", names));
    }

    private String word(String parameter, String property, String value, String what) {
        if (blank(value)) {
            return null;
        }
        if (!PLATFORM_WORD.matcher(value.strip()).matches()) {
            problem(parameter, property, "'" + value + "' is not " + what);
            return null;
        }
        return value.strip();
    }

    private List<String> names(String parameter, String property, List<String> values) {
        TreeSet<String> names = new TreeSet<>();
        for (String v : values == null ? List.<String>of() : values) {
            if (blank(v)) {
                continue;
            }
            if (!NAME.matcher(v.strip()).matches()) {
                problem(parameter, property, "'" + v + "' is not a distribution name");
            } else {
                names.add(WheelFileName.normalize(v.strip()));
            }
        }
        return List.copyOf(names);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

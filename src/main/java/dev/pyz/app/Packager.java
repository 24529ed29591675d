package dev.pyz.app;

import dev.pyz.DeferredLog;
import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.Sizes;
import dev.pyz.bytecode.BytecodeCache;
import dev.pyz.bytecode.BytecodeSettings;
import dev.pyz.bytecode.CompiledWheel;
import dev.pyz.bytecode.Compiler;
import dev.pyz.bytecode.CompilerHandle;
import dev.pyz.bytecode.Interpreter;
import dev.pyz.bytecode.StartingCompiler;
import dev.pyz.cache.CacheInventory;
import dev.pyz.cache.CachePrune;
import dev.pyz.cache.PackCache;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.SharedEntries;
import dev.pyz.cache.WheelInput;
import dev.pyz.requirement.Closure;
import dev.pyz.requirement.DependencyTree;
import dev.pyz.requirement.Distribution;
import dev.pyz.requirement.PythonVersion;
import dev.pyz.requirement.Target;
import dev.pyz.requirement.TargetSpec;
import dev.pyz.wheel.CoreMetadata;
import dev.pyz.wheel.MetadataReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The library's entry points, one per goal: {@link #zipapp} builds the executable archive, {@link #pack}
 * only fills the caches, {@link #tree} prints the wheels' dependency graph, {@link #cacheInfo} and
 * {@link #cachePrune} list and prune the caches. Each tells its build in the
 * order it happens; the steps live in the classes it calls.
 */
public final class Packager {
    private Packager() {}

    /** What {@link #zipapp} did: built the archive, or found it up to date ({@code built} false). */
    public record Result(Path output, boolean built) {}

    /**
     * Builds {@code settings.output()} from the wheels and the project's sources, unless nothing changed
     * since the last build. Nothing is left half-written: a failed build removes its output.
     */
    public static Result zipapp(ZipappSettings settings, List<WheelInput> inputs, Log log) throws IOException {
        long start = System.nanoTime();
        BuildState state = new BuildState(settings.stateFile());
        String fingerprint = settings.fingerprint(inputs);
        if (!settings.forceCreation() && state.isUpToDate(fingerprint, settings.output())) {
            log.info(String.format(Locale.ROOT, "Nothing to do: %s is up to date (no wheel, source or setting changed;"
                    + " checked in %.3f s; -Dpyz.forceCreation builds it anyway)", settings.output(), seconds(start)));
            return new Result(settings.output(), false);
        }
        state.forget();
        try {
            build(settings, inputs, log, start);
            state.record(fingerprint, settings.output());
            return new Result(settings.output(), true);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(settings.output());
            } catch (IOException ignored) {
                log.warn("Could not delete " + settings.output() + " after the failure: " + ignored.getMessage());
            }
            throw e;
        }
    }

    /**
     * The build, step by step: pack the wheels, decide what reaches the disk at run time, check the wheels
     * against each other, find the entry point (all while the interpreter starts), then for the interpreter
     * ({@link #finish}): learn the target, check the wheels against it, compile, merge.
     */
    private static void build(ZipappSettings s, List<WheelInput> inputs, Log log, long start) throws IOException {
        try (Caches caches = Caches.open(s.pack(), log)) {
            build(s, caches.cache(), caches.starting(), inputs, log, start);
        }
    }

    /**
     * The pack cache, which holds the entries a build uses until it is closed (after the archive is written), and
     * the interpreter, which boots while the wheels are looked up or packed; the shared store, if any, fetches the
     * wheels' bytecode for it while they are packed.
     */
    private record Caches(PackCache cache, StartingCompiler starting) implements AutoCloseable {
        static Caches open(PackSettings s, Log log) {
            Path root = s.root(log);
            StartingCompiler starting = s.bytecode().startInBackground(s.target().python(), s.threads(), root);
            return new Caches(s.cache(root, BytecodeAhead.of(s.shared(), starting::interpreter)), starting);
        }

        @Override
        public void close() throws IOException {
            try {
                cache.close();
            } finally {
                starting.close();
            }
        }
    }

    /** What the archive holds, before the target is known. */
    private record Content(List<PackedWheel> wheels, SourceTree sources, EntryPoint entry) {}

    private static void build(ZipappSettings s, PackCache cache, StartingCompiler starting, List<WheelInput> inputs,
            Log log, long start) throws IOException {
        List<PackedWheel> packed = packWheels(cache, s.pack(), inputs, log);
        // what the archive holds, checked while the interpreter starts: none of it depends on the target
        List<PackedWheel> wheels = ExtractChoice.decide(ZipappBuilder.ordered(packed), s.extraction(), log);
        ExtractChoice.warnUnmatched(wheels, s.extraction().exclude(), log);
        Conflicts.check(wheels, s.allowConflicts(), log);
        SourceTree sources = sources(s.sources(), log);
        Content content = new Content(wheels, sources, entryPoint(s, sources, wheels));
        if (finishAssuming(s, cache, content, starting, log, start)) {
            return;
        }
        finish(s, cache, content, starting.get(log).map(c -> c), log, start);
    }

    /**
     * {@link #finish} for the interpreter the last build started, while it starts: what it logs is said, and
     * what it wrote kept, only once the interpreter that started is that one (the pycs of the project and the
     * bootstrap, compiled before the archive is moved into place, wait for it). Returns false, having kept
     * and said nothing, when no build remembers an interpreter or the one that started is another: the caller
     * finishes again for that one.
     */
    private static boolean finishAssuming(ZipappSettings s, PackCache cache, Content content,
            StartingCompiler starting, Log log, long start) throws IOException {
        DeferredLog deferred = new DeferredLog();
        // once confirmed, the build's log is its own again
        Optional<CompilerHandle> confirming = starting.assumed(log, () -> deferred.passTo(log));
        if (confirming.isEmpty()) {
            return false;
        }
        Interpreter assumed = confirming.get().interpreter();
        try {
            finish(s, cache, content, confirming, deferred, start);
        } catch (IOException | RuntimeException e) {
            Optional<Interpreter> started;
            try {
                started = starting.get(log).map(Compiler::interpreter);
            } catch (IOException | RuntimeException startFailed) {
                startFailed.addSuppressed(e);
                throw startFailed;
            }
            if (started.filter(assumed::equals).isPresent()) {
                deferred.replayTo(log);
                throw e;
            }
            log.debug("On the last build's interpreter the build stopped with: " + e);
            // what failed, failed on a wrong assumption (CompilerHandle.InterpreterChanged, or a check against the
            // wrong target): it says nothing of this build
            log.info("The interpreter is not the one the last build started with this cache (" + started.map(i ->
                    i.describe() + ", magic " + i.magic()).orElse("none started") + "; the last build's: "
                    + assumed.describe() + ", magic " + assumed.magic()
                    + "): finishing the build for it");
            return false;
        }
        starting.get(log);
        deferred.replayTo(log);
        return true;
    }

    /** For the interpreter (none without bytecode): learn the target, check the wheels against it, compile, merge. */
    private static void finish(ZipappSettings s, PackCache cache, Content content, Optional<CompilerHandle> python,
            Log log, long start) throws IOException {
        List<PackedWheel> wheels = content.wheels();
        Optional<Target> target = target(s.pack(), python.map(CompilerHandle::interpreter), log);
        if (target.isPresent()) {
            TargetCheck.check(wheels, target.get());
        }
        checkDependencies(wheels, target, s.dependencyCheck(), log);
        Optional<ZipappBuilder.Bytecode> bytecode = python.isEmpty() ? Optional.empty()
                : Optional.of(bytecode(cache, wheels, python.get(), s.pack().threads(), log));
        long merge = System.nanoTime();
        ZipappBuilder.Result r = ZipappBuilder.build(s, target, new ZipappBuilder.Contents(wheels, content.sources(),
                content.entry(), bytecode), log);
        log.info(String.format(Locale.ROOT, "Built %s: %d wheel(s), %d source file(s) (%d compiled), %d entries, %s,"
                + " entry %s (merge %.2f s, total %.2f s)", r.output(), wheels.size(), r.sourceFiles(), r.pycs(),
                r.entries(), Sizes.human(r.size()), describe(content.entry()), seconds(merge), seconds(start)));
    }

    /**
     * The wheels' bytecode for {@code python}; on an assumed interpreter, known to be another by now, the build
     * stops before it waits for other builds or compiles, and before the merge writes the archive.
     */
    private static ZipappBuilder.Bytecode bytecode(PackCache cache, List<PackedWheel> wheels, CompilerHandle python,
            int threads, Log log) throws IOException {
        python.checkAssumption();
        ZipappBuilder.Bytecode bytecode = ZipappBuilder.Bytecode.of(python, compile(cache, wheels, python, threads, log));
        python.checkAssumption();
        return bytecode;
    }

    /** The project's sources, with a warning for each include pattern that selects nothing. */
    private static SourceTree sources(SourceTree.Selection selection, Log log) throws IOException {
        SourceTree sources = SourceTree.scan(selection);
        for (String pattern : sources.unmatchedIncludes()) {
            log.warn("sourceIncludes: " + pattern + " selects no file of " + selection.directory().orElseThrow()
                    + "; check the pattern (paths relative to sourceDirectory, ** for any folders)");
        }
        return sources;
    }

    /** Packs and compiles what the caches lack, without building a zipapp ({@code pyz:pack}). */
    public static void pack(PackSettings settings, List<WheelInput> inputs, Log log) throws IOException {
        try (Caches caches = Caches.open(settings, log)) {
            entries(caches.cache(), caches.starting(), settings, inputs, log);
        }
    }

    /**
     * Packs and compiles what the caches lack, then puts the entries of the project's wheels (packed wheels,
     * and their bytecode when there is an interpreter) into {@code store}, which skips those it has, and closes
     * it ({@code pyz:cache-deploy}).
     */
    public static void share(PackSettings settings, List<WheelInput> inputs, SharedEntries store, Log log)
            throws IOException {
        try (store; Caches caches = Caches.open(settings, log)) {
            Map<SharedEntries.Key, SharedEntries.Files> entries = entries(caches.cache(), caches.starting(), settings,
                    inputs, log);
            store.publish(entries, log);
        }
    }

    /** The cache entries of the wheels, packed and compiled when missing, keyed as a shared store names them. */
    private static Map<SharedEntries.Key, SharedEntries.Files> entries(PackCache cache, StartingCompiler starting,
            PackSettings settings, List<WheelInput> inputs, Log log) throws IOException {
        Map<SharedEntries.Key, SharedEntries.Files> entries = new LinkedHashMap<>();
        List<PackedWheel> wheels = packWheels(cache, settings, inputs, log);
        for (PackedWheel w : wheels) {
            entries.put(new SharedEntries.Key(w.sha256(), w.fileName(), ""), SharedEntries.Files.beside(w.zip().path()));
        }
        Optional<Compiler> compiler = starting.get(log);
        if (compiler.isPresent()) {
            List<CompiledWheel> compiled = compile(cache, wheels, compiler.get(), settings.threads(), log);
            for (int i = 0; i < wheels.size(); i++) {
                entries.put(BytecodeCache.sharedKey(wheels.get(i), compiler.get().interpreter()),
                        SharedEntries.Files.beside(compiled.get(i).zip().path()));
            }
        }
        return entries;
    }

    /**
     * Logs the wheels' dependency graph from their METADATA, for the declared target or the interpreter's
     * version ({@code pyz:tree}); reads nothing else of the wheels.
     */
    public static void tree(TargetSpec spec, BytecodeSettings interpreter, List<WheelInput> inputs, String project,
            Log log) throws IOException {
        List<Distribution> dists = new ArrayList<>();
        for (WheelInput input : inputs) {
            CoreMetadata m = MetadataReader.wheel(input.file());
            dists.add(new Distribution(m.get("Name").orElse(input.file().getFileName().toString()),
                    m.get("Version").orElse("?"), m.getAll("Requires-Dist"), m.getAll("Provides-Extra"), input.origin()));
        }
        Target target = requireTarget(spec, interpreter);
        Closure closure = Closure.check(dists, target);
        log.info("Wheels of " + project + " for " + target + ":");
        DependencyTree.lines(closure).forEach(log::info);
        if (closure.problems().isEmpty()) {
            log.info("Every requirement is met.");
        } else {
            closure.problems().forEach(p -> log.warn(p.message()));
        }
    }

    private static List<PackedWheel> packWheels(PackCache cache, PackSettings s, List<WheelInput> inputs, Log log)
            throws IOException {
        long start = System.nanoTime();
        List<PackCache.Prepared> prepared = cache.prepare(inputs, s.threads(), s.verifyRecord(), log);
        long packed = prepared.stream().filter(PackCache.Prepared::packed).count();
        long shared = prepared.stream().filter(p -> p.origin() == PackCache.Origin.SHARED).count();
        log.info(String.format(Locale.ROOT, "%d wheel(s): %d packed, %d from the cache %s%s (%.2f s)", prepared.size(),
                packed, prepared.size() - packed - shared, cache.root(),
                shared == 0 ? "" : ", " + shared + " from the shared cache", seconds(start)));
        return prepared.stream().map(PackCache.Prepared::wheel).toList();
    }

    /** Lists what the pack cache holds ({@code pyz:cache-info}): each entry, then totals. */
    public static void cacheInfo(CacheSettings s, Log log) throws IOException {
        List<CacheInventory.Entry> entries = CacheInventory.scan(s.root());
        log.info(CacheReport.header(s.root()));
        entries.forEach(e -> log.info(CacheReport.line(e)));
        CacheReport.totals(entries).forEach(log::info);
    }

    /**
     * Removes the pack cache entries unused since {@code s.cutoff()} ({@code pyz:cache-prune}), leaving alone
     * those a running build holds.
     */
    public static CachePrune.Result cachePrune(CacheSettings s, Log log) throws IOException {
        log.info(CacheReport.header(s.root()));
        CachePrune.Result r = CachePrune.prune(s.root(), s.cutoff(), s.dryRun());
        r.removed().forEach(e -> log.info((s.dryRun() ? "Would remove" : "Removed") + CacheReport.line(e).substring(1)));
        r.inUse().forEach(e -> log.info(CacheReport.inUse(e)));
        r.failed().forEach(f -> log.warn("Could not remove " + f));
        log.info(CacheReport.pruned(r, s.cutoff(), s.dryRun()));
        return r;
    }

    /**
     * The target for a goal that compiles nothing ({@code pyz:tree}, {@code pyz:import}): the declared version,
     * else the version of the interpreter {@code python} names; fails, saying what to set, when neither is known.
     */
    public static Target requireTarget(TargetSpec spec, BytecodeSettings interpreter) throws IOException {
        return resolve(spec, interpreter, Optional.empty()).orElseThrow(() -> new PyzException(
                "no target Python: set targetPython (-Dpyz.targetPython=3.12, for example), or put "
                        + interpreter.executableName(Optional.empty()) + " on the PATH"));
    }

    /**
     * The target: the declared version, else the bytecode interpreter's (or, without bytecode, the version of
     * the interpreter it would use), with the declared or this machine's platform. Empty, with a warning,
     * when neither is known.
     */
    private static Optional<Target> target(PackSettings s, Optional<Interpreter> interpreter, Log log)
            throws IOException {
        Optional<Target> target = resolve(s.target(), s.bytecode(), interpreter);
        if (target.isEmpty()) {
            log.warn("No target Python: targetPython is not set and no " + s.bytecode().executableName(Optional.empty())
                    + " was found, so the wheels are not checked against the Python the app runs on, the"
                    + " dependency check is skipped, and an archive past 65,535 entries is refused; set targetPython"
                    + " (-Dpyz.targetPython=3.12, for example)");
        } else {
            log.info("Target: " + target.get() + (s.target().python().isPresent() ? "" : " (the version of the"
                    + " interpreter found; set targetPython for another)"));
        }
        return target;
    }

    private static Optional<Target> resolve(TargetSpec spec, BytecodeSettings interpreter, Optional<Interpreter> compiling)
            throws IOException {
        Optional<PythonVersion> found = Optional.empty();
        if (spec.python().isEmpty()) {
            Optional<Interpreter> running = compiling.isPresent() ? compiling
                    : interpreter.probe(Optional.empty());
            found = running.map(Interpreter::pythonVersion);
        }
        return spec.resolve(found);
    }

    private static void checkDependencies(List<PackedWheel> wheels, Optional<Target> target, DependencyCheck.Mode mode,
            Log log) throws IOException {
        if (mode == DependencyCheck.Mode.OFF || target.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        Closure closure = DependencyCheck.run(wheels, target.get(), mode, log);
        log.info(String.format(Locale.ROOT, "Checked the Requires-Dist of %d wheel(s) for %s: %s (%.2f s)",
                wheels.size(), target.get(), closure.isSatisfied() ? "all met" : "problems listed above",
                seconds(start)));
    }

    /** The entry point from {@code main} or {@code script}, checked against the sources and wheels. */
    private static EntryPoint entryPoint(ZipappSettings s, SourceTree sources, List<PackedWheel> wheels)
            throws IOException {
        EntryPoint entry = EntryPoint.resolve(s.main(), s.script(), sources.hasMain(), wheels);
        String what = s.main().map(m -> "main '" + m + "'").orElseGet(() -> "script '" + s.script().orElse("")
                + "' (" + entry.module() + ":" + entry.attr() + ")");
        if (entry.kind() == EntryPoint.Kind.EXECUTABLE || entry.kind() == EntryPoint.Kind.SCRIPT) {
            return entry; // a file the packer found in the wheel's scripts folder
        }
        EntryCheck.check(entry, what, sources, wheels);
        return entry;
    }

    private static List<CompiledWheel> compile(PackCache cache, List<PackedWheel> wheels, CompilerHandle compiler, int threads,
            Log log) throws IOException {
        long start = System.nanoTime();
        List<CompiledWheel> compiled = new BytecodeCache(cache.root(), cache.leases(), cache.shared()).prepare(wheels, compiler, threads, log);
        log.info(String.format(Locale.ROOT, "Bytecode for %s: %d module(s) of %d wheel(s) (%.2f s)",
                compiler.interpreter().describe(), compiled.stream().mapToInt(CompiledWheel::pycs).sum(),
                compiled.size(), seconds(start)));
        return compiled;
    }

    private static String describe(EntryPoint e) {
        return switch (e.kind()) {
            case MODULE -> "module " + e.module();
            case CALLABLE -> e.module() + ":" + e.attr() + (e.name().contains(":") ? "" : " (script " + e.name() + ")");
            case SOURCE -> "__main__.py of the sources";
            case INTERPRETER -> "interpreter mode";
            case EXECUTABLE -> "executable " + e.path() + " of " + e.wheel();
            case SCRIPT -> "script " + e.path() + " of " + e.wheel();
        };
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

package dev.pyz.app;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.Resources;
import dev.pyz.Tasks;
import dev.pyz.Sizes;
import dev.pyz.SpareFile;
import dev.pyz.bytecode.BytecodeCache;
import dev.pyz.bytecode.CompiledWheel;
import dev.pyz.bytecode.Compiler;
import dev.pyz.bytecode.CompilerHandle;
import dev.pyz.cache.CachedZip;
import dev.pyz.cache.PackedWheel;
import dev.pyz.requirement.Target;
import dev.pyz.wheel.WheelFileName;
import dev.pyz.zip.Compressed;
import dev.pyz.zip.DosTime;
import dev.pyz.zip.ZipWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Merges packed wheels, the project's sources, the bootstrap and the manifest into one executable
 * zipapp (layout in docs/FORMAT.md). Packed wheels are copied as whole blocks; sources are compressed in
 * parallel and written in name order, so the output does not depend on the number of threads. The
 * archive is written to a temp file beside the output and moved into place.
 */
public final class ZipappBuilder {
    public static final String DEFAULT_SHEBANG = "#!/usr/bin/env python3";
    static final String BOOTSTRAP = ".pyz/pyz_bootstrap.py";
    /** The bootstrap's extraction, a module of its own: a start that extracts nothing never loads it. */
    static final String EXTRACTOR = ".pyz/pyz_extract.py";
    /** The bootstrap's listing and pruning of PYZ_ROOT (PYZ_CACHE): only a start that asks for it loads it. */
    static final String CACHE = ".pyz/pyz_cache.py";
    static final String LAUNCHER = "__main__.py";
    private static final String RESOURCES = "/dev/pyz/bootstrap/";

    /**
     * What goes into the archive: the wheels (any order: the archive sorts them by file name), the project's
     * sources, the entry point, and the bytecode when there is an interpreter.
     */
    public record Contents(List<PackedWheel> wheels, SourceTree sources, EntryPoint entry, Optional<Bytecode> bytecode) {}

    /**
     * The layout past 65,535 entries for the target: Zip64 records for 3.13+, a wrapped entry count below
     * (see {@link ZipWriter.LargeLayout}), refused without a target.
     */
    static ZipWriter.LargeLayout largeLayout(Optional<Target> target) {
        return target.map(t -> t.python().atLeast(3, 13) ? ZipWriter.LargeLayout.ZIP64
                : ZipWriter.LargeLayout.WRAPPED_COUNT).orElse(ZipWriter.LargeLayout.REFUSE);
    }

    static final String LARGE_ADVICE = "; declare the Python the app runs on (targetPython, -Dpyz.targetPython):"
            + " 3.13 or newer gets Zip64 records, 3.8 to 3.12 a directory with a wrapped entry count";

    /** What was built; {@code pycs} counts the project's own compiled modules (wheels' come from the cache). */
    public record Result(Path output, int entries, long size, int sourceFiles, int pycs) {}

    /**
     * Bytecode to bundle: the interpreter it is for, whose compiler compiles the project's own modules and the
     * bootstrap (asked for on the threads that compile them, so the wheels are copied meanwhile), and each
     * wheel's compiled modules from the bytecode cache, by wheel sha256.
     */
    public record Bytecode(CompilerHandle python, Map<String, CompiledWheel> wheels) {
        public static Bytecode of(CompilerHandle python, List<CompiledWheel> compiled) {
            Map<String, CompiledWheel> bySha = new TreeMap<>();
            compiled.forEach(c -> bySha.put(c.sha256(), c));
            return new Bytecode(python, bySha);
        }

        /** The wheel's compiled modules, when it has any. */
        Optional<CompiledWheel> of(PackedWheel wheel) {
            return Optional.ofNullable(wheels.get(wheel.sha256())).filter(c -> c.pycs() > 0);
        }
    }

    private ZipappBuilder() {}

    /**
     * Writes the zipapp of {@code contents} to {@code settings.output()}, in the order of docs/FORMAT.md: the
     * shebang, the wheels, the project's sources, the plugin's files (manifest, the project's
     * {@code __main__.py}, bootstrap), the launcher. Written aside (into the archive the last build replaced:
     * {@link SpareFile}) and moved into place.
     */
    public static Result build(ZipappSettings settings, Optional<Target> target, Contents contents, Log log)
            throws IOException {
        List<PackedWheel> wheels = ordered(contents.wheels());
        Optional<Bytecode> bytecode = contents.bytecode();
        byte[] manifest = Manifest.json(settings, contents.entry(), wheels, bytecode.map(b -> b.python().interpreter()),
                nestedBytecode(wheels, bytecode)).getBytes(StandardCharsets.UTF_8);
        long time = settings.timestamp().map(DosTime::of).orElse(DosTime.EPOCH);
        Path output = settings.output();
        try (SpareFile file = SpareFile.open(output, settings.spare(), settings.reuseSpace());
                SourceJobs jobs = SourceJobs.start(contents.sources(), bytecode.map(Bytecode::python), launcher(target),
                        output.getParent(), settings.pack().threads())) {
            int entries;
            long size;
            try (ZipWriter zip = new ZipWriter(file.channel(), output.toString())) {
                zip.largeLayout(largeLayout(target), LARGE_ADVICE);
                zip.writePreamble((settings.shebang() + "\n").getBytes(StandardCharsets.UTF_8));
                long t0 = System.nanoTime();
                writeWheels(zip, wheels, bytecode);
                long t1 = System.nanoTime();
                log.debug(String.format(java.util.Locale.ROOT, "Copied %d packed wheel(s) in %.3f s", wheels.size(),
                        (t1 - t0) / 1e9));
                writeSources(zip, contents.sources(), jobs, time);
                writePluginFiles(zip, manifest, contents.sources().hasMain(), jobs, time);
                entries = zip.entryCount();
                size = zip.finish();
                log.debug(String.format(java.util.Locale.ROOT, "Wrote sources, bootstrap and central directory in %.3f s",
                        (System.nanoTime() - t1) / 1e9));
            }
            if (bytecode.isPresent()) {
                bytecode.get().python().compiler(); // an assumed interpreter must be the one that started
            }
            makeExecutable(file.file());
            file.moveIntoPlace(size);
            log.debug("Wrote " + output + ": " + entries + " entries, " + Sizes.human(size));
            return new Result(output, entries, size, contents.sources().fileCount(), jobs.ownPycs());
        }
    }

    /** The sha256 of each wheel extracted at run time whose pycs travel in a nested zip of their own. */
    private static Set<String> nestedBytecode(List<PackedWheel> wheels, Optional<Bytecode> bytecode) {
        Set<String> nested = new TreeSet<>();
        for (PackedWheel w : wheels) {
            if (w.extract() && bytecode.flatMap(b -> b.of(w)).isPresent()) {
                nested.add(w.sha256());
            }
        }
        return nested;
    }

    /**
     * {@code .deps/}, then each wheel: imported from the archive, its packed block and its pycs' block;
     * extracted at run time, its packed zip and its pycs' zip, each nested whole (read only when extracted).
     */
    private static void writeWheels(ZipWriter zip, List<PackedWheel> wheels, Optional<Bytecode> bytecode)
            throws IOException {
        zip.addDirectory(".deps/", DosTime.EPOCH);
        for (PackedWheel wheel : wheels) {
            Optional<CompiledWheel> compiled = bytecode.flatMap(b -> b.of(wheel));
            if (wheel.extract()) {
                addNested(zip, Manifest.nestedArchive(wheel), wheel.zip());
                if (compiled.isPresent()) {
                    addNested(zip, Manifest.nestedBytecode(wheel), compiled.get().zip());
                }
            } else {
                copyBlock(zip, wheel.zip());
                if (compiled.isPresent()) {
                    copyBlock(zip, compiled.get().zip());
                }
            }
        }
    }

    /** The project's sources in name order, each {@code x.pyc} after its {@code x.py}; {@code .pyz/} files later. */
    private static void writeSources(ZipWriter zip, SourceTree sources, SourceJobs jobs, long time) throws IOException {
        for (Map.Entry<String, Path> e : sources.entries().entrySet()) {
            if (e.getValue() == null) {
                zip.addDirectory(e.getKey(), time);
            } else if (!e.getKey().startsWith(".pyz/")) {
                zip.addEntry(e.getKey(), jobs.compressed(e.getKey()), mode(e.getValue()), time);
                addPyc(zip, jobs, e.getKey(), time);
            }
        }
    }

    /**
     * {@code .pyz/} with the manifest, the project's {@code __main__.py}, the bootstrap and its extraction
     * module; the launcher last.
     */
    private static void writePluginFiles(ZipWriter zip, byte[] manifest, boolean hasMain, SourceJobs jobs, long time)
            throws IOException {
        zip.addDirectory(".pyz/", time);
        zip.addEntry(Manifest.PATH, Compressed.of(manifest), ZipWriter.FILE_MODE, time);
        if (hasMain) {
            zip.addEntry(EntryPoint.APP_MAIN, jobs.compressed(EntryPoint.APP_MAIN), ZipWriter.FILE_MODE, time);
            addPyc(zip, jobs, EntryPoint.APP_MAIN, time);
        }
        zip.addEntry(BOOTSTRAP, Compressed.of(jobs.bootstrap), ZipWriter.FILE_MODE, time);
        addPyc(zip, jobs, BOOTSTRAP, time);
        zip.addEntry(EXTRACTOR, Compressed.of(jobs.extractor), ZipWriter.FILE_MODE, time);
        addPyc(zip, jobs, EXTRACTOR, time);
        zip.addEntry(CACHE, Compressed.of(jobs.cache), ZipWriter.FILE_MODE, time);
        addPyc(zip, jobs, CACHE, time);
        zip.addEntry(LAUNCHER, Compressed.of(jobs.launcher), ZipWriter.FILE_MODE, time);
        addPyc(zip, jobs, LAUNCHER, time);
    }

    /**
     * The project's files compressed, and its modules and the plugin's compiled, in parallel while the wheels
     * are copied: one pool compresses, another hands modules to the interpreter workers (one below the size
     * threshold, like the wheels'). Closing cancels what is left and removes files spilled to disk.
     */
    private static final class SourceJobs implements AutoCloseable {
        final byte[] bootstrap;
        final byte[] extractor;
        final byte[] cache;
        final byte[] launcher;
        private final Tasks.Pool compressing;
        private final Tasks.Pool compiling;
        private final Map<String, Future<Compressed>> compressed = new TreeMap<>();
        private final Map<String, Future<Compressed>> pycs = new TreeMap<>();

        private SourceJobs(byte[] bootstrap, byte[] extractor, byte[] cache, byte[] launcher, Tasks.Pool compressing,
                Tasks.Pool compiling) {
            this.bootstrap = bootstrap;
            this.extractor = extractor;
            this.cache = cache;
            this.launcher = launcher;
            this.compressing = compressing;
            this.compiling = compiling;
        }

        static SourceJobs start(SourceTree sources, Optional<CompilerHandle> compiler, byte[] launcher, Path spillDirectory,
                int threads) throws IOException {
            long sourceBytes = 0;
            for (Map.Entry<String, Path> e : sources.entries().entrySet()) {
                if (e.getValue() != null && e.getKey().endsWith(".py")) {
                    sourceBytes += Files.size(e.getValue());
                }
            }
            SourceJobs jobs = new SourceJobs(resource("pyz_bootstrap.py"), resource("pyz_extract.py"), resource("pyz_cache.py"),
                    launcher,
                    Tasks.open("pyz-compress", threads), Tasks.open("pyz-compile",
                            BytecodeCache.workers(sourceBytes, threads)));
            for (Map.Entry<String, Path> e : sources.entries().entrySet()) {
                Path file = e.getValue();
                if (file != null) {
                    jobs.compressed.put(e.getKey(), jobs.compressing.submit(() -> Compressed.of(file, spillDirectory)));
                    if (compiler.isPresent() && e.getKey().endsWith(".py")) {
                        jobs.compile(compiler.get(), e.getKey(), () -> Files.readAllBytes(file), file.toString());
                    }
                }
            }
            if (compiler.isPresent()) {
                jobs.compile(compiler.get(), BOOTSTRAP, () -> jobs.bootstrap, "the plugin's " + BOOTSTRAP);
                jobs.compile(compiler.get(), EXTRACTOR, () -> jobs.extractor, "the plugin's " + EXTRACTOR);
                jobs.compile(compiler.get(), CACHE, () -> jobs.cache, "the plugin's " + CACHE);
                jobs.compile(compiler.get(), LAUNCHER, () -> jobs.launcher, "the plugin's " + LAUNCHER);
            }
            return jobs;
        }

        private void compile(CompilerHandle python, String name, java.util.concurrent.Callable<byte[]> source,
                String origin) {
            pycs.put(pycName(name), compiling.submit(() -> compileSource(python.compiler(), name, source.call(), origin)));
        }

        Compressed compressed(String name) throws IOException {
            return Tasks.await(compressed.get(name));
        }

        Optional<Compressed> pyc(String source) throws IOException {
            Future<Compressed> pyc = source.endsWith(".py") ? pycs.get(pycName(source)) : null;
            return pyc == null ? Optional.empty() : Optional.of(Tasks.await(pyc));
        }

        /** The project's own compiled modules: not the plugin's four. */
        int ownPycs() {
            return pycs.size() - (pycs.containsKey(pycName(BOOTSTRAP)) ? 4 : 0);
        }

        @Override
        public void close() throws IOException {
            compressing.close();
            compiling.close();
            for (Future<Compressed> f : compressed.values()) { // spilled sources not written after a failure
                if (f.isDone() && !f.isCancelled()) {
                    try {
                        Compressed c = f.get();
                        if (c.spill() != null) {
                            Files.deleteIfExists(c.spill());
                        }
                    } catch (ExecutionException | InterruptedException e) {
                        // failed: it left nothing behind
                    }
                }
            }
        }
    }

    /** The cache entry's local headers and data in one transfer, its directory as read when it was looked up. */
    private static void copyBlock(ZipWriter zip, CachedZip block) throws IOException {
        try (FileChannel channel = block.channel()) {
            zip.copyEntries(channel, block.directory(), block.toString());
        }
    }

    /** The cache entry whole, its CRC-32 as recorded when it was written (computed now for older entries). */
    private static void addNested(ZipWriter zip, String name, CachedZip file) throws IOException {
        long crc = file.crc32().isPresent() ? file.crc32().getAsLong() : CachedZip.crc32(file.path());
        try (FileChannel channel = file.channel()) {
            zip.addStoredFile(name, channel, crc, file.toString(), ZipWriter.FILE_MODE, DosTime.EPOCH);
        }
    }

    /**
     * The launcher, {@code __main__.py}, with the target it was built for: its first lines, which run on any
     * Python, name it when the interpreter is too old to start the bootstrap.
     */
    static byte[] launcher(Optional<Target> target) throws IOException {
        String text = new String(resource("__main__.py"), StandardCharsets.UTF_8);
        String marker = "BUILT_FOR = \"CPython 3.8 or newer\"";
        if (!text.contains(marker)) {
            throw new IllegalStateException("the plugin's __main__.py has no line " + marker);
        }
        return text.replace(marker, "BUILT_FOR = \"" + target.map(t -> "CPython " + t.python()).orElse("CPython 3.8 or newer")
                + "\"").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code mod.py} -> {@code mod.pyc}, next to the source, where zipimport looks. */
    static String pycName(String source) {
        return source.substring(0, source.length() - ".py".length()) + ".pyc";
    }

    private static void addPyc(ZipWriter zip, SourceJobs jobs, String source, long time) throws IOException {
        Optional<Compressed> pyc = jobs.pyc(source);
        if (pyc.isPresent()) {
            zip.addEntry(pycName(source), pyc.get(), ZipWriter.FILE_MODE, time);
        }
    }

    /** The project's own modules must compile: a syntax error fails the build, naming the file and line. */
    private static Compressed compileSource(Compiler compiler, String name, byte[] source, String origin)
            throws IOException {
        Compiler.Result r = compiler.compile(name, source);
        if (!r.ok()) {
            throw new PyzException(origin + ": " + compiler.interpreter().describe() + " cannot compile it: "
                    + r.error() + " (fix the source, or build without bytecode: -Dpyz.bytecode=off)");
        }
        return Compressed.of(r.pyc());
    }

    /** Wheels in archive order (by file name), checked for one version per distribution. */
    static List<PackedWheel> ordered(List<PackedWheel> wheels) throws PyzException {
        TreeMap<String, PackedWheel> byFile = new TreeMap<>();
        TreeMap<String, List<String>> byName = new TreeMap<>();
        for (PackedWheel w : wheels) {
            PackedWheel other = byFile.putIfAbsent(w.fileName(), w);
            if (other != null && !other.sha256().equals(w.sha256())) {
                throw new PyzException("two different files are both called " + w.fileName() + " (sha256 "
                        + other.sha256() + " and " + w.sha256() + ")");
            }
        }
        for (PackedWheel w : byFile.values()) {
            byName.computeIfAbsent(WheelFileName.normalize(w.name()), k -> new ArrayList<>()).add(w.fileName());
        }
        for (Map.Entry<String, List<String>> e : byName.entrySet()) {
            if (e.getValue().size() > 1) {
                throw new PyzException("distribution " + e.getKey() + " is bundled more than once: "
                        + String.join(", ", e.getValue()) + "; keep one version");
            }
        }
        List<PackedWheel> result = new ArrayList<>(byFile.values());
        result.sort(Comparator.comparing(PackedWheel::fileName));
        return result;
    }

    private static int mode(Path file) {
        return Files.isExecutable(file) ? ZipWriter.EXECUTABLE_MODE : ZipWriter.FILE_MODE;
    }

    static byte[] resource(String name) throws IOException {
        return Resources.read(ZipappBuilder.class, RESOURCES + name);
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            file.toFile().setExecutable(true, false);
        }
    }


}

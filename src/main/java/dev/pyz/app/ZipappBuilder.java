package dev.pyz.app;

import dev.pyz.AtomicFiles;
import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.Tasks;
import dev.pyz.Sizes;
import dev.pyz.bytecode.BytecodeCache;
import dev.pyz.bytecode.CompiledWheel;
import dev.pyz.bytecode.Compiler;
import dev.pyz.bytecode.Interpreter;
import dev.pyz.cache.PackedWheel;
import dev.pyz.wheel.WheelFileName;
import dev.pyz.zip.CentralDirectory;
import dev.pyz.zip.Compressed;
import dev.pyz.zip.DosTime;
import dev.pyz.zip.ZipWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Merges packed wheels, the project's sources, the bootstrap and the manifest into one executable
 * zipapp (layout in docs/FORMAT.md). Packed wheels are copied as whole blocks; sources are compressed in
 * parallel and written in name order, so the output does not depend on the number of threads. The
 * archive is written to a temp file beside the output and moved into place.
 */
public final class ZipappBuilder {
    public static final String DEFAULT_SHEBANG = "#!/usr/bin/env python3";
    static final String BOOTSTRAP = ".pyz/pyz_bootstrap.py";
    static final String LAUNCHER = "__main__.py";
    private static final String RESOURCES = "/dev/pyz/bootstrap/";

    /** What to build. {@code timestamp} dates the project's own entries; wheel entries keep 1980-01-01. */
    public record Options(Path output, String shebang, Path sourceDirectory, String main, String script,
            String project, String plugin, Optional<Instant> timestamp, int threads, String targetPython,
            List<String> extractExclude) {
        public Options {
            extractExclude = extractExclude == null ? List.of() : extractExclude.stream()
                    .filter(p -> p != null && !p.isBlank()).map(String::strip).sorted().distinct().toList();
        }

        public Options(Path output, String shebang, Path sourceDirectory, String main, String script, String project,
                String plugin, Optional<Instant> timestamp, int threads) {
            this(output, shebang, sourceDirectory, main, script, project, plugin, timestamp, threads, null, List.of());
        }
    }

    /**
     * The layout past 65,535 entries for a target Python ({@code 3.12}; null when none is declared): Zip64
     * records for 3.13+, a wrapped entry count below (see {@link ZipWriter.LargeLayout}), refused without a target.
     */
    static ZipWriter.LargeLayout largeLayout(String targetPython) throws PyzException {
        if (targetPython == null || targetPython.isBlank()) {
            return ZipWriter.LargeLayout.REFUSE;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)").matcher(targetPython.strip());
        if (!m.matches()) {
            throw new PyzException("targetPython '" + targetPython + "' is not a major.minor version such as 3.12");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 3 || (major == 3 && minor >= 13) ? ZipWriter.LargeLayout.ZIP64 : ZipWriter.LargeLayout.WRAPPED_COUNT;
    }

    static final String LARGE_ADVICE = "; declare the Python the app runs on (targetPython, -Dpyz.targetPython):"
            + " 3.13 or newer gets Zip64 records, 3.8 to 3.12 a directory with a wrapped entry count";

    /** What was built; {@code pycs} counts the project's own compiled modules (wheels' come from the cache). */
    public record Result(Path output, EntryPoint entry, int entries, long size, int sourceFiles, int pycs) {}

    /**
     * Bytecode to bundle: the compiler for the project's own modules and the bootstrap, and each wheel's
     * compiled modules from the bytecode cache, by wheel sha256.
     */
    public record Bytecode(Compiler compiler, Map<String, CompiledWheel> wheels) {
        public static Bytecode of(Compiler compiler, List<CompiledWheel> compiled) {
            Map<String, CompiledWheel> bySha = new TreeMap<>();
            compiled.forEach(c -> bySha.put(c.sha256(), c));
            return new Bytecode(compiler, bySha);
        }
    }

    private ZipappBuilder() {}

    public static Result build(List<PackedWheel> wheels, Options options, Log log) throws IOException {
        return build(wheels, Optional.empty(), options, log);
    }

    /** Builds the zipapp, with pycs for the wheels, the project's modules and the bootstrap when {@code bytecode} is given. */
    public static Result build(List<PackedWheel> wheels, Optional<Bytecode> bytecode, Options options, Log log)
            throws IOException {
        List<PackedWheel> ordered = ordered(wheels);
        SourceTree sources = SourceTree.scan(options.sourceDirectory());
        EntryPoint entry = EntryPoint.resolve(options.main(), options.script(), sources.hasMain(), ordered);
        String shebang = shebang(options.shebang());
        long time = options.timestamp().map(DosTime::of).orElse(DosTime.EPOCH);
        ZipWriter.LargeLayout layout = largeLayout(options.targetPython());
        Optional<Interpreter> interpreter = bytecode.map(b -> b.compiler().interpreter());
        java.util.Set<String> nestedBytecode = new java.util.TreeSet<>();
        for (PackedWheel w : ordered) {
            CompiledWheel compiled = bytecode.map(b -> b.wheels().get(w.sha256())).orElse(null);
            if (w.extract() && compiled != null && compiled.pycs() > 0) {
                nestedBytecode.add(w.sha256());
            }
        }
        byte[] manifest = Manifest.json(options.plugin(), options.project(), options.timestamp(), entry, ordered,
                interpreter, options.extractExclude(), nestedBytecode).getBytes(StandardCharsets.UTF_8);

        Path output = options.output().toAbsolutePath();
        Files.createDirectories(output.getParent());
        AtomicFiles.deleteStaleTemps(output.getParent(), output.getFileName() + "."); // of killed builds
        Path temp = Files.createTempFile(output.getParent(), output.getFileName() + ".", ".tmp");
        ExecutorService pool = Tasks.pool("pyz-compress", Math.max(1, options.threads()));
        // the project's modules go to the interpreter workers: one below the size threshold, like the wheels'
        long sourceBytes = 0;
        for (Map.Entry<String, Path> e : sources.entries().entrySet()) {
            if (e.getValue() != null && e.getKey().endsWith(".py")) {
                sourceBytes += Files.size(e.getValue());
            }
        }
        ExecutorService compiling = Tasks.pool("pyz-compile", BytecodeCache.workers(sourceBytes, options.threads()));
        Map<String, Future<Compressed>> compressed = new TreeMap<>();
        Map<String, Future<Compressed>> pycs = new TreeMap<>();
        try {
            for (Map.Entry<String, Path> e : sources.entries().entrySet()) {
                Path file = e.getValue();
                if (file != null) {
                    compressed.put(e.getKey(), pool.submit(() -> Compressed.of(file, output.getParent())));
                    if (bytecode.isPresent() && e.getKey().endsWith(".py")) {
                        Compiler compiler = bytecode.get().compiler();
                        String name = e.getKey();
                        pycs.put(pycName(name), compiling.submit(() -> compileSource(compiler, name,
                                Files.readAllBytes(file), file.toString())));
                    }
                }
            }
            byte[] bootstrap = resource("pyz_bootstrap.py");
            byte[] launcher = resource("__main__.py");
            if (bytecode.isPresent()) {
                Compiler compiler = bytecode.get().compiler();
                pycs.put(pycName(BOOTSTRAP), compiling.submit(() -> compileSource(compiler, BOOTSTRAP, bootstrap,
                        "the plugin's " + BOOTSTRAP)));
                pycs.put(pycName(LAUNCHER), compiling.submit(() -> compileSource(compiler, LAUNCHER, launcher,
                        "the plugin's " + LAUNCHER)));
            }
            int entries;
            long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                    ZipWriter zip = new ZipWriter(channel, output.toString())) {
                zip.largeLayout(layout, LARGE_ADVICE);
                long t0 = System.nanoTime();
                zip.writePreamble((shebang + "\n").getBytes(StandardCharsets.UTF_8));
                zip.addDirectory(".deps/", DosTime.EPOCH);
                for (PackedWheel wheel : ordered) {
                    CompiledWheel compiled = bytecode.map(b -> b.wheels().get(wheel.sha256())).orElse(null);
                    if (wheel.extract()) { // nested whole: its files are read only when it is extracted
                        addNested(zip, Manifest.nestedArchive(wheel), wheel.zip());
                        if (nestedBytecode.contains(wheel.sha256())) {
                            addNested(zip, Manifest.nestedBytecode(wheel), compiled.zip());
                        }
                        continue;
                    }
                    copyBlock(zip, wheel.zip());
                    if (compiled != null && compiled.pycs() > 0) {
                        copyBlock(zip, compiled.zip());
                    }
                }
                for (Map.Entry<String, Path> e : sources.entries().entrySet()) {
                    if (e.getValue() == null) {
                        zip.addDirectory(e.getKey(), time);
                    } else if (!e.getKey().startsWith(".pyz/")) {
                        zip.addEntry(e.getKey(), Tasks.await(compressed.get(e.getKey())), mode(e.getValue()), time);
                        addPyc(zip, pycs, e.getKey(), time);
                    }
                }
                long t1 = System.nanoTime();
                log.debug(String.format(java.util.Locale.ROOT, "Copied %d packed wheel(s) in %.3f s",
                        ordered.size(), (t1 - t0) / 1e9));
                zip.addDirectory(".pyz/", time);
                zip.addEntry(Manifest.PATH, Compressed.of(manifest), ZipWriter.FILE_MODE, time);
                if (sources.hasMain()) {
                    zip.addEntry(EntryPoint.APP_MAIN, Tasks.await(compressed.get(EntryPoint.APP_MAIN)), ZipWriter.FILE_MODE,
                            time);
                    addPyc(zip, pycs, EntryPoint.APP_MAIN, time);
                }
                zip.addEntry(BOOTSTRAP, Compressed.of(bootstrap), ZipWriter.FILE_MODE, time);
                addPyc(zip, pycs, BOOTSTRAP, time);
                zip.addEntry(LAUNCHER, Compressed.of(launcher), ZipWriter.FILE_MODE, time);
                addPyc(zip, pycs, LAUNCHER, time);
                entries = zip.entryCount();
                size = zip.finish();
                log.debug(String.format(java.util.Locale.ROOT, "Wrote sources, bootstrap and central directory in %.3f s",
                        (System.nanoTime() - t1) / 1e9));
            }
            makeExecutable(temp);
            AtomicFiles.moveIntoPlace(temp, output);
            log.debug("Wrote " + output + ": " + entries + " entries, " + Sizes.human(size));
            int ownPycs = pycs.size() - (bytecode.isPresent() ? 2 : 0); // not counting the bootstrap's two
            return new Result(output, entry, entries, size, sources.fileCount(), ownPycs);
        } finally {
            pool.shutdownNow();
            compiling.shutdownNow();
            awaitQuietly(pool);
            awaitQuietly(compiling);
            Files.deleteIfExists(temp);
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

    private static void copyBlock(ZipWriter zip, Path block) throws IOException {
        try (FileChannel channel = FileChannel.open(block, StandardOpenOption.READ)) {
            CentralDirectory cd = CentralDirectory.readOwn(channel, block.toString());
            zip.copyEntries(channel, cd, block.toString());
        }
    }

    private static void addNested(ZipWriter zip, String name, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            zip.addStoredFile(name, channel, file.toString(), ZipWriter.FILE_MODE, DosTime.EPOCH);
        }
    }

    /** {@code mod.py} -> {@code mod.pyc}, next to the source, where zipimport looks. */
    static String pycName(String source) {
        return source.substring(0, source.length() - ".py".length()) + ".pyc";
    }

    private static void addPyc(ZipWriter zip, Map<String, Future<Compressed>> pycs, String source, long time)
            throws IOException {
        Future<Compressed> pyc = source.endsWith(".py") ? pycs.get(pycName(source)) : null;
        if (pyc != null) {
            zip.addEntry(pycName(source), Tasks.await(pyc), ZipWriter.FILE_MODE, time);
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

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    private static String shebang(String shebang) throws PyzException {
        String s = shebang == null || shebang.isBlank() ? DEFAULT_SHEBANG : shebang.strip();
        if (!s.startsWith("#!") || s.contains("\n") || s.contains("\r")) {
            throw new PyzException("shebang '" + shebang + "' must be one line starting with #!");
        }
        return s;
    }

    private static int mode(Path file) {
        return Files.isExecutable(file) ? ZipWriter.EXECUTABLE_MODE : ZipWriter.FILE_MODE;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ZipappBuilder.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("the plugin's resource " + RESOURCES + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            file.toFile().setExecutable(true, false);
        }
    }


}

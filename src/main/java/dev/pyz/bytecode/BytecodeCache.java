package dev.pyz.bytecode;

import dev.pyz.AtomicFiles;
import dev.pyz.KeyValues;
import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.Sizes;
import dev.pyz.Tasks;
import dev.pyz.cache.CachedZip;
import dev.pyz.cache.EntryLocks;
import dev.pyz.cache.LastUse;
import dev.pyz.cache.Leases;
import dev.pyz.cache.SharedEntries;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.WheelPacker;
import dev.pyz.zip.Compressed;
import dev.pyz.zip.DosTime;
import dev.pyz.zip.ZipArchive;
import dev.pyz.zip.ZipRecord;
import dev.pyz.zip.ZipWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;

/**
 * Bytecode of packed wheels, compiled once per wheel content and interpreter:
 * {@code <root>/bytecode/<layout>/<cache tag>-<magic>/<sha256>/<wheel file name>.zip} with an {@code .info}
 * file beside it. The zip holds an unchecked-hash pyc for every {@code .py} file of the wheel: next to
 * the source for wheels imported from the archive (where zipimport looks), in {@code __pycache__/} under
 * the interpreter's cache tag for wheels extracted to disk (where the source loader looks). Written to
 * temp files and moved into place, info first, zip last, like the pack cache.
 */
public final class BytecodeCache {
    /**
     * Bump when the layout of the bytecode zips or their info files changes (2: central directory digest;
     * 3: a wheel's scripts, now under {@code bin/}, are not compiled; 4: pycs deflated at level 1, so that
     * every cache writes the same bytes).
     */
    public static final String LAYOUT_VERSION = "5";

    /**
     * Below this much source the build compiles with one worker process; each further worker needs this
     * much more source (starting an interpreter costs tens of milliseconds; compiling runs at about
     * 10 MB of source a second per core here).
     */
    public static final long BYTES_PER_WORKER = 2 << 20;

    private final Path root;
    private final Leases leases;
    private final SharedEntries shared;

    /**
     * The bytecode cache under the pack cache's {@code root}; the entries a build uses are held in
     * {@code leases}; entries it lacks are taken from {@code shared} when that store has them (checked first).
     */
    public BytecodeCache(Path root, Leases leases, SharedEntries shared) {
        this.root = root;
        this.leases = leases;
        this.shared = shared;
    }

    /** A bytecode cache whose entries are held until the JVM ends (tests). */
    public BytecodeCache(Path root) {
        this(root, new Leases(), SharedEntries.NONE);
    }

    Path entryDirectory(Interpreter interpreter, String sha256) {
        return root.resolve("bytecode").resolve(LAYOUT_VERSION)
                .resolve(interpreter.cacheTag() + "-" + interpreter.magic()).resolve(sha256);
    }

    /** The cache's entry for this wheel and interpreter, if it holds a whole one. */
    public Optional<CompiledWheel> lookup(PackedWheel wheel, Interpreter interpreter) throws IOException {
        return lookup(wheel, interpreter, Log.NONE);
    }

    /**
     * The cache's entry for this wheel and interpreter, if it holds a whole one: the info file names the
     * wheel, and the zip has the size and central directory digest recorded when it was written. Anything
     * else (truncated, damaged or replaced zip, info file gone) is compiled again, and {@code log} says why.
     */
    public Optional<CompiledWheel> lookup(PackedWheel wheel, Interpreter interpreter, Log log) throws IOException {
        Path dir = entryDirectory(interpreter, wheel.sha256());
        Path zip = dir.resolve(entryName(wheel) + ".zip");
        Path info = dir.resolve(entryName(wheel) + ".info");
        if (!Files.isRegularFile(zip)) {
            return Optional.empty();
        }
        Checked checked = check(wheel, zip, info);
        if (checked.problem() != null) {
            log.info("The cached bytecode " + zip + " is not used, it is compiled again: " + checked.problem());
        }
        return Optional.ofNullable(checked.compiled());
    }

    /** An entry's files checked: the entry, or why it cannot be used. */
    private record Checked(CompiledWheel compiled, String problem) {}

    /**
     * Checks the bytecode {@code zip} of {@code wheel} against its {@code info} file: the info file names the
     * wheel, and the zip has the size and central directory digest recorded when it was written.
     */
    private static Checked check(PackedWheel wheel, Path zip, Path info) {
        String problem;
        try {
            if (!Files.isRegularFile(info)) {
                problem = "its info file " + info.getFileName() + " is missing";
            } else {
                KeyValues values = KeyValues.read(info);
                if (!wheel.sha256().equals(values.get("sha256"))) {
                    problem = "its info file describes another wheel (sha256 " + values.get("sha256") + ")";
                } else {
                    CachedZip checked = CachedZip.check(zip, CachedZip.Integrity.read(values, SIZE, CD_CRC32, CRC32));
                    return new Checked(new CompiledWheel(wheel.fileName(), wheel.sha256(), checked,
                            Integer.parseInt(values.get("pycs")), values.all(SKIPPED)), null);
                }
            }
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage();
        }
        return new Checked(null, problem);
    }

    /** Info file keys of the zip's integrity (see {@link CachedZip.Integrity}). */
    private static final String SIZE = "size";
    private static final String CD_CRC32 = "cd_crc32";
    private static final String CRC32 = "crc32";
    /** Info file key, repeated: a module the interpreter refused to compile, left to run time. */
    private static final String SKIPPED = "skipped";

    /** The entry's file name: pycs sit elsewhere for a wheel extracted at run time (see {@link #pycName}). */
    static String entryName(PackedWheel wheel) {
        return wheel.fileName() + (wheel.extract() ? ".extracted" : "");
    }

    /** The pyc's name in the archive for the source {@code name}, or null when it is not a module. */
    static String pycName(String name, boolean extracted, String cacheTag) {
        if (!name.endsWith(".py")) {
            return null;
        }
        String stem = name.substring(0, name.length() - 3);
        if (!extracted) {
            return stem + ".pyc";
        }
        int slash = stem.lastIndexOf('/');
        return stem.substring(0, slash + 1) + "__pycache__/" + stem.substring(slash + 1) + "." + cacheTag + ".pyc";
    }

    /** Sources of a packed wheel that become modules: its .py files outside the dist-info and .data folders. */
    static boolean isModule(PackedWheel wheel, String name) {
        String prefix = wheel.archivePath() + "/";
        if (!name.startsWith(prefix) || !name.endsWith(".py")) {
            return false;
        }
        String relative = name.substring(prefix.length());
        String top = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : "";
        return !top.endsWith(".dist-info") && !top.endsWith(".data") && !(top + "/").equals(WheelPacker.BIN);
    }

    /** The modules of a packed wheel that get a pyc: all of them but those whose wheel ships their pyc. */
    static List<ZipRecord> toCompile(PackedWheel w, ZipArchive zip, String cacheTag) {
        List<ZipRecord> sources = new ArrayList<>();
        for (ZipRecord entry : zip.records()) {
            if (isModule(w, entry.name()) && zip.entry(pycName(entry.name(), w.extract(), cacheTag)).isEmpty()) {
                sources.add(entry);
            }
        }
        return sources;
    }

    /** A wheel being compiled: its zip open for reading, and one future per module in name order. */
    private record Compiling(PackedWheel wheel, ZipArchive zip, Map<String, Future<Compiled>> results) {}

    /** One module's outcome: its pyc, already compressed on the worker's thread, or the interpreter's refusal. */
    private record Compiled(Compressed pyc, String error) {}

    /**
     * Returns every wheel's bytecode for {@code python}'s interpreter, compiling the ones the cache lacks with
     * its compiler (asked for only then): modules of all wheels share one queue served by up to
     * {@code threads} workers (fewer for little source, one below {@link #BYTES_PER_WORKER}). The result
     * follows the order of {@code wheels}.
     */
    public List<CompiledWheel> prepare(List<PackedWheel> wheels, CompilerHandle python, int threads, Log log)
            throws IOException {
        Interpreter interpreter = python.interpreter();
        Map<String, CompiledWheel> ready = new TreeMap<>();
        List<PackedWheel> missing = new ArrayList<>();
        Set<String> missingEntries = new HashSet<>(); // a wheel listed twice is compiled once
        for (PackedWheel w : wheels) {
            Optional<CompiledWheel> hit = leased(w, interpreter, log);
            if (hit.isPresent()) {
                ready.put(w.sha256(), hit.get());
                log.debug("Bytecode cache hit for " + w.fileName() + ": " + hit.get().zip());
            } else if (missingEntries.add(w.sha256())) {
                missing.add(w);
            }
        }
        if (!missing.isEmpty()) {
            // builds sharing the cache compile each wheel once (see EntryLocks)
            EntryLocks.writeOnce(missing, w -> lockFile(interpreter, w), w -> {
                Optional<CompiledWheel> now = lookup(w, interpreter, Log.NONE); // under the entry's lock
                if (now.isPresent()) {
                    leases.take(useFile(interpreter, w), now.get().zip().path());
                    ready.put(w.sha256(), now.get());
                }
                return now.isPresent();
            }, (missed, held) -> {
                List<PackedWheel> todo = fetch(missed, interpreter, threads, held, ready, log);
                if (todo.isEmpty()) {
                    return;
                }
                List<PackedWheel> sorted = new ArrayList<>(todo);
                sorted.sort(Comparator.comparingLong((PackedWheel w) -> sizeOf(w)).reversed());
                compile(sorted, python.compiler(), threads, log, ready, held);
            }, n -> log.info("Waiting for the bytecode of " + n + " wheel(s) that another build is compiling"));
        }
        List<CompiledWheel> result = new ArrayList<>();
        for (PackedWheel w : wheels) {
            result.add(ready.get(w.sha256()));
        }
        return result;
    }

    /** The shared store's name for the bytecode of {@code w} for {@code interpreter}. */
    public static SharedEntries.Key sharedKey(PackedWheel w, Interpreter interpreter) {
        return new SharedEntries.Key(w.sha256(), w.fileName(), variant(interpreter, w.extract()));
    }

    /**
     * The shared store's names for the bytecode of the packed wheel {@code packed} names, for {@code interpreter},
     * in both layouts: which one the build uses is known once the wheel is packed (see {@link PackedWheel#extract}).
     */
    public static List<SharedEntries.Key> sharedKeys(SharedEntries.Key packed, Interpreter interpreter) {
        return List.of(new SharedEntries.Key(packed.sha256(), packed.fileName(), variant(interpreter, false)),
                new SharedEntries.Key(packed.sha256(), packed.fileName(), variant(interpreter, true)));
    }

    private static String variant(Interpreter interpreter, boolean extracted) {
        return interpreter.cacheTag() + "-" + interpreter.magic() + (extracted ? "-extracted" : "");
    }

    /**
     * Takes from the shared store the bytecode it holds of {@code missed}, each checked and moved into the
     * cache, releasing its lock; returns the wheels still to compile (with a warning for each refused entry).
     */
    private List<PackedWheel> fetch(List<PackedWheel> missed, Interpreter interpreter, int threads,
            Map<PackedWheel, EntryLocks.Held> locks, Map<String, CompiledWheel> ready, Log log) throws IOException {
        if (shared == SharedEntries.NONE) {
            return missed;
        }
        Map<SharedEntries.Key, SharedEntries.Files> found = shared.fetch(missed.stream()
                .map(w -> sharedKey(w, interpreter)).toList(), log);
        try (Tasks.Pool pool = Tasks.open("pyz-bytecode-fetch", threads)) {
            Map<PackedWheel, Future<Checked>> installs = new java.util.IdentityHashMap<>();
            List<PackedWheel> largestFirst = new ArrayList<>(missed);
            largestFirst.sort(Comparator.comparingLong((PackedWheel w) -> sizeOf(w)).reversed());
            for (PackedWheel w : largestFirst) {
                SharedEntries.Files files = found.get(sharedKey(w, interpreter));
                if (files != null) {
                    installs.put(w, pool.submit(() -> install(w, interpreter, files)));
                }
            }
            return taken(missed, installs, interpreter, locks, ready, log, !found.isEmpty());
        }
    }

    /**
     * Moves each checked install of {@code missed} into {@code ready}, releasing its lock; returns the rest (with
     * a warning for each refused entry).
     */
    private List<PackedWheel> taken(List<PackedWheel> missed, Map<PackedWheel, Future<Checked>> installs,
            Interpreter interpreter, Map<PackedWheel, EntryLocks.Held> locks, Map<String, CompiledWheel> ready, Log log,
            boolean anyFound) throws IOException {
        List<PackedWheel> rest = new ArrayList<>();
        int taken = 0;
        for (PackedWheel w : missed) {
            Checked c = installs.containsKey(w) ? Tasks.await(installs.get(w)) : null;
            if (c == null || c.problem() != null) {
                if (c != null) {
                    log.warn("The shared cache's bytecode for " + w.fileName() + " is refused, it is compiled here: "
                            + c.problem());
                }
                rest.add(w);
                continue;
            }
            leases.take(useFile(interpreter, w), c.compiled().zip().path()); // before its lock goes
            EntryLocks.Held held = locks.remove(w);
            if (held != null) {
                held.close();
            }
            ready.put(w.sha256(), c.compiled());
            taken++;
        }
        if (anyFound) {
            log.info("Took the bytecode of " + taken + " of " + missed.size() + " wheel(s) from the shared cache");
        }
        return rest;
    }

    /**
     * Copies fetched bytecode into the entry's folder and moves it into place (info first) when its info file
     * matches it ({@link #check}) and its pycs are those of the wheel's modules, for this interpreter.
     */
    private Checked install(PackedWheel w, Interpreter interpreter, SharedEntries.Files files) throws IOException {
        Path dir = entryDirectory(interpreter, w.sha256());
        Files.createDirectories(dir);
        Path tempZip = Files.createTempFile(dir, entryName(w) + ".", ".zip.tmp");
        Path tempInfo = Files.createTempFile(dir, entryName(w) + ".", ".info.tmp");
        try {
            long crc = CachedZip.copy(files.zip(), tempZip);
            Files.copy(files.info(), tempInfo, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Checked c = check(w, tempZip, tempInfo);
            String problem = c.problem() != null ? c.problem() : crcProblem(crc, c.compiled().zip());
            problem = problem != null ? problem : pycProblem(w, interpreter, tempZip, c.compiled());
            if (problem != null) {
                return new Checked(null, problem);
            }
            Path zip = dir.resolve(entryName(w) + ".zip");
            AtomicFiles.moveIntoPlace(tempInfo, dir.resolve(entryName(w) + ".info"));
            AtomicFiles.moveIntoPlace(tempZip, zip);
            CompiledWheel compiled = c.compiled();
            return new Checked(new CompiledWheel(compiled.fileName(), compiled.sha256(), compiled.zip().movedTo(zip),
                    compiled.pycs(), compiled.skipped()), null);
        } finally {
            Files.deleteIfExists(tempZip);
            Files.deleteIfExists(tempInfo);
        }
    }

    /** Why a fetched zip's recorded CRC-32 (what nesting it whole in a zipapp takes) is not its own, or null. */
    private static String crcProblem(long actual, CachedZip checked) {
        if (checked.crc32().isEmpty()) {
            return null; // not recorded: nesting computes it
        }
        return actual == checked.crc32().getAsLong() ? null : "its info file records CRC-32 " + checked.crc32().getAsLong()
                + ", the zip has " + actual;
    }

    /**
     * Why fetched bytecode is not the bytecode of {@code w}'s modules for {@code interpreter}: every entry
     * must be the pyc of one of the modules this build would compile, where this interpreter looks, once,
     * starting with its magic number; with the modules the info file leaves to run time, they must be all of
     * them. (The code in the pycs is taken as the store gives it: see docs/FORMAT.md.)
     */
    private static String pycProblem(PackedWheel w, Interpreter interpreter, Path zip, CompiledWheel claimed)
            throws IOException {
        java.util.Set<String> expected = new java.util.HashSet<>();
        try (ZipArchive packed = w.zip().open()) {
            for (ZipRecord r : toCompile(w, packed, interpreter.cacheTag())) {
                expected.add(pycName(r.name(), w.extract(), interpreter.cacheTag()));
            }
        }
        byte[] magic = java.util.HexFormat.of().parseHex(interpreter.magic());
        try (ZipArchive fetched = ZipArchive.open(zip, zip.toString())) {
            int count = fetched.records().size();
            if (count != claimed.pycs() || count + claimed.skipped().size() != expected.size()) {
                return "it holds " + count + " pycs and leaves " + claimed.skipped().size() + " module(s) to run time, of"
                        + " the " + expected.size() + " modules this wheel has to compile (its info file says "
                        + claimed.pycs() + " pycs)";
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (ZipRecord r : fetched.records()) {
                if (!expected.contains(r.name()) || !seen.add(r.name())) {
                    return "its entry " + r.name() + " is not the pyc of a module of the wheel for "
                            + interpreter.cacheTag() + ", or comes twice";
                }
                try (java.io.InputStream in = fetched.content(r)) {
                    if (!java.util.Arrays.equals(magic, in.readNBytes(magic.length))) {
                        return "its pyc " + r.name() + " is not for " + interpreter.describe() + " (magic number)";
                    }
                }
            }
        } catch (dev.pyz.PyzException e) {
            return e.getMessage();
        }
        return null;
    }

    /**
     * The whole entry, held shared in the build's leases from before it is checked, its last use recorded;
     * empty (holding nothing) on a miss.
     */
    private Optional<CompiledWheel> leased(PackedWheel w, Interpreter interpreter, Log log) throws IOException {
        EntryLocks.Held shared = EntryLocks.acquireShared(useFile(interpreter, w));
        Optional<CompiledWheel> hit;
        try {
            hit = lookup(w, interpreter, log);
        } catch (IOException | RuntimeException e) {
            shared.close();
            throw e;
        }
        if (hit.isEmpty()) {
            shared.close();
        } else {
            leases.keep(shared);
            LastUse.record(entryDirectory(interpreter, w.sha256()).resolve(entryName(w) + ".info"));
        }
        return hit;
    }

    private static long sizeOf(PackedWheel w) {
        try {
            return Files.size(w.zip().path());
        } catch (IOException e) {
            return 0;
        }
    }

    private Path lockFile(Interpreter interpreter, PackedWheel w) {
        return entryDirectory(interpreter, w.sha256()).resolve(EntryLocks.WRITING);
    }

    /** The lock file builds using the entry hold shared (see {@link EntryLocks}). */
    private Path useFile(Interpreter interpreter, PackedWheel w) {
        return entryDirectory(interpreter, w.sha256()).resolve(EntryLocks.USING);
    }

    private void compile(List<PackedWheel> missing, Compiler compiler, int threads, Log log,
            Map<String, CompiledWheel> ready, Map<PackedWheel, EntryLocks.Held> locks) throws IOException {
        Interpreter interpreter = compiler.interpreter();
        List<Compiling> compiling = new ArrayList<>();
        Tasks.Pool pool = null;
        try {
            long total = 0;
            Map<PackedWheel, List<ZipRecord>> modules = new java.util.IdentityHashMap<>();
            for (PackedWheel w : missing) {
                ZipArchive zip = w.zip().open();
                compiling.add(new Compiling(w, zip, new TreeMap<>()));
                List<ZipRecord> sources = toCompile(w, zip, interpreter.cacheTag());
                for (ZipRecord entry : sources) {
                    total += entry.size();
                }
                modules.put(w, sources);
            }
            int workers = workers(total, threads);
            log.info(String.format(Locale.ROOT, "Compiling bytecode of %d wheel(s) (%s of source) with %s, %d worker(s)",
                    missing.size(), Sizes.human(total), interpreter.describe(), workers));
            // two threads a worker, at most `workers` of them compiling: while one thread compresses the pyc
            // its worker gave back, another has already handed that worker the next source
            pool = Tasks.open("pyz-bytecode", 2 * workers);
            java.util.concurrent.Semaphore busy = new java.util.concurrent.Semaphore(workers);
            for (int i = 0; i < compiling.size(); i++) {
                Compiling c = compiling.get(i);
                for (ZipRecord entry : modules.get(c.wheel())) {
                    ZipArchive zip = c.zip();
                    c.results().put(entry.name(), pool.submit(() -> {
                        byte[] source = zip.read(entry, Long.MAX_VALUE);
                        Compiler.Result r;
                        busy.acquire();
                        try {
                            r = compiler.compile(entry.name(), source);
                        } finally {
                            busy.release();
                        }
                        return r.ok() ? new Compiled(Compressed.of(r.pyc()), null) : new Compiled(null, r.error());
                    }));
                }
            }
            long start = System.nanoTime();
            int done = 0;
            for (Compiling c : compiling) {
                CompiledWheel compiled = write(c, interpreter);
                ready.put(c.wheel().sha256(), compiled);
                leases.take(useFile(interpreter, c.wheel()), compiled.zip().path()); // before its lock goes
                EntryLocks.Held held = locks.remove(c.wheel());
                if (held != null) {
                    held.close(); // builds waiting for this wheel go on
                }
                for (String s : compiled.skipped()) {
                    log.debug("Not compiled (left to run time): " + s);
                }
                log.info(String.format(Locale.ROOT, "[%d/%d] Compiled %s: %d module(s)%s at %.1f s", ++done,
                        compiling.size(), c.wheel().fileName(), compiled.pycs(),
                        compiled.skipped().isEmpty() ? "" : ", " + compiled.skipped().size()
                                + " refused by the interpreter (left to run time; -X lists them)",
                        (System.nanoTime() - start) / 1e9));
            }
        } finally {
            if (pool != null) {
                pool.close();
            }
            for (Compiling c : compiling) {
                c.zip().close();
            }
        }
    }

    /** Worker processes for this much source: one per {@link #BYTES_PER_WORKER} started, at most {@code threads}. */
    public static int workers(long sourceBytes, int threads) {
        long wanted = Math.max(1, (sourceBytes + BYTES_PER_WORKER - 1) / BYTES_PER_WORKER);
        return (int) Math.max(1, Math.min(Math.max(1, threads), wanted));
    }

    private CompiledWheel write(Compiling c, Interpreter interpreter) throws IOException {
        PackedWheel w = c.wheel();
        Path dir = entryDirectory(interpreter, w.sha256());
        Files.createDirectories(dir);
        AtomicFiles.deleteStaleTemps(dir, ""); // of killed builds
        Path tempZip = Files.createTempFile(dir, entryName(w) + ".", ".zip.tmp");
        Path tempInfo = Files.createTempFile(dir, entryName(w) + ".", ".info.tmp");
        try {
            int pycs = 0;
            List<String> skipped = new ArrayList<>();
            java.util.OptionalLong crc;
            try (FileChannel channel = FileChannel.open(tempZip, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                    ZipWriter zip = new ZipWriter(channel, tempZip.toString())) {
                for (Map.Entry<String, Future<Compiled>> e : c.results().entrySet()) {
                    Compiled r = Tasks.await(e.getValue());
                    e.setValue(null);
                    if (r.pyc() != null) {
                        zip.addEntry(pycName(e.getKey(), w.extract(), interpreter.cacheTag()), r.pyc(),
                                ZipWriter.FILE_MODE, DosTime.EPOCH);
                        pycs++;
                    } else {
                        skipped.add(e.getKey() + ": " + r.error().replace('\n', ' '));
                    }
                }
                zip.finish();
                crc = zip.crc32();
            }
            StringBuilder info = new StringBuilder();
            info.append("file=").append(w.fileName()).append('\n');
            info.append("sha256=").append(w.sha256()).append('\n');
            info.append("interpreter=").append(interpreter.implementation()).append(' ').append(interpreter.version())
                    .append('\n');
            info.append("pycs=").append(pycs).append('\n');
            CachedZip.Measured written = CachedZip.measure(tempZip, crc);
            info.append(written.integrity().lines(SIZE, CD_CRC32, CRC32));
            KeyValues.appendAll(info, SKIPPED, skipped);
            Files.writeString(tempInfo, info, StandardCharsets.UTF_8);
            Path zip = dir.resolve(entryName(w) + ".zip");
            AtomicFiles.moveIntoPlace(tempInfo, dir.resolve(entryName(w) + ".info"));
            AtomicFiles.moveIntoPlace(tempZip, zip);
            return new CompiledWheel(w.fileName(), w.sha256(), written.zip().movedTo(zip), pycs, List.copyOf(skipped));
        } finally {
            Files.deleteIfExists(tempZip);
            Files.deleteIfExists(tempInfo);
        }
    }
}

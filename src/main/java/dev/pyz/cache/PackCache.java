package dev.pyz.cache;

import dev.pyz.AtomicFiles;
import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.Tasks;
import dev.pyz.Sizes;
import dev.pyz.wheel.Record;
import dev.pyz.wheel.Wheel;
import dev.pyz.wheel.WheelFileName;
import dev.pyz.wheel.WheelLimits;
import dev.pyz.wheel.ZipSafety;
import dev.pyz.zip.CentralDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * The cache of packed wheels, content-addressed by the wheel file's SHA-256:
 * {@code <root>/packed/<layout version>/<sha256>/<wheel file name>.zip} with an {@code .info} file beside
 * it (and {@code <root>/digests/}, which remembers wheel digests by file metadata). Entries are written to temp files in their folder and moved into place, the info file first and
 * the zip last, so the zip's presence means the entry is whole; two writers of one entry write the same
 * bytes (packing is deterministic), so the second move replaces it with an identical file. Builds in parallel (threads, or Maven processes sharing a local repository) therefore never
 * see half an entry.
 */
public final class PackCache {
    /**
     * Bump when the packed layout or the info file changes: old entries are then never read again (2: the
     * info file records the zip's size and central directory digest; 3: scripts under {@code bin/}, and the
     * info file records native code, zip-safety evidence and script kinds).
     */
    public static final String LAYOUT_VERSION = "3";

    private final Path root;
    private final DigestMemo digests;
    private final WheelLimits limits;

    public PackCache(Path root) {
        this(root, WheelLimits.DEFAULTS);
    }

    /** A cache that refuses to pack wheels that expand beyond {@code limits}. */
    public PackCache(Path root, WheelLimits limits) {
        this.root = root;
        this.digests = new DigestMemo(root.resolve("digests"));
        this.limits = limits;
    }

    public Path root() {
        return root;
    }

    Path entryDirectory(String sha256) {
        return root.resolve("packed").resolve(LAYOUT_VERSION).resolve(sha256);
    }

    /** The packed entry for this wheel content and file name, if the cache holds a whole one. */
    public Optional<PackedWheel> lookup(String sha256, String fileName) throws IOException {
        return lookup(sha256, fileName, Log.NONE);
    }

    /**
     * The packed entry for this wheel content and file name, if the cache holds a whole one: its info file
     * is readable and names this wheel, and the zip has the size and the central directory (digest of
     * the bytes from the directory to the end) that were recorded when it was written, and as many
     * entries. An entry that fails any of these (truncated, damaged, replaced, info file gone) is not
     * used: the wheel is packed again, and {@code log} says why.
     */
    public Optional<PackedWheel> lookup(String sha256, String fileName, Log log) throws IOException {
        Path dir = entryDirectory(sha256);
        Path zip = dir.resolve(fileName + ".zip");
        Path info = dir.resolve(fileName + ".info");
        if (!Files.isRegularFile(zip)) {
            return Optional.empty(); // not packed yet: the ordinary miss
        }
        String problem;
        try {
            problem = problem(sha256, fileName, zip, info);
            if (problem == null) {
                return Optional.of(PackedWheel.readInfo(info, zip));
            }
        } catch (NoSuchFileException e) {
            problem = "a file vanished while it was read (" + e.getFile() + ")";
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage();
        }
        log.info("The cached entry " + zip + " is not used, it is packed again: " + problem);
        return Optional.empty();
    }

    /** Why the entry in the cache cannot be used, or null when it can. */
    private static String problem(String sha256, String fileName, Path zip, Path info) throws IOException {
        if (!Files.isRegularFile(info)) {
            return "its info file " + info.getFileName() + " is missing";
        }
        Map<String, String> values = PackedWheel.readValues(info);
        PackedWheel packed = PackedWheel.fromValues(values, info, zip);
        if (!packed.sha256().equals(sha256) || !packed.fileName().equals(fileName)) {
            return "its info file describes " + packed.fileName() + " (sha256 " + packed.sha256() + ")";
        }
        String size = String.valueOf(Files.size(zip));
        if (!size.equals(values.get(ZIP_SIZE))) {
            return "the zip has " + size + " bytes, " + values.get(ZIP_SIZE) + " when it was written (truncated or"
                    + " replaced)";
        }
        String digest = Digests.centralDirectorySha256(zip);
        if (!digest.equals(values.get(CD_SHA256))) {
            return "the zip's central directory has sha256 " + digest + ", " + values.get(CD_SHA256)
                    + " when it was written (damaged or replaced)";
        }
        int records = CentralDirectory.read(zip).records().size();
        if (records != packed.entries()) {
            return "the zip has " + records + " entries, its info file says " + packed.entries();
        }
        return null;
    }

    /** Info file keys of the integrity check on reuse: the packed zip's size and central directory digest. */
    static final String ZIP_SIZE = "zip_size";
    static final String CD_SHA256 = "cd_sha256";

    /** Entries of one wheel are checked against RECORD in chunks of about this many uncompressed bytes. */
    static final long CHECK_CHUNK_BYTES = 32 << 20;

    /**
     * A wheel being packed: its packed zip written to a temp file on one thread while its files are
     * checked against RECORD in chunks on the others; nothing reaches the cache until all of it is done.
     */
    private final class Packing implements java.io.Closeable {
        final Lookup lookup;
        final Wheel wheel;
        final Path tempZip;
        final Path tempInfo;
        final List<String> listProblems;
        Future<PackedWheel> packed;
        final List<Future<List<Record.Check>>> checks = new ArrayList<>();
        final ZipSafety safety = new ZipSafety();

        Packing(Lookup lookup, ExecutorService pool) throws IOException {
            this.lookup = lookup;
            Path dir = entryDirectory(lookup.sha256());
            Files.createDirectories(dir);
            AtomicFiles.deleteStaleTemps(dir, ""); // of killed builds
            this.tempZip = Files.createTempFile(dir, lookup.fileName() + ".", ".zip.tmp");
            this.tempInfo = Files.createTempFile(dir, lookup.fileName() + ".", ".info.tmp");
            Wheel opened = null;
            boolean started = false;
            try {
                opened = Wheel.open(lookup.input().file(), lookup.fileName(), limits);
                Record record = Record.of(opened);
                this.listProblems = record.listProblems(opened.entries());
                Wheel w = opened;
                this.packed = pool.submit(() -> WheelPacker.pack(w, lookup.sha256(), tempZip));
                List<ZipArchiveEntry> chunk = new ArrayList<>();
                long bytes = 0;
                String data = opened.dataDir() + "/";
                for (ZipArchiveEntry entry : opened.entries()) {
                    if (entry.isDirectory()) {
                        continue;
                    }
                    safety.file(WheelPacker.installedPath(entry.getName(), data));
                    chunk.add(entry);
                    bytes += Math.max(0, entry.getSize());
                    if (bytes >= CHECK_CHUNK_BYTES) {
                        checks.add(submitCheck(pool, record, w, chunk));
                        chunk = new ArrayList<>();
                        bytes = 0;
                    }
                }
                if (!chunk.isEmpty()) {
                    checks.add(submitCheck(pool, record, w, chunk));
                }
                this.wheel = opened;
                started = true;
            } finally {
                if (!started) { // a wheel that cannot be opened or read leaves nothing in the cache
                    try {
                        if (opened != null) {
                            opened.close();
                        }
                    } finally {
                        deleteTemps();
                    }
                }
            }
        }

        /**
         * Checks a chunk of entries against RECORD; a module is read whole once, for the check and for the
         * zip-safety analysis.
         */
        private Future<List<Record.Check>> submitCheck(ExecutorService pool, Record record, Wheel w,
                List<ZipArchiveEntry> entries) {
            String data = w.dataDir() + "/";
            return pool.submit(() -> {
                List<Record.Check> found = new ArrayList<>();
                for (ZipArchiveEntry e : entries) {
                    String installed = WheelPacker.installedPath(e.getName(), data);
                    Record.Check check;
                    if (installed.endsWith(".py")) {
                        byte[] content = w.read(e);
                        check = record.check(e, content);
                        safety.module(installed, content);
                    } else {
                        check = record.check(w, e);
                    }
                    if (check.problem() != null || check.encoding() != null) {
                        found.add(check);
                    }
                }
                return found;
            });
        }

        /** Waits for the work; moves the entry into the cache and returns it, with what RECORD checking found. */
        PackedWheel commit(Log log) throws IOException {
            PackedWheel result = Tasks.await(packed);
            List<String> problems = new ArrayList<>(listProblems);
            java.util.Set<String> encodings = new java.util.TreeSet<>();
            for (Future<List<Record.Check>> check : checks) {
                for (Record.Check c : Tasks.await(check)) {
                    if (c.problem() != null) {
                        problems.add(c.problem());
                    }
                    if (c.encoding() != null) {
                        encodings.add(c.encoding());
                    }
                }
            }
            if (!encodings.isEmpty()) {
                log.info(lookup.fileName() + ": its RECORD writes digests in " + String.join(" and ", encodings)
                        + ", not in the urlsafe base64 the wheel format asks for; they were compared as written");
            }
            result = result.withRecordProblems(summary(problems)).withNotZipSafe(safety.verdict());
            Path dir = entryDirectory(lookup.sha256());
            Path zip = dir.resolve(lookup.fileName() + ".zip");
            String integrity = ZIP_SIZE + "=" + Files.size(tempZip) + "\n" + CD_SHA256 + "="
                    + Digests.centralDirectorySha256(tempZip) + "\n";
            Files.write(tempInfo, (result.infoText() + integrity).getBytes(StandardCharsets.UTF_8));
            AtomicFiles.moveIntoPlace(tempInfo, dir.resolve(lookup.fileName() + ".info"));
            AtomicFiles.moveIntoPlace(tempZip, zip);
            return result.at(zip);
        }

        private void deleteTemps() throws IOException {
            Files.deleteIfExists(tempZip);
            Files.deleteIfExists(tempInfo);
        }

        @Override
        public void close() throws IOException {
            try {
                wheel.close();
            } finally {
                deleteTemps();
            }
        }
    }

    private static String summary(List<String> problems) {
        if (problems.isEmpty()) {
            return "";
        }
        int shown = Math.min(problems.size(), 5);
        return String.join("; ", problems.subList(0, shown))
                + (problems.size() > shown ? " (and " + (problems.size() - shown) + " more)" : "");
    }

    /** What {@link #prepare} did for one wheel. */
    public record Prepared(PackedWheel wheel, boolean packed) {}

    /**
     * Hashes each wheel and takes its packed entry from the cache, then packs the ones the cache lacks,
     * largest first, on {@code threads} threads, logging each as it is done; checks every wheel's METADATA
     * against its file name and coordinates. The result is in input order whatever the number of threads.
     */
    public List<Prepared> prepare(List<WheelInput> inputs, int threads, Log log) throws IOException {
        return prepare(inputs, threads, true, log);
    }

    /**
     * As {@link #prepare(List, int, Log)}; with {@code verifyRecord} false, files that do not match a
     * wheel's RECORD give a warning per wheel instead of failing the build.
     */
    public List<Prepared> prepare(List<WheelInput> inputs, int threads, boolean verifyRecord, Log log)
            throws IOException {
        ExecutorService pool = Tasks.pool("pyz-pack", Math.max(1, threads));
        List<Packing> packings = new ArrayList<>();
        try {
            List<Future<Lookup>> lookups = new ArrayList<>();
            for (WheelInput input : inputs) {
                lookups.add(pool.submit(() -> lookup(input, log)));
            }
            List<Lookup> found = new ArrayList<>();
            for (Future<Lookup> f : lookups) {
                found.add(Tasks.await(f));
            }
            Map<Lookup, PackedWheel> packedNow = new HashMap<>();
            Map<Lookup, PackedWheel> packedByOthers = new HashMap<>();
            // Builds sharing the cache (modules under -T, other processes) pack each wheel once
            Map<String, Lookup> firstOfEntry = new HashMap<>(); // one wheel listed twice is packed once
            List<Lookup> missing = new ArrayList<>();
            for (Lookup l : found) {
                if (l.cached().isEmpty() && firstOfEntry.putIfAbsent(l.sha256() + "/" + l.fileName(), l) == null) {
                    missing.add(l);
                }
            }
            EntryLocks.writeOnce(missing, this::lockFile, l -> {
                Optional<PackedWheel> now = lookup(l.sha256(), l.fileName());
                now.ifPresent(w -> {
                    log.debug("Packed by another build: " + l.fileName());
                    packedByOthers.put(l, w);
                });
                return now.isPresent();
            }, (todo, held) -> {
                long bytes = 0;
                for (Lookup l : todo) {
                    bytes += l.size();
                }
                log.info("Packing " + todo.size() + " of " + inputs.size() + " wheel(s) (" + Sizes.human(bytes)
                        + ") into " + root + (verifyRecord ? "" : ", RECORD problems as warnings"));
                pack(todo, pool, packings, held, packedNow, log);
            }, n -> log.info("Waiting for " + n + " wheel(s) that another build is packing into " + root));
            for (Lookup l : found) {
                Lookup first = firstOfEntry.get(l.sha256() + "/" + l.fileName());
                if (l.cached().isEmpty() && first != l) {
                    packedByOthers.put(l, packedNow.containsKey(first) ? packedNow.get(first) : packedByOthers.get(first));
                }
            }
            List<Prepared> result = new ArrayList<>();
            for (Lookup l : found) {
                PackedWheel wheel = packedNow.containsKey(l) ? packedNow.get(l)
                        : packedByOthers.containsKey(l) ? packedByOthers.get(l) : l.cached().get();
                if (!packedNow.containsKey(l)) {
                    log.debug("Cache hit for " + l.fileName() + ": " + wheel.zip());
                }
                check(l.input(), l.parsed(), wheel);
                if (!wheel.recordProblems().isEmpty()) {
                    String message = l.input().origin() + ": " + l.fileName() + " does not match its RECORD: "
                            + wheel.recordProblems();
                    if (verifyRecord) {
                        throw new PyzException(message + " (the build checks every file of every wheel against"
                                + " its RECORD; -Dpyz.verifyRecord=false turns this into a warning for wheels known"
                                + " to be broken)");
                    }
                    log.warn(message);
                }
                result.add(new Prepared(wheel, packedNow.containsKey(l)));
            }
            return result;
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Packing packing : packings) {
                packing.close();
            }
        }
    }

    private Path lockFile(Lookup l) {
        return entryDirectory(l.sha256()).resolve(".lock");
    }

    /**
     * Packs {@code todo}, largest first, on the pool, logging each wheel as it is committed and releasing
     * its entry lock (from {@code locks}) right then, so builds waiting for it go on.
     */
    private void pack(List<Lookup> todo, ExecutorService pool, List<Packing> packings,
            Map<Lookup, EntryLocks.Held> locks, Map<Lookup, PackedWheel> packedNow, Log log) throws IOException {
        List<Lookup> sorted = new ArrayList<>(todo);
        sorted.sort(Comparator.comparingLong(Lookup::size).reversed());
        List<Packing> these = new ArrayList<>();
        for (Lookup l : sorted) {
            Packing packing;
            try {
                packing = new Packing(l, pool);
            } catch (PyzException e) {
                throw named(l.input(), e);
            }
            packings.add(packing);
            these.add(packing);
        }
        int done = 0;
        long start = System.nanoTime();
        for (Packing packing : these) {
            PackedWheel packed;
            try {
                packed = packing.commit(log);
            } catch (PyzException e) {
                throw named(packing.lookup.input(), e);
            }
            EntryLocks.Held held = locks.remove(packing.lookup);
            if (held != null) {
                held.close();
            }
            log.info(String.format(Locale.ROOT, "[%d/%d] Packed and checked %s (%d entries, %s) at %.1f s",
                    ++done, these.size(), packing.lookup.fileName(), packed.entries(),
                    Sizes.human(packing.lookup.size()), (System.nanoTime() - start) / 1e9));
            packedNow.put(packing.lookup, packed);
        }
    }

    /**
     * The refusal of a wheel, naming where it came from (its Maven coordinates) when the message does not
     * already: a build that declares many wheels must say which one is refused.
     */
    private static PyzException named(WheelInput input, PyzException e) {
        if (input.origin().equals(input.file().toString()) || e.getMessage().startsWith(input.origin())) {
            return e;
        }
        return new PyzException(input.origin() + ": " + e.getMessage(), e);
    }

    /** A wheel input with its digest and what the cache holds for it. */
    private record Lookup(WheelInput input, WheelFileName parsed, String fileName, String sha256, long size,
            Optional<PackedWheel> cached) {}

    private Lookup lookup(WheelInput input, Log log) throws IOException {
        String fileName = input.file().getFileName().toString();
        WheelFileName parsed;
        try {
            parsed = WheelFileName.parse(fileName);
        } catch (PyzException e) {
            throw new PyzException(input.origin() + ": " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(input.file())) {
            throw new PyzException(input.origin() + ": wheel file " + input.file() + " does not exist");
        }
        String sha256 = digests.sha256(input.file());
        return new Lookup(input, parsed, fileName, sha256, Files.size(input.file()),
                lookup(sha256, fileName, log));
    }

    private static void check(WheelInput input, WheelFileName parsed, PackedWheel wheel) throws PyzException {
        String metadata = wheel.distInfo() + "/METADATA";
        if (!WheelFileName.normalize(parsed.name()).equals(WheelFileName.normalize(wheel.name()))) {
            throw new PyzException(input.origin() + ": wheel " + parsed.fileName() + " is named '" + parsed.name()
                    + "' but its " + metadata + " says Name: " + wheel.name());
        }
        if (!sameVersion(parsed.version(), wheel.version())) {
            throw new PyzException(input.origin() + ": wheel " + parsed.fileName() + " has version '" + parsed.version()
                    + "' but its " + metadata + " says Version: " + wheel.version());
        }
        if (input.expectedName().isPresent()
                && !WheelFileName.normalize(input.expectedName().get()).equals(WheelFileName.normalize(wheel.name()))) {
            throw new PyzException(input.origin() + ": the artifactId '" + input.expectedName().get()
                    + "' does not match the distribution name in " + parsed.fileName() + " (" + metadata + " says Name: "
                    + wheel.name() + "); the artifactId must be the normalized name, here '"
                    + WheelFileName.normalize(wheel.name()) + "'");
        }
        if (input.expectedVersion().isPresent() && !sameVersion(input.expectedVersion().get(), wheel.version())) {
            throw new PyzException(input.origin() + ": the version '" + input.expectedVersion().get()
                    + "' does not match " + parsed.fileName() + " (" + metadata + " says Version: " + wheel.version() + ")");
        }
    }

    private static boolean sameVersion(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

}

package dev.pyz.cache;

import dev.pyz.AtomicFiles;
import dev.pyz.KeyValues;
import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.Tasks;
import dev.pyz.Sizes;
import dev.pyz.wheel.WheelFileName;
import dev.pyz.wheel.WheelLimits;
import java.io.IOException;
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
import java.util.concurrent.Future;

/**
 * The cache of packed wheels, content-addressed by the wheel file's SHA-256:
 * {@code <root>/packed/<layout version>/<sha256>/<wheel file name>.zip} with an {@code .info} file beside
 * it (and {@code <root>/digests/}, which remembers wheel digests by file metadata). Entries are written to temp files
 * (in their folder, or the layout's folder for the copy made while a wheel is hashed) and moved into place, the info
 * file first and
 * the zip last, so the zip's presence means the entry is whole; two writers of one entry write the same
 * bytes (packing is deterministic), so the second move replaces it with an identical file. Builds in parallel (threads, or Maven processes sharing a local repository) therefore never
 * see half an entry.
 */
public final class PackCache implements java.io.Closeable {
    /**
     * Bump when the packed layout or the info file changes: old entries are then never read again (2: the
     * info file records the zip's size and central directory digest; 3: scripts under {@code bin/}, and the
     * info file records native code, zip-safety evidence and script kinds; 4: {@code .data/data} folded to the
     * wheel's root; 5: a rewritten RECORD deflated at level 1, and the info file records the zip's CRC-32; 6: the info file
     * records Requires-Dist and Provides-Extra). A
     * change of the zip-safety rules alone packs entries again too: see
     * {@link dev.pyz.wheel.ZipSafety#RULES_VERSION}.
     */
    public static final String LAYOUT_VERSION = "8";

    private final Path root;
    private final DigestMemo digests;
    private final WheelLimits limits;
    private final Leases leases = new Leases();
    private final SharedEntries shared;

    public PackCache(Path root) {
        this(root, WheelLimits.DEFAULTS, SharedEntries.NONE);
    }

    /** A cache that refuses to pack wheels that expand beyond {@code limits}. */
    public PackCache(Path root, WheelLimits limits) {
        this(root, limits, SharedEntries.NONE);
    }

    /**
     * A cache that refuses to pack wheels that expand beyond {@code limits}, and takes the entries it lacks
     * from {@code shared} when that store has them (checked against the wheels, see {@link FetchedEntry}).
     */
    public PackCache(Path root, WheelLimits limits, SharedEntries shared) {
        this.root = root;
        this.digests = new DigestMemo(root.resolve("digests"));
        this.limits = limits;
        this.shared = shared;
    }

    /** The shared store this cache takes missing entries from (the bytecode cache asks it too). */
    public SharedEntries shared() {
        return shared;
    }

    public Path root() {
        return root;
    }

    /**
     * The entries this cache object handed out (by {@link #prepare}), held shared until {@link #close}: a
     * build keeps them while it reads them, and the bytecode cache adds its own.
     */
    public Leases leases() {
        return leases;
    }

    /**
     * Releases the entries this build used (a prune may remove them from now on), and what the shared store
     * fetched.
     */
    @Override
    public void close() throws IOException {
        try {
            leases.close();
        } finally {
            shared.close();
        }
    }

    /** The lock file of the entry for this wheel content that its writer holds. */
    Path lockFile(String sha256) {
        return entryDirectory(sha256).resolve(EntryLocks.WRITING);
    }

    /** The lock file of the entry for this wheel content that builds using it hold shared. */
    Path useFile(String sha256) {
        return entryDirectory(sha256).resolve(EntryLocks.USING);
    }

    Path entryDirectory(String sha256) {
        return layoutFolder().resolve(sha256);
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
            CacheEntry.Checked checked = CacheEntry.check(sha256, fileName, zip, info);
            if (checked.problem() == null) {
                return Optional.of(checked.wheel());
            }
            problem = checked.problem();
        } catch (NoSuchFileException e) {
            problem = "a file vanished while it was read (" + e.getFile() + ")";
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage();
        }
        log.info("The cached entry " + zip + " is not used, it is packed again: " + problem);
        return Optional.empty();
    }

    /** Where {@link #prepare} found a wheel's entry. */
    public enum Origin { CACHE, SHARED, PACKED }

    /** What {@link #prepare} did for one wheel. */
    public record Prepared(PackedWheel wheel, Origin origin) {
        /** Whether this build packed it. */
        public boolean packed() {
            return origin == Origin.PACKED;
        }
    }

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
        List<WheelPacking> packings = new ArrayList<>();
        Map<WheelInput, EarlyPack> early = new java.util.IdentityHashMap<>();
        AtomicFiles.deleteStaleTemps(layoutFolder(), ""); // early copies of killed builds
        try (Tasks.Pool pool = Tasks.open("pyz-pack", threads)) {
            List<WheelInput> largestFirst = largestFirst(inputs); // the largest wheel's hash is the longest task
            Optional<WheelInput> copyEarly = threads > 1 ? firstUnknown(largestFirst) : Optional.empty();
            Map<WheelInput, Future<Lookup>> lookups = new java.util.IdentityHashMap<>();
            for (WheelInput input : largestFirst) {
                lookups.put(input, pool.submit(() -> lookup(input, log)));
                if (copyEarly.isPresent() && copyEarly.get() == input) {
                    log.debug("Copying " + input.file() + " into a packed zip while it is hashed");
                    early.put(input, EarlyPack.start(input, input.file().getFileName().toString(), layoutFolder(),
                            limits, pool, log));
                }
            }
            List<Lookup> found = new ArrayList<>();
            for (WheelInput input : inputs) {
                found.add(Tasks.await(lookups.get(input)));
                if (found.get(found.size() - 1).cached().isPresent() && early.containsKey(input)) {
                    early.get(input).cancel(); // in the cache after all (the same wheel at a new path)
                }
            }
            // keyed by the lookups themselves (a record's generated hashCode would hash all it holds)
            Map<Lookup, PackedWheel> packedNow = new java.util.IdentityHashMap<>();
            Map<Lookup, PackedWheel> fetchedNow = new java.util.IdentityHashMap<>();
            Map<Lookup, PackedWheel> packedByOthers = new java.util.IdentityHashMap<>();
            // Builds sharing the cache (modules under -T, other processes) pack each wheel once
            Map<String, Lookup> firstOfEntry = new HashMap<>(); // one wheel listed twice is packed once
            List<Lookup> missing = new ArrayList<>();
            for (Lookup l : found) {
                if (l.cached().isEmpty() && firstOfEntry.putIfAbsent(l.sha256() + "/" + l.fileName(), l) == null) {
                    missing.add(l);
                }
            }
            EntryLocks.writeOnce(missing, this::lockFile, l -> {
                Optional<PackedWheel> now = lookup(l.sha256(), l.fileName()); // under the entry's lock
                if (now.isPresent()) {
                    log.debug("Packed by another build: " + l.fileName());
                    leases.take(useFile(l.sha256()), now.get().zip().path());
                    packedByOthers.put(l, now.get());
                }
                return now.isPresent();
            }, (missed, held) -> {
                List<Lookup> todo = fetch(missed, pool, held, early, fetchedNow, log);
                if (todo.isEmpty()) {
                    return;
                }
                long bytes = 0;
                for (Lookup l : todo) {
                    bytes += l.size();
                }
                log.info("Packing " + todo.size() + " of " + inputs.size() + " wheel(s) (" + Sizes.human(bytes)
                        + ") into " + root + (verifyRecord ? "" : ", RECORD problems as warnings"));
                pack(todo, pool, packings, held, early, packedNow, log);
            }, n -> log.info("Waiting for " + n + " wheel(s) that another build is packing into " + root));
            for (Lookup l : found) {
                Lookup first = firstOfEntry.get(l.sha256() + "/" + l.fileName());
                if (l.cached().isEmpty() && first != l) {
                    packedByOthers.put(l, packedNow.containsKey(first) ? packedNow.get(first)
                            : fetchedNow.containsKey(first) ? fetchedNow.get(first) : packedByOthers.get(first));
                }
            }
            List<Prepared> result = new ArrayList<>();
            for (Lookup l : found) {
                PackedWheel wheel = packedNow.containsKey(l) ? packedNow.get(l)
                        : fetchedNow.containsKey(l) ? fetchedNow.get(l)
                        : packedByOthers.containsKey(l) ? packedByOthers.get(l) : l.cached().get();
                if (!packedNow.containsKey(l)) {
                    log.debug("Cache hit for " + l.fileName() + ": " + wheel.zip());
                }
                Provenance.check(l.input(), l.parsed(), wheel);
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
                result.add(new Prepared(wheel, packedNow.containsKey(l) ? Origin.PACKED
                        : fetchedNow.containsKey(l) ? Origin.SHARED : Origin.CACHE));
            }
            return result;
        } finally {
            List<java.io.Closeable> leftovers = new ArrayList<>(packings);
            leftovers.addAll(early.values()); // the pool has stopped: nothing writes them any more
            closeAll(leftovers);
        }
    }

    /** Closes each of {@code all}, even when one fails; the first failure is thrown, the others suppressed in it. */
    private static void closeAll(List<java.io.Closeable> all) throws IOException {
        IOException first = null;
        for (java.io.Closeable c : all) {
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The first of {@code inputs} whose digest is not remembered: hashing it reads it whole. */
    private Optional<WheelInput> firstUnknown(List<WheelInput> inputs) throws IOException {
        for (WheelInput input : inputs) {
            if (Files.isRegularFile(input.file()) && !digests.knows(input.file())) {
                return Optional.of(input);
            }
        }
        return Optional.empty();
    }

    /** {@code inputs} by file size, largest first (a missing file counts as empty: its lookup says so). */
    private static List<WheelInput> largestFirst(List<WheelInput> inputs) {
        Map<WheelInput, Long> sizes = new java.util.IdentityHashMap<>();
        for (WheelInput input : inputs) {
            sizes.put(input, input.file().toFile().length());
        }
        List<WheelInput> sorted = new ArrayList<>(inputs);
        sorted.sort(Comparator.comparingLong(sizes::get).reversed());
        return sorted;
    }

    /** The folder of this layout: its entry folders, and the temp zips {@link EarlyPack} copies wheels to. */
    private Path layoutFolder() {
        return root.resolve("packed").resolve(LAYOUT_VERSION);
    }

    private Path lockFile(Lookup l) {
        return lockFile(l.sha256());
    }

    /**
     * Makes from the shared store's info files the entries of {@code missed} it holds ({@link #install}, on the
     * pool), each moved into the cache and leased before its lock (from {@code locks}) is released; returns the
     * wheels still to pack: those the store lacks and those whose info file is refused (with a warning saying
     * why).
     */
    private List<Lookup> fetch(List<Lookup> missed, Tasks.Pool pool, Map<Lookup, EntryLocks.Held> locks,
            Map<WheelInput, EarlyPack> early, Map<Lookup, PackedWheel> fetched, Log log) throws IOException {
        if (shared == SharedEntries.NONE) {
            return missed;
        }
        Map<SharedEntries.Key, SharedEntries.Files> found = shared.fetch(missed.stream()
                .map(l -> new SharedEntries.Key(l.sha256(), l.fileName(), "")).toList(), log);
        Map<Lookup, Future<Installed>> installs = new java.util.IdentityHashMap<>();
        List<Lookup> largestFirst = new ArrayList<>(missed);
        largestFirst.sort(Comparator.comparingLong(Lookup::size).reversed());
        for (Lookup l : largestFirst) {
            SharedEntries.Files files = found.get(new SharedEntries.Key(l.sha256(), l.fileName(), ""));
            if (files != null) {
                installs.put(l, pool.submit(() -> install(l, files, early.get(l.input()))));
            }
        }
        List<Lookup> rest = new ArrayList<>();
        for (Lookup l : missed) {
            Installed done = installs.containsKey(l) ? Tasks.await(installs.get(l)) : null;
            if (done == null || done.wheel() == null) {
                if (done != null) {
                    log.warn("The shared cache's entry for " + l.fileName() + " is refused, it is packed here: "
                            + done.problem());
                }
                rest.add(l);
                continue;
            }
            leases.take(useFile(l.sha256()), done.wheel().zip().path()); // before its lock goes: no prune in between
            EntryLocks.Held held = locks.remove(l);
            if (held != null) {
                held.close();
            }
            fetched.put(l, done.wheel());
        }
        if (!installs.isEmpty()) {
            log.info("Took what packing found of " + fetched.size() + " of " + missed.size() + " missing wheel(s) from"
                    + " the shared cache, each checked against its wheel packed here");
        }
        return rest;
    }

    /** A fetched entry moved into the cache, or why it was refused. */
    private record Installed(PackedWheel wheel, String problem) {}

    /**
     * Makes the entry from the wheel and the store's info file: packs the wheel here (a copy of its compressed
     * bytes, without the checks that read them), takes from the info file only what those checks found (the
     * RECORD verdict and the zip-safety evidence), and only when everything else it says is what packing here
     * found (the wheel's sha256 and file name, the rules version, name, version, Requires-Python, Requires-Dist,
     * Provides-Extra, dist-info, entries, console scripts, native code, script kinds). Moves the entry into place as packing does. The
     * copy is {@code early}'s when it has one.
     */
    private Installed install(Lookup l, SharedEntries.Files files, EarlyPack early) throws IOException {
        Path dir = entryDirectory(l.sha256());
        Files.createDirectories(dir);
        Path tempZip = Files.createTempFile(dir, l.fileName() + ".", ".zip.tmp");
        Path tempInfo = Files.createTempFile(dir, l.fileName() + ".", ".info.tmp");
        try {
            PackedWheel stored;
            PackedWheel here;
            try {
                KeyValues values = KeyValues.read(files.info());
                stored = PackedWheel.fromValues(values, files.info(), CachedZip.at(tempZip));
                String problem = stored.sha256().equals(l.sha256()) && stored.fileName().equals(l.fileName()) ? null
                        : "its info file describes " + stored.fileName() + " (sha256 " + stored.sha256() + ")";
                if (problem == null) {
                    problem = PackedWheel.analysisProblem(values);
                }
                if (problem != null) {
                    return new Installed(null, problem);
                }
                Optional<PackedWheel> copied = early == null ? Optional.empty() : early.await(l.sha256());
                if (copied.isPresent()) {
                    here = copied.get();
                } else {
                    try (dev.pyz.wheel.Wheel wheel = dev.pyz.wheel.Wheel.open(l.input().file(), l.fileName(), limits)) {
                        here = WheelPacker.pack(wheel, l.sha256(), tempZip);
                    }
                }
            } catch (PyzException e) {
                return new Installed(null, e.getMessage());
            }
            String differs = FetchedEntry.differs(here, stored);
            if (differs != null) {
                return new Installed(null, "its info file does not describe this wheel's packing: " + differs);
            }
            PackedWheel entry = here.withRecordProblems(stored.recordProblems())
                    .withNotZipSafe(stored.evidence().notZipSafe());
            return new Installed(CacheEntry.write(dir, l.fileName(), here.zip().path(), tempInfo, entry), null);
        } finally {
            Files.deleteIfExists(tempZip);
            Files.deleteIfExists(tempInfo);
        }
    }

    /**
     * Packs {@code todo}, largest first, on the pool, logging each wheel as it is committed and releasing
     * its entry lock (from {@code locks}) right then, so builds waiting for it go on.
     */
    private void pack(List<Lookup> todo, Tasks.Pool pool, List<WheelPacking> packings,
            Map<Lookup, EntryLocks.Held> locks, Map<WheelInput, EarlyPack> early, Map<Lookup, PackedWheel> packedNow,
            Log log) throws IOException {
        List<Lookup> sorted = new ArrayList<>(todo);
        sorted.sort(Comparator.comparingLong(Lookup::size).reversed());
        List<WheelPacking> these = new ArrayList<>();
        for (Lookup l : sorted) {
            WheelPacking packing;
            try {
                packing = new WheelPacking(l.input(), l.fileName(), l.sha256(), entryDirectory(l.sha256()), limits,
                        pool, Optional.ofNullable(early.get(l.input())));
            } catch (PyzException e) {
                throw named(l.input(), e);
            }
            packings.add(packing);
            these.add(packing);
        }
        int done = 0;
        long start = System.nanoTime();
        for (int i = 0; i < these.size(); i++) {
            WheelPacking packing = these.get(i);
            Lookup lookup = sorted.get(i);
            PackedWheel packed;
            try {
                packed = packing.commit(log);
            } catch (PyzException e) {
                throw named(lookup.input(), e);
            }
            leases.take(useFile(lookup.sha256()), packed.zip().path()); // before its lock goes: no prune in between
            EntryLocks.Held held = locks.remove(lookup);
            if (held != null) {
                held.close();
            }
            log.info(String.format(Locale.ROOT, "[%d/%d] Packed and checked %s (%d entries, %s) at %.1f s",
                    ++done, these.size(), lookup.fileName(), packed.entries(),
                    Sizes.human(lookup.size()), (System.nanoTime() - start) / 1e9));
            packedNow.put(lookup, packed);
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
        return new Lookup(input, parsed, fileName, sha256, Files.size(input.file()), leased(sha256, fileName, log));
    }

    /**
     * The whole entry, held shared in {@link #leases} from before it is checked until the build ends, its last
     * use recorded; empty (holding nothing) on a miss.
     */
    private Optional<PackedWheel> leased(String sha256, String fileName, Log log) throws IOException {
        EntryLocks.Held shared = EntryLocks.acquireShared(useFile(sha256));
        Optional<PackedWheel> found;
        try {
            found = lookup(sha256, fileName, log);
        } catch (IOException | RuntimeException e) {
            shared.close();
            throw e;
        }
        if (found.isEmpty()) {
            shared.close();
            return found;
        }
        leases.keep(shared);
        LastUse.record(entryDirectory(sha256).resolve(fileName + ".info"));
        return found;
    }
}

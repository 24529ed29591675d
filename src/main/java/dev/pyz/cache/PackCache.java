package dev.pyz.cache;

import dev.pyz.AtomicFiles;
import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.Tasks;
import dev.pyz.Sizes;
import dev.pyz.wheel.Wheel;
import dev.pyz.wheel.WheelFileName;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The cache of packed wheels, content-addressed by the wheel file's SHA-256:
 * {@code <root>/packed/<layout version>/<sha256>/<wheel file name>.zip} with an {@code .info} file beside
 * it (and {@code <root>/digests/}, which remembers wheel digests by file metadata). Entries are written to temp files in their folder and moved into place, the info file first and
 * the zip last, so the zip's presence means the entry is whole; a writer that finds the entry present
 * keeps it. Builds in parallel (threads, or Maven processes sharing a local repository) therefore never
 * see half an entry.
 */
public final class PackCache {
    /** Bump when the packed layout changes: old entries are then never read again. */
    public static final String LAYOUT_VERSION = "1";

    private final Path root;
    private final DigestMemo digests;

    public PackCache(Path root) {
        this.root = root;
        this.digests = new DigestMemo(root.resolve("digests"));
    }

    public Path root() {
        return root;
    }

    Path entryDirectory(String sha256) {
        return root.resolve("packed").resolve(LAYOUT_VERSION).resolve(sha256);
    }

    /** The packed entry for this wheel content and file name, if the cache holds a whole one. */
    public Optional<PackedWheel> lookup(String sha256, String fileName) throws IOException {
        Path dir = entryDirectory(sha256);
        Path zip = dir.resolve(fileName + ".zip");
        Path info = dir.resolve(fileName + ".info");
        if (!Files.isRegularFile(zip) || !Files.isRegularFile(info)) {
            return Optional.empty();
        }
        try {
            PackedWheel packed = PackedWheel.readInfo(info, zip);
            CentralDirectory cd = CentralDirectory.read(zip);
            if (!packed.sha256().equals(sha256) || !packed.fileName().equals(fileName)
                    || cd.records().size() != packed.entries()) {
                return Optional.empty();
            }
            return Optional.of(packed);
        } catch (PyzException | NoSuchFileException e) {
            return Optional.empty(); // damaged or vanished: pack again
        }
    }

    /** Packs the wheel and stores the entry atomically; returns the entry in the cache. */
    public PackedWheel pack(Path wheelFile, String fileName, String sha256) throws IOException {
        Path dir = entryDirectory(sha256);
        Files.createDirectories(dir);
        Path zip = dir.resolve(fileName + ".zip");
        Path info = dir.resolve(fileName + ".info");
        Path tempZip = Files.createTempFile(dir, fileName + ".", ".zip.tmp");
        Path tempInfo = Files.createTempFile(dir, fileName + ".", ".info.tmp");
        try {
            PackedWheel packed;
            try (Wheel wheel = Wheel.open(wheelFile, fileName)) {
                packed = WheelPacker.pack(wheel, sha256, tempZip);
            }
            Files.write(tempInfo, packed.infoText().getBytes(StandardCharsets.UTF_8));
            AtomicFiles.moveIntoPlace(tempInfo, info);
            AtomicFiles.moveIntoPlace(tempZip, zip);
            return new PackedWheel(packed.fileName(), sha256, packed.name(), packed.version(), packed.requiresPython(),
                    packed.distInfo(), packed.extract(), packed.entries(), packed.scripts(), zip);
        } finally {
            Files.deleteIfExists(tempZip);
            Files.deleteIfExists(tempInfo);
        }
    }


    /** What {@link #prepare} did for one wheel. */
    public record Prepared(PackedWheel wheel, boolean packed) {}

    /**
     * Hashes each wheel and takes its packed entry from the cache, then packs the ones the cache lacks,
     * largest first, on {@code threads} threads, logging each as it is done; checks every wheel's METADATA
     * against its file name and coordinates. The result is in input order whatever the number of threads.
     */
    public List<Prepared> prepare(List<WheelInput> inputs, int threads, Log log) throws IOException {
        ExecutorService pool = Tasks.pool("pyz-pack", Math.max(1, Math.min(threads, inputs.size())));
        try {
            List<Future<Lookup>> lookups = new ArrayList<>();
            for (WheelInput input : inputs) {
                lookups.add(pool.submit(() -> lookup(input)));
            }
            List<Lookup> found = new ArrayList<>();
            for (Future<Lookup> f : lookups) {
                found.add(Tasks.await(f));
            }
            List<Lookup> missing = new ArrayList<>(found.stream().filter(l -> l.cached().isEmpty()).toList());
            Map<Lookup, Future<PackedWheel>> packing = new HashMap<>();
            if (!missing.isEmpty()) {
                long bytes = 0;
                for (Lookup l : missing) {
                    bytes += l.size();
                }
                log.info("Packing " + missing.size() + " of " + inputs.size() + " wheel(s) (" + Sizes.human(bytes)
                        + ") into " + root);
                missing.sort(Comparator.comparingLong(Lookup::size).reversed());
                AtomicInteger done = new AtomicInteger();
                for (Lookup l : missing) {
                    packing.put(l, pool.submit(() -> {
                        long t = System.nanoTime();
                        PackedWheel packed = pack(l.input().file(), l.fileName(), l.sha256());
                        log.info(String.format(Locale.ROOT, "[%d/%d] Packed %s (%d entries, %s) in %.2f s",
                                done.incrementAndGet(), missing.size(), l.fileName(), packed.entries(),
                                Sizes.human(l.size()), (System.nanoTime() - t) / 1e9));
                        return packed;
                    }));
                }
            }
            List<Prepared> result = new ArrayList<>();
            for (Lookup l : found) {
                Future<PackedWheel> f = packing.get(l);
                PackedWheel wheel = f != null ? Tasks.await(f) : l.cached().get();
                if (f == null) {
                    log.debug("Cache hit for " + l.fileName() + ": " + wheel.zip());
                }
                check(l.input(), l.parsed(), wheel);
                result.add(new Prepared(wheel, f != null));
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A wheel input with its digest and what the cache holds for it. */
    private record Lookup(WheelInput input, WheelFileName parsed, String fileName, String sha256, long size,
            Optional<PackedWheel> cached) {}

    private Lookup lookup(WheelInput input) throws IOException {
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
        return new Lookup(input, parsed, fileName, sha256, Files.size(input.file()), lookup(sha256, fileName));
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

package dev.pyz.cache;

import dev.pyz.AtomicFiles;
import dev.pyz.Log;
import dev.pyz.Tasks;
import dev.pyz.wheel.Record;
import dev.pyz.wheel.Wheel;
import dev.pyz.wheel.WheelLimits;
import dev.pyz.wheel.ZipSafety;
import dev.pyz.zip.ZipRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * One wheel being packed into its cache entry: the packed zip written to a temp file on one thread while
 * the wheel's files are checked against RECORD in chunks on the others (each module read once, for RECORD
 * and for the zip-safety analysis); nothing reaches the cache until all of it is done ({@link #commit}).
 */
final class WheelPacking implements java.io.Closeable {
    /** Entries of one wheel are checked against RECORD in chunks of about this many uncompressed bytes. */
    static final long CHECK_CHUNK_BYTES = 32 << 20;

    private final String fileName;
    private final String sha256;
    private final Path dir;
    private final Wheel wheel;
    private final Path tempZip;
    private final Path tempInfo;
    private final List<String> listProblems;
    private final Future<PackedWheel> packed;
    private final Optional<EarlyPack> early;
    private final List<Future<List<Record.Check>>> checks = new ArrayList<>();
    private final ZipSafety safety = new ZipSafety();

    /**
     * Starts packing the wheel {@code input} (called {@code fileName}) into the cache entry folder {@code dir},
     * taking the zip {@code early} copies (when it gets there; else copying it here).
     */
    WheelPacking(WheelInput input, String fileName, String sha256, Path dir, WheelLimits limits, Tasks.Pool pool,
            Optional<EarlyPack> early) throws IOException {
        this.fileName = fileName;
        this.sha256 = sha256;
        this.dir = dir;
        this.early = early;
        Files.createDirectories(dir);
        AtomicFiles.deleteStaleTemps(dir, ""); // of killed builds
        this.tempZip = Files.createTempFile(dir, fileName + ".", ".zip.tmp");
        this.tempInfo = Files.createTempFile(dir, fileName + ".", ".info.tmp");
        Wheel opened = null;
        boolean started = false;
        try {
            opened = Wheel.open(input.file(), fileName, limits);
            Record record = Record.of(opened);
            this.listProblems = record.listProblems(opened.entries());
            Wheel w = opened;
            this.packed = early.isPresent() ? null : pool.submit(() -> WheelPacker.pack(w, sha256, tempZip));
            List<ZipRecord> chunk = new ArrayList<>();
            long bytes = 0;
            String data = opened.dataDir() + "/";
            for (ZipRecord entry : opened.entries()) {
                if (entry.isDirectory()) {
                    continue;
                }
                safety.file(WheelPacker.installedPath(entry.name(), data));
                chunk.add(entry);
                bytes += Math.max(0, entry.size());
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
    private Future<List<Record.Check>> submitCheck(Tasks.Pool pool, Record record, Wheel w,
            List<ZipRecord> entries) {
        String data = w.dataDir() + "/";
        return pool.submit(() -> {
            List<Record.Check> found = new ArrayList<>();
            for (ZipRecord e : entries) {
                String installed = WheelPacker.installedPath(e.name(), data);
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
        PackedWheel result = packed != null ? Tasks.await(packed) : early.get().await(sha256).orElse(null);
        if (result == null) { // the early copy failed: this one names the problem
            result = WheelPacker.pack(wheel, sha256, tempZip);
        }
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
            log.info(fileName + ": its RECORD writes digests in " + String.join(" and ", encodings)
                    + ", not in the urlsafe base64 the wheel format asks for; they were compared as written");
        }
        result = result.withRecordProblems(summary(problems)).withNotZipSafe(safety.verdict());
        return CacheEntry.write(dir, fileName, result.zip().path(), tempInfo, result);
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

    private static String summary(List<String> problems) {
        if (problems.isEmpty()) {
            return "";
        }
        int shown = Math.min(problems.size(), 5);
        return String.join("; ", problems.subList(0, shown))
                + (problems.size() > shown ? " (and " + (problems.size() - shown) + " more)" : "");
    }
}

package dev.pyz.app;

import dev.pyz.AtomicFiles;
import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.Tasks;
import dev.pyz.Sizes;
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
    private static final String RESOURCES = "/dev/pyz/bootstrap/";

    /** What to build. {@code timestamp} dates the project's own entries; wheel entries keep 1980-01-01. */
    public record Options(Path output, String shebang, Path sourceDirectory, String main, String script,
            String project, String plugin, Optional<Instant> timestamp, int threads) {}

    /** What was built. */
    public record Result(Path output, EntryPoint entry, int entries, long size, int sourceFiles) {}

    private ZipappBuilder() {}

    public static Result build(List<PackedWheel> wheels, Options options, Log log) throws IOException {
        List<PackedWheel> ordered = ordered(wheels);
        SourceTree sources = SourceTree.scan(options.sourceDirectory());
        EntryPoint entry = EntryPoint.resolve(options.main(), options.script(), sources.hasMain(), ordered);
        String shebang = shebang(options.shebang());
        long time = options.timestamp().map(DosTime::of).orElse(DosTime.EPOCH);
        byte[] manifest = Manifest.json(options.plugin(), options.project(), options.timestamp(), entry, ordered)
                .getBytes(StandardCharsets.UTF_8);

        Path output = options.output().toAbsolutePath();
        Files.createDirectories(output.getParent());
        Path temp = Files.createTempFile(output.getParent(), output.getFileName() + ".", ".tmp");
        ExecutorService pool = Tasks.pool("pyz-compress", Math.max(1, options.threads()));
        Map<String, Future<Compressed>> compressed = new TreeMap<>();
        try {
            for (Map.Entry<String, Path> e : sources.entries().entrySet()) {
                Path file = e.getValue();
                if (file != null) {
                    compressed.put(e.getKey(), pool.submit(() -> Compressed.of(file, output.getParent())));
                }
            }
            int entries;
            long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                    ZipWriter zip = new ZipWriter(channel, output.toString())) {
                long t0 = System.nanoTime();
                zip.writePreamble((shebang + "\n").getBytes(StandardCharsets.UTF_8));
                zip.addDirectory(".deps/", DosTime.EPOCH);
                for (PackedWheel wheel : ordered) {
                    try (FileChannel packed = FileChannel.open(wheel.zip(), StandardOpenOption.READ)) {
                        CentralDirectory cd = CentralDirectory.read(packed, wheel.zip().toString());
                        zip.copyEntries(packed, cd, wheel.zip().toString());
                    }
                }
                for (Map.Entry<String, Path> e : sources.entries().entrySet()) {
                    if (e.getValue() == null) {
                        zip.addDirectory(e.getKey(), time);
                    } else if (!e.getKey().startsWith(".pyz/")) {
                        zip.addEntry(e.getKey(), Tasks.await(compressed.get(e.getKey())), mode(e.getValue()), time);
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
                }
                zip.addEntry(BOOTSTRAP, Compressed.of(resource("pyz_bootstrap.py")), ZipWriter.FILE_MODE, time);
                zip.addEntry("__main__.py", Compressed.of(resource("__main__.py")), ZipWriter.FILE_MODE, time);
                entries = zip.entryCount();
                size = zip.finish();
                log.debug(String.format(java.util.Locale.ROOT, "Wrote sources, bootstrap and central directory in %.3f s",
                        (System.nanoTime() - t1) / 1e9));
            }
            makeExecutable(temp);
            AtomicFiles.moveIntoPlace(temp, output);
            log.debug("Wrote " + output + ": " + entries + " entries, " + Sizes.human(size));
            return new Result(output, entry, entries, size, sources.fileCount());
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
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

package dev.pyz.index;

import dev.pyz.AtomicFiles;
import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.Sizes;
import dev.pyz.Tasks;
import dev.pyz.wheel.MetadataReader;
import dev.pyz.zip.ZipArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads wheels in parallel into a folder, each into a temp file that is moved into place only after
 * its hash matches the index's (and the requirements file's {@code --hash} values, when given) and its
 * METADATA is the one the resolution read. A download may be started as soon as the resolver tries a
 * candidate ({@link #start}), so that the big wheels download while the resolution goes on; only the
 * downloads {@link #await}ed count (and fail the build): the others are abandoned when the downloader
 * closes. A wheel the {@link MetadataFetcher} already has (fetched whole, or a copy in the local repository
 * whose hash matched) is not downloaded again. One progress line per wheel.
 */
public final class Downloader implements AutoCloseable {
    /**
     * A wheel to download.
     *
     * @param pinnedHashes {@code algorithm:hex} values one of which the file must match (a requirements
     *     file's {@code --hash}); empty when none are given
     * @param metadata the METADATA the resolution read, which the wheel's must equal; null when none was
     *     read before the download (the wheels of a lock file)
     */
    public record Wanted(IndexFile file, List<String> pinnedHashes, MetadataFetcher.Metadata metadata) {}

    private final Transport transport;
    private final MetadataFetcher fetcher;
    private final Path folder;
    private final Log log;
    private final Tasks.Pool pool;
    private final Map<URI, Future<Path>> started = new ConcurrentHashMap<>();
    private final AtomicInteger finished = new AtomicInteger();
    /** Counted before each download is submitted (the map may get its entry after the download is done). */
    private final AtomicInteger startedCount = new AtomicInteger();
    private final AtomicLong downloaded = new AtomicLong();
    private final AtomicLong reused = new AtomicLong();

    /** @param folder where the wheels go (the metadata fetcher's own work folder may be the same) */
    public Downloader(Transport transport, MetadataFetcher fetcher, Path folder, int threads, Log log) {
        this.transport = transport;
        this.fetcher = fetcher;
        this.folder = folder;
        this.log = log;
        this.pool = Tasks.open("pyz-download", threads);
    }

    /** The bytes downloaded so far (whole files fetched for their metadata and reused files not included). */
    public long bytesDownloaded() {
        return downloaded.get();
    }

    /** The bytes of the wheels taken from the local repository instead of the index. */
    public long bytesReused() {
        return reused.get();
    }

    /** Starts the download of {@code w} unless it has started; its failure matters only if it is awaited. */
    public void start(Wanted w) {
        started.computeIfAbsent(w.file().url(), u -> {
            startedCount.incrementAndGet();
            return pool.submit(() -> {
                Path p = one(w);
                log.info(String.format(Locale.ROOT, "%s %s (%s) [%d/%d]", fetcher.reused(w.file()).isPresent()
                        ? "Reused" : "Downloaded", w.file().filename(), Sizes.human(Files.size(p)),
                        finished.incrementAndGet(), startedCount.get()));
                return p;
            });
        });
    }

    /** The wheels in the folder, in the order given: those not started yet are started, all are awaited. */
    public List<Path> await(List<Wanted> wanted) throws IOException {
        Files.createDirectories(folder);
        wanted.forEach(this::start);
        List<Path> paths = new ArrayList<>();
        for (Wanted w : wanted) {
            paths.add(Tasks.await(started.get(w.file().url())));
        }
        return paths;
    }

    /** Abandons the downloads nobody awaited (they stop, and leave at most a finished wheel in the folder). */
    @Override
    public void close() {
        pool.close();
    }

    private Path one(Wanted w) throws IOException {
        Files.createDirectories(folder);
        IndexFile file = w.file();
        Path target = folder.resolve(file.filename());
        Optional<Path> local = fetcher.reused(file);
        if (fetcher.wholeFile(file).isPresent()) {
            AtomicFiles.moveIntoPlace(fetcher.wholeFile(file).get(), target); // checked when it was fetched
            checkPinned(w, target);
        } else if (local.isPresent()) {
            Path temp = Files.createTempFile(folder, file.filename(), ".tmp");
            try {
                Files.copy(local.get(), temp, StandardCopyOption.REPLACE_EXISTING); // its hash was checked
                reused.addAndGet(Files.size(temp));
                AtomicFiles.moveIntoPlace(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
            checkPinned(w, target);
        } else {
            fetch(w, target);
        }
        checkMetadata(w, target);
        return target;
    }

    private void fetch(Wanted w, Path target) throws IOException {
        IndexFile file = w.file();
        Set<String> algorithms = new LinkedHashSet<>();
        Hashes.strongest(file.hashes()).ifPresent(algorithms::add);
        w.pinnedHashes().forEach(h -> algorithms.add(h.substring(0, h.indexOf(':')).toLowerCase(Locale.ROOT)));
        if (algorithms.isEmpty()) {
            log.warn(file.url() + ": the index gives no hash for this file, so it cannot be checked");
        }
        Path temp = Files.createTempFile(target.getParent(), file.filename(), ".tmp");
        try {
            Transport.Reply reply = transport.open(file.url());
            Map<String, String> digests;
            try (InputStream in = reply.body(); OutputStream out = Files.newOutputStream(temp)) {
                digests = Hashes.copy(in, out, List.copyOf(algorithms));
            }
            long size = Long.parseLong(digests.get("size"));
            downloaded.addAndGet(size);
            if (reply.length() >= 0 && size != reply.length()) {
                throw new PyzException(file.url() + ": the download ended after " + size + " of its " + reply.length()
                        + " bytes");
            }
            Hashes.check(file.hashes(), digests, file.url().toString(), "the index (" + file.page() + ")");
            checkPinned(w, digests);
            AtomicFiles.moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void checkPinned(Wanted w, Path file) throws IOException {
        if (w.pinnedHashes().isEmpty()) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        Map<String, String> digests = new java.util.TreeMap<>();
        for (String h : w.pinnedHashes()) {
            String a = h.substring(0, h.indexOf(':')).toLowerCase(Locale.ROOT);
            digests.computeIfAbsent(a, k -> Hashes.hex(k, bytes));
        }
        checkPinned(w, digests);
    }

    /** One of the requirements file's {@code --hash} values must match (as pip's hash-checking mode). */
    private static void checkPinned(Wanted w, Map<String, String> digests) throws PyzException {
        if (w.pinnedHashes().isEmpty()) {
            return;
        }
        for (String h : w.pinnedHashes()) {
            int colon = h.indexOf(':');
            String a = h.substring(0, colon).toLowerCase(Locale.ROOT);
            if (h.substring(colon + 1).toLowerCase(Locale.ROOT).equals(digests.get(a))) {
                return;
            }
        }
        throw new PyzException(w.file().url() + ": hash mismatch: none of the requirements file's --hash values "
                + w.pinnedHashes() + " matches the file (" + digests + "); the file is not used");
    }

    /** The wheel's METADATA must be the bytes the resolution read (from a PEP 658 file or the wheel itself). */
    private static void checkMetadata(Wanted w, Path wheel) throws IOException {
        if (w.metadata() == null) {
            return;
        }
        byte[] inWheel;
        // its central directory and METADATA entry only: the whole zip is checked when it is packed
        try (ZipArchive zip = ZipArchive.openLazily(FileChannel.open(wheel, StandardOpenOption.READ),
                w.file().url().toString())) {
            inWheel = MetadataReader.metadata(zip, w.file().url().toString());
        }
        if (!java.util.Arrays.equals(inWheel, w.metadata().bytes())) {
            Files.deleteIfExists(wheel);
            String source = w.file().metadata().isPresent() ? "its metadata file " + w.file().metadataUrl()
                    : "the METADATA read before the download (" + w.metadata().how() + ")";
            throw new PyzException(w.file().url() + ": the wheel's METADATA differs from " + source
                    + ": the index serves inconsistent files, so the resolution cannot be trusted");
        }
    }
}

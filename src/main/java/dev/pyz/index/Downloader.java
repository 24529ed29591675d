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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads the chosen wheels in parallel into a folder, each into a temp file that is moved into place
 * only after its hash matches the index's (and the requirements file's {@code --hash} values, when given)
 * and its METADATA is the one the resolution read. One progress line per wheel.
 */
public final class Downloader {
    /**
     * A wheel to download.
     *
     * @param pinnedHashes {@code algorithm:hex} values one of which the file must match (a requirements
     *     file's {@code --hash}); empty when none are given
     * @param metadata the METADATA the resolution read, which the wheel's must equal
     */
    public record Wanted(IndexFile file, List<String> pinnedHashes, MetadataFetcher.Metadata metadata) {}

    private final Transport transport;
    private final MetadataFetcher fetcher;
    private final Log log;
    private final AtomicLong downloaded = new AtomicLong();

    public Downloader(Transport transport, MetadataFetcher fetcher, Log log) {
        this.transport = transport;
        this.fetcher = fetcher;
        this.log = log;
    }

    /** The bytes downloaded so far (whole files fetched for their metadata not included). */
    public long bytesDownloaded() {
        return downloaded.get();
    }

    /** The wheels in {@code folder}, in the order given. */
    public List<Path> download(List<Wanted> wanted, Path folder, int threads) throws IOException {
        Files.createDirectories(folder);
        AtomicInteger done = new AtomicInteger();
        List<Path> paths = new ArrayList<>();
        try (Tasks.Pool pool = Tasks.open("pyz-download", threads)) {
            List<Future<Path>> futures = new ArrayList<>();
            for (Wanted w : wanted) {
                futures.add(pool.submit(() -> {
                    Path p = one(w, folder);
                    log.info(String.format(Locale.ROOT, "Downloaded %s (%s) [%d/%d]", w.file().filename(),
                            Sizes.human(Files.size(p)), done.incrementAndGet(), wanted.size()));
                    return p;
                }));
            }
            for (Future<Path> f : futures) {
                paths.add(Tasks.await(f));
            }
        }
        return paths;
    }

    private Path one(Wanted w, Path folder) throws IOException {
        IndexFile file = w.file();
        Path target = folder.resolve(file.filename());
        if (fetcher.wholeFile(file).isPresent()) {
            AtomicFiles.moveIntoPlace(fetcher.wholeFile(file).get(), target); // checked when it was fetched
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
        byte[] inWheel;
        try (ZipArchive zip = ZipArchive.open(wheel, w.file().url().toString())) {
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

package dev.pyz.resolve;

import dev.pyz.Log;
import dev.pyz.Sizes;
import dev.pyz.index.Credentials;
import dev.pyz.index.Downloader;
import dev.pyz.index.IndexFile;
import dev.pyz.index.MetadataFetcher;
import dev.pyz.index.PackageIndex;
import dev.pyz.index.ProxySettings;
import dev.pyz.index.Transport;
import dev.pyz.requirement.Requirement;
import dev.pyz.requirement.TagPriority;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Requirements to wheels on the disk, in one call: resolve against the indexes for the target (METADATA
 * read lazily), then download only the chosen wheels, checked. Logs the choices, the bytes fetched for
 * metadata against the size of the wheels consulted, and the downloads.
 */
public final class ResolveRun {
    /**
     * @param indexes the simple API roots, in order
     * @param credentials by origin ({@link Transport#origin})
     * @param threads parallel fetches, and as many parallel downloads
     * @param local where a copy of an index file may already be, such as its place in the local
     *     repository: taken instead of a download when its hash is the index's
     */
    public record Settings(RequirementsInput requirements, List<URI> indexes, Map<String, Credentials> credentials,
            Optional<ProxySettings> proxy, TagPriority tags, int threads, Function<IndexFile, Optional<Path>> local) {
        public Settings(RequirementsInput requirements, List<URI> indexes, Map<String, Credentials> credentials,
                Optional<ProxySettings> proxy, TagPriority tags, int threads) {
            this(requirements, indexes, credentials, proxy, tags, threads, f -> Optional.empty());
        }
    }

    /** The chosen candidates (by name) and their wheels (same order), with what was fetched. */
    public record Result(List<Candidate> chosen, List<Path> wheels, long metadataBytes, long consultedBytes,
            long downloadedBytes, long reusedBytes) {}

    private ResolveRun() {}

    /**
     * Resolves and downloads into {@code folder}, which holds only the chosen wheels afterwards. The wheel
     * of each candidate the resolver tries starts downloading at once, so that the downloads overlap the
     * rest of the resolution; those of candidates it gives up are abandoned.
     */
    public static Result run(Settings s, Path folder, Log log) throws IOException {
        Transport transport = new Transport(s.credentials(), s.proxy());
        PackageIndex index = new PackageIndex(s.indexes(), transport);
        MetadataFetcher fetcher = new MetadataFetcher(transport, folder, s.local(), log);
        long start = System.nanoTime();
        List<Candidate> chosen;
        List<Path> wheels;
        long downloaded;
        long reused;
        try (Downloader downloader = new Downloader(transport, fetcher, folder, s.threads(), log);
                IndexProvider provider = new IndexProvider(index, s.tags(), fetcher, s.threads())) {
            Provider eager = new Provider() {
                @Override
                public List<Candidate> candidates(String name) throws IOException {
                    return provider.candidates(name);
                }

                @Override
                public List<Requirement> requirements(Candidate c) throws IOException {
                    List<Requirement> requirements = provider.requirements(c);
                    downloader.start(wanted(s, provider, c));
                    return requirements;
                }

                @Override
                public String whyNone(String name) {
                    return provider.whyNone(name);
                }
            };
            chosen = new Resolver(eager, s.tags().target()).resolve(s.requirements().requirements()).candidates();
            double resolveSeconds = (System.nanoTime() - start) / 1e9;
            log.info(String.format(Locale.ROOT, "Resolved %d project(s) for %s in %.2f s: %s", chosen.size(), s.tags(),
                    resolveSeconds, String.join(", ", chosen.stream().map(Candidate::toString).toList())));
            long consulted = fetcher.bytesConsulted();
            log.info(String.format(Locale.ROOT, "Metadata: %s fetched, %.2f%% of the %s of the wheels consulted",
                    Sizes.human(fetcher.bytesFetched()), consulted == 0 ? 0.0 : 100.0 * fetcher.bytesFetched() / consulted,
                    Sizes.human(consulted)));
            List<Downloader.Wanted> wanted = new ArrayList<>();
            for (Candidate c : chosen) {
                wanted.add(wanted(s, provider, c));
            }
            wheels = downloader.await(wanted);
            double totalSeconds = (System.nanoTime() - start) / 1e9;
            downloaded = downloader.bytesDownloaded();
            reused = downloader.bytesReused();
            log.info(String.format(Locale.ROOT, "Downloaded %d wheel(s), %s%s, done %.2f s after the resolution"
                    + " (resolution and download: %.2f s)", wheels.size() - reusedCount(fetcher, chosen),
                    Sizes.human(downloaded), reused == 0 ? "" : ", and reused " + reusedCount(fetcher, chosen)
                    + " from the local repository (" + Sizes.human(reused) + ")", totalSeconds - resolveSeconds, totalSeconds));
        }
        removeOthers(folder, wheels);
        return new Result(chosen, wheels, fetcher.bytesFetched(), fetcher.bytesConsulted(), downloaded, reused);
    }

    /**
     * Downloads the wheels a lock file names into {@code folder} (no resolution), each checked against the
     * lock's hashes; copies found by {@code s.local()} whose hash matches are taken instead. The
     * settings' requirements and indexes are not used.
     */
    public static Result locked(Settings s, List<PyLock.Locked> locked, Path folder, Log log) throws IOException {
        Transport transport = new Transport(s.credentials(), s.proxy());
        MetadataFetcher fetcher = new MetadataFetcher(transport, folder, s.local(), log);
        long start = System.nanoTime();
        log.info("Installing " + locked.size() + " package(s) of the lock file for " + s.tags() + ": "
                + String.join(", ", locked.stream().map(PyLock.Locked::toString).toList()));
        List<Downloader.Wanted> wanted = new ArrayList<>();
        for (PyLock.Locked l : locked) {
            wanted.add(new Downloader.Wanted(l.wheel(), List.of(), null));
        }
        List<Path> wheels;
        long downloaded;
        long reused;
        int reusedCount = 0;
        try (Downloader downloader = new Downloader(transport, fetcher, folder, s.threads(), log)) {
            wheels = downloader.await(wanted);
            downloaded = downloader.bytesDownloaded();
            reused = downloader.bytesReused();
        }
        for (PyLock.Locked l : locked) {
            reusedCount += fetcher.reused(l.wheel()).isPresent() ? 1 : 0;
        }
        log.info(String.format(Locale.ROOT, "Downloaded %d wheel(s), %s%s, in %.2f s", wheels.size() - reusedCount,
                Sizes.human(downloaded), reused == 0 ? "" : ", and reused " + reusedCount + " from the local repository ("
                + Sizes.human(reused) + ")", (System.nanoTime() - start) / 1e9));
        removeOthers(folder, wheels);
        return new Result(List.of(), wheels, 0, 0, downloaded, reused);
    }

    private static Downloader.Wanted wanted(Settings s, IndexProvider provider, Candidate c) throws IOException {
        return new Downloader.Wanted(c.file(), s.requirements().hashes().getOrDefault(c.name(), List.of()),
                provider.metadata(c));
    }

    private static int reusedCount(MetadataFetcher fetcher, List<Candidate> chosen) throws IOException {
        int n = 0;
        for (Candidate c : chosen) {
            n += fetcher.reused(c.file()).isPresent() ? 1 : 0;
        }
        return n;
    }

    /** Wheels fetched whole for their metadata but not chosen. */
    private static void removeOthers(Path folder, List<Path> keep) throws IOException {
        Set<Path> kept = new HashSet<>(keep);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                if (!kept.contains(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}

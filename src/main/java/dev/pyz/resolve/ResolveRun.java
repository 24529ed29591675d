package dev.pyz.resolve;

import dev.pyz.Log;
import dev.pyz.Sizes;
import dev.pyz.index.Credentials;
import dev.pyz.index.Downloader;
import dev.pyz.index.MetadataFetcher;
import dev.pyz.index.PackageIndex;
import dev.pyz.index.ProxySettings;
import dev.pyz.index.Transport;
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
     * @param threads parallel fetches and downloads
     */
    public record Settings(RequirementsInput requirements, List<URI> indexes, Map<String, Credentials> credentials,
            Optional<ProxySettings> proxy, TagPriority tags, int threads) {}

    /** The chosen candidates (by name) and their wheels (same order), with what was fetched. */
    public record Result(List<Candidate> chosen, List<Path> wheels, long metadataBytes, long consultedBytes,
            long downloadedBytes) {}

    private ResolveRun() {}

    /** Resolves and downloads into {@code folder}, which holds only the chosen wheels afterwards. */
    public static Result run(Settings s, Path folder, Log log) throws IOException {
        Transport transport = new Transport(s.credentials(), s.proxy());
        PackageIndex index = new PackageIndex(s.indexes(), transport);
        MetadataFetcher fetcher = new MetadataFetcher(transport, folder, log);
        long start = System.nanoTime();
        List<Candidate> chosen;
        double resolveSeconds;
        List<Downloader.Wanted> wanted = new ArrayList<>();
        try (IndexProvider provider = new IndexProvider(index, s.tags(), fetcher, s.threads())) {
            chosen = new Resolver(provider, s.tags().target()).resolve(s.requirements().requirements()).candidates();
            for (Candidate c : chosen) {
                wanted.add(new Downloader.Wanted(c.file(), s.requirements().hashes().getOrDefault(c.name(), List.of()),
                        provider.metadata(c)));
            }
        }
        resolveSeconds = (System.nanoTime() - start) / 1e9;
        log.info(String.format(Locale.ROOT, "Resolved %d project(s) for %s in %.2f s: %s", chosen.size(), s.tags(),
                resolveSeconds, String.join(", ", chosen.stream().map(Candidate::toString).toList())));
        long consulted = fetcher.bytesConsulted();
        log.info(String.format(Locale.ROOT, "Metadata: %s fetched, %.2f%% of the %s of the wheels consulted",
                Sizes.human(fetcher.bytesFetched()), consulted == 0 ? 0.0 : 100.0 * fetcher.bytesFetched() / consulted,
                Sizes.human(consulted)));
        Downloader downloader = new Downloader(transport, fetcher, log);
        long downloadStart = System.nanoTime();
        List<Path> wheels = downloader.download(wanted, folder, s.threads());
        double downloadSeconds = (System.nanoTime() - downloadStart) / 1e9;
        log.info(String.format(Locale.ROOT, "Downloaded %d wheel(s), %s, in %.2f s (resolution and download: %.2f s)",
                wheels.size(), Sizes.human(downloader.bytesDownloaded()), downloadSeconds, resolveSeconds + downloadSeconds));
        removeOthers(folder, wheels);
        return new Result(chosen, wheels, fetcher.bytesFetched(), consulted, downloader.bytesDownloaded());
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

package dev.pyz.resolve;

import dev.pyz.PyzException;
import dev.pyz.Tasks;
import dev.pyz.index.IndexFile;
import dev.pyz.index.MetadataFetcher;
import dev.pyz.index.PackageIndex;
import dev.pyz.requirement.Requirement;
import dev.pyz.requirement.TagPriority;
import dev.pyz.requirement.Version;
import dev.pyz.wheel.WheelFileName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * The resolver's view of the indexes for one target: a project's candidates are its versions that have a
 * wheel the target runs (tags and {@code Requires-Python}), each with its best wheel ({@link TagPriority},
 * a file that is not yanked first); a candidate's requirements come from its METADATA, fetched lazily.
 * While the resolver thinks, the pages of the projects a candidate requires (those whose markers hold for
 * the target without extras) and the METADATA of their newest candidates are fetched in the background, so that the network waits overlap; what is fetched is
 * the same whatever the timing, and the resolver's choices do not depend on it.
 */
public final class IndexProvider implements Provider, AutoCloseable {
    private final PackageIndex index;
    private final TagPriority tags;
    private final MetadataFetcher fetcher;
    private final Tasks.Pool pool;
    private final Map<String, Future<List<Candidate>>> candidates = new ConcurrentHashMap<>();
    private final Map<String, String> whyNone = new ConcurrentHashMap<>();
    private final Map<IndexFile, Future<MetadataFetcher.Metadata>> metadata = new ConcurrentHashMap<>();

    public IndexProvider(PackageIndex index, TagPriority tags, MetadataFetcher fetcher, int threads) {
        this.index = index;
        this.tags = tags;
        this.fetcher = fetcher;
        this.pool = Tasks.open("pyz-resolve", threads);
    }

    @Override
    public List<Candidate> candidates(String name) throws IOException {
        return Tasks.await(candidatesLater(Requirement.normalizeName(name)));
    }

    private Future<List<Candidate>> candidatesLater(String name) {
        return candidates.computeIfAbsent(name, n -> pool.submit(() -> {
            List<Candidate> found = read(n);
            if (!found.isEmpty()) {
                metadataLater(found.get(0).file());
            }
            return found;
        }));
    }

    @Override
    public List<Requirement> requirements(Candidate candidate) throws IOException {
        MetadataFetcher.Metadata m = metadata(candidate);
        List<Requirement> requirements = new ArrayList<>();
        for (String line : m.fields().getAll("Requires-Dist")) {
            try {
                Requirement r = Requirement.parse(line);
                requirements.add(r);
                if (mayApply(r)) {
                    candidatesLater(r.normalizedName());
                }
            } catch (IllegalArgumentException e) {
                throw new PyzException(candidate.file().url() + ": Requires-Dist is not a valid requirement: "
                        + e.getMessage(), e);
            }
        }
        return requirements;
    }

    /**
     * Whether a requirement is worth fetching ahead: its markers hold for the target without extras (a
     * requirement of an extra nobody asked for, or for another platform, is not fetched before the
     * resolver asks), or cannot be evaluated here (the resolver will say why).
     */
    private boolean mayApply(Requirement r) {
        try {
            for (Map<String, String> environment : tags.target().environments()) {
                if (!r.appliesTo(environment, java.util.Set.of())) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** The METADATA of a candidate, as the resolver read it. */
    public MetadataFetcher.Metadata metadata(Candidate candidate) throws IOException {
        return Tasks.await(metadataLater(candidate.file()));
    }

    private Future<MetadataFetcher.Metadata> metadataLater(IndexFile file) {
        return metadata.computeIfAbsent(file, f -> pool.submit(() -> fetcher.fetch(f)));
    }

    @Override
    public String whyNone(String name) {
        return whyNone.getOrDefault(name, "no wheel of " + name + " on " + index.roots());
    }

    /** The candidates of a project page: per version the best wheel the target runs, newest version first. */
    private List<Candidate> read(String name) throws IOException {
        List<IndexFile> files = index.files(name);
        Map<Version, List<Ranked>> byVersion = new TreeMap<>(Comparator.reverseOrder());
        int sdists = 0;
        int otherTargets = 0;
        int otherPythons = 0;
        for (IndexFile f : files) {
            if (!f.isWheel()) {
                sdists++;
                continue;
            }
            Optional<Ranked> ranked = rank(name, f);
            if (ranked.isEmpty()) {
                otherTargets++;
            } else if (f.requiresPython().isPresent() && !fitsPython(f.requiresPython().get())) {
                otherPythons++;
            } else {
                byVersion.computeIfAbsent(ranked.get().version, v -> new ArrayList<>()).add(ranked.get());
            }
        }
        List<Candidate> found = new ArrayList<>();
        byVersion.forEach((version, wheels) -> found.add(new Candidate(name, version, wheels.stream()
                .min(Comparator.comparing((Ranked r) -> r.file.yanked().isPresent()).thenComparingLong(r -> r.rank)
                        .thenComparing(r -> r.file.filename())).orElseThrow().file)));
        if (found.isEmpty()) {
            whyNone.put(name, files.isEmpty() ? "no project " + name + " on " + index.roots()
                    : name + " has no wheel for " + tags + " (" + files.size() + " files: " + sdists
                    + " source distributions, which are not built here, " + otherTargets + " wheels for other targets, "
                    + otherPythons + " for other Python versions)");
        }
        return List.copyOf(found);
    }

    private record Ranked(IndexFile file, Version version, long rank) {}

    private Optional<Ranked> rank(String name, IndexFile f) {
        try {
            WheelFileName w = WheelFileName.parse(f.filename());
            Optional<Version> version = Version.tryParse(w.version());
            OptionalLong rank = tags.best(w.tags());
            if (!Requirement.normalizeName(w.name()).equals(name) || version.isEmpty() || rank.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Ranked(f, version.get(), rank.getAsLong()));
        } catch (PyzException e) {
            return Optional.empty(); // a file name that is not a wheel's: pip skips it too
        }
    }

    private boolean fitsPython(String requiresPython) {
        try {
            return tags.target().fitsRequiresPython(requiresPython);
        } catch (IllegalArgumentException e) {
            return false; // an invalid Requires-Python: pip skips the file
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}

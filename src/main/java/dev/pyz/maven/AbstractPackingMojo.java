package dev.pyz.maven;

import dev.pyz.app.SettingsBuilder;
import dev.pyz.cache.SharedEntries;
import dev.pyz.importer.Wheelhouse;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.repository.RemoteRepository;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Parameter;

/** What the goals that pack wheels share: the pack cache, threads, the checks while packing, bytecode. */
abstract class AbstractPackingMojo extends AbstractPyzMojo {
    /**
     * Where packed wheels are cached. Default: {@code .cache/pyz} under the local repository directory,
     * so that every project and build on the machine shares it.
     */
    @Parameter(property = "pyz.cacheDirectory")
    protected File cacheDirectory;

    /** Threads for packing wheels and compressing sources; 0 means one per available processor. */
    @Parameter(property = "pyz.threads", defaultValue = "0")
    protected int threads;

    /**
     * Check every file of every wheel against the wheel's RECORD (sha256 and size) when it is packed, and
     * fail the build on a mismatch. {@code false} turns mismatches into one warning per wheel, for wheels
     * known to ship a broken RECORD.
     */
    @Parameter(property = "pyz.verifyRecord", defaultValue = "true")
    protected boolean verifyRecord;

    /**
     * The most a wheel's entries may declare uncompressed, all together: bytes, or a number with
     * {@code k}, {@code m}, {@code g} or {@code t} (binary units). A wheel above it is refused when it is packed.
     */
    @Parameter(property = "pyz.maxWheelSize", defaultValue = "8g")
    protected String maxWheelSize;

    /**
     * Bytecode in the zipapp: {@code auto} compiles every pure-Python module of the wheels and the
     * project with {@code python} (unchecked-hash pycs, cached per wheel and interpreter) when that
     * interpreter is found, and warns when it is not; {@code required} fails the build instead;
     * {@code off} builds without. Bytecode serves the interpreter version that wrote it; other versions
     * compile at start as they would without it.
     */
    @Parameter(property = "pyz.bytecode", defaultValue = "auto")
    protected String bytecode;

    /**
     * Ids of repositories (a {@code <repository>} of the POM or settings, or the mirror that covers it) where
     * {@code pyz:cache-deploy} shares the pack cache: a build takes the packed wheels and bytecode its own pack
     * cache lacks from them instead of packing and compiling, each checked against its wheel first (one that
     * fails is refused with a warning and made here). Comma-separated on the command line. Name only
     * repositories your own builds deploy to: the bytecode they serve is code your app runs. Default: none.
     */
    @Parameter(property = "pyz.sharedCacheRepositories")
    protected List<String> sharedCacheRepositories;

    /** The groupId under which {@code pyz:cache-deploy} puts pack cache entries, and builds look for them. */
    @Parameter(property = "pyz.sharedCacheGroupId", defaultValue = "dev.pyz.cache")
    protected String sharedCacheGroupId;

    @Component
    protected RepositorySystem repositorySystem;

    /** The shared parameters, with the pack cache (under the local repository unless {@code cacheDirectory}). */
    @Override
    protected SettingsBuilder settings() {
        Path shared = AbstractCacheMojo.defaultCache(session);
        SettingsBuilder settings = super.settings()
                .cache(cacheDirectory == null ? null : cacheDirectory.toPath(), shared,
                        Path.of(project.getBuild().getDirectory(), "pyz-cache"))
                .threads(threads).verifyRecord(verifyRecord).maxWheelSize(maxWheelSize).bytecode(bytecode);
        Wheelhouse.groupIdProblem(sharedCacheGroupId)
                .ifPresent(p -> settings.problem("sharedCacheGroupId", "pyz.sharedCacheGroupId", p));
        List<RemoteRepository> sharing = sharedRepositories(settings);
        return settings.sharedCache(sharing.isEmpty() ? SharedEntries.NONE : entriesIn(sharing));
    }

    /** The project's repositories that {@code sharedCacheRepositories} names; a problem for each id it lacks. */
    private List<RemoteRepository> sharedRepositories(SettingsBuilder settings) {
        List<RemoteRepository> chosen = new java.util.ArrayList<>();
        List<RemoteRepository> all = project.getRemoteProjectRepositories();
        for (String id : sharedCacheRepositories == null ? List.<String>of() : sharedCacheRepositories) {
            String wanted = id == null ? "" : id.strip();
            if (wanted.isEmpty()) {
                continue;
            }
            all.stream().filter(r -> r.getId().equals(wanted)).findFirst().ifPresentOrElse(chosen::add,
                    () -> settings.problem("sharedCacheRepositories", "pyz.sharedCacheRepositories", "no repository '"
                            + wanted + "' among this project's (" + String.join(", ", all.stream()
                                    .map(RemoteRepository::getId).toList()) + "): name the id of a <repository> of the"
                            + " POM or settings, or of the mirror that covers it"));
        }
        return chosen;
    }

    /** The shared pack cache in {@code repositories}, under {@code sharedCacheGroupId}. */
    protected SharedEntries entriesIn(List<RemoteRepository> repositories) {
        return new RepositoryEntries(repositorySystem, session.getRepositorySession(), repositories,
                sharedCacheGroupId == null ? "" : sharedCacheGroupId.strip());
    }
}

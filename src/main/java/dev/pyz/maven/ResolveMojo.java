package dev.pyz.maven;

import dev.pyz.app.Packager;
import dev.pyz.app.SettingsBuilder;
import dev.pyz.importer.Wheelhouse;
import dev.pyz.index.Credentials;
import dev.pyz.index.IndexFile;
import dev.pyz.index.ProxySettings;
import dev.pyz.index.Transport;
import dev.pyz.requirement.PythonVersion;
import dev.pyz.requirement.Requirement;
import dev.pyz.requirement.TagPriority;
import dev.pyz.requirement.Target;
import dev.pyz.resolve.RequirementsInput;
import dev.pyz.resolve.PyLock;
import dev.pyz.resolve.ResolveRun;
import dev.pyz.wheel.WheelFileName;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.AuthenticationContext;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Resolves Python requirements against package indexes (PEP 503/691 simple API) for the target, without
 * pip: METADATA is read without downloading the wheels (the index's metadata files, else HTTP range
 * requests), a backtracking resolver chooses the versions, and only the chosen wheels are downloaded and
 * checked against the index's hashes. They are then installed (or deployed with {@code url}) with POMs
 * exactly as {@code pyz:import} makes them, and the {@code <dependency>} elements to paste are printed.
 * Needs no project:
 * {@code mvn dev.pyz:pyz-maven-plugin:resolve -Dpyz.requirements=requests -Dpyz.targetPython=3.12}.
 */
@Mojo(name = "resolve", requiresProject = false, threadSafe = true)
public class ResolveMojo extends AbstractPublishingMojo {
    /**
     * The requirements (PEP 508), one per line or separated by commas that start a new requirement:
     * {@code numpy>=2,<3, requests[socks]} is two.
     */
    @Parameter(property = "pyz.requirements")
    private String requirements;

    /** A requirements file ({@code ==} pins, {@code --hash=sha256:...} values that the download must match). */
    @Parameter(property = "pyz.requirementsFile")
    private File requirementsFile;

    /**
     * A {@code pylock.toml} (PEP 751): instead of resolving, the wheel of each package whose marker holds
     * for the target is installed, checked against the lock's hashes. Not with {@code requirements} or
     * {@code requirementsFile}; {@code indexes} serves then only to send the credentials of an index given
     * as {@code id::url} with the downloads from its origin.
     */
    @Parameter(property = "pyz.lockFile")
    private File lockFile;

    /**
     * The simple API roots to resolve from, in order, separated by commas; each may be written
     * {@code id::url}, and its credentials are then those of the {@code <server>} with that id in
     * settings.xml (as Maven does for repositories). {@code file://} folders work too.
     */
    @Parameter(property = "pyz.indexes", defaultValue = "https://pypi.org/simple")
    private String indexes;

    /**
     * The newest platform tag the target runs, without its machine: {@code manylinux_2_28} (its glibc),
     * {@code manylinux2014}, {@code musllinux_1_2} (its musl), {@code macosx_11_0}. Default: every glibc
     * version on Linux, every release on macOS, newest preferred, as on an up-to-date machine.
     */
    @Parameter(property = "pyz.targetPlatformTag")
    private String targetPlatformTag;

    /** Parallel fetches of pages, metadata and wheels. */
    @Parameter(property = "pyz.resolveThreads", defaultValue = "8")
    private int resolveThreads;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping pyz:resolve (pyz.skip)");
            return;
        }
        try {
            SettingsBuilder settings = settings();
            boolean locked = lockFile != null;
            if (locked && (requirementsFile != null || requirements != null && !requirements.isBlank())) {
                settings.problem("lockFile", "pyz.lockFile", "a lock file is installed as it is: give it without"
                        + " requirements or a requirements file");
            }
            RequirementsInput input = locked ? new RequirementsInput(List.of(), Map.of()) : requirements(settings);
            Map<String, String> ids = new LinkedHashMap<>();
            List<URI> roots = indexes(settings, ids);
            Optional<String> tag = Optional.ofNullable(targetPlatformTag).filter(t -> !t.isBlank());
            checkTag(settings, tag);
            if (resolveThreads < 1) {
                settings.problem("resolveThreads", "pyz.resolveThreads", "must be 1 or more, not " + resolveThreads);
            }
            Target target = Packager.requireTarget(settings.targetSpec(), settings.interpreter());
            ResolveRun.Settings run = new ResolveRun.Settings(input, roots, credentials(roots, ids), proxy(roots),
                    TagPriority.of(target, tag), resolveThreads, this::inLocalRepository);
            Path folder = Files.createTempDirectory("pyz-resolve");
            try {
                if (locked) {
                    ResolveRun.locked(run, PyLock.read(lockFile.toPath(), run.tags()), folder, log());
                } else {
                    ResolveRun.run(run, folder, log());
                }
                publish(Wheelhouse.scan(folder).plan(groupId, target), target, locked ? "the lock file " + lockFile
                        : "the index");
            } finally {
                delete(folder);
            }
        } catch (IOException e) {
            rethrow(e);
        }
    }

    /**
     * Where the local repository keeps the wheel {@code file} under {@code groupId} (the coordinates
     * {@code pyz:import} gives it), whether or not it is there: a re-run takes it from there when its hash
     * is the index's, instead of downloading it again.
     */
    private Optional<Path> inLocalRepository(IndexFile file) {
        try {
            WheelFileName name = WheelFileName.parse(file.filename());
            RepositorySystemSession repositorySession = session.getRepositorySession();
            DefaultArtifact artifact = new DefaultArtifact(groupId, WheelFileName.normalize(name.name()),
                    name.classifier(), "whl", name.version());
            return Optional.of(repositorySession.getLocalRepository().getBasedir().toPath()
                    .resolve(repositorySession.getLocalRepositoryManager().getPathForLocalArtifact(artifact)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not a wheel name Maven coordinates can be made of: it is downloaded
        }
    }

    private RequirementsInput requirements(SettingsBuilder settings) throws IOException {
        List<Requirement> all = new ArrayList<>();
        Map<String, List<String>> hashes = Map.of();
        if (requirements != null && !requirements.isBlank()) {
            try {
                all.addAll(RequirementsInput.split(requirements));
            } catch (IllegalArgumentException e) {
                settings.problem("requirements", "pyz.requirements", e.getMessage());
            }
        }
        if (requirementsFile != null) {
            RequirementsInput file = RequirementsInput.read(requirementsFile.toPath());
            all.addAll(file.requirements());
            hashes = file.hashes();
        }
        if (all.isEmpty() && (requirementsFile == null)) {
            settings.problem("requirements", "pyz.requirements", "no requirements: give -Dpyz.requirements=name==version"
                    + " (or several, separated by commas) or -Dpyz.requirementsFile=requirements.txt");
        }
        return new RequirementsInput(all, hashes);
    }

    /** The index roots; {@code ids} gets the server id of those written {@code id::url}. */
    private List<URI> indexes(SettingsBuilder settings, Map<String, String> ids) {
        List<URI> roots = new ArrayList<>();
        for (String item : (indexes == null ? "" : indexes).split(",")) {
            String text = item.strip();
            if (text.isEmpty()) {
                continue;
            }
            int sep = text.indexOf("::");
            String id = sep > 0 ? text.substring(0, sep) : null;
            String address = sep > 0 ? text.substring(sep + 2) : text;
            try {
                URI uri = URI.create(address);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (!List.of("http", "https", "file").contains(scheme)) {
                    throw new IllegalArgumentException("only http://, https:// and file:// indexes can be read");
                }
                roots.add(uri);
                if (id != null) {
                    ids.put(uri.toString(), id);
                }
            } catch (IllegalArgumentException e) {
                settings.problem("indexes", "pyz.indexes", "'" + text + "' is not an index URL: " + e.getMessage());
            }
        }
        if (roots.isEmpty()) {
            settings.problem("indexes", "pyz.indexes", "no index: give the simple API's root, such as https://pypi.org/simple");
        }
        return roots;
    }

    private void checkTag(SettingsBuilder settings, Optional<String> tag) {
        String platform = targetPlatform == null || targetPlatform.isBlank() ? Target.hostPlatform() : targetPlatform.strip();
        try {
            TagPriority.of(new Target(PythonVersion.OLDEST, platform, "x86_64"), tag);
        } catch (IllegalArgumentException e) {
            settings.problem("targetPlatformTag", "pyz.targetPlatformTag", e.getMessage());
        }
    }

    /** The credentials of each index given with an id, from the settings' servers (decrypted by Maven). */
    private Map<String, Credentials> credentials(List<URI> roots, Map<String, String> ids) {
        Map<String, Credentials> byOrigin = new LinkedHashMap<>();
        RepositorySystemSession repositorySession = session.getRepositorySession();
        for (URI root : roots) {
            String id = ids.get(root.toString());
            if (id == null || Transport.origin(root).startsWith("file")) {
                continue;
            }
            RemoteRepository plain = new RemoteRepository.Builder(id, "default", root.toString()).build();
            RemoteRepository repository = new RemoteRepository.Builder(plain)
                    .setAuthentication(repositorySession.getAuthenticationSelector().getAuthentication(plain)).build();
            try (AuthenticationContext context = AuthenticationContext.forRepository(repositorySession, repository)) {
                if (context != null) {
                    byOrigin.put(Transport.origin(root), new Credentials(context.get(AuthenticationContext.USERNAME),
                            context.get(AuthenticationContext.PASSWORD)));
                } else {
                    getLog().warn("No <server> with id " + id + " (or no credentials in it) in settings.xml for " + root);
                }
            }
        }
        return byOrigin;
    }

    /** The proxy Maven would use for the first web index, with its credentials and the hosts it skips. */
    private Optional<ProxySettings> proxy(List<URI> roots) {
        org.apache.maven.settings.Proxy active = session.getSettings() == null ? null : session.getSettings().getActiveProxy();
        Optional<URI> web = roots.stream().filter(r -> !"file".equalsIgnoreCase(r.getScheme())).findFirst();
        if (active == null || web.isEmpty()) {
            return Optional.empty();
        }
        RepositorySystemSession repositorySession = session.getRepositorySession();
        RemoteRepository plain = new RemoteRepository.Builder("pyz-index", "default", web.get().toString()).build();
        org.eclipse.aether.repository.Proxy selected = repositorySession.getProxySelector().getProxy(plain);
        Optional<Credentials> credentials = Optional.empty();
        if (selected != null) {
            RemoteRepository repository = new RemoteRepository.Builder(plain).setProxy(selected).build();
            try (AuthenticationContext context = AuthenticationContext.forProxy(repositorySession, repository)) {
                if (context != null) {
                    credentials = Optional.of(new Credentials(context.get(AuthenticationContext.USERNAME),
                            context.get(AuthenticationContext.PASSWORD)));
                }
            }
        }
        List<String> nonProxy = active.getNonProxyHosts() == null ? List.of() : List.of(active.getNonProxyHosts().split("[|,]"));
        return Optional.of(new ProxySettings(active.getHost(), active.getPort(), credentials, nonProxy));
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            folder.toFile().deleteOnExit();
        }
    }
}

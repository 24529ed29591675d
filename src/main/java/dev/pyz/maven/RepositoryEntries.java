package dev.pyz.maven;

import dev.pyz.Log;
import dev.pyz.bytecode.BytecodeCache;
import dev.pyz.cache.PackCache;
import dev.pyz.cache.SharedEntries;
import dev.pyz.wheel.ZipSafety;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.deployment.DeployRequest;
import org.eclipse.aether.deployment.DeploymentException;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ResolutionErrorPolicy;
import org.eclipse.aether.resolution.ResolutionErrorPolicyRequest;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;

/**
 * The pack cache shared through Maven repositories: each entry is an artifact whose coordinates come from
 * the wheel's sha256 and the layout versions, {@code <groupId>:<sha256>:<packed layout>.<zip-safety rules>}:
 * a packed wheel's info file as classifier {@code info} (type {@code properties}; its zip is made from the
 * wheel), the bytecode for an interpreter as classifier {@code <cache tag>-<magic>[-extracted]-b<bytecode
 * layout>} (type {@code zip}, its info file with {@code -info} appended). Fetched from the repositories the
 * user named, with their credentials, proxies and mirrors, as Maven resolves anything, checksums required to
 * match; the info files and the bytecode zips in one round, a zip taken only with its info file. What comes
 * back is checked by the caches before use.
 *
 * <p>Entries are fetched into a folder of their own ({@link #close} removes it), not into the local
 * repository: the pack cache keeps the checked copy, so nothing is stored twice, and a miss is not
 * remembered there (Maven would not ask again for a day), so an entry deployed meanwhile is found by the
 * next build.
 */
final class RepositoryEntries implements SharedEntries {
    /** The version of every entry artifact: a change of either layout gives new coordinates. */
    static final String VERSION = PackCache.LAYOUT_VERSION + "." + ZipSafety.RULES_VERSION;

    private final RepositorySystem system;
    private final List<RemoteRepository> repositories;
    private final String groupId;
    private final RepositorySystemSession buildSession;
    private Path folder;
    private final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RepositoryEntries(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories,
            String groupId) {
        this.system = system;
        this.buildSession = session;
        this.repositories = repositories;
        this.groupId = groupId;
    }

    /** A session like the build's, whose local repository is a temp folder and which remembers no miss. */
    private synchronized RepositorySystemSession fetching() throws IOException {
        if (folder == null) {
            folder = java.nio.file.Files.createTempDirectory("pyz-shared-cache");
        }
        DefaultRepositorySystemSession s = new DefaultRepositorySystemSession(buildSession);
        s.setLocalRepositoryManager(system.newLocalRepositoryManager(s, new LocalRepository(folder.toFile())));
        s.setChecksumPolicy(org.eclipse.aether.repository.RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        s.setResolutionErrorPolicy(new ResolutionErrorPolicy() {
            @Override
            public int getArtifactPolicy(RepositorySystemSession session, ResolutionErrorPolicyRequest<Artifact> r) {
                return ResolutionErrorPolicy.CACHE_DISABLED;
            }

            @Override
            public int getMetadataPolicy(RepositorySystemSession session,
                    ResolutionErrorPolicyRequest<org.eclipse.aether.metadata.Metadata> r) {
                return ResolutionErrorPolicy.CACHE_DISABLED;
            }
        });
        return s;
    }

    /** Removes the fetched files (the caches have copied what they took). */
    @Override
    public synchronized void close() throws IOException {
        if (folder != null) {
            try (var files = java.nio.file.Files.walk(folder)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            }
            folder = null;
        }
    }

    private static String classifier(Key key) {
        return key.variant().isEmpty() ? "" : key.variant() + "-b" + BytecodeCache.LAYOUT_VERSION;
    }

    Artifact zip(Key key) {
        return new DefaultArtifact(groupId, key.sha256(), classifier(key), "zip", VERSION);
    }

    Artifact info(Key key) {
        String c = classifier(key);
        return new DefaultArtifact(groupId, key.sha256(), c.isEmpty() ? "info" : c + "-info", "properties", VERSION);
    }

    @Override
    public Map<Key, Files> fetch(List<Key> keys, Log log) throws IOException {
        if (keys.isEmpty() || repositories.isEmpty()) {
            return Map.of(); // offline, Maven refuses the remote repositories it allows no access to (file:// may be allowed)
        }
        Map<Key, Files> found = new LinkedHashMap<>();
        try {
            // one round: the info files, and the zips of bytecode entries with them (a zip is taken only with its
            // info file, which is deployed after it)
            List<Key> withZips = keys.stream().filter(k -> !k.variant().isEmpty()).toList();
            List<Artifact> wanted = new ArrayList<>();
            keys.forEach(k -> wanted.add(info(k)));
            withZips.forEach(k -> wanted.add(zip(k)));
            List<Path> files = resolve(wanted, repositories, log);
            Map<Key, Path> zips = new java.util.HashMap<>();
            for (int i = 0; i < withZips.size(); i++) {
                if (files.get(keys.size() + i) != null) {
                    zips.put(withZips.get(i), files.get(keys.size() + i));
                }
            }
            for (int i = 0; i < keys.size(); i++) {
                Key k = keys.get(i);
                if (files.get(i) != null && (k.variant().isEmpty() || zips.containsKey(k))) {
                    found.put(k, new Files(zips.get(k), files.get(i)));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("The shared cache in " + ids(repositories) + " cannot be read (" + e + "); this build makes its"
                    + " entries itself");
            return Map.of();
        }
        log.debug("The shared cache (" + groupId + " in " + ids(repositories) + ") has " + found.size() + " of "
                + keys.size() + " entries asked for");
        return found;
    }

    /** The files of the {@code keys}' artifacts ({@code artifact} of each) that the repositories hold. */
    private Map<Key, Path> resolve(List<Key> keys, java.util.function.Function<Key, Artifact> artifact,
            List<RemoteRepository> from, Log log) throws IOException {
        List<Path> files = resolve(keys.stream().map(artifact).toList(), from, log);
        Map<Key, Path> found = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            if (files.get(i) != null) {
                found.put(keys.get(i), files.get(i));
            }
        }
        return found;
    }

    /** The file of each of {@code artifacts}, in their order, null where the repositories lack it. */
    private List<Path> resolve(List<Artifact> artifacts, List<RemoteRepository> from, Log log) throws IOException {
        if (artifacts.isEmpty()) {
            return List.of();
        }
        RepositorySystemSession session = fetching();
        List<ArtifactRequest> requests = new ArrayList<>();
        for (Artifact a : artifacts) {
            requests.add(new ArtifactRequest(a, from, "pyz-cache"));
        }
        List<ArtifactResult> results;
        try {
            results = system.resolveArtifacts(session, requests);
        } catch (ArtifactResolutionException e) {
            results = e.getResults(); // the ones not found are simply not shared yet
        }
        List<Path> files = new ArrayList<>();
        for (ArtifactResult r : results) {
            if (r.isResolved() && r.getArtifact().getFile() != null) {
                files.add(r.getArtifact().getFile().toPath());
            } else {
                files.add(null);
                warnOnce(r, log);
            }
        }
        return files;
    }

    /** Says once per repository why it failed, when it failed for another reason than not having the entry. */
    private void warnOnce(ArtifactResult r, Log log) {
        for (Exception e : r.getExceptions()) {
            if (e instanceof org.eclipse.aether.transfer.ArtifactNotFoundException) {
                continue;
            }
            String id = e instanceof org.eclipse.aether.transfer.ArtifactTransferException t && t.getRepository() != null
                    ? t.getRepository().getId() : "?";
            if (warned.add(id)) {
                log.warn("An entry of the shared cache in repository " + id + " could not be fetched (" + e.getMessage()
                        + "); this build makes what it could not fetch itself");
            }
        }
    }

    /**
     * Deploys the entries the first repository lacks (by its info file) to it: each zip, then its info file
     * (so an info file there means its zip is too), and a POM naming the wheel for each packed wheel.
     */
    @Override
    public void publish(Map<Key, Files> entries, Log log) throws IOException {
        RemoteRepository target = repositories.get(0);
        Map<Key, Path> present = resolve(new ArrayList<>(entries.keySet()), this::info, List.of(target), log);
        Path poms = java.nio.file.Files.createTempDirectory("pyz-cache-poms");
        try {
            DeployRequest zips = new DeployRequest().setRepository(target);
            DeployRequest infos = new DeployRequest().setRepository(target);
            int count = 0;
            for (Map.Entry<Key, Files> e : entries.entrySet()) {
                Key k = e.getKey();
                if (present.containsKey(k)) {
                    continue;
                }
                if (!k.variant().isEmpty()) {
                    zips.addArtifact(zip(k).setFile(e.getValue().zip().toFile()));
                } else {
                    Path pom = poms.resolve(k.sha256() + ".pom");
                    java.nio.file.Files.writeString(pom, pom(k), StandardCharsets.UTF_8);
                    infos.addArtifact(new DefaultArtifact(groupId, k.sha256(), "", "pom", VERSION).setFile(pom.toFile()));
                }
                infos.addArtifact(info(k).setFile(e.getValue().info().toFile()));
                count++;
            }
            if (!zips.getArtifacts().isEmpty()) {
                system.deploy(buildSession, zips); // every zip before any info file: an info file means its zip is there
            }
            if (!infos.getArtifacts().isEmpty()) {
                system.deploy(buildSession, infos);
            }
            log.info("Shared cache " + target.getUrl() + " (" + target.getId() + "): deployed " + count + " entr"
                    + (count == 1 ? "y" : "ies") + ", " + present.size() + " of " + entries.size() + " there already");
        } catch (DeploymentException e) {
            throw new IOException("deploying the pack cache entries to " + target.getUrl() + " failed: " + e.getMessage(), e);
        } finally {
            try (var files = java.nio.file.Files.list(poms)) {
                for (Path f : files.toList()) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            }
            java.nio.file.Files.deleteIfExists(poms);
        }
    }

    private String pom(Key k) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n  <groupId>" + groupId + "</groupId>\n  <artifactId>"
                + k.sha256() + "</artifactId>\n  <version>" + VERSION + "</version>\n  <packaging>pom</packaging>\n"
                + "  <name>" + k.fileName() + "</name>\n  <description>pyz-maven-plugin pack cache entry of "
                + k.fileName() + " (sha256 " + k.sha256() + ")</description>\n</project>\n";
    }

    private static String ids(List<RemoteRepository> repositories) {
        return String.join(", ", repositories.stream().map(RemoteRepository::getId).toList());
    }
}

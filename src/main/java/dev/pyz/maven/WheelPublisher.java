package dev.pyz.maven;

import dev.pyz.importer.Wheelhouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.deployment.DeployRequest;
import org.eclipse.aether.deployment.DeploymentException;
import org.eclipse.aether.installation.InstallRequest;
import org.eclipse.aether.installation.InstallationException;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Puts imported wheels with their POMs into a repository through Maven's own repository system, as
 * {@code install:install-file} and {@code deploy:deploy-file} would: into the local repository (whatever
 * its layout and manager), or to a remote one with the settings' credentials and proxy.
 */
final class WheelPublisher {
    private final RepositorySystem repositorySystem;
    private final RepositorySystemSession session;

    WheelPublisher(RepositorySystem repositorySystem, RepositorySystemSession session) {
        this.repositorySystem = repositorySystem;
        this.session = session;
    }

    /**
     * Installs the wheels and POMs whose bytes differ from those the local repository holds at their
     * place (or that it lacks), and leaves the others as they are, so that installing the same files again
     * writes nothing.
     *
     * @return how many files (wheels and POMs) were already there, byte for byte, of how many
     */
    int[] installChanged(List<Wheelhouse.Import> imports) throws IOException {
        Path poms = Files.createTempDirectory("pyz-import-poms");
        try {
            List<Artifact> all = artifacts(imports, poms);
            InstallRequest request = new InstallRequest();
            Path base = session.getLocalRepository().getBasedir().toPath();
            for (Artifact a : all) {
                Path there = base.resolve(session.getLocalRepositoryManager().getPathForLocalArtifact(a));
                if (!sameBytes(a.getFile().toPath(), there)) {
                    request.addArtifact(a);
                }
            }
            if (!request.getArtifacts().isEmpty()) {
                repositorySystem.install(session, request);
            }
            return new int[] {all.size() - request.getArtifacts().size(), all.size()};
        } catch (InstallationException e) {
            throw new IOException("installing into " + session.getLocalRepository().getBasedir() + " failed: "
                    + e.getMessage(), e);
        } finally {
            delete(poms);
        }
    }

    private static boolean sameBytes(Path a, Path b) throws IOException {
        return Files.isRegularFile(b) && Files.size(a) == Files.size(b) && Files.mismatch(a, b) == -1L;
    }

    /** Deploys every wheel with its POM to {@code url}, with the settings' credentials and proxy for {@code repositoryId}. */
    void deploy(List<Wheelhouse.Import> imports, String repositoryId, String url) throws IOException {
        RemoteRepository remote = remote(session, repositoryId, url);
        Path poms = Files.createTempDirectory("pyz-import-poms");
        try {
            DeployRequest request = new DeployRequest().setRepository(remote);
            artifacts(imports, poms).forEach(request::addArtifact);
            repositorySystem.deploy(session, request);
        } catch (DeploymentException e) {
            throw new IOException("deploying to " + url + " failed: " + e.getMessage(), e);
        } finally {
            delete(poms);
        }
    }

    /** The repository at {@code url}, with the settings' credentials (of {@code id}'s server) and proxy. */
    static RemoteRepository remote(RepositorySystemSession session, String id, String url) {
        RemoteRepository plain = new RemoteRepository.Builder(id, "default", url).build();
        return new RemoteRepository.Builder(plain)
                .setAuthentication(session.getAuthenticationSelector().getAuthentication(plain))
                .setProxy(session.getProxySelector().getProxy(plain)).build();
    }

    /** Each wheel and, once per artifact, its POM (written into {@code poms}). */
    private static List<Artifact> artifacts(List<Wheelhouse.Import> imports, Path poms) throws IOException {
        List<Artifact> artifacts = new ArrayList<>();
        Set<String> written = new HashSet<>();
        for (Wheelhouse.Import i : imports) {
            Wheelhouse.Coordinates c = i.coordinates();
            artifacts.add(new DefaultArtifact(c.groupId(), c.artifactId(), c.classifier(), "whl", c.version())
                    .setFile(i.wheel().file().toFile()));
            if (written.add(c.artifactId() + ":" + c.version())) { // wheels of one version share their POM
                Path pom = poms.resolve(written.size() + ".pom");
                Files.writeString(pom, i.pom(), StandardCharsets.UTF_8);
                artifacts.add(new DefaultArtifact(c.groupId(), c.artifactId(), "", "pom", c.version())
                        .setFile(pom.toFile()));
            }
        }
        return artifacts;
    }

    /** Deletes the POMs' temporary folder; a failure to do so must not hide the install's own error. */
    private static void delete(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            folder.toFile().deleteOnExit();
        }
    }
}

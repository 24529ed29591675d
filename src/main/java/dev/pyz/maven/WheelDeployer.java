package dev.pyz.maven;

import dev.pyz.importer.Wheelhouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.deployment.DeployRequest;
import org.eclipse.aether.deployment.DeploymentException;
import org.eclipse.aether.repository.RemoteRepository;

/** Deploys imported wheels with their POMs to a remote repository, as {@code deploy:deploy-file} would. */
final class WheelDeployer {
    private final RepositorySystem repositorySystem;
    private final RepositorySystemSession session;
    private final String repositoryId;
    private final String url;

    WheelDeployer(RepositorySystem repositorySystem, RepositorySystemSession session, String repositoryId, String url) {
        this.repositorySystem = repositorySystem;
        this.session = session;
        this.repositoryId = repositoryId;
        this.url = url;
    }

    /** Deploys every wheel with its POM to {@code url}, with the settings' credentials and proxy for it. */
    void deploy(List<Wheelhouse.Import> imports) throws IOException {
        RepositorySystemSession repo = session;
        RemoteRepository plain = new RemoteRepository.Builder(repositoryId, "default", url).build();
        RemoteRepository remote = new RemoteRepository.Builder(plain)
                .setAuthentication(repo.getAuthenticationSelector().getAuthentication(plain))
                .setProxy(repo.getProxySelector().getProxy(plain)).build();
        Path poms = Files.createTempDirectory("pyz-import-poms");
        try {
            DeployRequest request = new DeployRequest().setRepository(remote);
            for (Wheelhouse.Import i : imports) {
                Wheelhouse.Coordinates c = i.coordinates();
                Path pom = poms.resolve(c.artifactId() + "-" + c.version() + "-" + c.classifier() + ".pom");
                Files.writeString(pom, i.pom(), StandardCharsets.UTF_8);
                request.addArtifact(new DefaultArtifact(c.groupId(), c.artifactId(), c.classifier(), "whl", c.version())
                        .setFile(i.wheel().file().toFile()));
                request.addArtifact(new DefaultArtifact(c.groupId(), c.artifactId(), "", "pom", c.version())
                        .setFile(pom.toFile()));
            }
            repositorySystem.deploy(repo, request);
        } catch (DeploymentException e) {
            throw new IOException("deploying to " + url + " failed: " + e.getMessage(), e);
        } finally {
            try (var files = Files.list(poms)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(poms);
        }
    }
}

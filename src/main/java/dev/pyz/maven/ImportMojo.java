package dev.pyz.maven;

import dev.pyz.PyzException;
import dev.pyz.importer.Wheelhouse;
import dev.pyz.requirement.Target;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.deployment.DeployRequest;
import org.eclipse.aether.deployment.DeploymentException;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Installs a folder of wheels (for instance what {@code pip download} wrote) into the local repository
 * under the coordinate convention, each with a generated POM (packaging {@code whl}; name, description,
 * license and home page from METADATA) whose dependencies mirror {@code Requires-Dist}: a requirement
 * whose markers hold for the target and that a wheel of the folder satisfies becomes a {@code whl}
 * dependency; the others are listed in the log and in a comment of the POM. Prints the
 * {@code <dependency>} elements to paste. Needs no project:
 * {@code mvn dev.pyz:pyz-maven-plugin:import -Dpyz.wheels=DIR -Dpyz.targetPython=3.12}.
 */
@Mojo(name = "import", requiresProject = false, threadSafe = true)
public class ImportMojo extends AbstractMojo {
    /** The folder of wheels to import. */
    @Parameter(property = "pyz.wheels", required = true)
    private File wheels;

    /** The groupId of the imported wheels. */
    @Parameter(property = "pyz.groupId", defaultValue = "pypi")
    private String groupId;

    /**
     * The Python version markers are evaluated for: {@code 3.12} (a requirement applies when it does for
     * every 3.12 release) or {@code 3.12.4}.
     */
    @Parameter(property = "pyz.targetPython")
    private String targetPython;

    /** The target's {@code sys.platform}; default: this machine's. */
    @Parameter(property = "pyz.targetPlatform")
    private String targetPlatform;

    /** The target's {@code platform.machine()}; default: this machine's. */
    @Parameter(property = "pyz.targetMachine")
    private String targetMachine;

    /**
     * Deploy to this remote repository instead of installing into the local one (same meaning as
     * {@code deploy:deploy-file}'s {@code url}); credentials come from the {@code <server>} of
     * {@code repositoryId} in settings.xml.
     */
    @Parameter(property = "url")
    private String url;

    /** The id of the remote repository, for its credentials in settings.xml. */
    @Parameter(property = "repositoryId", defaultValue = "remote-repository")
    private String repositoryId;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Component
    private RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try {
            if (targetPython == null || targetPython.isBlank()) {
                throw new PyzException("pyz:import needs the Python version the wheels are for, to evaluate their"
                        + " Requires-Dist markers: -Dpyz.targetPython=3.12 (for example)");
            }
            Target target;
            try {
                target = Target.of(targetPython, targetPlatform, targetMachine);
            } catch (IllegalArgumentException e) {
                throw new PyzException("targetPython (pyz.targetPython): " + e.getMessage());
            }
            Wheelhouse house = Wheelhouse.scan(wheels.toPath());
            List<Wheelhouse.Import> imports = house.plan(groupId, target);
            Path repository = session.getRepositorySession().getLocalRepository().getBasedir().toPath();
            String destination;
            if (url != null && !url.isBlank()) {
                deploy(imports);
                destination = url.strip() + " (" + repositoryId + ")";
            } else {
                Wheelhouse.install(imports, repository);
                destination = repository.toString();
            }
            int unmet = 0;
            for (Wheelhouse.Import i : imports) {
                getLog().info((url != null && !url.isBlank() ? "Deployed " : "Installed ") + i.coordinates() + " with " + i.dependencies().size() + " wheel dependenc"
                        + (i.dependencies().size() == 1 ? "y" : "ies"));
                for (Wheelhouse.Unmet u : i.unmet()) {
                    getLog().warn(i.coordinates() + ": not a dependency: " + u);
                    unmet++;
                }
            }
            getLog().info(String.format("Imported %d wheel(s) from %s into %s for %s%s", imports.size(), wheels,
                    destination, target, unmet == 0 ? "" : "; " + unmet + " requirement(s) not in the folder (listed above)"));
            getLog().info("Add to your POM (the rest comes through the wheels' POMs):\n"
                    + Wheelhouse.dependencyBlock(Wheelhouse.roots(imports)));
        } catch (IOException e) {
            AbstractPyzMojo.rethrow(e);
        }
    }

    /** Deploys every wheel with its POM to {@code url}, with the settings' credentials and proxy for it. */
    private void deploy(List<Wheelhouse.Import> imports) throws IOException {
        RepositorySystemSession repo = session.getRepositorySession();
        RemoteRepository plain = new RemoteRepository.Builder(repositoryId, "default", url.strip()).build();
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

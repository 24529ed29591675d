package dev.pyz.maven;

import dev.pyz.app.Packager;
import dev.pyz.app.SettingsBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.DeploymentRepository;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Shares the pack cache: packs and compiles the project's wheels (all scopes) when the cache lacks them,
 * then deploys each packed wheel and its bytecode that the repository does not have yet, under coordinates
 * derived from the wheel's sha256 ({@code sharedCacheGroupId}). Builds on other machines then take them
 * from their repositories instead of packing and compiling again. Run it from one CI job:
 * {@code mvn package pyz:cache-deploy}, to the project's distributionManagement repository or to {@code url}.
 */
@Mojo(name = "cache-deploy", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class CacheDeployMojo extends AbstractPackingMojo {
    /**
     * Deploy to this repository instead of the project's distributionManagement repository; credentials
     * come from the {@code <server>} of {@code repositoryId} in settings.xml. Builds find the entries only in
     * a repository they resolve from (a {@code <repository>} of the POM or settings, or behind a mirror).
     */
    @Parameter(property = "url")
    private String url;

    /** The id of the {@code url} repository, for its credentials in settings.xml. */
    @Parameter(property = "repositoryId", defaultValue = "remote-repository")
    private String repositoryId;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping pyz:cache-deploy (pyz.skip)");
            return;
        }
        try {
            SettingsBuilder settings = settings();
            DeploymentRepository target = target(settings);
            Packager.share(settings.pack(), wheelInputs(Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME,
                    Artifact.SCOPE_TEST)), entriesIn(List.of(WheelPublisher.remote(session.getRepositorySession(),
                            target.getId(), target.getUrl()))), log());
        } catch (IOException e) {
            rethrow(e);
        }
    }

    /** {@code url}, else the distributionManagement repository; a problem naming both when there is neither. */
    private DeploymentRepository target(SettingsBuilder settings) {
        DeploymentRepository target = new DeploymentRepository();
        if (url != null && !url.isBlank()) {
            target.setId(repositoryId);
            target.setUrl(url.strip());
        } else if (project.getDistributionManagement() != null && project.getDistributionManagement().getRepository() != null) {
            target = project.getDistributionManagement().getRepository();
        } else {
            settings.problem("url", "url", "no repository to deploy to: set url (and repositoryId for its credentials),"
                    + " or give the project a distributionManagement repository");
        }
        return target;
    }
}

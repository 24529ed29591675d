package dev.pyz.maven;

import dev.pyz.app.SettingsBuilder;
import dev.pyz.importer.Wheelhouse;
import dev.pyz.requirement.Target;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * What {@code pyz:import} and {@code pyz:resolve} share: wheels become artifacts under {@code groupId}, with
 * generated POMs, installed into the local repository or deployed to {@code url}.
 */
abstract class AbstractPublishingMojo extends AbstractPyzMojo {
    /** The groupId the wheels are installed (or deployed) under. */
    @Parameter(property = "pyz.groupId", defaultValue = "pypi")
    protected String groupId;

    /**
     * Deploy to this remote repository instead of installing into the local one (same meaning as
     * {@code deploy:deploy-file}'s {@code url}); credentials come from the {@code <server>} of
     * {@code repositoryId} in settings.xml.
     */
    @Parameter(property = "url")
    protected String url;

    /** The id of the remote repository, for its credentials in settings.xml. */
    @Parameter(property = "repositoryId", defaultValue = "remote-repository")
    protected String repositoryId;

    @Component
    protected RepositorySystem repositorySystem;

    /** The shared parameters, with {@code groupId} checked. */
    @Override
    protected SettingsBuilder settings() {
        SettingsBuilder settings = super.settings();
        Wheelhouse.groupIdProblem(groupId).ifPresent(p -> settings.problem("groupId", "pyz.groupId", p));
        return settings;
    }

    /**
     * Deploys the wheels with their POMs to {@code url}, or installs those whose bytes the local repository
     * lacks (installing the same files again writes nothing, and says so); then reports them, from
     * {@code source}, with the {@code <dependency>} elements to paste.
     */
    protected void publish(List<Wheelhouse.Import> imports, Target target, String source) throws IOException {
        WheelPublisher publisher = new WheelPublisher(repositorySystem, session.getRepositorySession());
        boolean deploying = url != null && !url.isBlank();
        if (deploying) {
            publisher.deploy(imports, repositoryId, url.strip());
        } else {
            int[] unchanged = publisher.installChanged(imports);
            if (unchanged[0] > 0) {
                getLog().info(unchanged[0] == unchanged[1]
                        ? "All " + unchanged[1] + " files (wheels and POMs) were already installed, byte for byte: nothing changed"
                        : unchanged[0] + " of the " + unchanged[1] + " files (wheels and POMs) were already installed, byte"
                        + " for byte, and were left as they are");
            }
        }
        String destination = deploying ? url.strip() + " (" + repositoryId + ")"
                : session.getRepositorySession().getLocalRepository().getBasedir().toString();
        Wheelhouse.report(imports, deploying ? "Deployed " : "Installed ", source + " into " + destination + " for "
                + target, log());
    }
}

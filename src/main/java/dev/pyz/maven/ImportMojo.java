package dev.pyz.maven;

import dev.pyz.Log;
import dev.pyz.app.Packager;
import dev.pyz.app.SettingsBuilder;
import dev.pyz.importer.Wheelhouse;
import dev.pyz.requirement.Target;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * Installs a folder of wheels (for instance what {@code pip download} wrote) into the local repository
 * under the coordinate convention, each with a generated POM (packaging {@code whl}; name, description,
 * license and home page from METADATA) whose dependencies mirror {@code Requires-Dist}: a requirement
 * whose markers hold for the target and that a wheel of the folder satisfies becomes a {@code whl}
 * dependency; the others are listed in the log and in a comment of the POM. Prints the
 * {@code <dependency>} elements to paste. Needs no project:
 * {@code mvn dev.pyz:pyz-maven-plugin:import -Dpyz.wheels=DIR -Dpyz.targetPython=3.12}. The target Python is
 * {@code targetPython}, else the version of the {@code python} interpreter.
 */
@Mojo(name = "import", requiresProject = false, threadSafe = true)
public class ImportMojo extends AbstractPyzMojo {
    /** The folder of wheels to import. */
    @Parameter(property = "pyz.wheels", required = true)
    private File wheels;

    /** The groupId of the imported wheels. */
    @Parameter(property = "pyz.groupId", defaultValue = "pypi")
    private String groupId;

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

    @Component
    private RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping pyz:import (pyz.skip)");
            return;
        }
        try {
            SettingsBuilder settings = settings();
            if (!wheels.isDirectory()) {
                settings.problem("wheels", "pyz.wheels", wheels + " is not a folder: name the folder of wheels to import"
                        + " (what pip download -d wrote)");
            }
            Wheelhouse.groupIdProblem(groupId).ifPresent(p -> settings.problem("groupId", "pyz.groupId", p));
            Target target = Packager.requireTarget(settings.targetSpec(), settings.interpreter());
            List<Wheelhouse.Import> imports = Wheelhouse.scan(wheels.toPath()).plan(groupId, target);
            WheelPublisher publisher = new WheelPublisher(repositorySystem, session.getRepositorySession());
            boolean deploying = url != null && !url.isBlank();
            if (deploying) {
                publisher.deploy(imports, repositoryId, url.strip());
            } else {
                publisher.install(imports);
            }
            String destination = deploying ? url.strip() + " (" + repositoryId + ")"
                    : session.getRepositorySession().getLocalRepository().getBasedir().toString();
            Wheelhouse.report(imports, deploying ? "Deployed " : "Installed ", wheels + " into " + destination
                    + " for " + target, log());
        } catch (IOException e) {
            rethrow(e);
        }
    }
}

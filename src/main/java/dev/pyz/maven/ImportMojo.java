package dev.pyz.maven;

import dev.pyz.Log;
import dev.pyz.app.Packager;
import dev.pyz.app.SettingsBuilder;
import dev.pyz.importer.Wheelhouse;
import dev.pyz.requirement.Target;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

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
public class ImportMojo extends AbstractPublishingMojo {
    /** The folder of wheels to import. */
    @Parameter(property = "pyz.wheels", required = true)
    private File wheels;

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
            Target target = Packager.requireTarget(settings.targetSpec(), settings.interpreter());
            publish(Wheelhouse.scan(wheels.toPath()).plan(groupId, target), target, wheels.toString());
        } catch (IOException e) {
            rethrow(e);
        }
    }
}

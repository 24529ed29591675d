package dev.pyz.maven;

import dev.pyz.app.Packager;
import dev.pyz.app.SettingsBuilder;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Prints the graph of the project's wheels as their METADATA declares it ({@code Requires-Dist}, markers
 * evaluated for the target): each wheel with its version and the requirement that pulled it, then what
 * is missing or conflicting. Reads only each wheel's METADATA. The target Python is {@code targetPython},
 * else the version of the {@code python} interpreter.
 */
@Mojo(name = "tree", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class TreeMojo extends AbstractPyzMojo {
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping pyz:tree (pyz.skip)");
            return;
        }
        try {
            SettingsBuilder settings = settings();
            Packager.tree(settings.targetSpec(), settings.interpreter(), wheelInputs(), project.getId(), log());
        } catch (IOException e) {
            rethrow(e);
        }
    }
}

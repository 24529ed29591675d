package dev.pyz.maven;

import dev.pyz.app.Packager;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Packs every wheel dependency into the pack cache, and compiles its bytecode (as {@code pyz:zipapp}
 * would, with the same {@code bytecode}, {@code python} and {@code targetPython}), without building a
 * zipapp: warms the cache, e.g. in a CI step before the builds that share it.
 */
@Mojo(name = "pack", defaultPhase = LifecyclePhase.PREPARE_PACKAGE,
        requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class PackMojo extends AbstractPackingMojo {
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping pyz:pack (pyz.skip)");
            return;
        }
        try {
            Packager.pack(settings().pack(), wheelInputs(), log());
        } catch (IOException e) {
            rethrow(e);
        }
    }
}

package dev.pyz.maven;

import dev.pyz.app.Packager;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Lists the pack cache: every packed wheel and bytecode entry with its wheel file name, interpreter, size and
 * last use (entries of older plugin versions marked), then totals. Needs no project.
 */
@Mojo(name = "cache-info", requiresProject = false, threadSafe = true)
public class CacheInfoMojo extends AbstractCacheMojo {
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try {
            Packager.cacheInfo(settings().cacheOnly(), new MavenLog(getLog()));
        } catch (IOException e) {
            AbstractPyzMojo.rethrow(e);
        }
    }
}

package dev.pyz.maven;

import dev.pyz.app.Packager;
import java.io.IOException;
import java.time.Instant;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes the pack cache entries (packed wheels and bytecode) that no build has used for a while, safe to
 * run while builds run: an entry a build is using or writing is left alone and reported. Needs no project.
 */
@Mojo(name = "cache-prune", requiresProject = false, threadSafe = true)
public class CachePruneMojo extends AbstractCacheMojo {
    /**
     * Remove entries no build used for this long: {@code 30d}, {@code 12h}, {@code 90m}, {@code 2w},
     * {@code 0} (everything not in use), or ISO-8601 ({@code P30D}). Default 30 days.
     */
    @Parameter(property = "pyz.unusedFor")
    protected String unusedFor;

    /**
     * Remove entries no build used since then: a date ({@code 2026-11-01}, its start in UTC) or a time with an
     * offset. Instead of {@code unusedFor}.
     */
    @Parameter(property = "pyz.unusedSince")
    protected String unusedSince;

    /** List what would be removed, remove nothing. */
    @Parameter(property = "pyz.dryRun", defaultValue = "false")
    protected boolean dryRun;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try {
            Packager.cachePrune(settings().prune(unusedFor, unusedSince, dryRun, Instant.now()).cacheOnly(),
                    new MavenLog(getLog()));
        } catch (IOException e) {
            AbstractPyzMojo.rethrow(e);
        }
    }
}

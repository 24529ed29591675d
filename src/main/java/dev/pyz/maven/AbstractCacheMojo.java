package dev.pyz.maven;

import dev.pyz.app.SettingsBuilder;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;

/** What the goals on the pack cache share: where it is. They need no project. */
abstract class AbstractCacheMojo extends AbstractMojo {
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /**
     * The pack cache. Default: {@code .cache/pyz} under the local repository directory, where every build on
     * the machine packs unless it sets {@code cacheDirectory}.
     */
    @Parameter(property = "pyz.cacheDirectory")
    protected File cacheDirectory;

    /** The default pack cache: {@code .cache/pyz} under the local repository, shared by every build there. */
    static Path defaultCache(MavenSession session) {
        return session.getRepositorySession().getLocalRepository().getBasedir().toPath().resolve(".cache").resolve("pyz");
    }

    protected SettingsBuilder settings() {
        Path shared = defaultCache(session);
        return new SettingsBuilder().cache(cacheDirectory == null ? null : cacheDirectory.toPath(), shared, shared);
    }
}

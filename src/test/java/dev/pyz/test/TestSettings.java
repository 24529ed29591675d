package dev.pyz.test;

import dev.pyz.PyzException;
import dev.pyz.app.SettingsBuilder;
import dev.pyz.app.ZipappSettings;
import java.nio.file.Path;

/** Settings for tests: a cache and an output under one folder, the rest at the defaults. */
public final class TestSettings {
    private TestSettings() {}

    /** A builder with the pack cache at {@code cache} and the project {@code g:a:1}. */
    public static SettingsBuilder builder(Path cache) {
        return new SettingsBuilder().cache(cache, cache, cache.resolveSibling(cache.getFileName() + "-fallback"))
                .project("g:a:1", "test").bytecode("off");
    }

    /** The settings of a zipapp written to {@code output} (its state kept beside it), packed into {@code cache}. */
    public static ZipappSettings zipapp(Path cache, Path output) throws PyzException {
        return builder(cache).output(output.getParent(), name(output), null, output.resolveSibling(".state")).zipapp();
    }

    /** {@code app} of {@code app.pyz}. */
    public static String name(Path output) {
        String file = output.getFileName().toString();
        return file.endsWith(".pyz") ? file.substring(0, file.length() - 4) : file;
    }
}

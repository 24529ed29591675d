package dev.pyz.app;

import dev.pyz.Log;
import dev.pyz.bytecode.BytecodeSettings;
import dev.pyz.cache.CacheLocation;
import dev.pyz.cache.PackCache;
import dev.pyz.cache.SharedEntries;
import dev.pyz.requirement.TargetSpec;
import dev.pyz.wheel.WheelLimits;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How wheels are packed and compiled: what {@code pyz:pack} and {@code pyz:zipapp} share. Built and
 * validated once by {@link SettingsBuilder}.
 *
 * @param cacheDirectory the pack cache the user chose, if any
 * @param sharedCache the default pack cache (under the local repository)
 * @param fallbackCache the project's own folder, for when the default cannot be written
 * @param threads threads for packing, checking and compressing (at least 1)
 * @param verifyRecord whether a file that does not match its wheel's RECORD fails the build
 * @param limits how far a wheel may expand
 * @param bytecode which interpreter compiles, and whether it must
 * @param target the declared target (the Python version may be left to the interpreter)
 * @param shared where entries the pack cache lacks may be taken from (a Maven repository), or none
 */
public record PackSettings(Optional<Path> cacheDirectory, Path sharedCache, Path fallbackCache, int threads,
        boolean verifyRecord, WheelLimits limits, BytecodeSettings bytecode, TargetSpec target, SharedEntries shared) {

    /** Where the pack cache is: {@code cacheDirectory}, else the shared one, else (with a warning) the fallback. */
    Path root(Log log) {
        return cacheDirectory.orElseGet(() -> CacheLocation.choose(sharedCache, fallbackCache, log)).toAbsolutePath();
    }

    /** The pack cache at {@code root}, taking what it lacks from {@code store}. */
    PackCache cache(Path root, SharedEntries store) {
        return new PackCache(root, limits, store);
    }
}

package dev.pyz.app;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What {@code pyz:cache-info} and {@code pyz:cache-prune} work on: the pack cache's folder and, for a prune,
 * the point in time before which an entry's last use makes it go.
 *
 * @param root the pack cache (the folder that holds {@code packed/} and {@code bytecode/})
 * @param cutoff entries no build used since then are removed
 * @param dryRun list what would be removed, remove nothing
 */
public record CacheSettings(Path root, Instant cutoff, boolean dryRun) {}

package dev.pyz.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

/**
 * When a cache entry was last used: the modification time of its info file, which a build that reuses the
 * entry moves forward (at most once a {@link #RESOLUTION}, so a warm build writes almost nothing). An entry
 * just written has a fresh info file anyway.
 */
public final class LastUse {
    /** Last use is kept to within this much. */
    public static final Duration RESOLUTION = Duration.ofMinutes(10);

    private LastUse() {}

    /** Records a use of the entry whose info file is {@code info}; a cache that cannot be written keeps the old time. */
    public static void record(Path info) {
        try {
            FileTime now = FileTime.fromMillis(System.currentTimeMillis());
            FileTime last = Files.getLastModifiedTime(info);
            if (now.toMillis() - last.toMillis() >= RESOLUTION.toMillis()) {
                Files.setLastModifiedTime(info, now);
            }
        } catch (IOException | SecurityException e) {
            // a read-only cache: its entries' last use stays as it was
        }
    }

    /** The entry's last use. */
    public static FileTime of(Path info) throws IOException {
        return Files.getLastModifiedTime(info);
    }
}

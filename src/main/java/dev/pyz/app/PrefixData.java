package dev.pyz.app;

import dev.pyz.cache.PackedWheel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The data files a wheel installs under an environment's prefix ({@code .data/data/share/...},
 * {@code .data/data/etc/...}; installed beside the packages here, docs/FORMAT.md): tools look for them
 * under {@code sys.prefix} (Jupyter's templates, kernel specs and configuration), so the wheel is extracted
 * and the child interpreter's environment, which the app takes as its prefix, links them in.
 */
public final class PrefixData {
    /** The first folders of such files that tools look for under a prefix. */
    static final Set<String> FOLDERS = Set.of("etc", "share");

    private PrefixData() {}

    /** The wheel's top-level folders of prefix data (sorted), none when a folder of that name is a package. */
    public static List<String> of(PackedWheel w) throws IOException {
        List<String> found = new ArrayList<>();
        for (String top : w.topLevel()) {
            if (FOLDERS.contains(top)) {
                found.add(top);
            }
        }
        if (found.isEmpty()) {
            return found;
        }
        List<String> paths = w.installedPaths();
        found.removeIf(top -> paths.contains(top + "/__init__.py"));
        return found;
    }
}

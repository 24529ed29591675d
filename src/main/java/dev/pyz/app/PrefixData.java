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
    /**
     * Folders of {@code share/} written for people, not read by programs at run time: manual pages (IPython
     * ships one), documentation, info manuals. A wheel whose only prefix data they are stays in the archive.
     */
    static final Set<String> FOR_PEOPLE = Set.of("man", "doc", "info");

    private PrefixData() {}

    /**
     * The wheel's top-level folders of prefix data (sorted): none when a folder of that name is a package or
     * holds nothing but documentation for people.
     */
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
        found.removeIf(top -> paths.contains(top + "/__init__.py")
                || paths.stream().noneMatch(p -> readAtRunTime(top, p)));
        return found;
    }

    /** Whether the installed path {@code p} is a file of {@code top} that programs may read. */
    private static boolean readAtRunTime(String top, String p) {
        if (!p.startsWith(top + "/") || p.endsWith("/")) { // (a folder's own entry)
            return false;
        }
        int slash = p.indexOf('/', top.length() + 1);
        return !top.equals("share") || slash < 0 || !FOR_PEOPLE.contains(p.substring(top.length() + 1, slash));
    }
}

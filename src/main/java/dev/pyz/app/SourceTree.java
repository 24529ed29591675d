package dev.pyz.app;

import dev.pyz.PyzException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The project's own Python sources ({@code src/main/python}): every file and folder under the root, by
 * its archive name, sorted; bytecode caches left out. The root {@code __main__.py} is renamed to
 * {@link EntryPoint#APP_MAIN}, since the archive's own {@code __main__.py} is the bootstrap's.
 */
public final class SourceTree {
    /** Archive name to file; folders end with '/' and map to null. */
    private final TreeMap<String, Path> entries;
    private final boolean hasMain;

    private SourceTree(TreeMap<String, Path> entries, boolean hasMain) {
        this.entries = entries;
        this.hasMain = hasMain;
    }

    public static SourceTree scan(Path root) throws IOException {
        TreeMap<String, Path> entries = new TreeMap<>();
        if (root == null || !Files.isDirectory(root)) {
            return new SourceTree(entries, false);
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        boolean hasMain = false;
        for (Path path : paths) {
            if (path.equals(root) || skipped(root.relativize(path))) {
                continue;
            }
            String name = toArchiveName(root.relativize(path));
            if (name.equals(".pyz") || name.startsWith(".pyz/") || name.equals(".deps") || name.startsWith(".deps/")) {
                throw new PyzException(path + ": the names .pyz and .deps at the root of the sources are reserved for"
                        + " the plugin's own files");
            }
            if (Files.isDirectory(path)) {
                entries.put(name + "/", null);
            } else if (name.equals("__main__.py")) {
                entries.put(EntryPoint.APP_MAIN, path);
                hasMain = true;
            } else {
                entries.put(name, path);
            }
        }
        return new SourceTree(entries, hasMain);
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals("__pycache__")) {
                return true;
            }
        }
        String file = relative.getFileName().toString();
        return file.endsWith(".pyc") || file.endsWith(".pyo");
    }

    private static String toArchiveName(Path relative) {
        StringBuilder s = new StringBuilder();
        for (Path part : relative) {
            if (s.length() > 0) {
                s.append('/');
            }
            s.append(part);
        }
        return s.toString();
    }

    public TreeMap<String, Path> entries() {
        return entries;
    }

    public boolean hasMain() {
        return hasMain;
    }

    public int fileCount() {
        return (int) entries.values().stream().filter(p -> p != null).count();
    }
}

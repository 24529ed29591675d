package dev.pyz.app;

import dev.pyz.PyzException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.codehaus.plexus.util.DirectoryScanner;
import org.codehaus.plexus.util.SelectorUtils;

/**
 * The project's own Python sources ({@code src/main/python}): the files and folders under the root that
 * the includes and excludes select, by archive name, sorted; bytecode caches always left out. The
 * selection is Maven's own (plexus-utils' {@link DirectoryScanner}, as maven-jar-plugin uses): Ant
 * patterns, and Maven's default excludes ({@code .git}, {@code .svn}, editor backups...) unless turned
 * off. The root {@code __main__.py} is renamed to {@link EntryPoint#APP_MAIN}, since the archive's own
 * {@code __main__.py} is the bootstrap's.
 */
public final class SourceTree {
    /** Left out whatever the patterns say: bytecode the build compiles again for the target. */
    static final List<String> ALWAYS_EXCLUDED = List.of("**/__pycache__/**", "**/*.pyc", "**/*.pyo");

    /**
     * Which files of the sources folder go into the archive.
     *
     * @param directory the folder, when the project has one
     * @param includes Ant patterns of what to take ({@code **} when empty)
     * @param excludes Ant patterns of what to leave out
     * @param defaultExcludes whether Maven's default excludes apply as well
     */
    public record Selection(Optional<Path> directory, List<String> includes, List<String> excludes,
            boolean defaultExcludes) {
        public static Selection all(Path directory) {
            return new Selection(Optional.ofNullable(directory), List.of(), List.of(), true);
        }

        // written out: the generated toString bootstraps method handles on its first call (dozens of classes
        // spun), a cost every build would pay for the up-to-date check
        @Override
        public String toString() {
            return "Selection[directory=" + directory + ", includes=" + includes + ", excludes=" + excludes
                    + ", defaultExcludes=" + defaultExcludes + "]";
        }
    }

    /** Archive name to file; folders end with '/' and map to null. */
    private final TreeMap<String, Path> entries;
    private final boolean hasMain;
    private final List<String> unmatchedIncludes;

    private SourceTree(TreeMap<String, Path> entries, boolean hasMain, List<String> unmatchedIncludes) {
        this.entries = entries;
        this.hasMain = hasMain;
        this.unmatchedIncludes = unmatchedIncludes;
    }

    /** No sources: an app made of wheels only. */
    public static SourceTree none() {
        return new SourceTree(new TreeMap<>(), false, List.of());
    }

    public static SourceTree scan(Selection selection) throws IOException {
        TreeMap<String, Path> entries = new TreeMap<>();
        Path root = selection.directory().orElse(null);
        if (root == null || !Files.isDirectory(root)) {
            return new SourceTree(entries, false, List.of());
        }
        DirectoryScanner scanner = new DirectoryScanner();
        scanner.setBasedir(root.toFile());
        scanner.setIncludes(selection.includes().isEmpty() ? null : selection.includes().toArray(String[]::new));
        List<String> excludes = new ArrayList<>(selection.excludes());
        excludes.addAll(ALWAYS_EXCLUDED);
        scanner.setExcludes(excludes.toArray(String[]::new));
        if (selection.defaultExcludes()) {
            scanner.addDefaultExcludes();
        }
        scanner.scan();
        boolean hasMain = false;
        for (String file : scanner.getIncludedFiles()) {
            String name = toArchiveName(file);
            checkReserved(root, name);
            addParents(entries, name);
            if (name.equals("__main__.py")) {
                entries.put(EntryPoint.APP_MAIN, root.resolve(file));
                hasMain = true;
            } else {
                entries.put(name, root.resolve(file));
            }
        }
        for (String dir : scanner.getIncludedDirectories()) {
            if (!dir.isEmpty()) {
                String name = toArchiveName(dir);
                checkReserved(root, name);
                addParents(entries, name + "/");
                entries.put(name + "/", null);
            }
        }
        return new SourceTree(entries, hasMain, unmatched(selection.includes(), scanner));
    }

    /** The include patterns that select no file: most likely a mistake in the pattern. */
    private static List<String> unmatched(List<String> includes, DirectoryScanner scanner) {
        List<String> unmatched = new ArrayList<>();
        for (String pattern : includes) {
            boolean matched = false;
            for (String file : scanner.getIncludedFiles()) {
                if (SelectorUtils.matchPath(pattern.replace('/', java.io.File.separatorChar), file)) {
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                unmatched.add(pattern);
            }
        }
        return unmatched;
    }

    private static void checkReserved(Path root, String name) throws PyzException {
        if (name.equals(".pyz") || name.startsWith(".pyz/") || name.equals(".deps") || name.startsWith(".deps/")) {
            throw new PyzException(root.resolve(name) + ": the names .pyz and .deps at the root of the sources are"
                    + " reserved for the plugin's own files");
        }
    }

    private static void addParents(TreeMap<String, Path> entries, String name) {
        for (int i = name.indexOf('/'); i >= 0 && i < name.length() - 1; i = name.indexOf('/', i + 1)) {
            entries.putIfAbsent(name.substring(0, i + 1), null);
        }
    }

    private static String toArchiveName(String relative) {
        return relative.replace(java.io.File.separatorChar, '/');
    }

    public TreeMap<String, Path> entries() {
        return entries;
    }

    public boolean hasMain() {
        return hasMain;
    }

    /** The include patterns that selected no file (the build warns about each). */
    public List<String> unmatchedIncludes() {
        return unmatchedIncludes;
    }

    public int fileCount() {
        return (int) entries.values().stream().filter(p -> p != null).count();
    }
}

package dev.pyz.wheel;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides from a wheel's files alone (its code is never run) whether that code can work from inside a
 * zip: packages that build file-system paths from their own location ({@code __file__},
 * {@code __path__[0]}, {@code pkg_resources.resource_filename}) and then read or list what lies there
 * (templates, locale data, stylesheets, embedded wheels) find a path inside the archive, where
 * {@code open()} and {@code os.listdir()} fail or, worse, find nothing and carry on.
 *
 * <p>The evidence, per module (test modules and {@code if __name__ == "__main__":} blocks aside):
 * <ul>
 *   <li>the module takes its own location ({@code __file__}, {@code __path__[...]}, {@code resource_filename},
 *       ...) and its top-level package ships data files (anything but code, stubs, licenses and tests), or
 *   <li>the module takes its own location and lists a folder ({@code listdir}, {@code walk}, {@code glob},
 *       {@code iterdir}, ...), or indexes {@code __path__} (a package's folder as a path: what only a
 *       directory listing or a path join needs).
 * </ul>
 * Code that reads its data through the import system ({@code importlib.resources},
 * {@code pkgutil.get_data}, {@code pkg_resources.resource_string}) is not evidence: that works from a zip.
 * A {@code not-zip-safe} marker in the dist-info is evidence; a {@code zip-safe} one is not needed.
 *
 * <p>Feed it every installed path ({@link #file}) and every module's source ({@link #module}), from any
 * thread; then ask {@link #verdict()}.
 */
public final class ZipSafety {
    /** Names that take a module's own location on the file system. */
    private static final Set<String> LOCATION = Set.of("__file__", "resource_filename", "resource_listdir",
            "resource_isdir", "resource_exists", "get_python_lib");
    /** Calls that list a folder. */
    private static final Set<String> LISTING = Set.of("listdir", "scandir", "walk", "iterdir", "glob", "iglob", "rglob",
            "copytree", "resource_listdir");
    /** Files in package folders that code does not read at run time. */
    private static final Set<String> CODE_SUFFIXES = Set.of(".py", ".pyc", ".pyo", ".pyi", ".pyd", ".so", ".dylib",
            ".dll", ".pxd", ".pyx", ".pxi", ".c", ".h", ".cpp", ".hpp", ".typed", ".md", ".rst");
    private static final Set<String> NOT_DATA_NAMES = Set.of("license", "licence", "copying", "authors", "notice",
            "readme", "changelog", "changes", "history", "contributors", "py.typed", ".gitignore");

    private final TreeMap<String, String> evidence = new TreeMap<>(); // module -> what it does
    private final TreeMap<String, String> locating = new TreeMap<>(); // module -> how it takes its location
    private final TreeMap<String, String> dataByPackage = new TreeMap<>(); // top-level package -> first data file
    private boolean notZipSafeMarker;

    /** Records an installed path of the wheel (a file, relative to the wheel's folder). */
    public synchronized void file(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        int slash = path.indexOf('/');
        if (slash < 0) {
            return; // a top-level module or file: no package folder to read data from
        }
        String top = path.substring(0, slash);
        if (top.endsWith(".dist-info")) {
            notZipSafeMarker |= lower.endsWith("/not-zip-safe");
            return;
        }
        if (top.endsWith(".data") || top.equals("bin") || isTest(path) || !isData(lower)) {
            return;
        }
        dataByPackage.merge(top, path, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    /** Scans one module's source (its installed path ending in {@code .py}). */
    public void module(String path, byte[] source) {
        if (isTest(path) || path.startsWith("bin/") || path.indexOf('/') > 0
                && path.substring(0, path.indexOf('/')).matches(".*\\.(dist-info|data)")) {
            return;
        }
        String text = new String(source, java.nio.charset.StandardCharsets.UTF_8);
        if (!text.contains("__file__") && !text.contains("__path__") && !text.contains("resource_")
                && !text.contains("get_python_lib")) {
            return; // most modules: nothing to tokenize (a text search runs at memory speed)
        }
        Found found = scan(new PythonTokens(text));
        synchronized (this) {
            if (found.location != null) {
                locating.put(path, found.location);
                if (found.listing != null) {
                    evidence.put(path, "takes its location from " + found.location + " and lists a folder ("
                            + found.listing + ")");
                }
            }
            if (found.pathIndex) {
                evidence.putIfAbsent(path, "uses its package's folder as a path (__path__[...])");
            }
        }
    }

    /**
     * Why the wheel cannot run from a zip, in one line naming a module and what it does (the first by
     * name, with how many more), or empty when nothing says so.
     */
    public synchronized Optional<String> verdict() {
        TreeMap<String, String> all = new TreeMap<>(evidence);
        for (var e : locating.entrySet()) {
            String top = e.getKey().contains("/") ? e.getKey().substring(0, e.getKey().indexOf('/')) : null;
            String data = top == null ? null : dataByPackage.get(top);
            if (data != null) {
                all.putIfAbsent(e.getKey(), "takes its location from " + e.getValue() + " and its package ships data"
                        + " files (" + data + ")");
            }
        }
        if (all.isEmpty()) {
            return notZipSafeMarker ? Optional.of("its dist-info says not-zip-safe") : Optional.empty();
        }
        var first = all.firstEntry();
        return Optional.of(first.getKey() + " " + first.getValue()
                + (all.size() > 1 ? " (and " + (all.size() - 1) + " more module(s))" : ""));
    }

    /** What one module does: how it takes its location, what listing it calls, whether it indexes __path__. */
    private record Found(String location, String listing, boolean pathIndex) {}

    private static Found scan(PythonTokens t) {
        String location = null;
        String listing = null;
        boolean pathIndex = false;
        int mainBlock = -1; // indentation of an `if __name__ == "__main__":` being skipped, or -1
        boolean afterDef = false; // a name right after `def` is defined here, not used
        boolean afterPath = false;
        while (t.next() != PythonTokens.Kind.END) {
            if (t.startsLine()) {
                if (mainBlock >= 0 && t.indent() <= mainBlock) {
                    mainBlock = -1;
                }
                if (mainBlock < 0 && t.is("if") && isMainCheck(t)) {
                    mainBlock = t.indent();
                    afterDef = afterPath = false;
                    continue;
                }
            }
            if (mainBlock >= 0) {
                continue;
            }
            if (t.kind() == PythonTokens.Kind.NAME) {
                if (!afterDef) {
                    if (location == null && t.isOneOf(LOCATION)) {
                        location = t.text();
                    }
                    if (listing == null && t.isOneOf(LISTING)) {
                        listing = t.text();
                    }
                }
                afterPath = t.is("__path__");
                afterDef = t.is("def");
            } else {
                pathIndex |= afterPath && t.is("[");
                afterPath = afterDef = false;
            }
        }
        return new Found(location, listing, pathIndex);
    }

    /** Reads on from an {@code if}: whether its condition is {@code __name__ == "__main__"} (either order). */
    private static boolean isMainCheck(PythonTokens t) {
        List<String> seen = new java.util.ArrayList<>();
        while (seen.size() < 6 && t.next() != PythonTokens.Kind.END) {
            if (t.is(":")) {
                break;
            }
            seen.add(t.kind() == PythonTokens.Kind.STRING ? t.stringBody() : t.text());
        }
        String condition = String.join(" ", seen);
        return seen.contains("__name__") && seen.contains("__main__") && condition.contains("= =")
                && !condition.contains("!");
    }

    private static boolean isTest(String path) {
        for (String part : path.split("/")) {
            if (part.equals("tests") || part.equals("test") || part.equals("testing") && path.endsWith(".py")
                    || part.startsWith("test_") && part.endsWith(".py") || part.endsWith("_test.py")
                    || part.equals("conftest.py")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isData(String lower) {
        String file = lower.substring(lower.lastIndexOf('/') + 1);
        String stem = file.contains(".") ? file.substring(0, file.indexOf('.')) : file;
        if (NOT_DATA_NAMES.contains(file) || NOT_DATA_NAMES.contains(stem) || file.startsWith("license")) {
            return false;
        }
        for (String suffix : CODE_SUFFIXES) {
            if (file.endsWith(suffix)) {
                return false;
            }
        }
        return !file.matches(".*\\.so\\.[0-9.]+");
    }

    /** The names this analysis treats as evidence, for documentation and tests. */
    static Set<String> locationNames() {
        return new TreeSet<>(LOCATION);
    }
}

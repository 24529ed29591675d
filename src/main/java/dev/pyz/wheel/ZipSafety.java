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
 *       {@code as_file(files(...))} of a whole package folder, ...) and its top-level package ships data files
 *       (anything but code, stubs, licenses and tests), or
 *   <li>the module takes its own location and lists a folder ({@code listdir}, {@code walk}, {@code glob},
 *       {@code iterdir}, ...), or indexes {@code __path__} (a package's folder as a path: what only a
 *       directory listing or a path join needs).
 * </ul>
 * Code that reads its data through the import system ({@code importlib.resources},
 * {@code pkgutil.get_data}, {@code pkg_resources.resource_string}) is not evidence: that works from a zip;
 * but {@code as_file} of a package folder is (before Python 3.12 it fails on a folder in a zip, after it the
 * copy it makes is gone once its {@code with} block ends). {@code X.__file__} is another package's location
 * when {@code X} is not one of this wheel's modules, unless a path is joined to it on that line while
 * {@code X} is no name the module imports: a module held in a variable
 * ({@code Path(v.__file__).parent / "schema.json"}) may well be the wheel's own.
 * A {@code not-zip-safe} marker in the dist-info is evidence; a {@code zip-safe} one is not needed.
 *
 * <p>Feed it every installed path ({@link #file}) and every module's source ({@link #module}), from any
 * thread; then ask {@link #verdict()}.
 */
public final class ZipSafety {
    /**
     * The version of these rules, recorded with each pack cache entry: an entry judged by other rules is
     * packed (and judged) again.
     */
    public static final int RULES_VERSION = 4;

    /** Names that take a module's own location on the file system. */
    private static final Set<String> LOCATION = Set.of("__file__", "resource_filename", "resource_listdir",
            "resource_isdir", "resource_exists", "get_python_lib");
    /** Calls that list a folder. */
    private static final Set<String> LISTING = Set.of("listdir", "scandir", "walk", "iterdir", "glob", "iglob", "rglob",
            "copytree", "resource_listdir");
    /** Files in package folders that code does not read at run time. */
    private static final Set<String> CODE_SUFFIXES = Set.of(".py", ".pyc", ".pyo", ".pyi", ".pyd", ".so", ".dylib",
            ".dll", ".pxd", ".pyx", ".pxi", ".c", ".h", ".cpp", ".hpp", ".typed");
    private static final Set<String> NOT_DATA_NAMES = Set.of("license", "licence", "copying", "authors", "notice",
            "readme", "changelog", "changes", "history", "contributors", "py.typed", ".gitignore");

    private final TreeMap<String, Found> modules = new TreeMap<>(); // module -> what it does
    private final Set<String> moduleNames = new TreeSet<>(); // every module's and package's name part
    private final TreeMap<String, String> dataByPackage = new TreeMap<>(); // top-level package -> first data file
    private boolean notZipSafeMarker;

    /** Records an installed path of the wheel (a file, relative to the wheel's folder). */
    public synchronized void file(String path) {
        if (path.endsWith(".py")) {
            for (String part : TextLines.segments(path.substring(0, path.length() - 3))) {
                if (!part.isEmpty()) {
                    moduleNames.add(part);
                }
            }
        }
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
                && isMetadataOrData(path.substring(0, path.indexOf('/')))) {
            return;
        }
        String text = new String(source, java.nio.charset.StandardCharsets.UTF_8);
        if (!text.contains("__file__") && !text.contains("__path__") && !text.contains("resource_")
                && !text.contains("get_python_lib") && !text.contains("as_file")) {
            return; // most modules: nothing to tokenize (a text search runs at memory speed)
        }
        Found found = scan(new PythonTokens(text));
        if (!found.owners().isEmpty() || found.pathIndex()) {
            synchronized (this) {
                modules.put(path, found);
            }
        }
    }

    /**
     * Why the wheel cannot run from a zip, in one line naming a module and what it does (the first by
     * name, with how many more), or empty when nothing says so.
     */
    public synchronized Optional<String> verdict() {
        TreeMap<String, String> all = new TreeMap<>();
        for (var e : modules.entrySet()) {
            Found f = e.getValue();
            // its own location: a bare __file__, the __file__ of a module of this wheel, or a path joined to
            // X.__file__ where X is no imported name (a module in a variable, maybe this wheel's)
            boolean own = f.owners().stream().anyMatch(o -> o.isEmpty() || moduleNames.contains(o))
                    || f.joinedOwners().stream().anyMatch(o -> !f.imported().contains(o));
            String top = e.getKey().contains("/") ? e.getKey().substring(0, e.getKey().indexOf('/')) : null;
            String data = top == null ? null : dataByPackage.get(top);
            if (own && f.listing() != null) {
                all.put(e.getKey(), "takes its location from " + f.location() + " and lists a folder (" + f.listing() + ")");
            } else if (f.pathIndex()) {
                all.put(e.getKey(), "uses its package's folder as a path (__path__[...])");
            } else if (own && data != null) {
                all.put(e.getKey(), "takes its location from " + f.location() + " and its package ships data files ("
                        + data + ")");
            }
        }
        if (all.isEmpty()) {
            return notZipSafeMarker ? Optional.of("its dist-info says not-zip-safe") : Optional.empty();
        }
        var first = all.firstEntry();
        return Optional.of(first.getKey() + " " + first.getValue()
                + (all.size() > 1 ? " (and " + (all.size() - 1) + " more module(s))" : ""));
    }

    /**
     * What one module does: the first name it takes a location with, whose location each use takes ("" for
     * its own, else the module before the dot: {@code other.__file__}), what listing it calls, whether it
     * indexes {@code __path__}; the owners of uses on lines that join a path to it, and the names its import
     * statements bind.
     */
    private record Found(String location, Set<String> owners, String listing, boolean pathIndex,
            Set<String> joinedOwners, Set<String> imported) {}

    private static Found scan(PythonTokens t) {
        String listing = null;
        boolean pathIndex = false;
        int mainBlock = -1; // indentation of an `if __name__ == "__main__":` being skipped, or -1
        boolean afterDef = false; // a name right after `def` is defined here, not used
        boolean afterPath = false;
        boolean afterSys = false; // the names sys, path of sys.path, with the dot between them skipped
        boolean afterSysPath = false;
        boolean afterName = false; // the token before is a name
        String lastName = "";
        String owner = null; // while a dot is the last token: the name before it, or "" after a bracket or call
        Set<String> imported = new TreeSet<>();
        Line line = new Line();
        while (t.next() != PythonTokens.Kind.END) {
            if (t.startsLine()) {
                line.end();
                if (mainBlock >= 0 && t.indent() <= mainBlock) {
                    mainBlock = -1;
                }
                if (mainBlock < 0 && t.is("if") && isMainCheck(t)) {
                    mainBlock = t.indent();
                    afterDef = afterPath = afterName = false;
                    continue;
                }
                line.start(t);
                if (t.is("import") || t.is("from")) {
                    imported.addAll(boundByImport(t));
                }
            }
            if (mainBlock >= 0) {
                continue;
            }
            if (t.kind() == PythonTokens.Kind.NAME) {
                if (!afterDef) {
                    if (t.isOneOf(LOCATION)) {
                        line.location(t.text(), owner == null || !t.is("__file__") ? "" : owner);
                    } else if (t.is("as_file") && isFolderAsFile(t)) {
                        line.location("as_file(files(...))", "");
                    }
                    if (listing == null && t.isOneOf(LISTING)) {
                        listing = t.text();
                    }
                    if (t.isOneOf(NOT_A_READ) || afterSysPath && (t.is("insert") || t.is("append"))) {
                        line.harmless = true;
                    }
                    line.joins |= t.is("join") || t.is("joinpath");
                }
                afterSysPath = t.is("path") && afterSys;
                afterSys = t.is("sys");
                afterPath = t.is("__path__");
                lastName = t.text();
                owner = null;
                afterDef = t.is("def");
                afterName = true;
            } else {
                pathIndex |= afterPath && t.is("[");
                afterPath = afterDef = false;
                if (!t.is(".")) {
                    afterSys = afterSysPath = false;
                }
                owner = t.is(".") ? (afterName ? lastName : "") : null;
                afterName = false;
                line.joins |= t.is("/");
                if (t.is(";")) { // statements on one line: each its own, as far as harmless uses go
                    line.end();
                    line.harmless = false;
                } else if (t.isFormatted() && (t.text().contains("__file__") || t.text().contains("__path__"))) {
                    line.location(t.text().contains("__file__") ? "__file__" : "__path__", "");
                }
            }
        }
        line.end();
        return new Found(line.first, line.owners, listing, pathIndex, line.joinedOwners, imported);
    }

    /**
     * The names the import statement at the cursor binds ({@code import a.b} binds {@code a}, {@code import a
     * as b} and {@code from m import a as b} bind {@code b}), looking ahead without consuming.
     */
    private static Set<String> boundByImport(PythonTokens t) {
        PythonTokens.Mark mark = t.mark();
        Set<String> bound = new TreeSet<>();
        boolean from = t.is("from");
        boolean names = !from; // after `import`: the names that follow are bound
        boolean first = true; // the first name of an item (`a` of `a.b`)
        String item = null;
        int line = t.line();
        while (t.next() != PythonTokens.Kind.END && !(t.startsLine() && t.line() != line)) {
            if (t.is(";")) {
                break;
            }
            if (from && t.is("import")) {
                names = true;
                first = true;
            } else if (names && t.is("as")) {
                item = null;
                first = true;
            } else if (names && t.is(",")) {
                if (item != null) {
                    bound.add(item);
                }
                item = null;
                first = true;
            } else if (names && t.kind() == PythonTokens.Kind.NAME && first) {
                item = t.text();
                first = false;
            }
        }
        if (item != null) {
            bound.add(item);
        }
        t.reset(mark);
        return bound;
    }

    /**
     * Whether the {@code as_file} at the cursor is called with a whole {@code files(...)}: a package's folder,
     * not a file joined to it ({@code files(p) / "x"}, {@code files(p).joinpath("x")}); looks ahead without
     * consuming.
     */
    private static boolean isFolderAsFile(PythonTokens t) {
        PythonTokens.Mark mark = t.mark();
        try {
            if (t.next() != PythonTokens.Kind.OP || !t.is("(")) {
                return false;
            }
            int depth = 1;
            boolean afterFiles = false; // the last token at depth 1 is the name files
            boolean inFilesCall = false; // inside the parentheses of files(...)
            boolean afterFilesCall = false; // the last token at depth 1 closed files(...)
            while (t.next() != PythonTokens.Kind.END) {
                if (t.is("(") || t.is("[")) {
                    inFilesCall = depth == 1 && afterFiles && t.is("(") || inFilesCall;
                    depth++;
                    afterFiles = afterFilesCall = false;
                } else if (t.is(")") || t.is("]")) {
                    depth--;
                    if (depth == 0) {
                        return afterFilesCall;
                    }
                    afterFilesCall = depth == 1 && inFilesCall;
                    inFilesCall &= depth > 1;
                    afterFiles = false;
                } else if (depth == 1) {
                    afterFiles = t.is("files");
                    afterFilesCall = false;
                }
            }
            return false;
        } finally {
            t.reset(mark);
        }
    }

    /**
     * Names that make a line's use of its location harmless: the path goes on {@code sys.path}
     * ({@code sys.path.insert(0, dirname(__file__))}) or into a message, a log or a comparison, not to a
     * file-system call.
     */
    private static final Set<String> NOT_A_READ = Set.of("addsitedir", "warn", "warning", "getLogger", "print",
            "startswith", "endswith", "register_exclusion");

    /**
     * The logical line being read: whose location it takes, and whether harmlessly; and what the module's
     * lines took so far.
     */
    private static final class Line {
        final Set<String> owners = new TreeSet<>();
        final Set<String> joinedOwners = new TreeSet<>();
        final Set<String> pending = new TreeSet<>();
        String first;
        String name;
        boolean harmless;
        boolean joins; // a path is joined on this line (`/`, join, joinpath)

        void start(PythonTokens t) {
            harmless = t.is("raise") || t.is("assert");
        }

        void location(String locationName, String owner) {
            pending.add(owner);
            if (name == null) {
                name = locationName;
            }
        }

        /** Ends the line: its uses count unless it was harmless. */
        void end() {
            if (!pending.isEmpty() && !harmless) {
                owners.addAll(pending);
                if (joins) {
                    joinedOwners.addAll(pending);
                }
                if (first == null) {
                    first = name;
                }
            }
            pending.clear();
            name = null;
            harmless = false;
            joins = false;
        }
    }

    /**
     * Whether the condition of the {@code if} at the cursor is {@code __name__ == "__main__"} (either order),
     * looking ahead without consuming: when it is not, the line's tokens are scanned as any others.
     */
    private static boolean isMainCheck(PythonTokens t) {
        PythonTokens.Mark mark = t.mark();
        List<String> seen = new java.util.ArrayList<>();
        while (seen.size() < 6 && t.next() != PythonTokens.Kind.END) {
            if (t.is(":")) {
                break;
            }
            seen.add(t.kind() == PythonTokens.Kind.STRING ? t.stringBody() : t.text());
        }
        String condition = String.join(" ", seen);
        boolean main = seen.contains("__name__") && seen.contains("__main__") && condition.contains("= =")
                && !condition.contains("!");
        if (!main) {
            t.reset(mark);
        }
        return main;
    }

    private static boolean isMetadataOrData(String folder) {
        return folder.endsWith(".dist-info") || folder.endsWith(".data");
    }

    private static boolean isTest(String path) {
        for (String part : TextLines.segments(path)) {
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
        return !TextLines.isVersionedSharedLibrary(file);
    }

    /** The names this analysis treats as evidence, for documentation and tests. */
    static Set<String> locationNames() {
        return new TreeSet<>(LOCATION);
    }
}

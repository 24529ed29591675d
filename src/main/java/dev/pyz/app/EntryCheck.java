package dev.pyz.app;

import dev.pyz.PyzException;
import dev.pyz.cache.PackedWheel;
import dev.pyz.wheel.MetadataReader;
import dev.pyz.wheel.PythonTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks at build time that what the zipapp runs is there, so that a typo fails the build and not the
 * first start: the module (in the project's sources or a bundled wheel), and, for {@code module:function},
 * that the module's source binds the name at all. The name check is lenient on purpose: any use of the
 * name as code (not in a comment or string) passes, and so does a module that may bind names it does not
 * spell ({@code from x import *}, a module {@code __getattr__}, {@code globals()}, {@code setattr});
 * a module that ships no source (an extension, a pyc) is taken as it is.
 */
final class EntryCheck {
    private EntryCheck() {}

    /** Fails naming {@code what} ({@code main 'x'}, {@code script 'y'}) when the entry point is not there. */
    static void check(EntryPoint entry, String what, SourceTree sources, List<PackedWheel> wheels) throws IOException {
        if (entry.kind() != EntryPoint.Kind.MODULE && entry.kind() != EntryPoint.Kind.CALLABLE) {
            return;
        }
        String path = entry.module().replace('.', '/');
        List<String> candidates = entry.kind() == EntryPoint.Kind.MODULE
                ? List.of(path + ".py", path + "/__main__.py")
                : List.of(path + ".py", path + "/__init__.py");
        Optional<Located> found = locate(candidates, path, sources, wheels);
        if (found.isEmpty() && entry.kind() == EntryPoint.Kind.MODULE
                && locate(List.of(path + "/__init__.py"), path, sources, wheels).isPresent()) {
            throw new PyzException(what + " names the package " + entry.module() + ", which has no __main__.py (python -m"
                    + " runs a package's __main__ module); name a module, or a function as " + entry.module()
                    + ":function");
        }
        if (found.isEmpty()) {
            throw new PyzException(what + " names the module " + entry.module() + ", which is neither in the project's"
                    + " sources nor in a bundled wheel" + (entry.kind() == EntryPoint.Kind.MODULE
                            ? " (as " + path + ".py, or a package with a __main__.py)" : " (as " + path + ".py or "
                            + path + "/__init__.py)") + suggestions(entry.module(), sources, wheels));
        }
        if (entry.kind() == EntryPoint.Kind.CALLABLE && found.get().source() != null) {
            String name = entry.attr().split("\\.")[0];
            if (!binds(found.get().source(), name)) {
                throw new PyzException(what + " names " + entry.module() + ":" + entry.attr() + ", but "
                        + found.get().where() + " defines no " + name);
            }
        }
    }

    /** Where the module was found, and its source (null for a module that ships none). */
    private record Located(String where, byte[] source) {}

    private static Optional<Located> locate(List<String> candidates, String path, SourceTree sources,
            List<PackedWheel> wheels) throws IOException {
        Map<String, Path> own = sources.entries();
        for (String c : candidates) {
            String name = c.equals("__main__.py") ? EntryPoint.APP_MAIN : c;
            if (own.get(name) != null) {
                return Optional.of(new Located(own.get(name).toString(), Files.readAllBytes(own.get(name))));
            }
        }
        for (String name : own.keySet()) {
            if (isCompiled(name, candidates)) {
                return Optional.of(new Located(name, null));
            }
        }
        for (PackedWheel w : wheels) {
            if (!mayHold(w, candidates)) {
                continue;
            }
            String prefix = w.archivePath() + "/";
            List<String> names = w.installedPaths();
            for (String c : candidates) {
                if (names.contains(c)) {
                    return Optional.of(new Located(c + " of " + w.fileName(),
                            MetadataReader.packedEntry(w.zip().open(), prefix + c)));
                }
            }
            for (String name : names) {
                if (isCompiled(name, candidates)) {
                    return Optional.of(new Located(name + " of " + w.fileName(), null));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the wheel installs anything under the first path segment of a candidate, or a top-level module of
     * its name in any form ({@code mod.py}, {@code mod.pyc}, {@code mod.cpython-311-x86_64-linux-gnu.so}).
     */
    private static boolean mayHold(PackedWheel w, List<String> candidates) {
        for (String c : candidates) {
            if (c.contains("/") ? w.topLevel().contains(PackedWheel.firstSegment(c))
                    : w.topLevel().stream().anyMatch(t -> t.startsWith(c.substring(0, c.length() - ".py".length()) + "."))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code name} is a compiled form of one of the candidate sources: {@code pkg/mod.pyc}, or an
     * extension module ({@code pkg/mod.cpython-311-x86_64-linux-gnu.so}, {@code pkg/__init__.abi3.so},
     * {@code pkg/mod.pyd}).
     */
    private static boolean isCompiled(String name, List<String> candidates) {
        for (String c : candidates) {
            String stem = c.substring(0, c.length() - ".py".length());
            if (name.startsWith(stem + ".")) {
                String rest = name.substring(stem.length());
                if (rest.equals(".pyc") || rest.endsWith(".so") || rest.endsWith(".pyd")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the source uses {@code name} as code anywhere, or may bind names it does not spell: a star
     * import, a module {@code __getattr__}, {@code globals()} or {@code setattr}.
     */
    static boolean binds(byte[] source, String name) {
        PythonTokens t = PythonTokens.of(source);
        boolean afterImport = false;
        while (t.next() != PythonTokens.Kind.END) {
            if (t.kind() == PythonTokens.Kind.NAME && (t.is(name) || t.is("__getattr__") || t.is("globals")
                    || t.is("setattr"))) {
                return true;
            }
            if (afterImport && t.is("*")) {
                return true;
            }
            afterImport = t.kind() == PythonTokens.Kind.NAME && t.is("import");
        }
        return false;
    }

    /** "; did you mean ..." with the modules whose dotted names are closest to {@code module}. */
    private static String suggestions(String module, SourceTree sources, List<PackedWheel> wheels) throws IOException {
        TreeSet<String> modules = new TreeSet<>();
        sources.entries().keySet().forEach(n -> moduleName(n).ifPresent(modules::add));
        for (PackedWheel w : wheels) {
            for (String path : w.installedPaths()) {
                moduleName(path).ifPresent(modules::add);
            }
        }
        int best = Integer.MAX_VALUE;
        List<String> close = new ArrayList<>();
        for (String m : modules) {
            int d = distance(m, module);
            if (d > Math.max(2, module.length() / 3)) {
                continue;
            }
            if (d < best) {
                best = d;
                close.clear();
            }
            if (d == best) {
                close.add(m);
            }
        }
        return close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close.subList(0, Math.min(3, close.size())))
                + "?";
    }

    /** The dotted module name of an installed path: {@code pkg.x} of {@code pkg/x.py}, {@code pkg} of {@code pkg/__init__.py}. */
    private static Optional<String> moduleName(String name) {
        if (!name.endsWith(".py") || name.startsWith(".pyz/") || name.contains(".dist-info/") || name.contains(".data/")) {
            return Optional.empty();
        }
        String path = name.substring(0, name.length() - 3);
        if (path.endsWith("/__init__") || path.endsWith("/__main__")) {
            path = path.substring(0, path.lastIndexOf('/'));
        }
        return path.contains(".") || path.contains("-") ? Optional.empty() : Optional.of(path.replace('/', '.'));
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

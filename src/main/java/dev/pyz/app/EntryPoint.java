package dev.pyz.app;

import dev.pyz.PyzException;
import dev.pyz.cache.PackedWheel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the zipapp runs: a module ({@code python -m}), a callable ({@code module:function}, also what a
 * console script names), the project's own {@code __main__.py}, or the interpreter itself.
 */
public record EntryPoint(Kind kind, String module, String attr, String name, String path) {
    public enum Kind { MODULE, CALLABLE, SOURCE, INTERPRETER }

    /** Where the project's own {@code __main__.py} goes, since the archive's root one is the bootstrap's. */
    public static final String APP_MAIN = ".pyz/app_main.py";

    private static final Pattern DOTTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    public static EntryPoint module(String module) {
        return new EntryPoint(Kind.MODULE, module, null, null, null);
    }

    public static EntryPoint callable(String module, String attr, String name) {
        return new EntryPoint(Kind.CALLABLE, module, attr, name, null);
    }

    public static EntryPoint source() {
        return new EntryPoint(Kind.SOURCE, null, null, null, APP_MAIN);
    }

    public static EntryPoint interpreter() {
        return new EntryPoint(Kind.INTERPRETER, null, null, null, null);
    }

    /**
     * Chooses the entry point: {@code main} ({@code pkg.module} or {@code pkg.module:function}), else
     * {@code script} (a console or GUI script of a bundled wheel), else the sources' {@code __main__.py},
     * else the interpreter.
     */
    public static EntryPoint resolve(String main, String script, boolean hasSourceMain, List<PackedWheel> wheels)
            throws PyzException {
        boolean hasMain = main != null && !main.isBlank();
        boolean hasScript = script != null && !script.isBlank();
        if (hasMain && hasScript) {
            throw new PyzException("set either main (" + main + ") or script (" + script + "), not both");
        }
        if (hasMain) {
            return parseCallable(main.strip(), main.strip(), "main");
        }
        if (hasScript) {
            Map<String, String> found = new TreeMap<>();
            for (PackedWheel wheel : wheels) {
                String target = wheel.scripts().get(script.strip());
                if (target != null) {
                    found.put(wheel.fileName(), target);
                }
            }
            if (found.isEmpty()) {
                Map<String, String> all = new TreeMap<>();
                for (PackedWheel wheel : wheels) {
                    wheel.scripts().keySet().forEach(s -> all.put(s, wheel.fileName()));
                }
                throw new PyzException("script '" + script + "' is not a console or GUI script of any bundled wheel"
                        + (all.isEmpty() ? " (none of them declares one)" : "; they declare: " + all));
            }
            if (found.size() > 1) {
                throw new PyzException("script '" + script + "' is declared by more than one wheel: " + found);
            }
            String target = found.values().iterator().next();
            int bracket = target.indexOf('[');
            if (bracket >= 0) {
                target = target.substring(0, bracket).strip(); // extras do not change what runs
            }
            EntryPoint parsed = parseCallable(target, script.strip(),
                    "the entry point of script '" + script + "' in " + found.keySet().iterator().next());
            if (parsed.kind() != Kind.CALLABLE) {
                throw new PyzException("script '" + script + "' points at '" + target + "', not at module:function");
            }
            return parsed;
        }
        return hasSourceMain ? source() : interpreter();
    }

    /** Why {@code main} cannot name a module or a module:function, or null when it can. */
    public static String syntaxProblem(String main) {
        try {
            parseCallable(main.strip(), main.strip(), "main");
            return null;
        } catch (PyzException e) {
            return e.getMessage();
        }
    }

    private static EntryPoint parseCallable(String spec, String name, String what) throws PyzException {
        int colon = spec.indexOf(':');
        String module = colon < 0 ? spec : spec.substring(0, colon).strip();
        String attr = colon < 0 ? null : spec.substring(colon + 1).strip();
        if (!DOTTED.matcher(module).matches() || (attr != null && !DOTTED.matcher(attr).matches())) {
            throw new PyzException(what + " '" + spec + "' is not of the form pkg.module or pkg.module:function");
        }
        return attr == null ? module(module) : callable(module, attr, name);
    }
}

package dev.pyz.app;

import dev.pyz.PyzException;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.RunEvidence;
import dev.pyz.cache.WheelPacker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the zipapp runs: a module ({@code python -m}), a callable ({@code module:function}, also what a
 * console script names), the project's own {@code __main__.py}, the interpreter itself, or a file of a
 * wheel's scripts folder ({@code bin/}): a native executable (exec'd) or a Python script (run).
 *
 * @param wheel the file name of the wheel whose script runs (EXECUTABLE, SCRIPT)
 * @param path the project's {@code __main__.py} in the archive (SOURCE), or the script inside its wheel's
 *     folder, {@code bin/<name>} (EXECUTABLE, SCRIPT)
 */
public record EntryPoint(Kind kind, String module, String attr, String name, String path, String wheel) {
    public enum Kind { MODULE, CALLABLE, SOURCE, INTERPRETER, EXECUTABLE, SCRIPT }

    /** Where the project's own {@code __main__.py} goes, since the archive's root one is the bootstrap's. */
    public static final String APP_MAIN = ".pyz/app_main.py";

    private static final Pattern DOTTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    public static EntryPoint module(String module) {
        return new EntryPoint(Kind.MODULE, module, null, null, null, null);
    }

    public static EntryPoint callable(String module, String attr, String name) {
        return new EntryPoint(Kind.CALLABLE, module, attr, name, null, null);
    }

    public static EntryPoint source() {
        return new EntryPoint(Kind.SOURCE, null, null, null, APP_MAIN, null);
    }

    public static EntryPoint interpreter() {
        return new EntryPoint(Kind.INTERPRETER, null, null, null, null, null);
    }

    /** A file of a wheel's scripts folder: exec'd when native, run by the interpreter when Python. */
    public static EntryPoint script(String name, boolean executable, String wheel) {
        return new EntryPoint(executable ? Kind.EXECUTABLE : Kind.SCRIPT, null, null, name, WheelPacker.BIN + name, wheel);
    }

    /**
     * Chooses the entry point: {@code main} ({@code pkg.module} or {@code pkg.module:function}), else
     * {@code script} (a console or GUI script of a bundled wheel), else the sources' {@code __main__.py},
     * else the interpreter.
     */
    public static EntryPoint resolve(Optional<String> main, Optional<String> script, boolean hasSourceMain,
            List<PackedWheel> wheels) throws PyzException {
        Optional<String> m = main.map(String::strip).filter(v -> !v.isEmpty());
        Optional<String> sc = script.map(String::strip).filter(v -> !v.isEmpty());
        if (m.isPresent() && sc.isPresent()) {
            throw new PyzException("set either main (" + m.get() + ") or script (" + sc.get() + "), not both");
        }
        if (m.isPresent()) {
            return parseCallable(m.get(), m.get(), "main");
        }
        if (sc.isPresent()) {
            return script(sc.get(), wheels);
        }
        return hasSourceMain ? source() : interpreter();
    }

    /**
     * The script called {@code name}: a console or GUI script (entry point) of a bundled wheel, else a file of
     * a wheel's scripts folder ({@code .data/scripts} in the wheel, {@code bin/} installed).
     */
    private static EntryPoint script(String name, List<PackedWheel> wheels) throws PyzException {
        Map<String, String> found = new TreeMap<>();
        Map<String, PackedWheel> files = new TreeMap<>();
        for (PackedWheel wheel : wheels) {
            String target = wheel.scripts().get(name);
            if (target != null) {
                found.put(wheel.fileName(), target);
            }
            if (wheel.evidence().bin().containsKey(name)) {
                files.put(wheel.fileName(), wheel);
            }
        }
        if (found.isEmpty() && files.isEmpty()) {
            Map<String, String> all = new TreeMap<>();
            for (PackedWheel wheel : wheels) {
                wheel.scripts().keySet().forEach(s -> all.put(s, wheel.fileName()));
                wheel.evidence().bin().keySet().forEach(s -> all.put(s, wheel.fileName()));
            }
            throw new PyzException("script '" + name + "' is not a console or GUI script, nor a file of the scripts"
                    + " folder, of any bundled wheel" + (all.isEmpty() ? " (none of them has one)" : "; they have: " + all));
        }
        if (found.size() > 1 || found.isEmpty() && files.size() > 1) {
            throw new PyzException("script '" + name + "' is declared by more than one wheel: "
                    + (found.size() > 1 ? found : files.keySet()));
        }
        if (found.isEmpty()) {
            PackedWheel wheel = files.values().iterator().next();
            RunEvidence.ScriptKind kind = wheel.evidence().bin().get(name);
            if (kind == RunEvidence.ScriptKind.OTHER) {
                throw new PyzException("script '" + name + "' of " + wheel.fileName() + " is neither a native executable"
                        + " nor a Python script (its first line names no python), so the zipapp cannot run it");
            }
            return script(name, kind == RunEvidence.ScriptKind.NATIVE, wheel.fileName());
        }
        String target = withoutExtras(found.values().iterator().next());
        EntryPoint parsed = parseCallable(target, name,
                "the entry point of script '" + name + "' in " + found.keySet().iterator().next());
        if (parsed.kind() != Kind.CALLABLE) {
            throw new PyzException("script '" + name + "' points at '" + target + "', not at module:function");
        }
        return parsed;
    }

    /**
     * What the console or GUI script {@code name} calls, from its entry point's value ({@code module:attr},
     * maybe with extras), or empty when that names no callable (such a script is not installed).
     */
    public static Optional<EntryPoint> scriptCallable(String name, String target) {
        try {
            EntryPoint parsed = parseCallable(withoutExtras(target), name, "script");
            return parsed.kind() == Kind.CALLABLE ? Optional.of(parsed) : Optional.empty();
        } catch (PyzException e) {
            return Optional.empty();
        }
    }

    private static String withoutExtras(String target) {
        int bracket = target.indexOf('[');
        return (bracket >= 0 ? target.substring(0, bracket) : target).strip(); // extras do not change what runs
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

package dev.pyz.cache;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What packing found in a wheel that decides where it runs from: native code (an extension module or a
 * native executable among its scripts), which can only run from the disk; evidence that its Python code
 * treats its own folder as a directory, which fails inside a zip; and the scripts of its
 * {@code .data/scripts} folder (installed to {@code bin/}), each native or Python.
 *
 * @param nativeCode the first native file, by installed path
 * @param notZipSafe why the code cannot run from a zip: one line naming the module and what it does
 * @param bin the name of each file of {@code bin/} (the wheel's {@code .data/scripts}) to its kind, sorted
 */
public record RunEvidence(Optional<String> nativeCode, Optional<String> notZipSafe, Map<String, ScriptKind> bin) {
    /** What a file of {@code .data/scripts} is: a native executable, a Python script, or something else (a shell script). */
    public enum ScriptKind { NATIVE, PYTHON, OTHER }

    public static final RunEvidence NONE = new RunEvidence(Optional.empty(), Optional.empty(), Map.of());

    public RunEvidence {
        bin = java.util.Collections.unmodifiableMap(new TreeMap<>(bin));
    }

    /** Whether the wheel reaches the disk unless the user decides otherwise. */
    public boolean extractByDefault() {
        return nativeCode.isPresent() || notZipSafe.isPresent();
    }

    /** Why it is extracted by default, for the build's log; empty when it is not. */
    public Optional<String> reason() {
        return nativeCode.map(n -> "native code (" + n + ")").or(() -> notZipSafe);
    }

    RunEvidence withNotZipSafe(Optional<String> reason) {
        return new RunEvidence(nativeCode, reason, bin);
    }

    /**
     * Kind of a script by its first bytes: ELF, Mach-O or PE is native; a {@code #!} line naming python, or a
     * name ending in {@code .py}, is Python.
     */
    public static ScriptKind kindOf(String name, byte[] head) {
        if (head.length >= 4 && (head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F'
                || (head[0] & 0xff) == 0xcf && (head[1] & 0xff) == 0xfa && (head[2] & 0xff) == 0xed
                        && (head[3] & 0xff) == 0xfe
                || (head[0] & 0xff) == 0xca && (head[1] & 0xff) == 0xfe && (head[2] & 0xff) == 0xba
                        && (head[3] & 0xff) == 0xbe)
                || head.length >= 2 && head[0] == 'M' && head[1] == 'Z') {
            return ScriptKind.NATIVE;
        }
        String start = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        int eol = start.indexOf('\n');
        String first = eol < 0 ? start : start.substring(0, eol);
        return first.startsWith("#!") && first.contains("python") || name.endsWith(".py") ? ScriptKind.PYTHON
                : ScriptKind.OTHER;
    }
}

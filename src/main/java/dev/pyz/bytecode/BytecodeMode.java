package dev.pyz.bytecode;

import dev.pyz.Log;
import dev.pyz.PyzException;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the zipapp carries bytecode: {@code auto} compiles when a suitable interpreter is found and
 * warns otherwise, {@code required} fails the build without one, {@code off} never compiles.
 */
public enum BytecodeMode {
    AUTO, REQUIRED, OFF;

    public static BytecodeMode parse(String text) throws PyzException {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PyzException("bytecode '" + text + "' is not one of auto, required, off");
        }
    }

    /** The interpreter to look for: {@code python} when given, else python{target} or python3. */
    public static String executableName(String python, String targetPython) {
        if (python != null && !python.isBlank()) {
            return python.strip();
        }
        return targetPython != null && !targetPython.isBlank() ? "python" + targetPython.strip() : "python3";
    }

    /**
     * Starts the compiler this mode asks for: empty for {@code off}, and for {@code auto} when no suitable
     * interpreter is found (with a warning saying why and what it costs); fails for {@code required}.
     * With a {@code targetPython}, the interpreter must be that version, since pycs only serve the version
     * that wrote them.
     */
    public Optional<Compiler> start(String python, String targetPython, String path, int workers, Log log)
            throws IOException {
        if (this == OFF) {
            log.debug("Bytecode: off, every start compiles the pure-Python modules it imports");
            return Optional.empty();
        }
        String name = executableName(python, targetPython);
        Optional<java.nio.file.Path> executable = Interpreter.find(name, path);
        if (executable.isEmpty()) {
            return unsuitable("no Python interpreter '" + name + "' was found" + (name.contains("/") ? "" : " on PATH"),
                    log);
        }
        Compiler compiler;
        try {
            compiler = Compiler.start(executable.get(), workers);
        } catch (PyzException e) {
            return unsuitable(e.getMessage(), log);
        }
        String target = targetPython == null ? "" : targetPython.strip();
        if (!target.isEmpty() && !compiler.interpreter().minorVersion().equals(target)) {
            String version = compiler.interpreter().minorVersion();
            compiler.close();
            return unsuitable(executable.get() + " is Python " + version + " but the target is Python " + target
                    + " (pycs only serve the version that wrote them)", log);
        }
        log.debug("Bytecode: compiling with " + compiler.interpreter().describe() + " (cache tag "
                + compiler.interpreter().cacheTag() + ", magic " + compiler.interpreter().magic() + ")");
        return Optional.of(compiler);
    }

    private Optional<Compiler> unsuitable(String why, Log log) throws PyzException {
        if (this == REQUIRED) {
            throw new PyzException("cannot compile bytecode: " + why + "; set pyz.python to a CPython 3.8+ executable"
                    + " (bytecode is required: pyz.bytecode=required)");
        }
        log.warn("Building without bytecode: " + why + ". The zipapp works, but every start compiles the"
                + " pure-Python modules it imports; set pyz.python to the target interpreter, or pyz.bytecode=off"
                + " to build without bytecode on purpose.");
        return Optional.empty();
    }
}

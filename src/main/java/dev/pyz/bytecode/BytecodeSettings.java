package dev.pyz.bytecode;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.requirement.PythonVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which interpreter compiles the bytecode, and whether it must: the {@code bytecode} mode, the
 * {@code python} executable (a path, or a name looked up on {@code searchPath}; default
 * {@code python<target>} or {@code python3}).
 */
public record BytecodeSettings(BytecodeMode mode, Optional<String> python, String searchPath) {
    public BytecodeSettings {
        python = python.map(String::strip).filter(p -> !p.isEmpty());
    }

    /** The interpreter to look for: {@code python} when given, else python{target minor} or python3. */
    public String executableName(Optional<PythonVersion> target) {
        return python.orElseGet(() -> target.map(t -> "python" + t.minorVersion()).orElse("python3"));
    }

    /**
     * Starts the compiler this mode asks for: empty for {@code off}, and for {@code auto} when no suitable
     * interpreter is found (with a warning saying why and what it costs); fails for {@code required}.
     * With a target, the interpreter must be a release of that version, since pycs only serve the version
     * that wrote them.
     */
    public Optional<Compiler> start(Optional<PythonVersion> target, int workers, Log log) throws IOException {
        if (mode == BytecodeMode.OFF) {
            log.debug("Bytecode: off, every start compiles the pure-Python modules it imports");
            return Optional.empty();
        }
        Optional<Compiler> compiler = launch(target, workers, log, true);
        compiler.ifPresent(c -> log.debug("Bytecode: compiling with " + c.interpreter().describe() + " (cache tag "
                + c.interpreter().cacheTag() + ", magic " + c.interpreter().magic() + ")"));
        return compiler;
    }

    /**
     * {@link #start} on a thread of its own: the interpreter boots while the build goes on, and
     * {@link StartingCompiler#get} waits for it. What the interpreter answers is remembered under
     * {@code cacheRoot}, and what the last build's answered is offered as {@link StartingCompiler#assumed}
     * when it suits the target.
     */
    public StartingCompiler startInBackground(Optional<PythonVersion> target, int workers, Path cacheRoot) {
        InterpreterMemo memo = InterpreterMemo.under(cacheRoot);
        Optional<Interpreter> remembered = mode == BytecodeMode.OFF ? Optional.empty()
                : Interpreter.find(executableName(target), searchPath).flatMap(memo::remembered)
                        .filter(i -> target.isEmpty() || target.get().withoutMicro().admits(i.pythonVersion()));
        return new StartingCompiler(log -> start(target, workers, log), remembered, memo);
    }

    /**
     * The interpreter that {@link #start} would use, asked only for what it is (one short-lived worker);
     * empty, without a word, when there is none. What a build without bytecode takes its default target from.
     */
    public Optional<Interpreter> probe(Optional<PythonVersion> target) throws IOException {
        try (Compiler c = launch(target, 1, Log.NONE, false).orElse(null)) {
            return c == null ? Optional.empty() : Optional.of(c.interpreter());
        }
    }

    /**
     * The interpreter's path, size and time, for the up-to-date check: when it compiles the bytecode, or when
     * its version is the target (no target declared); else, or without one, "".
     */
    public String identity(Optional<PythonVersion> target) throws IOException {
        if (mode == BytecodeMode.OFF && target.isPresent()) {
            return "";
        }
        Optional<Path> exe = Interpreter.find(executableName(target), searchPath);
        if (exe.isEmpty()) {
            return "";
        }
        Path real = exe.get().toRealPath();
        return real + " " + Files.size(real) + " " + Files.getLastModifiedTime(real).toMillis();
    }

    private Optional<Compiler> launch(Optional<PythonVersion> target, int workers, Log log, boolean complain)
            throws IOException {
        String name = executableName(target);
        Optional<Path> executable = Interpreter.find(name, searchPath);
        if (executable.isEmpty()) {
            return unsuitable("no Python interpreter '" + name + "' was found" + (name.contains("/") ? "" : " on PATH"),
                    log, complain);
        }
        Compiler compiler;
        try {
            compiler = Compiler.start(executable.get(), workers);
        } catch (PyzException e) {
            return unsuitable(e.getMessage(), log, complain);
        }
        PythonVersion version = compiler.interpreter().pythonVersion();
        if (target.isPresent() && !target.get().withoutMicro().admits(version)) {
            compiler.close();
            return unsuitable(executable.get() + " is Python " + version + " but the target is Python " + target.get()
                    + " (pycs only serve the version that wrote them)", log, complain);
        }
        return Optional.of(compiler);
    }

    private Optional<Compiler> unsuitable(String why, Log log, boolean complain) throws PyzException {
        if (!complain) {
            return Optional.empty();
        }
        if (mode == BytecodeMode.REQUIRED) {
            throw new PyzException("cannot compile bytecode: " + why + "; set pyz.python to a CPython 3.8+ executable"
                    + " (bytecode is required: pyz.bytecode=required)");
        }
        log.warn("Building without bytecode: " + why + ". The zipapp works, but every start compiles the"
                + " pure-Python modules it imports; set pyz.python to the target interpreter, or pyz.bytecode=off"
                + " to build without bytecode on purpose.");
        return Optional.empty();
    }
}

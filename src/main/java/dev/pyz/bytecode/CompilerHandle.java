package dev.pyz.bytecode;

import java.io.IOException;

/**
 * The interpreter a build compiles bytecode for, and its compiler when modules must be compiled: a started
 * {@link Compiler} is its own handle; {@link StartingCompiler#assumed} is a handle on the interpreter the last
 * build started, whose compiler is the one starting now and must turn out to be that interpreter.
 */
public interface CompilerHandle {
    /** Who compiles: what the pycs are tied to (magic number, cache tag) and the target version. */
    Interpreter interpreter();

    /**
     * The compiler of {@link #interpreter()}, waiting for it to start when it is starting.
     *
     * @throws InterpreterChanged when the interpreter that started is not {@link #interpreter()}
     */
    Compiler compiler() throws IOException;

    /**
     * Fails with {@link InterpreterChanged} when it is known already, without waiting, that the interpreter
     * that started is not {@link #interpreter()}: a build on a wrong assumption stops before it waits for
     * other builds or copies the wheels.
     */
    default void checkAssumption() throws InterpreterChanged {}

    /** The interpreter that started is not the one a build assumed: what it built for the assumed one is discarded. */
    final class InterpreterChanged extends dev.pyz.PyzException {
        public InterpreterChanged(String message) {
            super(message);
        }
    }
}

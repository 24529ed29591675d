package dev.pyz.bytecode;

import dev.pyz.DeferredLog;
import dev.pyz.Log;
import dev.pyz.Tasks;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.FutureTask;

/**
 * A compiler being started on a thread of its own ({@link BytecodeSettings#startInBackground}), so that the
 * interpreter boots (through a version manager's shim that takes a few tenths of a second) while the build
 * does other work. It owns the compiler: closing it stops the compiler. What starting it logged is said, in
 * order, when the build first asks for it ({@link #get}).
 *
 * <p>When the interpreter was started by an earlier build with this cache, {@link #assumed} offers what it
 * answered then ({@link InterpreterMemo}): a build can go on with it before the interpreter has started, as
 * long as it keeps nothing until the interpreter that starts turns out to be that one.
 */
public final class StartingCompiler implements AutoCloseable {
    /** What starts the compiler, logging to the log it is given. */
    interface Start {
        Optional<Compiler> start(Log log) throws IOException;
    }

    private final FutureTask<Optional<Compiler>> task;
    private final DeferredLog said = new DeferredLog();
    private final Optional<Interpreter> remembered;
    private boolean replayed;

    StartingCompiler(Start start, Optional<Interpreter> remembered, InterpreterMemo memo) {
        this.remembered = remembered;
        this.task = new FutureTask<>(() -> {
            Optional<Compiler> started = start.start(said);
            started.ifPresent(c -> memo.remember(c.interpreter()));
            return started;
        });
        Thread thread = new Thread(task, "pyz-compiler-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for the start and hands out the compiler (the same one on every call; this object closes it);
     * says to {@code log}, the first time, what starting it logged.
     */
    public Optional<Compiler> get(Log log) throws IOException {
        try {
            return Tasks.await(task);
        } finally {
            synchronized (this) {
                if (!replayed) {
                    replayed = true;
                    said.replayTo(log);
                }
            }
        }
    }

    /**
     * Waits for the start and tells which interpreter started, empty when none (bytecode off, or none found);
     * says nothing of what starting logged ({@link #get} does) and fails as the start failed.
     */
    public Optional<Interpreter> interpreter() throws IOException {
        return Tasks.await(task).map(Compiler::interpreter);
    }

    /**
     * The interpreter the last build started from here, as a handle whose {@link CompilerHandle#compiler}
     * waits for the start and fails with {@link CompilerHandle.InterpreterChanged} unless the interpreter that
     * started is that one; once it is, says to {@code log} what starting logged and runs {@code confirmed}.
     * Empty when no build remembers it.
     */
    public Optional<CompilerHandle> assumed(Log log, Runnable confirmed) {
        return remembered.map(interpreter -> new CompilerHandle() {
            @Override
            public Interpreter interpreter() {
                return interpreter;
            }

            @Override
            public Compiler compiler() throws IOException {
                Compiler compiler = confirmed(Tasks.await(task));
                get(log);
                confirmed.run();
                return compiler;
            }

            @Override
            public void checkAssumption() throws InterpreterChanged {
                if (task.isDone()) {
                    try {
                        confirmed(Tasks.await(task));
                    } catch (InterpreterChanged e) {
                        throw e;
                    } catch (IOException | RuntimeException e) {
                        // the start failed: compiler() says how, when the build asks for it
                    }
                }
            }

            private Compiler confirmed(Optional<Compiler> started) throws InterpreterChanged {
                if (started.isEmpty() || !started.get().interpreter().equals(interpreter)) {
                    throw new InterpreterChanged("the interpreter that started is " + started.map(c ->
                            c.interpreter().describe() + " (magic " + c.interpreter().magic() + ")").orElse("none")
                            + ", not " + interpreter.describe() + " (magic " + interpreter.magic() + ")");
                }
                return started.get();
            }
        });
    }

    /** Waits for the start, even when this thread is interrupted (the flag is kept), and stops the compiler. */
    @Override
    public void close() {
        boolean interrupted = false;
        while (true) {
            try {
                task.get().ifPresent(Compiler::close);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // a failed build's thread: the interpreter still has to be stopped
            } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
                break; // the start failed: get() reported it, or the build failed before it needed the compiler
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.pyz.bytecode;

import dev.pyz.Log;
import dev.pyz.Tasks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * A compiler being started on a thread of its own ({@link BytecodeSettings#startInBackground}), so that the
 * interpreter boots (through a version manager's shim that takes a few tenths of a second) while the build
 * does other work. {@link #get} waits for it and only then says what starting it logged, so the build's log
 * reads the same as when it starts in the foreground. Closing without {@link #get} waits for the start and
 * stops the compiler.
 */
public final class StartingCompiler implements AutoCloseable {
    /** What starts the compiler, logging to the log it is given. */
    interface Start {
        Optional<Compiler> start(Log log) throws IOException;
    }

    private final FutureTask<Optional<Compiler>> task;
    private final List<Consumer<Log>> said = new ArrayList<>();
    private boolean taken;

    StartingCompiler(Start start) {
        Log recording = new Log() {
            @Override
            public void info(String message) {
                record(log -> log.info(message));
            }

            @Override
            public void warn(String message) {
                record(log -> log.warn(message));
            }

            @Override
            public void debug(String message) {
                record(log -> log.debug(message));
            }

            @Override
            public boolean isDebugEnabled() {
                return true; // recorded all the same; the build's log decides when they are replayed
            }
        };
        task = new FutureTask<>(() -> start.start(recording));
        Thread thread = new Thread(task, "pyz-compiler-start");
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized void record(Consumer<Log> message) {
        said.add(message);
    }

    /** Waits for the start, logs what it said to {@code log}, and hands over the compiler (the caller closes it). */
    public Optional<Compiler> get(Log log) throws IOException {
        if (taken) {
            throw new IllegalStateException("the compiler was handed over already");
        }
        taken = true;
        try {
            return Tasks.await(task);
        } finally {
            List<Consumer<Log>> messages;
            synchronized (this) {
                messages = new ArrayList<>(said);
            }
            messages.forEach(m -> m.accept(log));
        }
    }

    @Override
    public void close() {
        if (taken) {
            return;
        }
        taken = true;
        try {
            Tasks.await(task).ifPresent(Compiler::close);
        } catch (IOException | RuntimeException e) {
            // the build failed before it needed the compiler: that failure is the one to report
        }
    }
}

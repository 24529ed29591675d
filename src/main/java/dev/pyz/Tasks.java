package dev.pyz;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Thread pools of daemon threads, and waiting for their results with the task's own exception. */
public final class Tasks {
    private Tasks() {}

    /**
     * A pool of daemon threads that is closed with try-with-resources: close() cancels what has not run
     * and waits (up to a minute) for running tasks to stop, so that nothing writes after a failure.
     */
    public static final class Pool implements AutoCloseable {
        private final ExecutorService executor;

        private Pool(ExecutorService executor) {
            this.executor = executor;
        }

        public <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
            return executor.submit(task);
        }

        @Override
        public void close() {
            executor.shutdownNow();
            try {
                executor.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code threads} daemon threads (at least one) named {@code name}, closed by try-with-resources. */
    public static Pool open(String name, int threads) {
        return new Pool(pool(name, threads));
    }

    private static ExecutorService pool(String name, int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }
}

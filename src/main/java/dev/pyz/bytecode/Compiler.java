package dev.pyz.bytecode;

import dev.pyz.PyzException;
import dev.pyz.Resources;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Compiles Python sources to unchecked-hash pycs with a real interpreter: a pool of worker processes
 * (each runs {@code pyz_compile.py}) started on demand, up to {@code maxWorkers}, and reused for every
 * file of the build. Thread-safe: each call borrows an idle worker, or starts one while the pool is below
 * its cap, or waits for one. With one worker everything runs through the same code serially.
 */
public final class Compiler implements Closeable, CompilerHandle {
    private static final String SCRIPT = "/dev/pyz/bytecode/pyz_compile.py";

    /** What compiling one file gave: the pyc, or why the interpreter refused the source. */
    public record Result(byte[] pyc, String error) {
        public boolean ok() {
            return pyc != null;
        }
    }

    private final Path executable;
    /**
     * What further workers run: the binary the first one reports (sys.executable), so that a version
     * manager's shim (pyenv's takes 0.3 s of CPU) resolves the interpreter once; else {@link #executable}.
     */
    private final Path workerExecutable;
    private final String script;
    private final int maxWorkers;
    private final Interpreter interpreter;
    private final Deque<Worker> idle = new ArrayDeque<>();
    private final List<Worker> all = new ArrayList<>();
    private boolean closed;

    private Compiler(Path executable, String script, int maxWorkers) throws IOException {
        this.executable = executable;
        this.script = script;
        this.maxWorkers = Math.max(1, maxWorkers);
        Worker first = new Worker(executable);
        this.interpreter = first.interpreter;
        this.workerExecutable = first.resolved.orElse(executable);
        all.add(first);
        idle.add(first);
    }

    /**
     * Starts one worker of {@code executable} and learns its bytecode magic; fails with a message
     * naming the executable when it is not a Python that can compile (3.7 or newer).
     */
    public static Compiler start(Path executable, int maxWorkers) throws IOException {
        return new Compiler(executable, new String(Resources.read(Compiler.class, SCRIPT), StandardCharsets.UTF_8),
                maxWorkers);
    }

    @Override
    public Interpreter interpreter() {
        return interpreter;
    }

    /** Itself: started already. */
    @Override
    public Compiler compiler() {
        return this;
    }

    /** How many worker processes were started so far. */
    public synchronized int workersStarted() {
        return all.size();
    }

    /** Compiles {@code source}; {@code name} becomes the code's file name (co_filename). */
    public Result compile(String name, byte[] source) throws IOException {
        Worker worker = borrow();
        boolean healthy = false;
        try {
            Result result = worker.compile(name, source);
            healthy = true;
            return result;
        } finally {
            giveBack(worker, healthy);
        }
    }

    private Worker borrow() throws IOException {
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw new IOException("the bytecode compiler is closed");
                }
                Worker w = idle.poll();
                if (w != null) {
                    return w;
                }
                if (all.size() < maxWorkers) {
                    break;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for a bytecode compiler");
                }
            }
            all.add(null); // reserve the slot while starting outside the lock
        }
        Worker started = null;
        try {
            started = startFurther();
            return started;
        } finally {
            synchronized (this) {
                all.remove(null);
                if (started != null) {
                    all.add(started);
                }
                notifyAll();
            }
        }
    }

    /**
     * A worker after the first: of the binary the first one runs as, unless it does not start or is not the
     * same interpreter (a wrapper script may set what it needs, such as a library path); then of the
     * configured executable, as the first one was.
     */
    private Worker startFurther() throws IOException {
        if (!workerExecutable.equals(executable)) {
            try {
                Worker w = new Worker(workerExecutable);
                if (w.interpreter.equals(interpreter)) { // same magic, cache tag, version, implementation
                    return w;
                }
                w.kill();
            } catch (PyzException e) {
                // started the configured way below
            }
        }
        return new Worker(executable);
    }

    private synchronized void giveBack(Worker worker, boolean healthy) {
        if (healthy && !closed) {
            idle.push(worker);
        } else {
            all.remove(worker);
            worker.kill();
        }
        notifyAll();
    }

    @Override
    public void close() {
        List<Worker> workers;
        synchronized (this) {
            closed = true;
            workers = new ArrayList<>(all);
            all.clear();
            idle.clear();
            notifyAll();
        }
        for (Worker w : workers) {
            if (w != null) {
                w.stop();
            }
        }
    }

    /** The executable a worker reported (hex of its UTF-8 path), when it names a file; else empty. */
    static Optional<Path> executableOf(String hex) {
        try {
            String path = new String(java.util.HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
            return path.isEmpty() || !Files.isRegularFile(Path.of(path)) ? Optional.empty() : Optional.of(Path.of(path));
        } catch (IllegalArgumentException e) { // not hex, or not a path here
            return Optional.empty();
        }
    }

    /** One interpreter process speaking the protocol described in pyz_compile.py. */
    private final class Worker {
        final Process process;
        final DataOutputStream in;
        final DataInputStream out;
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        final Interpreter interpreter;

        /** What the interpreter says it runs as (sys.executable), when that is a file. */
        final Optional<Path> resolved;

        Worker(Path program) throws IOException {
            // -s -S: no user or site packages; no -I/-E, which would ignore the fixed hash seed
            ProcessBuilder builder = new ProcessBuilder(program.toString(), "-s", "-S", "-B", "-c", script);
            builder.environment().keySet().removeIf(k -> k.startsWith("PYTHON"));
            builder.environment().put("PYTHONHASHSEED", "0");
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new PyzException("cannot start the Python interpreter " + executable + " to compile bytecode: "
                        + e.getMessage(), e);
            }
            Thread drain = new Thread(this::drainErrors, "pyz-compile-stderr");
            drain.setDaemon(true);
            drain.start();
            in = new DataOutputStream(new java.io.BufferedOutputStream(process.getOutputStream(), 1 << 16));
            out = new DataInputStream(new java.io.BufferedInputStream(process.getInputStream(), 1 << 16));
            String hello = readLine();
            try {
                Map<String, String> h = new java.util.HashMap<>();
                for (String pair : hello.strip().split(" ")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        h.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
                interpreter = new Interpreter(executable, h.get("magic"), h.get("cache_tag"), h.get("version"),
                        h.get("implementation"));
                resolved = executableOf(h.getOrDefault("executable", ""));
                if (interpreter.magic() == null || interpreter.cacheTag() == null || interpreter.version() == null) {
                    throw new IllegalArgumentException("incomplete answer");
                }
            } catch (RuntimeException e) {
                kill();
                throw new PyzException(executable + " cannot compile bytecode for the zipapp (it answered '"
                        + hello.strip() + "'" + stderrSuffix() + "); it must be CPython 3.7 or newer");
            }
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = out.read()) != -1 && b != '\n') {
                line.write(b);
                if (line.size() > 4096) {
                    break;
                }
            }
            if (b == -1 && line.size() == 0) {
                waitQuietly();
                throw new PyzException(executable + " cannot compile bytecode for the zipapp: it exited"
                        + exitSuffix() + " without answering" + stderrSuffix() + "; it must be CPython 3.7 or newer");
            }
            return line.toString(StandardCharsets.UTF_8);
        }

        Result compile(String name, byte[] source) throws IOException {
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            try {
                in.writeInt(nameBytes.length);
                in.write(nameBytes);
                in.writeInt(source.length);
                in.write(source);
                in.flush();
                int status = out.readUnsignedByte();
                int length = out.readInt();
                if (length < 0) {
                    throw new EOFException("bad length");
                }
                byte[] payload = out.readNBytes(length);
                if (payload.length != length) {
                    throw new EOFException("short answer");
                }
                return status == 0 ? new Result(payload, null)
                        : new Result(null, new String(payload, StandardCharsets.UTF_8));
            } catch (IOException e) {
                kill();
                waitQuietly();
                throw new IOException("the Python bytecode compiler " + executable + " failed while compiling " + name
                        + exitSuffix() + stderrSuffix() + ": " + e.getMessage(), e);
            }
        }

        private void drainErrors() {
            byte[] buffer = new byte[4096];
            try (InputStream err = process.getErrorStream()) {
                int n;
                while ((n = err.read(buffer)) != -1) {
                    synchronized (errors) {
                        if (errors.size() < 8192) {
                            errors.write(buffer, 0, Math.min(n, 8192 - errors.size()));
                        }
                    }
                }
            } catch (IOException e) {
                // the process is gone; what it said so far is kept
            }
        }

        private String stderrSuffix() {
            String text;
            synchronized (errors) {
                text = errors.toString(StandardCharsets.UTF_8).strip();
            }
            return text.isEmpty() ? "" : "; it printed: " + text;
        }

        private String exitSuffix() {
            return process.isAlive() ? "" : " (exit status " + process.exitValue() + ")";
        }

        private void waitQuietly() {
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            try {
                in.writeInt(0);
                in.flush();
                in.close();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (IOException e) {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }

        void kill() {
            process.destroyForcibly();
        }
    }
}

package dev.pyz.app;

import dev.pyz.Log;
import dev.pyz.Tasks;
import dev.pyz.bytecode.BytecodeCache;
import dev.pyz.bytecode.Interpreter;
import dev.pyz.cache.SharedEntries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * A shared store that, asked for packed wheels, also fetches their bytecode for the interpreter being started,
 * on a thread of its own: the bytecode arrives while the packed wheels are made from the wheels, instead of
 * after. Both layouts are asked for (imported from the archive, extracted at run time): which one a wheel gets
 * is decided once it is packed. When the bytecode cache then asks for a wheel's bytecode, the answer fetched
 * ahead is the answer (the store is asked again only for what was not asked ahead, such as bytecode for
 * another interpreter); what nobody asks for is removed with the store's other files when it closes.
 */
final class BytecodeAhead implements SharedEntries {
    /** What one fetch ahead asked the store for, and what it found. */
    private record Ahead(Set<Key> asked, Map<Key, Files> found) {
        static final Ahead NOTHING = new Ahead(Set.of(), Map.of());
    }

    private final SharedEntries store;
    private final Callable<Optional<Interpreter>> interpreter;
    private final Tasks.Pool pool = Tasks.open("pyz-bytecode-ahead", 1);
    /** The fetch ahead that covers each wheel, by sha256 and file name. */
    private final Map<String, Future<Ahead>> ahead = new HashMap<>();

    private BytecodeAhead(SharedEntries store, Callable<Optional<Interpreter>> interpreter) {
        this.store = store;
        this.interpreter = interpreter;
    }

    /**
     * {@code store}, fetching bytecode ahead for the interpreter {@code interpreter} waits for (empty: no bytecode);
     * no store stays none.
     */
    static SharedEntries of(SharedEntries store, Callable<Optional<Interpreter>> interpreter) {
        return store == SharedEntries.NONE ? store : new BytecodeAhead(store, interpreter);
    }

    private static String wheel(Key k) {
        return k.sha256() + "/" + k.fileName();
    }

    @Override
    public Map<Key, Files> fetch(List<Key> keys, Log log) throws IOException {
        List<Key> packed = keys.stream().filter(k -> k.variant().isEmpty()).toList();
        if (!packed.isEmpty()) {
            fetchAhead(packed, log);
        }
        Map<Key, Files> answered = new HashMap<>();
        List<Key> rest = new ArrayList<>();
        for (Key k : keys) {
            Ahead a = k.variant().isEmpty() ? Ahead.NOTHING : awaited(k);
            if (a.asked().contains(k)) {
                Files f = a.found().get(k);
                if (f != null) {
                    answered.put(k, f);
                }
            } else {
                rest.add(k);
            }
        }
        Map<Key, Files> fetched = rest.isEmpty() ? Map.of() : store.fetch(rest, log);
        Map<Key, Files> found = new LinkedHashMap<>();
        for (Key k : keys) {
            Files f = answered.containsKey(k) ? answered.get(k) : fetched.get(k);
            if (f != null) {
                found.put(k, f);
            }
        }
        return found;
    }

    /** Starts fetching the bytecode of {@code packed} once the interpreter has started. */
    private void fetchAhead(List<Key> packed, Log log) {
        Future<Ahead> f = pool.submit(() -> {
            Optional<Interpreter> started = interpreter.call();
            if (started.isEmpty()) {
                return Ahead.NOTHING; // no bytecode
            }
            List<Key> keys = new ArrayList<>();
            packed.forEach(k -> keys.addAll(BytecodeCache.sharedKeys(k, started.get())));
            return new Ahead(Set.copyOf(keys), store.fetch(keys, log));
        });
        synchronized (ahead) {
            packed.forEach(k -> ahead.put(wheel(k), f));
        }
    }

    /** What the fetch ahead covering {@code k}'s wheel found; nothing when there was none, or it failed. */
    private Ahead awaited(Key k) throws java.io.InterruptedIOException {
        Future<Ahead> f;
        synchronized (ahead) {
            f = ahead.get(wheel(k));
        }
        if (f == null) {
            return Ahead.NOTHING;
        }
        try {
            return Tasks.await(f);
        } catch (java.io.InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            return Ahead.NOTHING; // the interpreter did not start: the bytecode cache hears why when it asks for it
        }
    }

    @Override
    public void publish(Map<Key, Files> entries, Log log) throws IOException {
        store.publish(entries, log);
    }

    /** Stops fetching ahead, then closes the store (which removes what it fetched). */
    @Override
    public void close() throws IOException {
        try {
            pool.close();
        } finally {
            store.close();
        }
    }
}

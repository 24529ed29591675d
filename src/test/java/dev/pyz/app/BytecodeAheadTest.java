package dev.pyz.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pyz.Log;
import dev.pyz.bytecode.Interpreter;
import dev.pyz.cache.SharedEntries;
import dev.pyz.cache.SharedEntries.Files;
import dev.pyz.cache.SharedEntries.Key;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bytecode of packed wheels fetched from the shared store while they are packed, and used when asked for. */
class BytecodeAheadTest {
    private static final Interpreter PY311 = new Interpreter(Path.of("/usr/bin/python3"), "a70d0d0a", "cpython-311",
            "3.11.7", "cpython");
    private static final Interpreter PY312 = new Interpreter(Path.of("/usr/bin/python3"), "cb0d0d0a", "cpython-312",
            "3.12.1", "cpython");
    private static final Key A = new Key("aa", "a-1.0-py3-none-any.whl", "");
    private static final Key B = new Key("bb", "b-1.0-py3-none-any.whl", "");

    /** A store holding {@code held}, recording every request. */
    private static final class Store implements SharedEntries {
        final Map<Key, Files> held = new LinkedHashMap<>();
        final List<List<Key>> requests = new ArrayList<>();
        boolean closed;

        @Override
        public synchronized Map<Key, Files> fetch(List<Key> keys, Log log) {
            requests.add(List.copyOf(keys));
            Map<Key, Files> found = new LinkedHashMap<>();
            keys.stream().filter(held::containsKey).forEach(k -> found.put(k, held.get(k)));
            return found;
        }

        @Override
        public void close() {
            closed = true;
        }

        synchronized List<List<Key>> requests() {
            return List.copyOf(requests);
        }
    }

    private static Key bytecode(Key packed, Interpreter i, boolean extracted) {
        return new Key(packed.sha256(), packed.fileName(), i.cacheTag() + "-" + i.magic() + (extracted ? "-extracted" : ""));
    }

    private static Files files(String name) {
        return new Files(Path.of(name + ".zip"), Path.of(name + ".info"));
    }

    @Test
    void bytecodeFetchedWithThePackedWheelsAnswersTheLaterRequest() throws IOException {
        Store store = new Store();
        store.held.put(A, files("a"));
        store.held.put(bytecode(A, PY311, true), files("a-extracted"));
        store.held.put(bytecode(B, PY311, false), files("b-imported"));
        try (SharedEntries ahead = BytecodeAhead.of(store, () -> Optional.of(PY311))) {
            assertEquals(Map.of(A, files("a")), ahead.fetch(List.of(A, B), Log.NONE));
            Map<Key, Files> found = ahead.fetch(List.of(bytecode(A, PY311, true), bytecode(B, PY311, true),
                    bytecode(B, PY311, false)), Log.NONE);
            assertEquals(Map.of(bytecode(A, PY311, true), files("a-extracted"), bytecode(B, PY311, false),
                    files("b-imported")), found);
        }
        List<List<Key>> requests = store.requests();
        assertEquals(2, requests.size(), "the later request is answered from the fetch ahead: " + requests);
        assertEquals(List.of(bytecode(A, PY311, false), bytecode(A, PY311, true), bytecode(B, PY311, false),
                bytecode(B, PY311, true)), requests.stream().filter(r -> !r.contains(A)).findFirst().orElseThrow());
        assertEquals(true, store.closed);
    }

    @Test
    void bytecodeForAnotherInterpreterOrWheelIsAskedOfTheStore() throws IOException {
        Store store = new Store();
        store.held.put(bytecode(A, PY312, false), files("a-312"));
        Key other = new Key("cc", "c-1.0-py3-none-any.whl", "");
        try (SharedEntries ahead = BytecodeAhead.of(store, () -> Optional.of(PY311))) {
            ahead.fetch(List.of(A), Log.NONE);
            Map<Key, Files> found = ahead.fetch(List.of(bytecode(A, PY312, false), bytecode(A, PY311, false),
                    bytecode(other, PY311, false)), Log.NONE);
            assertEquals(Map.of(bytecode(A, PY312, false), files("a-312")), found);
        }
        assertEquals(List.of(bytecode(A, PY312, false), bytecode(other, PY311, false)),
                store.requests().get(store.requests().size() - 1), "only what was not asked ahead");
    }

    @Test
    void packedWheelsAreAnsweredWithoutWaitingForTheInterpreter() throws Exception {
        Store store = new Store();
        store.held.put(A, files("a"));
        store.held.put(bytecode(A, PY311, false), files("a-imported"));
        CountDownLatch started = new CountDownLatch(1);
        try (SharedEntries ahead = BytecodeAhead.of(store, () -> {
            started.await(10, TimeUnit.SECONDS);
            return Optional.of(PY311);
        })) {
            assertEquals(Map.of(A, files("a")), ahead.fetch(List.of(A), Log.NONE));
            assertEquals(List.of(List.of(A)), store.requests(), "nothing asked ahead before the interpreter starts");
            started.countDown();
            assertEquals(Map.of(bytecode(A, PY311, false), files("a-imported")),
                    ahead.fetch(List.of(bytecode(A, PY311, false)), Log.NONE));
        }
        assertEquals(2, store.requests().size());
    }

    @Test
    void withoutAnInterpreterOrWhenItFailsTheStoreIsAskedLater() throws IOException {
        for (boolean fails : new boolean[] {false, true}) {
            Store store = new Store();
            store.held.put(bytecode(A, PY311, false), files("a-imported"));
            try (SharedEntries ahead = BytecodeAhead.of(store, () -> {
                if (fails) {
                    throw new IOException("python3 did not start");
                }
                return Optional.empty();
            })) {
                ahead.fetch(List.of(A), Log.NONE);
                assertEquals(Map.of(bytecode(A, PY311, false), files("a-imported")),
                        ahead.fetch(List.of(bytecode(A, PY311, false)), Log.NONE));
            }
            assertEquals(List.of(List.of(A), List.of(bytecode(A, PY311, false))), store.requests());
        }
    }

    @Test
    void noStoreStaysNone() {
        assertSame(SharedEntries.NONE, BytecodeAhead.of(SharedEntries.NONE, () -> Optional.of(PY311)));
    }
}

package dev.pyz.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pyz.test.Pythons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the bootstrap's own Python tests (src/test/python) under every CPython 3.8-3.13 on the machine;
 * a version that is not installed is reported as skipped, by name. The versions run side by side, one per
 * processor (each run is one interpreter at a time, and the tests keep to their own temp folders).
 */
class BootstrapPythonTest {
    private static final Path TESTS = Path.of("src", "test", "python");

    /** What one version's run printed, and its exit status. */
    private record Outcome(Path python, int exit, String out) {}

    @TestFactory
    Stream<DynamicTest> bootstrapTestsPassUnderEverySupportedPython() {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        Map<String, Future<Outcome>> runs = new LinkedHashMap<>();
        boolean oldPythonsRun = false; // by the first run only: what they print does not depend on who built the app
        for (String minor : Pythons.SUPPORTED) {
            Optional<Path> python = Pythons.find(minor);
            boolean elsewhere = oldPythonsRun;
            oldPythonsRun |= python.isPresent();
            runs.put(minor, python.isPresent() ? pool.submit(() -> run(python.get(), elsewhere)) : null);
        }
        pool.shutdown();
        return runs.entrySet().stream().map(e -> DynamicTest.dynamicTest("CPython " + e.getKey(), () -> {
            Assumptions.assumeTrue(e.getValue() != null, "CPython " + e.getKey() + " is not installed here");
            Outcome o = e.getValue().get();
            assertEquals(0, o.exit(), "bootstrap tests failed under " + o.python() + ":\n" + o.out());
            assertTrue(o.out().matches("(?s).*Ran [1-9]\\d* tests? in .*"), "no test ran under " + o.python() + ":\n"
                    + o.out());
        }));
    }

    private static Outcome run(Path python, boolean oldPythonsElsewhere) throws Exception {
        Path log = Files.createTempFile("pyz-bootstrap-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(python.toString(), "-B", "-m", "unittest", "discover",
                    "-s", TESTS.toString(), "-v").redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            pb.environment().keySet().removeIf(k -> k.startsWith("PYZ_"));
            if (oldPythonsElsewhere) {
                pb.environment().put("PYZ_TEST_OLD_PYTHONS_ELSEWHERE", "1");
            }
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("the bootstrap tests under " + python + " did not finish in 10 minutes");
            }
            return new Outcome(python, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

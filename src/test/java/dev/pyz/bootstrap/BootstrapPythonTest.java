package dev.pyz.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pyz.test.Pythons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the bootstrap's own Python tests (src/test/python) under every CPython 3.8-3.13 on the machine;
 * a version that is not installed is reported as skipped, by name.
 */
class BootstrapPythonTest {
    private static final Path TESTS = Path.of("src", "test", "python");

    @TestFactory
    Stream<DynamicTest> bootstrapTestsPassUnderEverySupportedPython() {
        return Pythons.SUPPORTED.stream().map(minor -> DynamicTest.dynamicTest("CPython " + minor, () -> {
            Optional<Path> python = Pythons.find(minor);
            Assumptions.assumeTrue(python.isPresent(), "CPython " + minor + " is not installed here");
            Path log = Files.createTempFile("pyz-bootstrap-" + minor + "-", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(python.get().toString(), "-B", "-m", "unittest", "discover",
                        "-s", TESTS.toString(), "-v").redirectErrorStream(true).redirectOutput(log.toFile());
                pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
                pb.environment().keySet().removeIf(k -> k.startsWith("PYZ_"));
                Process p = pb.start();
                p.getOutputStream().close();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    fail("the bootstrap tests under " + python.get() + " did not finish in 10 minutes");
                }
                String out = Files.readString(log, StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), "bootstrap tests failed under " + python.get() + ":\n" + out);
                assertTrue(out.matches("(?s).*Ran [1-9]\\d* tests? in .*"), "no test ran under " + python.get() + ":\n" + out);
            } finally {
                Files.deleteIfExists(log);
            }
        }));
    }
}

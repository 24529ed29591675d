package dev.pyz.bytecode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyz.PyzException;
import dev.pyz.requirement.PythonVersion;
import dev.pyz.test.Pythons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CompilerTest {
    @TempDir
    Path dir;

    static List<String> versions() {
        return Pythons.SUPPORTED;
    }

    private static Path python(String minor) {
        Optional<Path> p = Pythons.find(minor);
        assumeTrue(p.isPresent(), "no CPython " + minor + " on this machine");
        return p.get();
    }

    /** Sources that stress what makes marshal output depend on the process: shared names, sets, nesting. */
    static Map<String, byte[]> sources() {
        Map<String, byte[]> sources = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            StringBuilder s = new StringBuilder();
            s.append("import os\nNAMES = ('alpha', 'beta', 'name_").append(i).append("')\n");
            s.append("def check(value, self=None):\n    return value in {'a', 'b', 'c', 'name_").append(i % 7)
                    .append("', 'delta', 'epsilon'}\n");
            s.append("class Thing").append(i).append(":\n    def __init__(self, name):\n        self.name = name\n")
                    .append("    def method(self):\n        return [x for x in NAMES if x != self.name], frozenset({1, 2})\n");
            sources.put("pkg/m" + i + ".py", s.toString().getBytes(StandardCharsets.UTF_8));
        }
        return sources;
    }

    @ParameterizedTest
    @MethodSource("versions")
    void samePycWhateverTheWorkerAndTheOrder(String minor) throws Exception {
        Path python = python(minor);
        Map<String, byte[]> sources = sources();
        Map<String, byte[]> serial = new LinkedHashMap<>();
        try (Compiler one = Compiler.start(python, 1)) {
            assertEquals(minor, one.interpreter().minorVersion());
            for (Map.Entry<String, byte[]> e : sources.entrySet()) {
                serial.put(e.getKey(), one.compile(e.getKey(), e.getValue()).pyc());
            }
        }
        List<String> shuffled = new ArrayList<>(sources.keySet());
        Collections.shuffle(shuffled, new Random(7));
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (Compiler three = Compiler.start(python, 3)) {
            Map<String, Future<Compiler.Result>> parallel = new LinkedHashMap<>();
            for (String name : shuffled) {
                parallel.put(name, threads.submit(() -> three.compile(name, sources.get(name))));
            }
            for (String name : shuffled) {
                assertArrayEquals(serial.get(name), parallel.get(name).get().pyc(), name + " under " + minor);
            }
            assertTrue(three.workersStarted() <= 3);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void furtherWorkersStartWhatTheFirstOneRunsAsPastAShim() throws Exception {
        Path python = python(anyVersion());
        Path starts = dir.resolve("starts.log");
        Path shim = dir.resolve("shim dir/python3"); // a version manager's shim, in a folder with a space
        Files.createDirectories(shim.getParent());
        Files.writeString(shim, "#!/bin/sh\necho started >> '" + starts + "'\nexec '" + python + "' \"$@\"\n");
        assertTrue(shim.toFile().setExecutable(true));
        assertEquals(List.of("started"), startsOfTwoWorkers(shim, starts), "the shim ran for the first worker only");
    }

    @Test
    void aFurtherWorkerThatDoesNotStartPastTheWrapperStartsThroughIt() throws Exception {
        Path python = python(anyVersion());
        Path starts = dir.resolve("starts.log");
        Path broken = Files.writeString(dir.resolve("not-python"), "#!/bin/sh\nexit 3\n");
        assertTrue(broken.toFile().setExecutable(true));
        Path wrapper = dir.resolve("python3"); // what the interpreter reports running as is not runnable alone
        Files.writeString(wrapper, "#!/bin/bash\necho started >> '" + starts + "'\nexec -a '" + broken + "' '" + python
                + "' \"$@\"\n");
        assertTrue(wrapper.toFile().setExecutable(true));
        assertEquals(List.of("started", "started"), startsOfTwoWorkers(wrapper, starts));
    }

    /** Compiles on two workers at once from {@code executable}; what {@code starts} logged of its starts. */
    private List<String> startsOfTwoWorkers(Path executable, Path starts) throws Exception {
        StringBuilder source = new StringBuilder(); // long enough that two compiles overlap
        for (int i = 0; i < 40_000; i++) {
            source.append("value_").append(i).append(" = ").append(i).append(" * 2\n");
        }
        byte[] slow = source.toString().getBytes(StandardCharsets.UTF_8);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Compiler c = Compiler.start(executable, 2)) {
            List<Future<Compiler.Result>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "m" + i + ".py";
                results.add(threads.submit(() -> c.compile(name, slow)));
            }
            for (Future<Compiler.Result> r : results) {
                assertNotNull(r.get().pyc());
            }
            assertEquals(2, c.workersStarted(), "two compiles at once take two workers");
            assertEquals(executable, c.interpreter().executable(), "the interpreter is named as configured");
        } finally {
            threads.shutdownNow();
        }
        return Files.readAllLines(starts);
    }

    @Test
    void aPycIsUncheckedHashBasedAndRunsWithoutItsSource() throws Exception {
        Path python = python(anyVersion());
        byte[] pyc;
        String magic;
        try (Compiler c = Compiler.start(python, 1)) {
            magic = c.interpreter().magic();
            Compiler.Result r = c.compile("hello.py", "print('compiled', 6 * 7)\n".getBytes(StandardCharsets.UTF_8));
            assertTrue(r.ok(), r.error());
            pyc = r.pyc();
        }
        assertEquals(magic, hex(pyc, 0, 4));
        assertEquals("01000000", hex(pyc, 4, 8), "flags: hash-based, source not checked");
        Path file = dir.resolve("hello.pyc");
        Files.write(file, pyc);
        Process p = new ProcessBuilder(python.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("compiled 42", out.strip());
    }

    @Test
    void aSyntaxErrorIsReportedWithItsLineAndTheWorkerCarriesOn() throws Exception {
        try (Compiler c = Compiler.start(python(anyVersion()), 1)) {
            Compiler.Result bad = c.compile("bad.py", "x = 1\ndef broken(:\n".getBytes(StandardCharsets.UTF_8));
            assertFalse(bad.ok());
            assertTrue(bad.error().startsWith("SyntaxError at line 2"), bad.error());
            Compiler.Result good = c.compile("good.py", "y = 2\n".getBytes(StandardCharsets.UTF_8));
            assertTrue(good.ok());
            assertEquals(1, c.workersStarted());
        }
    }

    @Test
    void somethingThatIsNotPythonIsRefusedByName() throws Exception {
        Path fake = dir.resolve("fake-python");
        Files.writeString(fake, "#!/bin/sh\necho 'Python 2.7.18'\n");
        fake.toFile().setExecutable(true);
        PyzException e = assertThrows(PyzException.class, () -> Compiler.start(fake, 1));
        assertTrue(e.getMessage().contains(fake.toString()) && e.getMessage().contains("Python 2.7.18")
                && e.getMessage().contains("3.7 or newer"), e.getMessage());
        Path missing = dir.resolve("no-such-python");
        PyzException e2 = assertThrows(PyzException.class, () -> Compiler.start(missing, 1));
        assertTrue(e2.getMessage().contains(missing.toString()), e2.getMessage());
    }

    @Test
    void findLooksOnThePathAndAcceptsPaths() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path exe = bin.resolve("mypython");
        Files.writeString(exe, "#!/bin/sh\n");
        exe.toFile().setExecutable(true);
        Files.writeString(bin.resolve("notexec"), "");
        assertEquals(Optional.of(exe), Interpreter.find("mypython", dir.resolve("nothing") + java.io.File.pathSeparator + bin));
        assertEquals(Optional.empty(), Interpreter.find("notexec", bin.toString()));
        assertEquals(Optional.of(exe), Interpreter.find(exe.toString(), null));
        assertEquals(Optional.empty(), Interpreter.find("mypython", null));
    }

    @Test
    void modeFallsBackWithAWarningOrFails() throws Exception {
        dev.pyz.test.RecordingLog log = new dev.pyz.test.RecordingLog();
        Optional<PythonVersion> none = Optional.empty();
        assertTrue(settings(BytecodeMode.AUTO, "no-such-python-here", dir.toString()).start(none, 2, log).isEmpty());
        assertTrue(log.warnings.stream().anyMatch(w -> w.contains("no-such-python-here") && w.contains("without bytecode")),
                log.warnings.toString());
        PyzException e = assertThrows(PyzException.class,
                () -> settings(BytecodeMode.REQUIRED, "no-such-python-here", dir.toString()).start(none, 2, log));
        assertTrue(e.getMessage().contains("no-such-python-here") && e.getMessage().contains("required"), e.getMessage());
        assertTrue(settings(BytecodeMode.OFF, null, null).start(none, 2, log).isEmpty());
        String minor = anyVersion();
        String other = minor.equals("3.8") ? "3.9" : "3.8";
        BytecodeSettings required = settings(BytecodeMode.REQUIRED, python(minor).toString(), null);
        PyzException wrong = assertThrows(PyzException.class,
                () -> required.start(Optional.of(PythonVersion.parse(other)), 1, log));
        assertTrue(wrong.getMessage().contains("target is Python " + other), wrong.getMessage());
        try (Compiler c = required.start(Optional.of(PythonVersion.parse(minor)), 1, log).orElseThrow()) {
            assertNotNull(c.interpreter().cacheTag());
            // a full target version admits any release of its minor: pycs depend on the minor only
            PythonVersion full = c.interpreter().pythonVersion();
            assertTrue(required.start(Optional.of(PythonVersion.of(full.major(), full.minor(), 99)), 1, log).isPresent());
        }
        assertEquals(Optional.of(PythonVersion.parse(minor)),
                required.probe(Optional.empty()).map(i -> i.pythonVersion().withoutMicro()));
        assertEquals(Optional.empty(), settings(BytecodeMode.AUTO, "no-such-python-here", dir.toString())
                .probe(Optional.empty()), "probing is silent");
        assertEquals("python3.12", settings(BytecodeMode.AUTO, null, null).executableName(Optional.of(PythonVersion.parse("3.12.4"))));
        assertEquals("python3", settings(BytecodeMode.AUTO, " ", null).executableName(none));
        assertEquals("/opt/py", settings(BytecodeMode.AUTO, "/opt/py", null).executableName(Optional.of(PythonVersion.parse("3.12"))));
    }

    private static BytecodeSettings settings(BytecodeMode mode, String python, String path) {
        return new BytecodeSettings(mode, Optional.ofNullable(python), path);
    }

    static String anyVersion() {
        for (String v : Pythons.SUPPORTED) {
            if (Pythons.find(v).isPresent()) {
                return v;
            }
        }
        assumeTrue(false, "no supported CPython on this machine");
        return null;
    }

    private static String hex(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            s.append(String.format("%02x", b[i]));
        }
        return s.toString();
    }
}

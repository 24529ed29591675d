package dev.pyz.bytecode;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyz.Log;
import dev.pyz.cache.PackCache;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.WheelInput;
import dev.pyz.test.Pythons;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BytecodeCacheTest {
    @TempDir
    Path dir;

    private List<PackedWheel> packed(Path cache) throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        List<WheelInput> inputs = List.of(
                WheelInput.of(wheel("pure", "1.0")
                        .file("pure/__init__.py", "from pure.util import twice\n")
                        .file("pure/util.py", "def twice(x):\n    return 2 * x\n")
                        .file("pure/broken_py2.py", "print 'old'\n")
                        .file("pure/shipped.py", "X = 1\n")
                        .file("pure/shipped.pyc", new byte[] {1, 2, 3})
                        .file("pure/data.txt", "not code\n")
                        .writeTo(wheels)),
                WheelInput.of(wheel("native", "2.0").tags("cp311-cp311-linux_x86_64")
                        .file("native/__init__.py", "N = 1\n")
                        .file("native/_speed.so", new byte[] {0x7f, 'E', 'L', 'F'})
                        .writeTo(wheels)));
        List<PackedWheel> result = new ArrayList<>();
        new PackCache(cache).prepare(inputs, 2, Log.NONE).forEach(p -> result.add(p.wheel()));
        return result;
    }

    private static Path python() {
        Optional<Path> p = Pythons.any();
        assumeTrue(p.isPresent(), "no python3 on this machine");
        return p.get();
    }

    private static List<String> names(Path zip) throws Exception {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = new ArrayList<>();
            for (ZipEntry e : Collections.list(z.entries())) {
                names.add(e.getName());
            }
            return names;
        }
    }

    @Test
    void pycsGoWhereEachLoaderLooksAndAreCompiledOnce() throws Exception {
        Path cache = dir.resolve("cache");
        List<PackedWheel> wheels = packed(cache);
        try (Compiler compiler = Compiler.start(python(), 2)) {
            String tag = compiler.interpreter().cacheTag();
            BytecodeCache bytecode = new BytecodeCache(cache);
            List<CompiledWheel> first = bytecode.prepare(wheels, compiler, 2, Log.NONE);
            String p = ".deps/pure-1.0-py3-none-any.whl/";
            assertEquals(List.of(p + "pure/__init__.pyc", p + "pure/util.pyc"), names(first.get(0).zip().path()));
            assertEquals(1, first.get(0).skipped().size());
            assertTrue(first.get(0).skipped().get(0).startsWith(p + "pure/broken_py2.py: SyntaxError at line 1"),
                    first.get(0).skipped().toString());
            String n = ".deps/native-2.0-cp311-cp311-linux_x86_64.whl/";
            assertEquals(List.of(n + "native/__pycache__/__init__." + tag + ".pyc"), names(first.get(1).zip().path()));
            assertTrue(first.get(0).zip().path().startsWith(cache.resolve("bytecode")));

            byte[] before = Files.readAllBytes(first.get(0).zip().path());
            long modified = Files.getLastModifiedTime(first.get(0).zip().path()).toMillis();
            List<CompiledWheel> second = bytecode.prepare(wheels, compiler, 2, Log.NONE);
            assertEquals(first.get(0).zip().path(), second.get(0).zip().path());
            assertEquals(modified, Files.getLastModifiedTime(second.get(0).zip().path()).toMillis(), "a cache hit is not rewritten");
            assertEquals(first, second);

            // a truncated entry is noticed by its size and compiled again, to the same bytes
            Files.write(first.get(0).zip().path(), java.util.Arrays.copyOf(before, before.length / 2));
            assertTrue(bytecode.lookup(wheels.get(0), compiler.interpreter()).isEmpty());
            List<CompiledWheel> third = bytecode.prepare(wheels, compiler, 1, Log.NONE);
            assertArrayEquals(before, Files.readAllBytes(third.get(0).zip().path()));

            // so is a central directory changed in place (same size), and a missing info file
            byte[] flipped = before.clone();
            flipped[(int) dev.pyz.zip.CentralDirectory.read(third.get(0).zip().path()).offset() + 40] ^= 0x01;
            Files.write(third.get(0).zip().path(), flipped);
            assertTrue(bytecode.lookup(wheels.get(0), compiler.interpreter()).isEmpty(), "a changed directory is noticed");
            assertArrayEquals(before, Files.readAllBytes(bytecode.prepare(wheels, compiler, 1, Log.NONE).get(0).zip().path()));
            Files.delete(third.get(0).zip().path().resolveSibling(wheels.get(0).fileName() + ".info"));
            assertTrue(bytecode.lookup(wheels.get(0), compiler.interpreter()).isEmpty(), "no info file, no entry");
            assertArrayEquals(before, Files.readAllBytes(bytecode.prepare(wheels, compiler, 1, Log.NONE).get(0).zip().path()));
            assertTrue(bytecode.lookup(wheels.get(0), compiler.interpreter()).isPresent());
        }
    }

    @Test
    void littleSourceIsCompiledByOneWorkerWhateverTheThreads() throws Exception {
        Path cache = dir.resolve("cache");
        List<PackedWheel> wheels = packed(cache);
        try (Compiler compiler = Compiler.start(python(), 8)) {
            List<CompiledWheel> compiled = new BytecodeCache(cache).prepare(wheels, compiler, 8, Log.NONE);
            assertEquals(List.of(2, 1), List.of(compiled.get(0).pycs(), compiled.get(1).pycs()));
            assertEquals(1, compiler.workersStarted(), "below BYTES_PER_WORKER of source, one interpreter");
        }
    }

    @Test
    void workersGrowWithTheSourceUpToTheThreads() {
        assertEquals(1, BytecodeCache.workers(0, 8));
        assertEquals(1, BytecodeCache.workers(BytecodeCache.BYTES_PER_WORKER, 8));
        assertEquals(2, BytecodeCache.workers(BytecodeCache.BYTES_PER_WORKER + 1, 8));
        assertEquals(4, BytecodeCache.workers(100L * BytecodeCache.BYTES_PER_WORKER, 4));
        assertEquals(1, BytecodeCache.workers(100L * BytecodeCache.BYTES_PER_WORKER, 0));
    }

    @Test
    void pycNames() {
        assertEquals("a/b.pyc", BytecodeCache.pycName("a/b.py", false, "cpython-312"));
        assertEquals("a/__pycache__/b.cpython-312.pyc", BytecodeCache.pycName("a/b.py", true, "cpython-312"));
        assertEquals("__pycache__/top.cpython-38.pyc", BytecodeCache.pycName("top.py", true, "cpython-38"));
        assertEquals(null, BytecodeCache.pycName("a/b.pyi", false, "cpython-312"));
    }
}

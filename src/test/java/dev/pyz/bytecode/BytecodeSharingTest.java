package dev.pyz.bytecode;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pyz.Log;
import dev.pyz.cache.Leases;
import dev.pyz.cache.PackCache;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.SharedEntries;
import dev.pyz.cache.WheelInput;
import dev.pyz.test.Pythons;
import dev.pyz.test.RecordingLog;
import dev.pyz.zip.Compressed;
import dev.pyz.zip.DosTime;
import dev.pyz.zip.ZipWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bytecode taken from a shared store, and refused when it is not the pycs of the wheel's modules for this interpreter. */
class BytecodeSharingTest {
    @TempDir
    Path dir;

    private final Map<SharedEntries.Key, SharedEntries.Files> published = new LinkedHashMap<>();
    private final SharedEntries store = (keys, log) -> {
        Map<SharedEntries.Key, SharedEntries.Files> found = new LinkedHashMap<>();
        keys.stream().filter(published::containsKey).forEach(k -> found.put(k, published.get(k)));
        return found;
    };

    private List<PackedWheel> packed() throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        List<WheelInput> inputs = List.of(WheelInput.of(wheel("pure", "1.0")
                .file("pure/__init__.py", "from pure.util import twice\n")
                .file("pure/util.py", "def twice(x):\n    return 2 * x\n")
                .file("pure/broken_py2.py", "print 'old'\n").writeTo(wheels)));
        List<PackedWheel> result = new ArrayList<>();
        try (PackCache cache = new PackCache(dir.resolve("packed"))) {
            cache.prepare(inputs, 1, Log.NONE).forEach(p -> result.add(p.wheel()));
        }
        return result;
    }

    private static Path python() {
        Optional<Path> p = Pythons.any();
        assumeTrue(p.isPresent(), "no python3 on this machine");
        return p.get();
    }

    /** Compiles on "another machine" and publishes the entry's files; returns its zip. */
    private Path publish(List<PackedWheel> wheels, Compiler compiler) throws Exception {
        CompiledWheel c = new BytecodeCache(dir.resolve("other")).prepare(wheels, compiler, 1, Log.NONE).get(0);
        Path repo = Files.createDirectories(dir.resolve("repo"));
        SharedEntries.Files files = SharedEntries.Files.beside(c.zip().path());
        Path zip = Files.copy(files.zip(), repo.resolve("b.zip"));
        Path info = Files.copy(files.info(), repo.resolve("b.info"));
        published.put(BytecodeCache.sharedKey(wheels.get(0), compiler.interpreter()), new SharedEntries.Files(zip, info));
        return zip;
    }

    private List<CompiledWheel> take(String cache, List<PackedWheel> wheels, Compiler compiler, RecordingLog log)
            throws Exception {
        try (Leases leases = new Leases()) {
            return new BytecodeCache(dir.resolve(cache), leases, store).prepare(wheels, compiler, 1, log);
        }
    }

    @Test
    void theStoresPycsAreTakenWithoutCompiling() throws Exception {
        List<PackedWheel> wheels = packed();
        try (Compiler compiler = Compiler.start(python(), 1)) {
            Path zip = publish(wheels, compiler);
            RecordingLog log = new RecordingLog();
            CompiledWheel taken = take("mine", wheels, compiler, log).get(0);
            assertArrayEquals(Files.readAllBytes(zip), Files.readAllBytes(taken.zip().path()));
            assertEquals(2, taken.pycs());
            assertEquals(1, taken.skipped().size(), "the module the interpreter refused stays left to run time");
            assertTrue(log.infos.contains("Took the bytecode of 1 of 1 wheel(s) from the shared cache"), log.infos.toString());
            assertTrue(log.infos.stream().noneMatch(m -> m.startsWith("Compiling bytecode")), log.infos.toString());
        }
    }

    /** Writes a bytecode zip holding {@code pycs} (name to content) over the published one, and its info file to match. */
    private void replace(Path zip, Map<String, byte[]> pycs) throws Exception {
        Files.delete(zip);
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ZipWriter w = new ZipWriter(ch, zip.toString())) {
            for (Map.Entry<String, byte[]> e : pycs.entrySet()) {
                w.addEntry(e.getKey(), Compressed.of(e.getValue()), ZipWriter.FILE_MODE, DosTime.EPOCH);
            }
            w.finish();
        }
        Path info = zip.resolveSibling("b.info");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(info)) {
            lines.add(line.startsWith("size=") ? "size=" + Files.size(zip)
                    : line.startsWith("cd_crc32=") ? "cd_crc32=" + dev.pyz.test.CentralDirectoryCrc.of(zip)
                    : line.startsWith("crc32=") ? "crc32=" + dev.pyz.cache.CachedZip.crc32(zip)
                    : line.startsWith("pycs=") ? "pycs=" + pycs.size() : line);
        }
        Files.write(info, lines);
    }

    @Test
    void pycsOfOtherModulesOrAnotherInterpreterOrMissingOnesAreRefusedAndCompiledHere() throws Exception {
        List<PackedWheel> wheels = packed();
        try (Compiler compiler = Compiler.start(python(), 1)) {
            Path zip = publish(wheels, compiler);
            byte[] magic = java.util.HexFormat.of().parseHex(compiler.interpreter().magic());
            byte[] good = Files.readAllBytes(zip);
            String p = ".deps/pure-1.0-py3-none-any.whl/pure/";
            String[][] cases = {
                {p + "__init__.pyc", p + "evil.pyc", "its entry " + p + "evil.pyc is not the pyc of a module"},
                {p + "__init__.pyc", null, "it holds 1 pycs and leaves 1 module(s) to run time, of the 3 modules"},
                {p + "__init__.pyc", p + "util.pyc", "is not for"},
            };
            for (int i = 0; i < cases.length; i++) {
                Map<String, byte[]> pycs = new LinkedHashMap<>();
                byte[] pyc = new byte[] {magic[0], magic[1], magic[2], magic[3], 0, 0, 0, 0};
                pycs.put(cases[i][0], pyc);
                if (cases[i][1] != null) {
                    pycs.put(cases[i][1], i == 2 ? new byte[] {0x42, 0x42, 0x0d, 0x0a} : pyc);
                }
                replace(zip, pycs);
                RecordingLog log = new RecordingLog();
                CompiledWheel got = take("mine-" + i, wheels, compiler, log).get(0);
                assertEquals(2, got.pycs(), "compiled here");
                assertTrue(log.warnings.size() == 1 && log.warnings.get(0).startsWith("The shared cache's bytecode for"
                        + " pure-1.0-py3-none-any.whl is refused, it is compiled here: ")
                        && log.warnings.get(0).contains(cases[i][2]), log.warnings.toString());
                Files.write(zip, good);
            }
        }
    }

    @Test
    void aRecordedCrcThatIsNotTheZipsIsRefused() throws Exception {
        List<PackedWheel> wheels = packed();
        try (Compiler compiler = Compiler.start(python(), 1)) {
            Path zip = publish(wheels, compiler);
            Path info = zip.resolveSibling("b.info");
            long crc = dev.pyz.cache.CachedZip.crc32(zip);
            String text = Files.readString(info);
            assertTrue(text.contains("crc32=" + crc + "\n"), text);
            Files.writeString(info, text.replace("crc32=" + crc + "\n", "crc32=" + (crc ^ 1) + "\n"));
            RecordingLog log = new RecordingLog();
            CompiledWheel got = take("mine", wheels, compiler, log).get(0);
            assertEquals(List.of("The shared cache's bytecode for pure-1.0-py3-none-any.whl is refused, it is compiled"
                    + " here: its info file records CRC-32 " + (crc ^ 1) + ", the zip has " + crc), log.warnings);
            assertEquals(crc, got.zip().crc32().getAsLong(), "compiled here, with the CRC of what was written");
        }
    }
}

package dev.pyz.cache;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.PyzException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackCacheTest {
    @TempDir
    Path dir;

    private List<WheelInput> inputs(int count) throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        List<WheelInput> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inputs.add(WheelInput.of(wheel("lib" + i, "1." + i).file("lib" + i + "/__init__.py", "N = " + i + "\n")
                    .writeTo(wheels)));
        }
        return inputs;
    }

    @Test
    void packsOnceThenHits() throws Exception {
        PackCache cache = new PackCache(dir.resolve("cache"));
        List<WheelInput> inputs = inputs(3);
        List<PackCache.Prepared> first = cache.prepare(inputs, 2, Log.NONE);
        assertTrue(first.stream().allMatch(PackCache.Prepared::packed));
        List<PackCache.Prepared> second = cache.prepare(inputs, 2, Log.NONE);
        assertTrue(second.stream().noneMatch(PackCache.Prepared::packed));
        for (int i = 0; i < 3; i++) {
            PackedWheel w = second.get(i).wheel();
            assertEquals("lib" + i, w.name());
            assertEquals(Digests.sha256(inputs.get(i).file()), w.sha256());
            assertEquals(dir.resolve("cache/packed/" + PackCache.LAYOUT_VERSION + "/" + w.sha256() + "/" + w.fileName() + ".zip"),
                    w.zip().path());
        }
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "no temp file is left behind");
        }
    }

    @Test
    void theRunEvidenceFoundWhilePackingIsKeptForWarmBuilds() throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("ev"));
        List<WheelInput> inputs = List.of(
                WheelInput.of(wheel("reader", "1.0").file("reader/__init__.py", "import os\nD = os.path.dirname(__file__)\n")
                        .file("reader/data/x.txt", "x").file("reader-1.0.data/scripts/go", new byte[] {0x7f, 'E', 'L', 'F'})
                        .writeTo(wheels)),
                WheelInput.of(wheel("plain", "1.0").file("plain/__init__.py", "X = 1\n").writeTo(wheels)));
        PackCache cache = new PackCache(dir.resolve("cache"));
        List<PackCache.Prepared> cold = cache.prepare(inputs, 2, Log.NONE);
        List<PackCache.Prepared> warm = cache.prepare(inputs, 2, Log.NONE);
        assertFalse(warm.get(0).packed());
        for (List<PackCache.Prepared> run : List.of(cold, warm)) {
            RunEvidence reader = run.get(0).wheel().evidence();
            assertEquals(Optional.of("bin/go"), reader.nativeCode());
            assertEquals(Optional.of("reader/__init__.py takes its location from __file__ and its package ships data files"
                    + " (reader/data/x.txt)"), reader.notZipSafe());
            assertEquals(java.util.Map.of("go", RunEvidence.ScriptKind.NATIVE), reader.bin());
            assertTrue(run.get(0).wheel().extract());
            assertEquals(RunEvidence.NONE, run.get(1).wheel().evidence());
            assertFalse(run.get(1).wheel().extract());
        }
    }

    @Test
    void theRequirementsOfMetadataAreRecordedSoThatAWarmBuildReadsNoZipForThem() throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("req"));
        List<String> requires = List.of("beta>=2", "gamma[fast]; python_version < \"3.9\"", "delta; extra == \"cli\"",
                "epsilon>=1; python_version >= \"3\"");
        List<WheelInput> inputs = List.of(WheelInput.of(wheel("alpha", "1.0").file("alpha/__init__.py", "")
                .metadata("Provides-Extra", "cli").requires(requires.subList(0, 3).toArray(String[]::new))
                .requires("epsilon>=1;\n  python_version >= \"3\"") // a folded header: one line in the info file
                .writeTo(wheels)),
                WheelInput.of(wheel("beta", "2.0").file("beta/__init__.py", "").writeTo(wheels)));
        PackCache cache = new PackCache(dir.resolve("cache"));
        List<PackCache.Prepared> cold = cache.prepare(inputs, 2, Log.NONE);
        Path info = SharedEntries.Files.beside(cold.get(0).wheel().zip().path()).info();
        List<String> lines = Files.readAllLines(info);
        assertEquals(requires.stream().map("requires_dist="::concat).toList(), lines.stream().filter(l -> l.startsWith("requires_dist=")).toList(), "one line a value, in order");
        assertEquals(List.of("provides_extra=cli"), lines.stream().filter(l -> l.startsWith("provides_extra")).toList());
        for (PackCache.Prepared p : List.of(cold.get(0), cache.prepare(inputs, 2, Log.NONE).get(0))) {
            assertEquals(new PackedWheel.Requirements(requires, List.of("cli")), p.wheel().requirements());
        }
        assertEquals(new PackedWheel.Requirements(List.of(), List.of()), cold.get(1).wheel().requirements());

        // the first path segments, which the conflict check reads instead of every wheel's records
        assertEquals(List.of("top_level=alpha", "top_level=alpha-1.0.dist-info"),
                lines.stream().filter(l -> l.startsWith("top_level")).toList());
        Files.writeString(info, Files.readString(info).replaceAll("top_level=.*\n", ""));
        dev.pyz.test.RecordingLog log = new dev.pyz.test.RecordingLog();
        assertTrue(cache.prepare(inputs, 2, log).get(0).packed(), "an entry without them is packed again");
        assertTrue(log.infos.stream().anyMatch(m -> m.endsWith(info + ": damaged cache entry (no top_level)")),
                log.infos.toString());
        assertEquals(List.of("alpha", "alpha-1.0.dist-info"), cache.prepare(inputs, 2, Log.NONE).get(0).wheel().topLevel());
    }

    @Test
    void theLargestNewWheelIsCopiedWhileItIsHashedIntoTheSameEntry() throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("early"));
        List<WheelInput> inputs = List.of(
                WheelInput.of(wheel("small", "1.0").file("small/__init__.py", "S = 1\n").writeTo(wheels)),
                WheelInput.of(wheel("large", "1.0").file("large/__init__.py", "L = 1\n".repeat(20_000))
                        .file("large/_native.so", new byte[] {0x7f, 'E', 'L', 'F'}).writeTo(wheels)));
        dev.pyz.test.RecordingLog log = new dev.pyz.test.RecordingLog();
        List<PackCache.Prepared> early = new PackCache(dir.resolve("two")).prepare(inputs, 2, log);
        assertEquals(List.of("Copying " + inputs.get(1).file() + " into a packed zip while it is hashed"),
                log.debugs.stream().filter(m -> m.startsWith("Copying ")).toList(), "the largest wheel only");
        assertTrue(log.debugs.contains("Took the copy of large-1.0-py3-none-any.whl made while it was hashed"),
                log.debugs.toString());
        List<PackCache.Prepared> plain = new PackCache(dir.resolve("one")).prepare(inputs, 1, Log.NONE);
        for (int i = 0; i < inputs.size(); i++) {
            PackedWheel a = early.get(i).wheel();
            PackedWheel b = plain.get(i).wheel();
            assertTrue(early.get(i).packed());
            assertArrayEquals(Files.readAllBytes(b.zip().path()), Files.readAllBytes(a.zip().path()));
            assertEquals(Files.readString(SharedEntries.Files.beside(b.zip().path()).info()),
                    Files.readString(SharedEntries.Files.beside(a.zip().path()).info()));
        }
        assertEquals(List.of(), tempFiles(dir.resolve("two")), "the early copy was moved into its entry");

        Path copy = Files.copy(inputs.get(1).file(), Files.createDirectories(dir.resolve("moved")).resolve(
                inputs.get(1).file().getFileName()));
        dev.pyz.test.RecordingLog again = new dev.pyz.test.RecordingLog();
        PackCache.Prepared hit = new PackCache(dir.resolve("two")).prepare(List.of(WheelInput.of(copy)), 2, again).get(0);
        assertEquals(1, again.debugs.stream().filter(m -> m.startsWith("Copying ")).count(), "a new path: not hashed yet");
        assertEquals(PackCache.Origin.CACHE, hit.origin());
        assertTrue(again.debugs.stream().noneMatch(m -> m.startsWith("Took the copy")), again.debugs.toString());
        assertEquals(List.of(), tempFiles(dir.resolve("two")), "the wasted copy is removed");
        assertTrue(new PackCache(dir.resolve("two")).prepare(List.of(WheelInput.of(copy)), 2, again).stream()
                .noneMatch(PackCache.Prepared::packed));
        assertEquals(1, again.debugs.stream().filter(m -> m.startsWith("Copying ")).count(), "a known digest: no copy");
    }

    private static List<Path> tempFiles(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void aDamagedEntryIsPackedAgain() throws Exception {
        PackCache cache = new PackCache(dir.resolve("cache"));
        List<WheelInput> inputs = inputs(1);
        PackedWheel w = cache.prepare(inputs, 1, Log.NONE).get(0).wheel();
        byte[] good = Files.readAllBytes(w.zip().path());
        Files.write(w.zip().path(), java.util.Arrays.copyOf(good, good.length - 10)); // truncated
        PackCache.Prepared again = cache.prepare(inputs, 1, Log.NONE).get(0);
        assertTrue(again.packed());
        assertArrayEquals(good, Files.readAllBytes(again.wheel().zip().path()));
    }

    @Test
    void theResultDoesNotDependOnThreads() throws Exception {
        List<WheelInput> inputs = inputs(6);
        List<PackCache.Prepared> one = new PackCache(dir.resolve("c1")).prepare(inputs, 1, Log.NONE);
        List<PackCache.Prepared> four = new PackCache(dir.resolve("c4")).prepare(inputs, 4, Log.NONE);
        for (int i = 0; i < inputs.size(); i++) {
            assertEquals(one.get(i).wheel().fileName(), four.get(i).wheel().fileName());
            assertArrayEquals(Files.readAllBytes(one.get(i).wheel().zip().path()), Files.readAllBytes(four.get(i).wheel().zip().path()));
        }
    }

    @Test
    void coordinatesMustMatchTheMetadata() throws Exception {
        Path file = wheel("demo", "1.0").file("demo/__init__.py", "").writeTo(dir);
        PackCache cache = new PackCache(dir.resolve("cache"));
        WheelInput wrongName = new WheelInput(file, "it:other:1.0:whl:py3-none-any", Optional.of("other"), Optional.of("1.0"));
        String message = assertThrows(PyzException.class, () -> cache.prepare(List.of(wrongName), 1, Log.NONE)).getMessage();
        assertTrue(message.startsWith("it:other:1.0:whl:py3-none-any: the artifactId 'other' does not match"), message);
        assertTrue(message.contains("demo-1.0.dist-info/METADATA says Name: demo"), message);
        WheelInput wrongVersion = new WheelInput(file, "it:demo:2.0", Optional.of("demo"), Optional.of("2.0"));
        message = assertThrows(PyzException.class, () -> cache.prepare(List.of(wrongVersion), 1, Log.NONE)).getMessage();
        assertTrue(message.contains("the version '2.0' does not match demo-1.0-py3-none-any.whl"), message);
    }

    @Test
    void theFileNameMustMatchTheMetadata() throws Exception {
        Path built = wheel("demo", "1.0").file("demo/__init__.py", "").writeTo(dir);
        Path renamed = Files.move(built, dir.resolve("other-1.0-py3-none-any.whl"));
        String message = assertThrows(PyzException.class,
                () -> new PackCache(dir.resolve("cache")).prepare(List.of(WheelInput.of(renamed)), 1, Log.NONE)).getMessage();
        assertTrue(message.contains("wheel other-1.0-py3-none-any.whl is named 'other' but its"), message);
        assertFalse(message.contains("Exception"), message);
    }

    @Test
    void aWheelChangedInPlaceIsHashedAgain() throws Exception {
        PackCache cache = new PackCache(dir.resolve("cache"));
        Path file = wheel("demo", "1.0").file("demo/__init__.py", "V = 1\n").writeTo(dir);
        PackedWheel first = cache.prepare(List.of(WheelInput.of(file)), 1, Log.NONE).get(0).wheel();
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(file);
        Files.write(file, wheel("demo", "1.0").file("demo/__init__.py", "V = 2\n").bytes());
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(time.toMillis() + 1000));
        PackedWheel second = cache.prepare(List.of(WheelInput.of(file)), 1, Log.NONE).get(0).wheel();
        assertEquals(Digests.sha256(file), second.sha256());
        assertFalse(first.sha256().equals(second.sha256()));
    }

    @Test
    void theCachesLimitsReachTheWheelReader() throws Exception {
        StringBuilder numbers = new StringBuilder();
        for (long i = 0; numbers.length() < 3 << 20; i++) {
            numbers.append(i * 2654435761L % 1000003).append('\n'); // compresses about 2:1
        }
        Path file = wheel("big", "1.0").file("big/data.txt", numbers.toString()).writeTo(dir);
        List<WheelInput> inputs = List.of(WheelInput.of(file));
        for (int threads : new int[] {1, 2}) { // with 2 the copy made while hashing fails first, then packing says why
            String message = assertThrows(PyzException.class, () -> new PackCache(dir.resolve("c" + threads),
                    new dev.pyz.wheel.WheelLimits(1 << 20)).prepare(inputs, threads, Log.NONE)).getMessage();
            assertTrue(message.startsWith("big-1.0-py3-none-any.whl: entry "), message);
            assertTrue(message.contains("add up to more than 1048576 bytes, the limit for one wheel (maxWheelSize"),
                    message);
            assertEquals(List.of(), tempFiles(dir.resolve("c" + threads)));
        }
        assertTrue(new PackCache(dir.resolve("c3")).prepare(inputs, 1, Log.NONE).get(0).packed(), "the defaults allow it");
    }

    @Test
    void aWheelThatCannotBeOpenedLeavesNoTempFile() throws Exception {
        Path file = Files.writeString(dir.resolve("broken-1.0-py3-none-any.whl"), "not a zip");
        Path noWheelFile = Files.write(dir.resolve("nowheel-1.0-py3-none-any.whl"), wheel("nowheel", "1.0")
                .file("nowheel-1.0.dist-info/WHEEL", "Wheel-Version: 9.0\n").bytes());
        PackCache cache = new PackCache(dir.resolve("cache"));
        for (Path p : List.of(file, noWheelFile)) {
            String message = assertThrows(PyzException.class, () -> cache.prepare(List.of(WheelInput.of(p)), 1, Log.NONE))
                    .getMessage();
            assertTrue(message.startsWith(p.getFileName() + ": "), message);
        }
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            List<Path> left = files.filter(p -> p.toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), left, "no temp file is left behind");
        }
    }
}

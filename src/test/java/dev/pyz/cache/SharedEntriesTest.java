package dev.pyz.cache;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.test.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pack cache taking missing entries from a shared store, and refusing those that are not the wheel's packing. */
class SharedEntriesTest {
    @TempDir
    Path dir;

    private final List<WheelInput> inputs = new ArrayList<>();
    private final Map<SharedEntries.Key, SharedEntries.Files> published = new LinkedHashMap<>();
    private final List<SharedEntries.Key> asked = new ArrayList<>();

    /** A store holding what another machine's cache packed: copies of its entries' files. */
    private final SharedEntries store = (keys, log) -> {
        asked.addAll(keys);
        Map<SharedEntries.Key, SharedEntries.Files> found = new LinkedHashMap<>();
        keys.stream().filter(published::containsKey).forEach(k -> found.put(k, published.get(k)));
        return found;
    };

    @BeforeEach
    void anotherMachinePacked() throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        inputs.add(WheelInput.of(wheel("alpha", "1.0").file("alpha/__init__.py", "A = 1\n".repeat(500))
                .requires("beta>=2", "six").writeTo(wheels)));
        inputs.add(WheelInput.of(wheel("beta", "2.0").file("beta/__init__.py", "B = 2\n")
                .file("beta-2.0.data/scripts/beta-tool", "#!python\nprint('b')\n").writeTo(wheels)));
        Path repo = Files.createDirectories(dir.resolve("repo"));
        try (PackCache other = new PackCache(dir.resolve("other"))) {
            for (PackCache.Prepared p : other.prepare(inputs, 2, Log.NONE)) {
                PackedWheel w = p.wheel();
                Path info = Files.copy(SharedEntries.Files.beside(w.zip().path()).info(), repo.resolve(w.sha256() + ".info"));
                published.put(new SharedEntries.Key(w.sha256(), w.fileName(), ""), new SharedEntries.Files(null, info));
                otherZips.add(w.zip().path());
            }
        }
    }

    private final List<Path> otherZips = new ArrayList<>();

    private List<PackCache.Prepared> prepareWithStore(String cache, RecordingLog log) throws Exception {
        try (PackCache c = new PackCache(dir.resolve(cache), dev.pyz.wheel.WheelLimits.DEFAULTS, store)) {
            return c.prepare(inputs, 2, log);
        }
    }

    private SharedEntries.Files info(String project) {
        return published.entrySet().stream().filter(e -> e.getKey().fileName().startsWith(project + "-")).findFirst()
                .orElseThrow().getValue();
    }

    private static void rewrite(Path info, String key, String value) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(info)) {
            lines.add(line.startsWith(key + "=") ? key + "=" + value : line);
        }
        Files.write(info, lines);
    }

    @Test
    void anEmptyCacheTakesWhatPackingFoundAndAsksOnlyForWhatItLacks() throws Exception {
        Files.writeString(info("alpha").info(), "not_zip_safe=alpha/__init__.py reads a file beside it\n",
                java.nio.file.StandardOpenOption.APPEND);
        RecordingLog log = new RecordingLog();
        List<PackCache.Prepared> got = prepareWithStore("mine", log);
        assertEquals(List.of(PackCache.Origin.SHARED, PackCache.Origin.SHARED),
                got.stream().map(PackCache.Prepared::origin).toList());
        for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(Files.readAllBytes(otherZips.get(i)), Files.readAllBytes(got.get(i).wheel().zip().path()),
                    "the zip is packed here, the same bytes as on the other machine");
            assertTrue(got.get(i).wheel().zip().path().startsWith(dir.resolve("mine")));
        }
        assertEquals(java.util.Optional.of("alpha/__init__.py reads a file beside it"),
                got.get(0).wheel().evidence().notZipSafe(), "what reading found comes from the store");
        assertTrue(got.get(0).wheel().extract(), "and decides extraction as it would here");
        assertEquals(Map.of("beta-tool", RunEvidence.ScriptKind.PYTHON), got.get(1).wheel().evidence().bin());
        assertTrue(log.infos.stream().noneMatch(m -> m.contains("Packed and checked")), log.infos.toString());
        assertEquals(2, asked.size());
        List<PackCache.Prepared> again = prepareWithStore("mine", new RecordingLog());
        assertEquals(List.of(PackCache.Origin.CACHE, PackCache.Origin.CACHE),
                again.stream().map(PackCache.Prepared::origin).toList());
        assertEquals(2, asked.size(), "a warm cache asks the store nothing");
    }

    @Test
    void anInfoFileThatDoesNotDescribeThePackingHereIsRefusedAndTheWheelPackedHere() throws Exception {
        rewrite(info("alpha").info(), "entries", "99");
        Files.writeString(info("beta").info(), "script.beta=code:interact\n", java.nio.file.StandardOpenOption.APPEND);
        RecordingLog log = new RecordingLog();
        List<PackCache.Prepared> got = prepareWithStore("mine", log);
        assertEquals(List.of(PackCache.Origin.PACKED, PackCache.Origin.PACKED),
                got.stream().map(PackCache.Prepared::origin).toList());
        assertTrue(log.warnings.stream().anyMatch(w -> w.startsWith("The shared cache's entry for"
                + " alpha-1.0-py3-none-any.whl is refused, it is packed here: its info file does not describe this wheel's"
                + " packing: entries is '99', packing here finds '")), log.warnings.toString());
        assertTrue(log.warnings.stream().anyMatch(w -> w.startsWith("The shared cache's entry for beta-2.0-py3-none-any.whl"
                + " is refused, it is packed here: its info file does not describe this wheel's packing: scripts is")),
                log.warnings.toString());
        assertArrayEquals(Files.readAllBytes(otherZips.get(0)), Files.readAllBytes(got.get(0).wheel().zip().path()));
    }

    @Test
    void anInfoFileWithOtherRequirementsIsRefused() throws Exception {
        Path info = info("alpha").info();
        Files.writeString(info, Files.readString(info).replace("requires_dist=six\n", "requires_dist=six>=1.16\n"));
        RecordingLog log = new RecordingLog();
        List<PackCache.Prepared> got = prepareWithStore("mine", log);
        assertEquals(List.of(PackCache.Origin.PACKED, PackCache.Origin.SHARED),
                got.stream().map(PackCache.Prepared::origin).toList());
        assertTrue(log.warnings.stream().anyMatch(w -> w.endsWith("its info file does not describe this wheel's packing:"
                + " requires_dist is '[beta>=2, six>=1.16]', packing here finds '[beta>=2, six]'")), log.warnings.toString());
        assertEquals(List.of("beta>=2", "six"), got.get(0).wheel().requirements().requiresDist());
    }

    @Test
    void anotherWheelsInfoFileOrOtherZipSafetyRulesAreRefused() throws Exception {
        Files.copy(info("beta").info(), info("alpha").info(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        rewrite(info("beta").info(), "analysis", "1");
        RecordingLog log = new RecordingLog();
        List<PackCache.Prepared> got = prepareWithStore("mine", log);
        assertEquals(List.of(PackCache.Origin.PACKED, PackCache.Origin.PACKED),
                got.stream().map(PackCache.Prepared::origin).toList());
        assertTrue(log.warnings.get(0).contains("is refused, it is packed here: its info file describes"
                + " beta-2.0-py3-none-any.whl"), log.warnings.toString());
        assertTrue(log.warnings.get(1).contains("it was judged by version 1 of the zip-safety rules"), log.warnings.toString());
    }
}

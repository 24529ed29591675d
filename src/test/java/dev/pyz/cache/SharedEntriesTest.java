package dev.pyz.cache;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.test.RecordingLog;
import dev.pyz.zip.ZipArchive;
import dev.pyz.zip.ZipRecord;
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
        inputs.add(WheelInput.of(wheel("alpha", "1.0").file("alpha/__init__.py", "A = 1\n".repeat(500)).writeTo(wheels)));
        inputs.add(WheelInput.of(wheel("beta", "2.0").file("beta/__init__.py", "B = 2\n")
                .file("beta-2.0.data/scripts/beta-tool", "#!python\nprint('b')\n").writeTo(wheels)));
        Path repo = Files.createDirectories(dir.resolve("repo"));
        try (PackCache other = new PackCache(dir.resolve("other"))) {
            for (PackCache.Prepared p : other.prepare(inputs, 2, Log.NONE)) {
                PackedWheel w = p.wheel();
                SharedEntries.Files files = SharedEntries.Files.beside(w.zip());
                Path zip = Files.copy(files.zip(), repo.resolve(w.sha256() + ".zip"));
                Path info = Files.copy(files.info(), repo.resolve(w.sha256() + ".info"));
                published.put(new SharedEntries.Key(w.sha256(), w.fileName(), ""), new SharedEntries.Files(zip, info));
            }
        }
    }

    private List<PackCache.Prepared> prepareWithStore(String cache, RecordingLog log) throws Exception {
        try (PackCache c = new PackCache(dir.resolve(cache), dev.pyz.wheel.WheelLimits.DEFAULTS, store)) {
            return c.prepare(inputs, 2, log);
        }
    }

    @Test
    void anEmptyCacheTakesTheStoresEntriesAsTheyAreAndAsksOnlyForWhatItLacks() throws Exception {
        RecordingLog log = new RecordingLog();
        List<PackCache.Prepared> got = prepareWithStore("mine", log);
        assertEquals(List.of(PackCache.Origin.SHARED, PackCache.Origin.SHARED),
                got.stream().map(PackCache.Prepared::origin).toList());
        for (PackCache.Prepared p : got) {
            SharedEntries.Files source = published.get(new SharedEntries.Key(p.wheel().sha256(), p.wheel().fileName(), ""));
            assertArrayEquals(Files.readAllBytes(source.zip()), Files.readAllBytes(p.wheel().zip()));
            assertTrue(p.wheel().zip().startsWith(dir.resolve("mine")), "copied into this cache");
        }
        assertEquals(Map.of("beta-tool", RunEvidence.ScriptKind.PYTHON), got.get(1).wheel().evidence().bin(),
                "what packing learned comes with the entry");
        assertEquals(2, asked.size());
        List<PackCache.Prepared> again = prepareWithStore("mine", new RecordingLog());
        assertEquals(List.of(PackCache.Origin.CACHE, PackCache.Origin.CACHE),
                again.stream().map(PackCache.Prepared::origin).toList());
        assertEquals(2, asked.size(), "a warm cache asks the store nothing");
    }

    @Test
    void anEntryWhoseBytesAreNotTheWheelsIsRefusedAndPackedHere() throws Exception {
        SharedEntries.Files alpha = published.values().iterator().next();
        byte[] original = Files.readAllBytes(alpha.zip());
        byte[] zip = original.clone();
        try (ZipArchive z = ZipArchive.open(alpha.zip(), "alpha")) {
            ZipRecord module = z.records().stream().filter(r -> r.name().endsWith("alpha/__init__.py")).findFirst()
                    .orElseThrow();
            int header = (int) module.localHeaderOffset();
            int data = header + 30 + (zip[header + 26] & 0xff | (zip[header + 27] & 0xff) << 8)
                    + (zip[header + 28] & 0xff | (zip[header + 29] & 0xff) << 8);
            zip[data + 5] ^= 0x01; // size and central directory kept
        }
        Files.write(alpha.zip(), zip);
        RecordingLog log = new RecordingLog();
        List<PackCache.Prepared> got = prepareWithStore("mine", log);
        assertEquals(List.of(PackCache.Origin.PACKED, PackCache.Origin.SHARED),
                got.stream().map(PackCache.Prepared::origin).toList());
        assertTrue(log.warnings.stream().anyMatch(w -> w.startsWith("The shared cache's entry for alpha-1.0-py3-none-any.whl"
                + " is refused, it is packed here: the bytes of its entry .deps/alpha-1.0-py3-none-any.whl/alpha/__init__.py"
                + " are not those of the wheel's alpha/__init__.py")), log.warnings.toString());
        assertArrayEquals(original, Files.readAllBytes(got.get(0).wheel().zip()), "the cache holds the honest packing");
    }

    @Test
    void anotherWheelsEntryOrAnInfoFileThatDoesNotMatchIsRefused() throws Exception {
        List<SharedEntries.Files> files = new ArrayList<>(published.values());
        Files.copy(files.get(1).zip(), files.get(0).zip(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        RecordingLog log = new RecordingLog();
        List<PackCache.Prepared> got = prepareWithStore("mine", log);
        assertEquals(PackCache.Origin.PACKED, got.get(0).origin());
        assertTrue(log.warnings.get(0).contains("is refused, it is packed here: the zip has"), log.warnings.toString());
    }
}

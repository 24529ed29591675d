package dev.pyz.cache;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.test.HoldLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing and pruning the pack cache by last use, leaving alone what builds hold. */
class CachePruneTest {
    @TempDir
    Path dir;

    private Path root;
    private final List<WheelInput> inputs = new ArrayList<>();

    @BeforeEach
    void packThreeWheels() throws Exception {
        root = dir.resolve("cache");
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        for (String name : List.of("alpha", "beta", "gamma")) {
            inputs.add(WheelInput.of(wheel(name, "1.0").file(name + "/__init__.py", "X = 1\n").writeTo(wheels)));
        }
        try (PackCache cache = new PackCache(root)) {
            cache.prepare(inputs, 2, Log.NONE);
        }
    }

    private CacheInventory.Entry entry(String project) throws Exception {
        return CacheInventory.scan(root).stream().filter(e -> e.fileName().startsWith(project + "-")).findFirst()
                .orElseThrow();
    }

    private void lastUsed(String project, Instant when) throws Exception {
        CacheInventory.Entry e = entry(project);
        Files.setLastModifiedTime(e.dir().resolve(e.fileName() + ".info"), FileTime.from(when));
    }

    private static List<String> names(List<CacheInventory.Entry> entries) {
        return entries.stream().map(e -> e.fileName().substring(0, e.fileName().indexOf('-'))).sorted().toList();
    }

    @Test
    void theInventoryNamesEachEntryWithItsSizeAndLastUse() throws Exception {
        List<CacheInventory.Entry> entries = CacheInventory.scan(root);
        assertEquals(List.of("alpha", "beta", "gamma"), names(entries));
        for (CacheInventory.Entry e : entries) {
            assertEquals(CacheInventory.Kind.PACKED, e.kind());
            assertEquals(PackCache.LAYOUT_VERSION, e.layout());
            long files = Files.size(e.dir().resolve(e.fileName() + ".zip")) + Files.size(e.dir().resolve(e.fileName() + ".info"));
            assertEquals(files, e.bytes(), "the zip and the info file, not the lock files");
            assertTrue(Duration.between(e.lastUse(), Instant.now()).toMinutes() < 5);
        }
        Path stopped = Files.createDirectories(root.resolve("packed/3/" + "ab".repeat(32)));
        Files.writeString(stopped.resolve("x-1.0-py3-none-any.whl.123.zip.tmp"), "half");
        CacheInventory.Entry incomplete = CacheInventory.scan(root).stream().filter(e -> !e.whole()).findFirst().orElseThrow();
        assertEquals("3", incomplete.layout(), "entries of older layouts are listed too");
        assertEquals(4, incomplete.bytes());
    }

    @Test
    void removesWhatNoBuildUsedSinceTheCutoffAndKeepsTheRest() throws Exception {
        Instant now = Instant.now();
        lastUsed("alpha", now.minus(Duration.ofDays(40)));
        lastUsed("beta", now.minus(Duration.ofDays(10)));
        CachePrune.Result dry = CachePrune.prune(root, now.minus(Duration.ofDays(30)), true);
        assertEquals(List.of("alpha"), names(dry.removed()));
        assertEquals(3, CacheInventory.scan(root).size(), "a dry run removes nothing");

        CachePrune.Result r = CachePrune.prune(root, now.minus(Duration.ofDays(30)), false);
        assertEquals(List.of("alpha"), names(r.removed()));
        assertEquals(dry.bytesFreed(), r.bytesFreed());
        assertEquals(List.of("beta", "gamma"), names(CacheInventory.scan(root)));
        assertTrue(Files.exists(r.removed().get(0).useFile()), "the lock files stay for processes waiting on them");

        try (PackCache cache = new PackCache(root)) {
            List<PackCache.Prepared> again = cache.prepare(inputs, 2, Log.NONE);
            assertEquals(List.of(true, false, false), again.stream().map(PackCache.Prepared::packed).toList(),
                    "the pruned wheel is packed again, the others come from the cache");
        }
    }

    @Test
    void entriesHeldByARunningBuildInThisOrAnotherProcessAreLeftAlone() throws Exception {
        Process other = HoldLock.start(entry("beta").useFile());
        try (PackCache running = new PackCache(root)) {
            running.prepare(List.of(inputs.get(0)), 1, Log.NONE); // holds alpha until closed
            CachePrune.Result r = CachePrune.prune(root, Instant.now().plusSeconds(60), false);
            assertEquals(List.of("gamma"), names(r.removed()));
            assertEquals(List.of("alpha", "beta"), names(r.inUse()));
            assertTrue(Files.isRegularFile(entry("alpha").dir().resolve(entry("alpha").fileName() + ".zip")));
        } finally {
            HoldLock.stop(other);
        }
        CachePrune.Result after = CachePrune.prune(root, Instant.now().plusSeconds(60), false);
        assertEquals(List.of("alpha", "beta"), names(after.removed()), "released by both builds");
        assertTrue(CacheInventory.scan(root).isEmpty());
    }

    @Test
    void aBuildReusingAnEntryRecordsItsUse() throws Exception {
        Instant old = Instant.now().minus(Duration.ofDays(3));
        lastUsed("gamma", old);
        try (PackCache cache = new PackCache(root)) {
            cache.prepare(List.of(inputs.get(2)), 1, Log.NONE);
        }
        assertTrue(entry("gamma").lastUse().isAfter(old.plus(Duration.ofDays(2))), "last use moved to now");
        assertTrue(CachePrune.prune(root, Instant.now().minus(Duration.ofDays(1)), false).removed().isEmpty());
    }

    @Test
    void digestMemosOfDeletedWheelFilesGo() throws Exception {
        Path memos = root.resolve("digests");
        assertEquals(3, CacheInventory.children(memos).size());
        Files.delete(inputs.get(1).file());
        CachePrune.Result r = CachePrune.prune(root, Instant.EPOCH, false);
        assertEquals(1, r.digestsRemoved());
        assertEquals(2, CacheInventory.children(memos).size());
        assertTrue(r.removed().isEmpty(), "no entry is older than the epoch");
    }
}

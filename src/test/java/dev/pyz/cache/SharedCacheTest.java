package dev.pyz.cache;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyz.test.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds in one JVM that share a cache (modules under mvn -T) pack each wheel once. */
class SharedCacheTest {
    @TempDir
    Path dir;

    /** Counts the "Packed and checked" lines, whichever build logs them. */
    @Test
    void fourBuildsAtOnceOnOneCachePackEachWheelOnce() throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        List<WheelInput> inputs = new ArrayList<>();
        for (String name : List.of("aa", "bb", "cc", "dd", "ee")) {
            WheelInput input = WheelInput.of(wheel(name, "1.0").file(name + "/__init__.py", ("X = '" + name + "'\n").repeat(2000))
                    .writeTo(wheels));
            inputs.add(input);
        }
        inputs.add(inputs.get(0)); // one wheel listed twice by one build
        Path cache = dir.resolve("cache");
        RecordingLog log = new RecordingLog();
        ExecutorService builds = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<PackCache.Prepared>>> results = new ArrayList<>();
        try {
            for (int b = 0; b < 4; b++) {
                List<WheelInput> mine = new ArrayList<>(inputs);
                Collections.rotate(mine, b); // each build meets the wheels in another order
                results.add(builds.submit(() -> {
                    start.await();
                    return new PackCache(cache).prepare(mine, 2, log);
                }));
            }
            start.countDown();
            List<Path> first = null;
            for (Future<List<PackCache.Prepared>> f : results) {
                List<Path> zips = f.get().stream().map(p -> p.wheel().zip().path()).sorted().toList();
                assertEquals(6, zips.size());
                if (first == null) {
                    first = zips;
                }
                assertEquals(first, zips, "every build gets the same entries");
            }
        } finally {
            builds.shutdownNow();
        }
        List<String> packed = new ArrayList<>();
        for (String message : new ArrayList<>(log.infos)) {
            if (message.contains("Packed and checked")) {
                packed.add(message.replaceAll(".*Packed and checked (\\S+) .*", "$1"));
            }
        }
        Collections.sort(packed);
        assertEquals(List.of("aa-1.0-py3-none-any.whl", "bb-1.0-py3-none-any.whl", "cc-1.0-py3-none-any.whl",
                "dd-1.0-py3-none-any.whl", "ee-1.0-py3-none-any.whl"), packed, "each wheel packed once by one of the builds");
    }
}

package dev.pyz.app;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.cache.WheelInput;
import dev.pyz.test.RecordingLog;
import dev.pyz.test.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/FORMAT.md is the contract between the build and the bootstrap: the manifest a build writes has the
 * keys the document's example shows, no more and no fewer (the bootstrap's tests build their archives with
 * the same keys: src/test/python/test_bootstrap.py, FormatContractTest).
 */
class FormatContractTest {
    @TempDir
    Path dir;

    @Test
    void theManifestHasTheKeysOfTheDocumentedExample() throws Exception {
        String doc = Files.readString(Path.of("docs/FORMAT.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("## Manifest.*?```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertTrue(m.find(), "no manifest example in docs/FORMAT.md");
        Map<String, Object> example = dev.pyz.test.JsonReader.object(m.group(1));

        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        List<WheelInput> inputs = List.of(WheelInput.of(wheel("six", "1.17.0").file("six.py", "X = 1\n").writeTo(wheels)));
        Path output = dir.resolve("out/app.pyz");
        Packager.zipapp(TestSettings.builder(dir.resolve("cache")).output(output.getParent(), "app", null,
                dir.resolve("state")).zipapp(), inputs, new RecordingLog());
        Map<String, Object> built;
        try (ZipFile zip = new ZipFile(output.toFile())) {
            built = dev.pyz.test.JsonReader.object(new String(zip.getInputStream(zip.getEntry(Manifest.PATH)).readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        assertEquals(new TreeSet<>(example.keySet()), new TreeSet<>(built.keySet()), "top-level keys");
        assertEquals(keys(example.get("build")), keys(built.get("build")), "build");
        assertEquals(keys(((List<?>) example.get("wheels")).get(0)), keys(((List<?>) built.get("wheels")).get(0)),
                "a wheel's keys");
        assertEquals(example.get("format"), built.get("format"));
    }

    private static TreeSet<String> keys(Object map) {
        TreeSet<String> keys = new TreeSet<>();
        ((Map<?, ?>) map).keySet().forEach(k -> keys.add((String) k));
        return keys;
    }
}

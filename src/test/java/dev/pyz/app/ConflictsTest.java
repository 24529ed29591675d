package dev.pyz.app;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.test.RecordingLog;
import dev.pyz.cache.CachedZip;
import dev.pyz.cache.PackCache;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.WheelInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConflictsTest {
    @TempDir
    Path dir;

    private List<PackedWheel> packed(WheelInput... inputs) throws Exception {
        List<PackedWheel> result = new ArrayList<>();
        new PackCache(dir.resolve("cache")).prepare(List.of(inputs), 2, Log.NONE).forEach(p -> result.add(p.wheel()));
        return result;
    }

    @Test
    void filesInstalledTwiceAreListedWithTheirWheelsButSharedNamespaceFoldersAreNot() throws Exception {
        Path w = Files.createDirectories(dir.resolve("w"));
        List<PackedWheel> wheels = packed(
                WheelInput.of(wheel("one", "1").file("ns/one/__init__.py", "").file("util.py", "A\n").writeTo(w)),
                WheelInput.of(wheel("two", "1").file("ns/two/__init__.py", "").file("util.py", "B\n")
                        .file("two-1.data/purelib/shared/x.py", "").writeTo(w)),
                WheelInput.of(wheel("three", "1").file("shared/x.py", "").writeTo(w)));
        Map<String, List<String>> found = Conflicts.find(wheels);
        assertEquals(Map.of("util.py", List.of("one-1-py3-none-any.whl", "two-1-py3-none-any.whl"),
                "shared/x.py", List.of("two-1-py3-none-any.whl", "three-1-py3-none-any.whl")), found);
        String message = assertThrows(PyzException.class, () -> Conflicts.check(wheels, false, Log.NONE)).getMessage();
        assertTrue(message.startsWith("2 file(s) are installed by more than one wheel"), message);
        assertTrue(message.contains("\n  util.py: one-1-py3-none-any.whl, two-1-py3-none-any.whl"), message);
        assertTrue(message.contains("-Dpyz.allowConflicts"), message);
    }

    @Test
    void onlyWheelsThatShareAFirstPathSegmentAreRead() throws Exception {
        Path w = Files.createDirectories(dir.resolve("w"));
        List<PackedWheel> wheels = new ArrayList<>(packed(
                WheelInput.of(wheel("one", "1").file("ns/one/__init__.py", "").file("util.py", "A\n").writeTo(w)),
                WheelInput.of(wheel("two", "1").file("ns/two/__init__.py", "").file("util.py", "B\n")
                        .file("two-1.data/purelib/shared/x.py", "").file("two-1.data/scripts/tool", "#!python\n")
                        .writeTo(w)),
                WheelInput.of(wheel("alone", "1").file("alone/__init__.py", "").writeTo(w))));
        assertEquals(List.of("ns", "one-1.dist-info", "util.py"), wheels.get(0).topLevel());
        assertEquals(List.of("bin", "ns", "shared", "two-1.dist-info", "util.py"), wheels.get(1).topLevel(),
                "the installed layout's first segments: .data installed where pip puts it");
        // a wheel whose zip cannot be read: found only if something reads it
        PackedWheel alone = wheels.get(2);
        wheels.set(2, new PackedWheel(alone.fileName(), alone.sha256(), alone.name(), alone.version(),
                alone.requiresPython(), alone.requirements(), alone.distInfo(), alone.extract(), alone.entries(),
                alone.topLevel(), alone.scripts(), CachedZip.at(dir.resolve("gone.zip")), alone.recordProblems(),
                alone.evidence()));
        assertEquals(Map.of("util.py", List.of("one-1-py3-none-any.whl", "two-1-py3-none-any.whl")),
                Conflicts.find(wheels));
    }

    @Test
    void allowedConflictsAreAWarning() throws Exception {
        Path w = Files.createDirectories(dir.resolve("w"));
        List<PackedWheel> wheels = packed(WheelInput.of(wheel("one", "1").file("util.py", "A\n").writeTo(w)),
                WheelInput.of(wheel("two", "1").file("util.py", "B\n").writeTo(w)));
        RecordingLog log = new RecordingLog();
        List<String> warnings = log.warnings;
        Conflicts.check(wheels, true, log);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("util.py: one-1-py3-none-any.whl, two-1-py3-none-any.whl"));
        Conflicts.check(packed(WheelInput.of(wheel("solo", "1").file("solo.py", "").writeTo(w))), false, Log.NONE);
    }
}

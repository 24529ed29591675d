package dev.pyz.app;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.cache.PackCache;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.WheelInput;
import dev.pyz.requirement.PythonVersion;
import dev.pyz.requirement.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetCheckTest {
    @TempDir
    Path dir;

    private List<PackedWheel> wheels() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("wheels"));
        List<WheelInput> inputs = List.of(
                WheelInput.of(wheel("pure", "1.0").file("pure/__init__.py", "").writeTo(folder)),
                WheelInput.of(wheel("newer", "1.0").metadata("Requires-Python", ">=3.12")
                        .file("newer/__init__.py", "").writeTo(folder)),
                WheelInput.of(wheel("native", "1.0").tags("cp312-cp312-manylinux_2_17_x86_64")
                        .file("native/__init__.py", "").writeTo(folder)));
        List<PackedWheel> result = new ArrayList<>();
        new PackCache(dir.resolve("cache")).prepare(inputs, 1, Log.NONE).forEach(p -> result.add(p.wheel()));
        return result;
    }

    @Test
    void everyWheelThatDoesNotFitIsListedWithWhy() throws Exception {
        List<PackedWheel> wheels = wheels();
        PyzException e = assertThrows(PyzException.class,
                () -> TargetCheck.check(wheels, new Target(PythonVersion.parse("3.11"), "linux", "x86_64")));
        assertTrue(e.getMessage().startsWith("2 wheel(s) cannot run on the target, CPython 3.11 on linux x86_64:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("newer-1.0-py3-none-any.whl: Requires-Python >=3.12"), e.getMessage());
        assertTrue(e.getMessage().contains("native-1.0-cp312-cp312-manylinux_2_17_x86_64.whl: built for"
                + " cp312-cp312-manylinux_2_17_x86_64"), e.getMessage());
        assertEquals(List.of(), TargetCheck.problems(wheels, new Target(PythonVersion.parse("3.12"), "linux", "x86_64")));
        assertDoesNotThrow(() -> TargetCheck.check(wheels, new Target(PythonVersion.parse("3.12"), "linux", "x86_64")));
        assertEquals(1, TargetCheck.problems(wheels, new Target(PythonVersion.parse("3.12"), "linux", "aarch64")).size());
    }
}

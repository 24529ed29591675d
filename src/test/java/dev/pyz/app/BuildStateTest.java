package dev.pyz.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.cache.WheelInput;
import dev.pyz.test.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStateTest {
    @TempDir
    Path dir;

    @Test
    void upToDateUntilAnInputOrTheOutputChanges() throws Exception {
        Path wheel = Files.writeString(dir.resolve("a-1-py3-none-any.whl"), "wheel");
        Path src = Files.createDirectories(dir.resolve("src/pkg"));
        Path module = Files.writeString(src.resolve("m.py"), "x = 1\n");
        Path output = Files.writeString(dir.resolve("app.pyz"), "built");
        ZipappSettings options = settings(output, "pkg.m", 1);
        List<WheelInput> wheels = List.of(WheelInput.of(wheel));
        BuildState state = new BuildState(dir.resolve("state/app.pyz.state"));
        String fingerprint = options.fingerprint(wheels);
        assertFalse(state.isUpToDate(fingerprint, output), "nothing recorded yet");
        state.record(fingerprint, output);
        assertTrue(state.isUpToDate(options.fingerprint(wheels), output));

        ZipappSettings newer = TestSettings.builder(dir.resolve("cache")).sourceDirectory(dir.resolve("src"))
                .entry("pkg.m", null).project("g:a:1", "2").output(dir, "app", null, dir.resolve("state")).zipapp();
        assertFalse(state.isUpToDate(newer.fingerprint(wheels), output), "plugin version");
        assertFalse(state.isUpToDate(settings(output, "pkg.n", 1).fingerprint(wheels), output), "entry point");
        assertTrue(state.isUpToDate(settings(output, "pkg.m", 8).fingerprint(wheels), output), "threads change no byte");
        ZipappSettings target = TestSettings.builder(dir.resolve("cache")).sourceDirectory(dir.resolve("src"))
                .entry("pkg.m", null).targetPython("3.12").output(dir, "app", null, dir.resolve("state")).zipapp();
        assertFalse(state.isUpToDate(target.fingerprint(wheels), output), "target");

        Files.setLastModifiedTime(module, FileTime.fromMillis(Files.getLastModifiedTime(module).toMillis() + 2000));
        String touched = options.fingerprint(wheels);
        assertNotEquals(fingerprint, touched);
        assertFalse(state.isUpToDate(touched, output), "a source changed");
        Files.setLastModifiedTime(module, FileTime.fromMillis(Files.getLastModifiedTime(module).toMillis() - 2000));
        Files.writeString(src.resolve("new.py"), "");
        assertFalse(state.isUpToDate(options.fingerprint(wheels), output), "a source was added");
        Files.delete(src.resolve("new.py"));

        Files.writeString(output, "tampered output");
        assertFalse(state.isUpToDate(fingerprint, output), "the output changed");
    }

    private ZipappSettings settings(Path output, String main, int threads) throws Exception {
        return TestSettings.builder(dir.resolve("cache")).sourceDirectory(dir.resolve("src")).entry(main, null)
                .threads(threads).output(output.getParent(), "app", null, dir.resolve("state")).zipapp();
    }

    @Test
    void withoutATargetTheInterpretersIdentityIsAnInputEvenWithoutBytecode() throws Exception {
        java.util.List<Path> pythons = new java.util.ArrayList<>();
        for (String v : dev.pyz.test.Pythons.SUPPORTED) {
            dev.pyz.test.Pythons.find(v).ifPresent(pythons::add);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(pythons.size() >= 2, "needs two Pythons");
        Files.createDirectories(dir.resolve("src"));
        List<WheelInput> none = List.of();
        java.util.function.Function<Path, String> fingerprint = python -> {
            try {
                return TestSettings.builder(dir.resolve("cache")).python(python.toString(), null)
                        .output(dir, "app", null, dir.resolve("state")).zipapp().fingerprint(none);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertNotEquals(fingerprint.apply(pythons.get(0)), fingerprint.apply(pythons.get(1)),
                "the target comes from the interpreter, so another one is another build");
        String declared0 = TestSettings.builder(dir.resolve("cache")).python(pythons.get(0).toString(), null)
                .targetPython("3.12").output(dir, "app", null, dir.resolve("state")).zipapp().fingerprint(none);
        String declared1 = TestSettings.builder(dir.resolve("cache")).python(pythons.get(1).toString(), null)
                .targetPython("3.12").output(dir, "app", null, dir.resolve("state")).zipapp().fingerprint(none);
        assertTrue(declared0.replace(pythons.get(0).toString(), "P").equals(declared1.replace(pythons.get(1).toString(), "P")),
                "with a declared target and no bytecode, the interpreter changes nothing but its name");
    }
}

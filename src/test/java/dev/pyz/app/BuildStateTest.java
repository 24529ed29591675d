package dev.pyz.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.cache.WheelInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
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
        ZipappBuilder.Options options = new ZipappBuilder.Options(output, null, dir.resolve("src"), "pkg.m", null,
                "g:a:1", "p", Optional.empty(), 1);
        List<WheelInput> wheels = List.of(WheelInput.of(wheel));
        BuildState state = new BuildState(dir.resolve("state/app.pyz.state"));
        String fingerprint = BuildState.fingerprint(wheels, options, "1");
        assertFalse(state.isUpToDate(fingerprint, output), "nothing recorded yet");
        state.record(fingerprint, output);
        assertTrue(state.isUpToDate(BuildState.fingerprint(wheels, options, "1"), output));

        assertFalse(state.isUpToDate(BuildState.fingerprint(wheels, options, "2"), output), "plugin version");
        ZipappBuilder.Options otherMain = new ZipappBuilder.Options(output, null, dir.resolve("src"), "pkg.n", null,
                "g:a:1", "p", Optional.empty(), 1);
        assertFalse(state.isUpToDate(BuildState.fingerprint(wheels, otherMain, "1"), output), "entry point");
        ZipappBuilder.Options moreThreads = new ZipappBuilder.Options(output, null, dir.resolve("src"), "pkg.m", null,
                "g:a:1", "p", Optional.empty(), 8);
        assertTrue(state.isUpToDate(BuildState.fingerprint(wheels, moreThreads, "1"), output), "threads change no byte");

        Files.setLastModifiedTime(module, FileTime.fromMillis(Files.getLastModifiedTime(module).toMillis() + 2000));
        String touched = BuildState.fingerprint(wheels, options, "1");
        assertNotEquals(fingerprint, touched);
        assertFalse(state.isUpToDate(touched, output), "a source changed");
        Files.setLastModifiedTime(module, FileTime.fromMillis(Files.getLastModifiedTime(module).toMillis() - 2000));
        Files.writeString(src.resolve("new.py"), "");
        assertFalse(state.isUpToDate(BuildState.fingerprint(wheels, options, "1"), output), "a source was added");
        Files.delete(src.resolve("new.py"));

        Files.writeString(output, "tampered output");
        assertFalse(state.isUpToDate(fingerprint, output), "the output changed");
    }
}

package dev.pyz.app;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import dev.pyz.bytecode.Interpreter;
import dev.pyz.cache.WheelInput;
import dev.pyz.test.Pythons;
import dev.pyz.test.RecordingLog;
import dev.pyz.test.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's entry point, end to end: settings in, a zipapp (or one clear refusal) out. */
class PackagerTest {
    @TempDir
    Path dir;

    private Path sources() throws Exception {
        Path src = dir.resolve("src/app");
        if (Files.isDirectory(src)) {
            return src.getParent();
        }
        Files.createDirectories(src);
        Files.writeString(src.resolve("__init__.py"), "");
        Files.writeString(src.resolve("main.py"), "import sys\n\n\ndef run():\n    return 0\n");
        return src.getParent();
    }

    private List<WheelInput> wheels(String tags) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("wheels"));
        return List.of(WheelInput.of(wheel("lib", "1.0").tags(tags).file("lib/__init__.py", "X = 1\n").writeTo(folder)));
    }

    private static Path python() {
        Path python = Pythons.any().orElse(null);
        Assumptions.assumeTrue(python != null, "no Python here");
        return python;
    }

    /** What {@code python} answers when the build starts it. */
    private static Interpreter interpreter(Path python) throws Exception {
        try (var c = dev.pyz.bytecode.Compiler.start(python, 1)) {
            return c.interpreter();
        }
    }

    private SettingsBuilder settings(String main) throws Exception {
        return TestSettings.builder(dir.resolve("cache")).sourceDirectory(sources()).entry(main, null)
                .output(dir.resolve("out"), "app", null, dir.resolve("state"));
    }

    @Test
    void aTypoInMainFailsTheBuildNamingWhatIsThere() throws Exception {
        List<WheelInput> wheels = wheels("py3-none-any");
        String module = assertThrows(PyzException.class, () -> Packager.zipapp(settings("app.mian:run").zipapp(), wheels,
                new RecordingLog())).getMessage();
        assertEquals("main 'app.mian:run' names the module app.mian, which is neither in the project's sources nor in a"
                + " bundled wheel (as app/mian.py or app/mian/__init__.py); did you mean app.main?", module);
        String function = assertThrows(PyzException.class, () -> Packager.zipapp(settings("app.main:rnu").zipapp(),
                wheels, new RecordingLog())).getMessage();
        assertTrue(function.matches("main 'app.main:rnu' names app.main:rnu, but .*app/main.py defines no rnu"), function);
        String wheelModule = assertThrows(PyzException.class, () -> Packager.zipapp(settings("lib.cli").zipapp(),
                wheels, new RecordingLog())).getMessage();
        assertTrue(wheelModule.startsWith("main 'lib.cli' names the module lib.cli, which is neither"), wheelModule);
        assertFalse(Files.exists(dir.resolve("out/app.pyz")));

        String packageWithoutMain = assertThrows(PyzException.class, () -> Packager.zipapp(settings("lib").zipapp(),
                wheels, new RecordingLog())).getMessage();
        assertEquals("main 'lib' names the package lib, which has no __main__.py (python -m runs a package's"
                + " __main__ module); name a module, or a function as lib:function", packageWithoutMain);
        Packager.zipapp(settings("app.main:run").zipapp(), wheels, new RecordingLog());
        Packager.zipapp(settings("lib:X").forceCreation(true).zipapp(), wheels, new RecordingLog());
        assertTrue(Files.isRegularFile(dir.resolve("out/app.pyz")));
    }

    @Test
    void aFunctionBoundWithoutItsNameOrAModuleWithoutSourceIsTakenAsItIs() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("wheels"));
        List<WheelInput> wheels = List.of(
                WheelInput.of(wheel("star", "1.0").file("star/__init__.py", "from ._impl import *\n")
                        .file("star/_impl.py", "def main():\n    return 0\n").writeTo(folder)),
                WheelInput.of(wheel("compiled", "1.0").file("compiled/__init__.pyc", new byte[16]).writeTo(folder)));
        Packager.zipapp(settings("star:main").zipapp(), wheels, new RecordingLog());
        Packager.zipapp(settings("compiled:main").forceCreation(true).zipapp(), wheels, new RecordingLog());
        assertTrue(Files.isRegularFile(dir.resolve("out/app.pyz")));
    }

    @Test
    void withoutTargetPythonTheBuildTargetsTheInterpreterAndRefusesWheelsForAnotherPython() throws Exception {
        Path python = python();
        Interpreter interpreter = interpreter(python);
        String other = interpreter.minorVersion().equals("3.9") ? "cp310" : "cp39";
        List<WheelInput> wheels = wheels(other + "-" + other + "-manylinux_2_17_x86_64");
        RecordingLog log = new RecordingLog();
        String message = assertThrows(PyzException.class, () -> Packager.zipapp(settings("app.main:run")
                .bytecode("off").python(python.toString(), null).zipapp(), wheels, log)).getMessage();
        assertTrue(message.startsWith("1 wheel(s) cannot run on the target, CPython " + interpreter.version() + " on "),
                message);
        assertTrue(message.contains("lib-1.0-" + other + "-" + other + "-manylinux_2_17_x86_64.whl: built for"), message);
        assertTrue(log.infos.stream().anyMatch(i -> i.startsWith("Target: CPython " + interpreter.version())
                && i.contains("the version of the interpreter found")), log.infos.toString());
    }

    @Test
    void withoutAnyInterpreterTheBuildSaysWhatIsNotChecked() throws Exception {
        RecordingLog log = new RecordingLog();
        Packager.zipapp(settings("app.main:run").python("no-such-python", dir.toString()).zipapp(),
                wheels("cp39-cp39-manylinux_2_17_x86_64"), log);
        assertTrue(log.warnings.stream().anyMatch(w -> w.startsWith("No target Python: targetPython is not set and no"
                + " no-such-python was found")), log.warnings.toString());
    }

    @Test
    void anExtractExcludePatternThatMatchesNothingIsNamed() throws Exception {
        List<WheelInput> wheels = wheels("py3-none-any");
        RecordingLog log = new RecordingLog();
        Packager.zipapp(settings("app.main:run").extraction(List.of("lib"), List.of(),
                List.of("lib/**", "include/**", "lib/*.h")).zipapp(), wheels, log);
        assertEquals(List.of("extractExclude 'include/**' matches no file of a wheel extracted at run time; patterns are"
                + " paths inside a wheel, from its root (tensorflow/include/**)", "extractExclude 'lib/*.h' matches no file"
                + " of a wheel extracted at run time; patterns are paths inside a wheel, from its root"
                + " (tensorflow/include/**)"), log.warnings);
        assertTrue(ExtractChoice.glob("a/**/b?.h").matcher("a/x/y/bc.h").matches());
        assertTrue(ExtractChoice.glob("a/**/b?.h").matcher("a/bc.h").matches());
        assertFalse(ExtractChoice.glob("a/*.h").matcher("a/x/b.h").matches());
        assertTrue(ExtractChoice.glob("a/**").matcher("a").matches() || ExtractChoice.glob("a/**").matcher("a/x").matches());
    }

    @Test
    void twoVersionsOfOneDistributionAreNamedBeforeTheirFilesCollide() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("two"));
        List<WheelInput> wheels = List.of(WheelInput.of(wheel("dup", "1.0").file("dup/__init__.py", "").writeTo(folder)),
                WheelInput.of(wheel("dup", "2.0").file("dup/__init__.py", "").writeTo(folder)));
        String message = assertThrows(PyzException.class, () -> Packager.zipapp(settings("app.main:run").zipapp(), wheels,
                new RecordingLog())).getMessage();
        assertEquals("distribution dup is bundled more than once: dup-1.0-py3-none-any.whl, dup-2.0-py3-none-any.whl;"
                + " keep one version", message);
    }

    @Test
    void aBuildAssumesTheInterpreterTheLastOneStartedAndKeepsNothingOfAWrongAssumption() throws Exception {
        Path python = python();
        Interpreter interpreter = interpreter(python);
        // a wheel only the real interpreter's version takes: a wrong assumption about the version fails the
        // target check, and that failure must not be the build's
        String tag = "cp" + interpreter.minorVersion().replace(".", "");
        List<WheelInput> wheels = wheels(tag + "-none-any");
        ZipappSettings settings = settings("app.main:run").bytecode("required").python(python.toString(), null)
                .forceCreation(true).zipapp();
        RecordingLog first = new RecordingLog();
        Path output = Packager.zipapp(settings, wheels, first).output();
        byte[] built = Files.readAllBytes(output);
        Path memos = dir.resolve("cache/interpreters");
        List<Path> files;
        try (var list = Files.list(memos)) {
            files = list.toList();
        }
        assertEquals(1, files.size(), "what the interpreter answered is remembered");
        String memo = Files.readString(files.get(0));
        assertTrue(memo.contains("magic=" + interpreter.magic() + "\n"), memo);

        Files.delete(files.get(0));
        RecordingLog unassumed = new RecordingLog();
        Packager.zipapp(settings, wheels, unassumed); // waits for the interpreter, remembers it again
        assertEquals(memo, Files.readString(files.get(0)));
        RecordingLog assumed = new RecordingLog();
        Packager.zipapp(settings, wheels, assumed);
        assertArrayEquals(built, Files.readAllBytes(output), "built on the assumption, the same bytes");
        assertEquals(unassumed.infos.stream().map(PackagerTest::withoutTimes).toList(),
                assumed.infos.stream().map(PackagerTest::withoutTimes).toList(), "and the same log");

        for (String wrong : List.of(memo.replace("magic=" + interpreter.magic(), "magic=00000d0a"),
                memo.replace("version=" + interpreter.version(), "version=3.99.0"))) {
            Files.writeString(files.get(0), wrong);
            RecordingLog log = new RecordingLog();
            Packager.zipapp(settings, wheels, log);
            assertArrayEquals(built, Files.readAllBytes(output), "the build for the interpreter that started");
            assertEquals(1, log.infos.stream().filter(i -> i.startsWith("The interpreter is not the one the last build"
                    + " started with this cache")).count(), log.infos.toString());
            assertEquals(1, log.infos.stream().filter(i -> i.startsWith("Target: ")).count(),
                    "nothing said of the wrong assumption: " + log.infos);
            assertTrue(log.infos.stream().anyMatch(i -> i.startsWith("Target: CPython " + interpreter.version() + " ")),
                    log.infos.toString());
            assertEquals(memo, Files.readString(files.get(0)), "the memo is the interpreter's answer again");
        }
    }

    private static String withoutTimes(String line) {
        return line.replaceAll("\\([^()]*\\d s\\)", "(time)").replaceAll("[\\d.]+ s\\b", "t");
    }

    @Test
    void anUpToDateBuildDoesNothingAndAChangedSettingBuildsAgain() throws Exception {
        List<WheelInput> wheels = wheels("py3-none-any");
        RecordingLog log = new RecordingLog();
        assertTrue(Packager.zipapp(settings("app.main:run").zipapp(), wheels, log).built());
        assertFalse(Packager.zipapp(settings("app.main:run").zipapp(), wheels, log).built());
        assertTrue(Packager.zipapp(settings("app.main").zipapp(), wheels, log).built());
        assertTrue(Packager.zipapp(settings("app.main").targetPython("3.12").zipapp(), wheels, log).built());
    }
}

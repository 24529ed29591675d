package dev.pyz.app;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pyz.Log;
import dev.pyz.cache.PackCache;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.WheelInput;
import dev.pyz.test.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractChoiceTest {
    @TempDir
    Path dir;

    private List<PackedWheel> pack(boolean withChecker) throws Exception {
        return pack(withChecker ? "mypy" : null);
    }

    private List<PackedWheel> pack(String analyzer) throws Exception {
        Path wheels = Files.createDirectories(dir.resolve(analyzer == null ? "without" : analyzer));
        List<WheelInput> inputs = new ArrayList<>(List.of(
                WheelInput.of(wheel("typedlib", "1.0").file("typedlib/__init__.py", "X = 1\n")
                        .file("typedlib/py.typed", "").writeTo(wheels)),
                WheelInput.of(wheel("nested-typed", "1.0").file("ns/inner/__init__.py", "")
                        .file("ns/inner/py.typed", "partial\n").writeTo(wheels)),
                WheelInput.of(wheel("types-foo", "1.0").file("foo-stubs/__init__.pyi", "X: int\n").writeTo(wheels)),
                WheelInput.of(wheel("plain", "1.0").file("plain/__init__.py", "# py.typed is a word here\n")
                        .file("plain/notpy.typed.txt", "").writeTo(wheels))));
        if (analyzer != null) {
            inputs.add(WheelInput.of(wheel(analyzer, "1.0").file(analyzer + "/__init__.py", "").writeTo(wheels)));
        }
        List<PackedWheel> result = new ArrayList<>();
        new PackCache(dir.resolve("cache")).prepare(inputs, 2, Log.NONE).forEach(p -> result.add(p.wheel()));
        return result;
    }

    private static Map<String, Boolean> extracted(List<PackedWheel> wheels) {
        Map<String, Boolean> m = new TreeMap<>();
        wheels.forEach(w -> m.put(w.name(), w.extract()));
        return m;
    }

    @Test
    void typedWheelsReachTheDiskWhenATypeCheckerThatReadsFoldersIsBundled() throws Exception {
        RecordingLog log = new RecordingLog();
        List<PackedWheel> decided = ExtractChoice.decide(pack(true), new ZipappSettings.Extraction(List.of(),
                List.of(), List.of()), log);
        assertEquals(Map.of("typedlib", true, "nested-typed", true, "types-foo", true, "plain", false, "mypy", false),
                extracted(decided));
        assertEquals(List.of(
                "Extracting nested_typed-1.0-py3-none-any.whl at run time: it is typed (ns/inner/py.typed), and the"
                        + " bundled mypy finds typed packages only in folders (zipSafeWheels keeps it in the archive)",
                "Extracting typedlib-1.0-py3-none-any.whl at run time: it is typed (typedlib/py.typed), and the"
                        + " bundled mypy finds typed packages only in folders (zipSafeWheels keeps it in the archive)",
                "Extracting types_foo-1.0-py3-none-any.whl at run time: it is typed (foo-stubs/), and the"
                        + " bundled mypy finds typed packages only in folders (zipSafeWheels keeps it in the archive)"),
                log.infos.stream().sorted().toList());
    }

    @Test
    void pytestPluginsReachTheDiskWhenPytestIsBundledSoThatItRewritesTheirAsserts() throws Exception {
        for (boolean withPytest : new boolean[] {true, false}) {
            Path wheels = Files.createDirectories(dir.resolve("pytest-" + withPytest));
            List<WheelInput> inputs = new ArrayList<>(List.of(
                    WheelInput.of(wheel("pytest-mockish", "1.0").file("pytest_mockish/__init__.py", "")
                            .entryPoints("[pytest11]\nmockish = pytest_mockish\n").writeTo(wheels)),
                    WheelInput.of(wheel("cli", "1.0").file("cli/__init__.py", "def main(): pass\n")
                            .entryPoints("[console_scripts]\ncli = cli:main\n").writeTo(wheels))));
            if (withPytest) {
                inputs.add(WheelInput.of(wheel("pytest", "1.0").file("pytest/__init__.py", "").writeTo(wheels)));
            }
            List<PackedWheel> packed = new ArrayList<>();
            new PackCache(dir.resolve("cache")).prepare(inputs, 2, Log.NONE).forEach(p -> packed.add(p.wheel()));
            RecordingLog log = new RecordingLog();
            List<PackedWheel> decided = ExtractChoice.decide(packed, new ZipappSettings.Extraction(List.of(),
                    List.of(), List.of()), log);
            assertEquals(withPytest, extracted(decided).get("pytest-mockish"));
            assertEquals(false, extracted(decided).get("cli"));
            assertEquals(withPytest ? List.of("Extracting pytest_mockish-1.0-py3-none-any.whl at run time: it is a"
                    + " pytest plugin (pytest11 entry point), and the bundled pytest rewrites the asserts of plugins"
                    + " only from source files (zipSafeWheels keeps it in the archive)") : List.of(), log.infos);
        }
    }

    @Test
    void everyWheelReachesTheDiskWhenAstroidInfersFromIt() throws Exception {
        RecordingLog log = new RecordingLog();
        List<PackedWheel> decided = ExtractChoice.decide(pack("astroid"), new ZipappSettings.Extraction(List.of(),
                List.of("plain"), List.of()), log);
        assertEquals(Map.of("typedlib", true, "nested-typed", true, "types-foo", true, "plain", false, "astroid", true),
                extracted(decided));
        assertEquals("Extracting astroid-1.0-py3-none-any.whl at run time: the bundled astroid infers from the files of"
                + " the modules a checked program imports (zipSafeWheels keeps it in the archive)",
                log.infos.stream().filter(m -> m.contains("astroid-1.0")).findFirst().orElse(null));
        assertEquals(4, log.infos.size(), log.infos.toString());
    }

    @Test
    void wheelsWithDataForThePrefixReachTheDisk() throws Exception {
        Path dir2 = Files.createDirectories(dir.resolve("data"));
        List<WheelInput> inputs = List.of(
                WheelInput.of(wheel("datawheel", "1.0").file("datawheel/__init__.py", "")
                        .file("datawheel-1.0.data/data/share/jupyter/nbconvert/a.tpl", "a")
                        .file("datawheel-1.0.data/data/etc/jupyter/c.json", "{}").writeTo(dir2)),
                WheelInput.of(wheel("sharepkg", "1.0").file("share/__init__.py", "").file("share/x.txt", "x")
                        .writeTo(dir2)),
                WheelInput.of(wheel("manpage", "1.0").file("manpage/__init__.py", "")
                        .file("manpage-1.0.data/data/share/man/man1/manpage.1", ".TH MANPAGE 1")
                        .file("manpage-1.0.data/data/share/doc/manpage/README", "read me").writeTo(dir2)));
        List<PackedWheel> packed = new ArrayList<>();
        new PackCache(dir.resolve("cache")).prepare(inputs, 2, Log.NONE).forEach(p -> packed.add(p.wheel()));
        RecordingLog log = new RecordingLog();
        List<PackedWheel> decided = ExtractChoice.decide(packed, new ZipappSettings.Extraction(List.of(), List.of(),
                List.of()), log);
        assertEquals(Map.of("datawheel", true, "sharepkg", false, "manpage", false), extracted(decided));
        assertEquals(List.of("Extracting datawheel-1.0-py3-none-any.whl at run time: it installs data files under the"
                + " environment's prefix (etc/, share/), where tools look for them (zipSafeWheels keeps it in the archive)"),
                log.infos);
        assertEquals(List.of("etc", "share"), PrefixData.of(decided.get(0)));
        assertEquals(List.of(), PrefixData.of(decided.get(1)), "a package called share is no data");
        assertEquals(List.of(), PrefixData.of(decided.get(2)), "manual pages and docs are for people");
    }

    @Test
    void withoutATypeCheckerOrWhenKeptTheyStayInTheArchive() throws Exception {
        RecordingLog log = new RecordingLog();
        ZipappSettings.Extraction none = new ZipappSettings.Extraction(List.of(), List.of(), List.of());
        assertEquals(Map.of("typedlib", false, "nested-typed", false, "types-foo", false, "plain", false),
                extracted(ExtractChoice.decide(pack(false), none, log)));
        assertEquals(List.of(), log.infos);
        ZipappSettings.Extraction kept = new ZipappSettings.Extraction(List.of(), List.of("typedlib"), List.of());
        assertEquals(Map.of("typedlib", false, "nested-typed", true, "types-foo", true, "plain", false, "mypy", false),
                extracted(ExtractChoice.decide(pack(true), kept, log)));
    }
}

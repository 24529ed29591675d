package dev.pyz.app;

import static dev.pyz.test.WheelBuilder.wheel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.cache.PackCache;
import dev.pyz.cache.PackedWheel;
import dev.pyz.cache.WheelInput;
import dev.pyz.test.TestSettings;
import dev.pyz.zip.CentralDirectory;
import dev.pyz.zip.DosTime;
import dev.pyz.zip.ZipRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipappBuilderTest {
    @TempDir
    Path dir;

    private List<PackedWheel> wheels(Path cacheDir) throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("wheels"));
        List<WheelInput> inputs = List.of(
                WheelInput.of(wheel("zeta", "2.0").file("zeta/__init__.py", "Z = 26\n").writeTo(wheels)),
                WheelInput.of(wheel("alpha", "1.0").file("alpha/__init__.py", "A = 1\n")
                        .entryPoints("[console_scripts]\nalpha-cli = alpha.cli:run\nbroken = not a callable\n"
                                + "[gui_scripts]\nalpha-gui = alpha.gui:App.start [ui]\n").writeTo(wheels)));
        List<PackedWheel> result = new ArrayList<>();
        new PackCache(cacheDir).prepare(inputs, 2, Log.NONE).forEach(p -> result.add(p.wheel()));
        return result;
    }

    private Path sources() throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("app/__pycache__"));
        Files.writeString(src.resolve("app/__init__.py"), "");
        Files.writeString(src.resolve("app/main.py"), "def run():\n    return 3\n".repeat(20));
        Files.writeString(src.resolve("app/__pycache__/main.cpython-311.pyc"), "junk");
        Files.writeString(src.resolve("__main__.py"), "print('own main')\n");
        return src;
    }

    /** The settings of an archive written to {@code output}, with this test's cache; the rest as chained. */
    private SettingsBuilder options(Path output) {
        return TestSettings.builder(dir.resolve("cache")).output(output.getParent(), TestSettings.name(output), null,
                dir.resolve("state"));
    }

    /** What the Packager does after its checks: the entry point resolved, then the archive written. */
    private static ZipappBuilder.Result build(List<PackedWheel> wheels, ZipappSettings s) throws java.io.IOException {
        return build(wheels, Optional.empty(), s);
    }

    private static ZipappBuilder.Result build(List<PackedWheel> wheels, Optional<ZipappBuilder.Bytecode> bytecode,
            ZipappSettings s) throws java.io.IOException {
        SourceTree sources = SourceTree.scan(s.sources());
        EntryPoint entry = EntryPoint.resolve(s.main(), s.script(), sources.hasMain(), wheels);
        return ZipappBuilder.build(s, Optional.empty(), new ZipappBuilder.Contents(wheels, sources, entry, bytecode),
                Log.NONE);
    }

    @Test
    void layoutFollowsTheFormat() throws Exception {
        Path out = dir.resolve("out/app.pyz");
        ZipappBuilder.Result result = build(wheels(dir.resolve("cache")), options(out).sourceDirectory(sources())
                .main("app.main:run").threads(2).outputTimestamp("2024-01-02T03:04:06Z").zipapp());
        byte[] bytes = Files.readAllBytes(out);
        assertTrue(new String(bytes, 0, 25, StandardCharsets.ISO_8859_1).startsWith("#!/usr/bin/env python3\nPK"));
        assertTrue(Files.isExecutable(out));
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(out.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                names.add(e.getName());
                zip.getInputStream(e).readAllBytes(); // checks every CRC
            }
            String manifest = new String(zip.getInputStream(zip.getEntry(".pyz/manifest.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(manifest.contains("\"kind\": \"callable\""), manifest);
            assertTrue(manifest.contains("\"timestamp\": \"2024-01-02T03:04:06Z\""), manifest);
            assertTrue(manifest.indexOf("alpha-1.0-py3-none-any.whl") < manifest.indexOf("zeta-2.0-py3-none-any.whl"));
            // the scripts pip would install: extras left out, an entry point naming no callable not installed
            String flat = manifest.replaceAll("\\s+", "");
            assertTrue(flat.contains("\"scripts\":{\"alpha-cli\":\"alpha.cli:run\",\"alpha-gui\":\"alpha.gui:App.start\"}"),
                    manifest);
            assertTrue(flat.contains("\"scripts\":null"), manifest);
            assertEquals("print('own main')\n", new String(zip.getInputStream(zip.getEntry(".pyz/app_main.py")).readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        String a = ".deps/alpha-1.0-py3-none-any.whl/";
        String z = ".deps/zeta-2.0-py3-none-any.whl/";
        assertEquals(List.of(".deps/", a, a + "alpha-1.0.dist-info/", a + "alpha-1.0.dist-info/METADATA",
                a + "alpha-1.0.dist-info/RECORD", a + "alpha-1.0.dist-info/WHEEL", a + "alpha-1.0.dist-info/entry_points.txt",
                a + "alpha/", a + "alpha/__init__.py", z, z + "zeta-2.0.dist-info/", z + "zeta-2.0.dist-info/METADATA",
                z + "zeta-2.0.dist-info/RECORD", z + "zeta-2.0.dist-info/WHEEL", z + "zeta/", z + "zeta/__init__.py",
                "app/", "app/__init__.py", "app/main.py", ".pyz/", ".pyz/manifest.json", ".pyz/app_main.py",
                ".pyz/pyz_bootstrap.py", ".pyz/pyz_extract.py", ".pyz/pyz_cache.py", "__main__.py"), names);
        assertEquals(result.entries(), names.size());
        long projectTime = DosTime.of(Instant.parse("2024-01-02T03:04:06Z"));
        for (ZipRecord r : CentralDirectory.read(out).records()) {
            boolean fromWheel = r.name().startsWith(".deps/");
            assertEquals(fromWheel ? DosTime.EPOCH : projectTime, r.dosDateTime(), r.name());
        }
    }

    @Test
    void sameInputsGiveTheSameBytesWhateverTheThreadsCacheAndTimeZone() throws Exception {
        Path src = sources();
        TimeZone zone = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            Path one = dir.resolve("one.pyz");
            build(wheels(dir.resolve("cache1")), options(one).sourceDirectory(src).threads(1).zipapp());
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            Path four = dir.resolve("four.pyz");
            build(wheels(dir.resolve("cache2")), options(four).sourceDirectory(src).threads(4).zipapp());
            assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(four));
        } finally {
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void anArchiveWrittenIntoTheSpareHasTheBytesOfOneWrittenAnew() throws Exception {
        Path src = sources();
        List<PackedWheel> all = wheels(dir.resolve("cache"));
        List<PackedWheel> one = all.subList(0, 1);
        Path fresh = dir.resolve("fresh/app.pyz");
        build(all, options(fresh).sourceDirectory(src).reuseSpace(false).zipapp());
        byte[] large = Files.readAllBytes(fresh);
        build(one, options(fresh).sourceDirectory(src).reuseSpace(false).zipapp());
        byte[] small = Files.readAllBytes(fresh);
        assertTrue(small.length < large.length);

        Path out = dir.resolve("out/app.pyz");
        Path spare = dir.resolve("state/app.pyz.spare");
        for (List<PackedWheel> wheels : List.of(all, one, all, one, one, all)) { // into larger and smaller spares
            build(wheels, options(out).sourceDirectory(src).zipapp());
            assertArrayEquals(wheels == all ? large : small, Files.readAllBytes(out));
        }
        assertArrayEquals(small, Files.readAllBytes(spare), "the archive replaced last is the spare");
        assertTrue(Files.isExecutable(out));
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of(out), files.toList(), "nothing else beside the archive");
        }
    }

    @Test
    void entryPointChoice() throws Exception {
        List<PackedWheel> wheels = wheels(dir.resolve("cache"));
        Optional<String> none = Optional.empty();
        assertEquals(EntryPoint.callable("alpha.cli", "run", "alpha-cli"),
                EntryPoint.resolve(none, Optional.of("alpha-cli"), false, wheels));
        assertEquals(EntryPoint.module("app.main"), EntryPoint.resolve(Optional.of("app.main"), none, true, wheels));
        assertEquals(EntryPoint.source(), EntryPoint.resolve(Optional.of(" "), none, true, wheels));
        assertEquals(EntryPoint.interpreter(), EntryPoint.resolve(none, none, false, wheels));
        String message = assertThrows(PyzException.class,
                () -> EntryPoint.resolve(none, Optional.of("nope"), false, wheels)).getMessage();
        assertEquals("script 'nope' is not a console or GUI script, nor a file of the scripts folder, of any bundled"
                + " wheel; they have: {alpha-cli=alpha-1.0-py3-none-any.whl, alpha-gui=alpha-1.0-py3-none-any.whl,"
                + " broken=alpha-1.0-py3-none-any.whl}", message);
        assertEquals(EntryPoint.callable("alpha.gui", "App.start", "alpha-gui"),
                EntryPoint.resolve(none, Optional.of("alpha-gui"), false, wheels), "extras do not change what runs");
        assertTrue(assertThrows(PyzException.class,
                () -> EntryPoint.resolve(Optional.of("a"), Optional.of("b"), false, wheels)).getMessage()
                .contains("not both"));
        assertTrue(assertThrows(PyzException.class,
                () -> EntryPoint.resolve(Optional.of("a-b:c"), none, false, wheels)).getMessage()
                .contains("not of the form pkg.module or pkg.module:function"));
    }

    @Test
    void aFailedBuildLeavesNoFileBehind() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out")).resolve("app.pyz");
        assertThrows(PyzException.class, () -> build(wheels(dir.resolve("cache")),
                options(out).sourceDirectory(sources()).script("missing").threads(1).zipapp()));
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(0, files.count(), "no temp file either");
        }
    }

    @Test
    void theTempFileOfAKilledBuildIsRemovedByTheNextBuildButALiveOneIsNot() throws Exception {
        Path outDir = Files.createDirectories(dir.resolve("out"));
        Path out = outDir.resolve("app.pyz");
        Path killed = Files.writeString(outDir.resolve("app.pyz.123.tmp"), "half an archive");
        Files.setLastModifiedTime(killed, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - dev.pyz.AtomicFiles.STALE_TEMP.toMillis() - 60_000));
        Path live = Files.writeString(outDir.resolve("app.pyz.456.tmp"), "being written");
        Path other = Files.writeString(outDir.resolve("other.pyz.789.tmp"), "not ours");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(killed));
        build(wheels(dir.resolve("cache")), options(out).sourceDirectory(sources()).main("app.main:run").threads(1).zipapp());
        assertTrue(Files.isRegularFile(out));
        assertFalse(Files.exists(killed), "stale: removed");
        assertTrue(Files.exists(live), "written right now by another build: kept");
        assertTrue(Files.exists(other), "another output's: kept");
    }

    @Test
    void twoVersionsOfOneDistributionAreRefused() throws Exception {
        Path wheels = Files.createDirectories(dir.resolve("w2"));
        List<WheelInput> inputs = List.of(WheelInput.of(wheel("dup", "1.0").writeTo(wheels)),
                WheelInput.of(wheel("Dup", "2.0").writeTo(wheels)));
        List<PackedWheel> packed = new ArrayList<>();
        new PackCache(dir.resolve("cache")).prepare(inputs, 1, Log.NONE).forEach(p -> packed.add(p.wheel()));
        String message = assertThrows(PyzException.class, () -> build(packed,
                options(dir.resolve("x.pyz")).threads(1).zipapp())).getMessage();
        assertEquals("distribution dup is bundled more than once: Dup-2.0-py3-none-any.whl, dup-1.0-py3-none-any.whl;"
                + " keep one version", message);
    }

    private static java.util.Optional<Path> python() {
        return dev.pyz.test.Pythons.any();
    }

    private static String run(Path python, Path pyz, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python.toString(), pyz.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PYZ_INTERPRETER", args.length > 0 ? "1" : "0");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.strip();
    }

    @Test
    void bytecodeSitsBesideEverySourceAndIsWhatPythonLoads() throws Exception {
        Path python = python().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(python != null, "no python3 here");
        Path cache = dir.resolve("cache");
        List<PackedWheel> wheels = wheels(cache);
        Path out = dir.resolve("out/app.pyz");
        Path serial = dir.resolve("out/serial.pyz");
        try (dev.pyz.bytecode.Compiler compiler = dev.pyz.bytecode.Compiler.start(python, 4)) {
            var compiled = new dev.pyz.bytecode.BytecodeCache(cache).prepare(wheels, compiler, 4, Log.NONE);
            var bytecode = Optional.of(ZipappBuilder.Bytecode.of(compiler, compiled));
            ZipappBuilder.Result result = build(wheels, bytecode, options(out).sourceDirectory(sources()).threads(4).zipapp());
            assertEquals(3, result.pycs(), "app/__init__, app/main and the app's __main__");
            build(wheels, bytecode, options(serial).sourceDirectory(sources()).threads(1).zipapp());
            assertEquals(1, compiler.workersStarted(), "a few small modules are compiled by one worker, even with 4 threads");
        }
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(serial), "threads=1 and threads=4 give one archive");
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(out.toFile())) {
            Collections.list(zip.entries()).forEach(e -> names.add(e.getName()));
        }
        for (String pyc : List.of(".deps/alpha-1.0-py3-none-any.whl/alpha/__init__.pyc", "app/__init__.pyc",
                "app/main.pyc", ".pyz/app_main.pyc", ".pyz/pyz_bootstrap.pyc", ".pyz/pyz_extract.pyc",
                ".pyz/pyz_cache.pyc", "__main__.pyc")) {
            assertTrue(names.contains(pyc), pyc + " in " + names);
            assertEquals(names.indexOf(pyc.substring(0, pyc.length() - 1)) + 1, names.indexOf(pyc), "pyc right after " + pyc);
        }
        assertEquals("own main", run(python, out));
        String files = run(python, out, "-c",
                "import sys, alpha, app.main; print(alpha.__file__, app.main.__file__, sys.modules['pyz_bootstrap'].__file__)");
        for (String file : files.split(" ")) {
            assertTrue(file.endsWith(".pyc"), files);
        }
        try (ZipFile zip = new ZipFile(out.toFile())) {
            assertTrue(new String(zip.getInputStream(zip.getEntry(".pyz/manifest.json")).readAllBytes(),
                    StandardCharsets.UTF_8).contains("\"cache_tag\": \"cpython-"));
        }
    }

    @Test
    void aSyntaxErrorInTheProjectFailsTheBuildWithFileAndLine() throws Exception {
        Path python = python().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(python != null, "no python3 here");
        Path src = sources();
        Files.writeString(src.resolve("app/bad.py"), "def ok():\n    pass\n\ndef bad(:\n");
        Path out = dir.resolve("out/app.pyz");
        try (dev.pyz.bytecode.Compiler compiler = dev.pyz.bytecode.Compiler.start(python, 2)) {
            var bytecode = Optional.of(ZipappBuilder.Bytecode.of(compiler, List.of()));
            PyzException e = assertThrows(PyzException.class, () -> build(wheels(dir.resolve("c")),
                    bytecode, options(out).sourceDirectory(src).main("app.main:run").threads(2).zipapp()));
            assertTrue(e.getMessage().contains(src.resolve("app/bad.py").toString())
                    && e.getMessage().contains("SyntaxError at line 4"), e.getMessage());
        }
        assertFalse(Files.exists(out));
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of(), files.toList(), "no temp file left");
        }
    }

    @Test
    void theTargetPythonChoosesTheLayoutOfLargeArchives() throws Exception {
        java.util.function.Function<String, Optional<dev.pyz.requirement.Target>> target =
                v -> Optional.of(new dev.pyz.requirement.Target(dev.pyz.requirement.PythonVersion.parse(v), "linux",
                        "x86_64"));
        assertEquals(dev.pyz.zip.ZipWriter.LargeLayout.ZIP64, ZipappBuilder.largeLayout(target.apply("3.13")));
        assertEquals(dev.pyz.zip.ZipWriter.LargeLayout.ZIP64, ZipappBuilder.largeLayout(target.apply(" 3.14 ")));
        assertEquals(dev.pyz.zip.ZipWriter.LargeLayout.ZIP64, ZipappBuilder.largeLayout(target.apply("3.13.1")));
        assertEquals(dev.pyz.zip.ZipWriter.LargeLayout.WRAPPED_COUNT, ZipappBuilder.largeLayout(target.apply("3.8")));
        assertEquals(dev.pyz.zip.ZipWriter.LargeLayout.WRAPPED_COUNT, ZipappBuilder.largeLayout(target.apply("3.12.1")));
        assertEquals(dev.pyz.zip.ZipWriter.LargeLayout.REFUSE, ZipappBuilder.largeLayout(Optional.empty()));
    }

    @Test
    void aPureWheelNamedForExtractionReachesTheDiskWithItsBytecodeInPycache() throws Exception {
        Path python = python().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(python != null, "no python3 here");
        Path cache = dir.resolve("cache");
        List<PackedWheel> wheels = ExtractChoice.decide(wheels(cache), extraction(List.of("alpha"), List.of()), Log.NONE);
        assertTrue(wheels.stream().filter(w -> w.name().equals("alpha")).allMatch(PackedWheel::extract));
        assertTrue(wheels.stream().filter(w -> w.name().equals("zeta")).noneMatch(PackedWheel::extract));
        PyzException unknown = assertThrows(PyzException.class,
                () -> ExtractChoice.decide(wheels, extraction(List.of("nope"), List.of()), Log.NONE));
        assertTrue(unknown.getMessage().contains("nope") && unknown.getMessage().contains("alpha, zeta"), unknown.getMessage());
        Path out = dir.resolve("out/app.pyz");
        String tag;
        List<dev.pyz.bytecode.CompiledWheel> compiled;
        try (dev.pyz.bytecode.Compiler compiler = dev.pyz.bytecode.Compiler.start(python, 1)) {
            tag = compiler.interpreter().cacheTag();
            compiled = new dev.pyz.bytecode.BytecodeCache(cache).prepare(wheels, compiler, 1, Log.NONE);
            build(wheels, Optional.of(ZipappBuilder.Bytecode.of(compiler, compiled)),
                    options(out).threads(1).zipapp());
        }
        List<String> names = new ArrayList<>();
        String a = ".deps/alpha-1.0-py3-none-any.whl";
        try (ZipFile zip = new ZipFile(out.toFile())) {
            Collections.list(zip.entries()).forEach(e -> names.add(e.getName()));
            // the wheel to extract travels nested whole, its packed zip and its pycs' zip stored as they are
            // in the caches: the archive's own directory, which zipimport parses on every start, lists none
            // of its files
            assertEquals(List.of(a + ".zip", a + ".pycs.zip"), names.stream().filter(n -> n.startsWith(a)).toList());
            PackedWheel alpha = wheels.stream().filter(w -> w.name().equals("alpha")).findFirst().orElseThrow();
            for (var nested : List.of(java.util.Map.entry(a + ".zip", alpha.zip().path()),
                    java.util.Map.entry(a + ".pycs.zip", compiled.get(wheels.indexOf(alpha)).zip().path()))) {
                java.util.zip.ZipEntry e = zip.getEntry(nested.getKey());
                assertEquals(java.util.zip.ZipEntry.STORED, e.getMethod(), nested.getKey());
                try (var in = zip.getInputStream(e)) {
                    byte[] bytes = in.readAllBytes();
                    assertArrayEquals(Files.readAllBytes(nested.getValue()), bytes, nested.getKey());
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(bytes);
                    assertEquals(crc.getValue(), e.getCrc(), "the CRC-32 recorded in the cache is the file's");
                }
            }
            String manifest = new String(zip.getInputStream(zip.getEntry(Manifest.PATH)).readAllBytes(),
                    StandardCharsets.UTF_8).replaceAll("\\s+", "");
            assertTrue(manifest.contains("\"archives\":[\"" + a + ".zip\",\"" + a + ".pycs.zip\"]"), manifest);
            assertTrue(manifest.contains("\"archives\":null"), manifest);
        }
        try (ZipFile pycs = new ZipFile(compiled.get(wheels.indexOf(
                wheels.stream().filter(w -> w.name().equals("alpha")).findFirst().orElseThrow())).zip().path().toFile())) {
            assertTrue(pycs.getEntry(a + "/alpha/__pycache__/__init__." + tag + ".pyc") != null);
        }
        assertTrue(names.contains(".deps/zeta-2.0-py3-none-any.whl/zeta/__init__.pyc"), names.toString());
        ProcessBuilder pb = new ProcessBuilder(python.toString(), out.toString(), "-c",
                "import alpha, zeta; print(alpha.__file__); print(alpha.__cached__); print(zeta.__file__)").redirectErrorStream(true);
        pb.environment().put("PYZ_INTERPRETER", "1");
        pb.environment().put("PYZ_ROOT", dir.resolve("root").toString());
        Process p = pb.start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor(), lines.toString());
        assertTrue(lines.get(0).startsWith(dir.resolve("root").toString()) && lines.get(0).endsWith("alpha/__init__.py"), lines.toString());
        assertTrue(lines.get(1).endsWith("__pycache__/__init__." + tag + ".pyc"), lines.toString());
        assertTrue(lines.get(2).startsWith(out.toString()), lines.toString());
    }

    @Test
    void extractExcludePatternsReachTheManifestSorted() throws Exception {
        Path out = dir.resolve("out/app.pyz");
        build(wheels(dir.resolve("cache")), options(out).threads(1).extraction(List.of(), List.of(),
                java.util.Arrays.asList("zeta/include/**", " ", "alpha/*.h", null)).zipapp());
        try (ZipFile zip = new ZipFile(out.toFile())) {
            String manifest = new String(zip.getInputStream(zip.getEntry(".pyz/manifest.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(manifest.replaceAll("\\s+", "").contains("\"extract_exclude\":[\"alpha/*.h\",\"zeta/include/**\"]"),
                    manifest);
        }
    }

    private static ZipappSettings.Extraction extraction(List<String> extract, List<String> zipSafe) {
        return new ZipappSettings.Extraction(extract, zipSafe, List.of());
    }
}

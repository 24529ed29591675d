package dev.pyz.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.app.ZipappBuilder;
import dev.pyz.test.FaultMain;
import dev.pyz.test.WheelBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds that die or run at the same time, in real processes ({@link FaultMain} on the test class
 * path): a build killed while it packs or writes the zipapp leaves nothing half-written where the next
 * build (or the user) looks, and two builds sharing one cache agree.
 */
class FaultTest {
    @TempDir
    Path dir;

    /**
     * A wheel of {@code files} random files of {@code mib} MiB each (deflate level 0, so it is written and
     * packed fast but takes long enough to kill the packing midway), streamed to disk with its RECORD.
     */
    static Path bigWheel(Path folder, String name, int files, int mib, long seed) throws Exception {
        Files.createDirectories(folder);
        Path file = folder.resolve(name + "-1.0-py3-none-any.whl");
        String distInfo = name + "-1.0.dist-info";
        StringBuilder record = new StringBuilder();
        Random random = new Random(seed);
        byte[] block = new byte[1 << 20];
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(0);
            for (int i = 0; i < files; i++) {
                String entry = name + "/blob" + i + ".bin";
                zip.putNextEntry(new ZipEntry(entry));
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (int m = 0; m < mib; m++) {
                    random.nextBytes(block);
                    sha.update(block);
                    zip.write(block);
                }
                zip.closeEntry();
                record.append(entry).append(",sha256=").append(java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(sha.digest())).append(',').append((long) mib << 20).append('\n');
            }
            byte[] init = "".getBytes(StandardCharsets.UTF_8);
            byte[] metadata = ("Metadata-Version: 2.1\nName: " + name + "\nVersion: 1.0\n").getBytes(StandardCharsets.UTF_8);
            byte[] wheel = "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n".getBytes(StandardCharsets.UTF_8);
            for (Object[] e : new Object[][] {{name + "/__init__.py", init}, {distInfo + "/METADATA", metadata},
                    {distInfo + "/WHEEL", wheel}}) {
                zip.putNextEntry(new ZipEntry((String) e[0]));
                zip.write((byte[]) e[1]);
                zip.closeEntry();
                record.append(e[0]).append(",sha256=").append(WheelBuilder.hash((byte[]) e[1])).append(',')
                        .append(((byte[]) e[1]).length).append('\n');
            }
            zip.putNextEntry(new ZipEntry(distInfo + "/RECORD"));
            zip.write((record + distInfo + "/RECORD,,\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    private static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FaultMain.class.getName()));
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Waits until a file being written appears under {@code folder}: one with content that {@code written}
     * accepts (whatever its name, so that a build writing in place is caught too).
     */
    private static Path awaitWrite(Path folder, java.util.function.Predicate<Path> written, Process process, Path log)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the build ended before it could be killed: " + Files.readString(log));
            }
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        try {
                            if (Files.isRegularFile(p) && Files.size(p) > 0 && written.test(p)) {
                                return p;
                            }
                        } catch (IOException e) {
                            // gone meanwhile
                        }
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    // a folder changed while it was walked: look again
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no file was written under " + folder);
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    private static List<Path> files(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void aBuildKilledWhilePackingLeavesNothingThatTheNextBuildUses() throws Exception {
        Path wheel = bigWheel(dir.resolve("wheels"), "big", 4, 48, 1);
        Path cache = dir.resolve("cache");
        Path log = dir.resolve("child.log");
        Process child = start(log, "pack", cache.toString(), wheel.toString());
        Path temp = awaitWrite(cache.resolve("packed"), p -> p.getFileName().toString().contains(".zip"), child, log);
        kill(child);
        assertFalse(Files.readString(log).contains("done"), "killed midway");
        Path entry = temp.getParent();
        assertTrue(files(entry, ".zip").isEmpty(), "no packed zip was moved into place: " + files(entry, ""));
        List<Path> leftovers = files(entry, ".tmp");
        assertFalse(leftovers.isEmpty(), "the killed build left its temp files");

        PackCache.Prepared again = new PackCache(cache).prepare(List.of(WheelInput.of(wheel)), 2, Log.NONE).get(0);
        assertTrue(again.packed());
        PackedWheel clean = new PackCache(dir.resolve("clean")).prepare(List.of(WheelInput.of(wheel)), 2, Log.NONE)
                .get(0).wheel();
        assertEquals(Files.size(clean.zip().path()), Files.size(again.wheel().zip().path()));
        assertEquals(Digests.sha256(clean.zip().path()), Digests.sha256(again.wheel().zip().path()), "byte-identical to a clean pack");
        assertEquals(Files.readString(clean.zip().path().resolveSibling(clean.fileName() + ".info")),
                Files.readString(again.wheel().zip().path().resolveSibling(clean.fileName() + ".info")));

        // the killed build's temp files are fresh, so they stay (they could be a live build's) ...
        assertEquals(leftovers, files(entry, ".tmp"));
        // ... until they are older than a live writer's could be; then the next packing of the entry removes them
        for (Path p : leftovers) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - dev.pyz.AtomicFiles.STALE_TEMP.toMillis()
                    - 60_000));
        }
        Files.delete(again.wheel().zip().path());
        assertTrue(new PackCache(cache).prepare(List.of(WheelInput.of(wheel)), 2, Log.NONE).get(0).packed());
        assertEquals(List.of(), files(entry, ".tmp"));
    }

    @Test
    void staleTempFilesGoAndFreshOnesStay() throws Exception {
        Path entry = Files.createDirectories(dir.resolve("entry"));
        Path stale = Files.writeString(entry.resolve("a.whl.1.zip.tmp"), "x");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - dev.pyz.AtomicFiles.STALE_TEMP.toMillis()
                - 1000));
        Path fresh = Files.writeString(entry.resolve("a.whl.2.zip.tmp"), "x");
        Path old = Files.writeString(entry.resolve("a.whl.zip"), "x");
        Files.setLastModifiedTime(old, FileTime.fromMillis(0));
        dev.pyz.AtomicFiles.deleteStaleTemps(entry, "");
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(old), "only temp files are removed");
    }

    @Test
    void twoBuildsPackingTheSameWheelsIntoOneCacheAgree() throws Exception {
        List<String> wheels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            wheels.add(bigWheel(dir.resolve("wheels"), "w" + i, 2, 8, 10 + i).toString());
        }
        Path cache = dir.resolve("cache");
        List<Process> builds = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            List<String> args = new ArrayList<>(List.of("zipapp", cache.toString(), dir.resolve("out" + b + ".pyz").toString()));
            args.addAll(wheels);
            builds.add(start(dir.resolve("build" + b + ".log"), args.toArray(String[]::new)));
        }
        for (int b = 0; b < 2; b++) {
            assertTrue(builds.get(b).waitFor(120, TimeUnit.SECONDS));
            String log = Files.readString(dir.resolve("build" + b + ".log"));
            assertEquals(0, builds.get(b).exitValue(), log);
            assertTrue(log.contains("done"), log);
        }
        assertEquals(3, files(cache.resolve("packed"), ".zip").size(), "one entry per wheel");
        assertEquals(3, files(cache.resolve("packed"), ".info").size());
        assertEquals(List.of(), files(cache, ".tmp"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("out0.pyz")), Files.readAllBytes(dir.resolve("out1.pyz")));
        List<WheelInput> inputs = new ArrayList<>();
        wheels.forEach(w -> inputs.add(WheelInput.of(Path.of(w))));
        assertTrue(new PackCache(cache).prepare(inputs, 2, Log.NONE).stream().noneMatch(PackCache.Prepared::packed),
                "both builds' entries are whole and used");
    }

    /**
     * A cache holding a big wheel, packed beforehand (a child only merges it, slowly enough to be killed), and
     * the contents of a small zipapp, the previous one, which {@link #build} writes in this process.
     */
    private record Replacing(Path big, Path cache, ZipappBuilder.Contents previous) {
        void build(Path output) throws IOException {
            ZipappBuilder.build(dev.pyz.test.TestSettings.zipapp(cache, output), java.util.Optional.empty(), previous,
                    Log.NONE);
        }
    }

    private Replacing replacing(long seed) throws Exception {
        Path small = WheelBuilder.wheel("small", "1.0").file("small/__init__.py", "S = 1\n").writeTo(
                Files.createDirectories(dir.resolve("wheels")));
        Path big = bigWheel(dir.resolve("wheels"), "big", 4, 48, seed);
        Path cache = dir.resolve("cache");
        new PackCache(cache).prepare(List.of(WheelInput.of(big)), 2, Log.NONE);
        List<PackedWheel> previous = new ArrayList<>();
        new PackCache(cache).prepare(List.of(WheelInput.of(small)), 1, Log.NONE).forEach(p -> previous.add(p.wheel()));
        return new Replacing(big, cache, new ZipappBuilder.Contents(previous, dev.pyz.app.SourceTree.none(),
                dev.pyz.app.EntryPoint.interpreter(), java.util.Optional.empty()));
    }

    @Test
    void aBuildKilledWhileWritingTheZipappLeavesThePreviousOneIntactOrNone() throws Exception {
        Replacing r = replacing(2);
        Path out = dir.resolve("out");
        Path output = out.resolve("app.pyz");
        r.build(output);
        byte[] before = Files.readAllBytes(output);

        for (boolean hadOne : new boolean[] {true, false}) {
            if (!hadOne) {
                Files.delete(output);
            }
            Path log = dir.resolve("child-" + hadOne + ".log");
            Process child = start(log, "zipapp", r.cache().toString(), output.toString(), r.big().toString());
            awaitWrite(out, p -> {
                try {
                    return !p.equals(output) || Files.size(p) != before.length;
                } catch (IOException e) {
                    return false;
                }
            }, child, log);
            kill(child);
            assertFalse(Files.readString(log).contains("done"), "killed midway");
            if (hadOne) {
                assertArrayEquals(before, Files.readAllBytes(output), "the previous zipapp is intact");
            } else {
                assertFalse(Files.exists(output), "no zipapp rather than a truncated one");
            }
        }
    }

    @Test
    void aBuildKilledWhileWritingIntoTheSpareLeavesThePreviousZipappIntact() throws Exception {
        Replacing r = replacing(3);
        Path output = dir.resolve("out/app.pyz");
        Path spare = dir.resolve("out/.state/app.pyz.spare"); // where TestSettings keeps the state
        r.build(output);
        r.build(output); // keeps the first one's file as the spare
        byte[] before = Files.readAllBytes(output);
        assertTrue(Files.size(spare) == before.length, "a spare to write into");

        Path log = dir.resolve("child.log");
        Process child = start(log, "zipapp", r.cache().toString(), output.toString(), r.big().toString());
        awaitWrite(spare.getParent(), p -> {
            try {
                return p.equals(spare) && Files.size(p) > before.length;
            } catch (IOException e) {
                return false;
            }
        }, child, log);
        kill(child);
        assertFalse(Files.readString(log).contains("done"), "killed midway");
        assertArrayEquals(before, Files.readAllBytes(output), "the previous zipapp is intact");

        r.build(output);
        assertArrayEquals(before, Files.readAllBytes(output), "the next build writes over the half-written spare");
    }
}

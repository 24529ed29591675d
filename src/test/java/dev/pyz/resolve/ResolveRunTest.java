package dev.pyz.resolve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.index.IndexFile;
import dev.pyz.index.IndexServer;
import dev.pyz.requirement.PythonVersion;
import dev.pyz.requirement.Requirement;
import dev.pyz.requirement.TagPriority;
import dev.pyz.requirement.Target;
import dev.pyz.test.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution and download in one run: downloads during the resolution, copies already on the disk reused. */
class ResolveRunTest {
    private static final Target TARGET = new Target(PythonVersion.parse("3.11"), "linux", "x86_64");

    @TempDir
    Path work;

    private IndexServer server;

    @BeforeEach
    void serve() throws IOException {
        server = new IndexServer(IndexServer.Form.HTML);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ResolveRun.Result run(Path folder, Function<IndexFile, Optional<Path>> local, String... requirements)
            throws IOException {
        RequirementsInput input = new RequirementsInput(Arrays.stream(requirements).map(Requirement::parse).toList(),
                Map.of());
        return ResolveRun.run(new ResolveRun.Settings(input, List.of(server.root()), Map.of(), Optional.empty(),
                TagPriority.of(TARGET, Optional.empty()), 4, local), folder, Log.NONE);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theFolderHoldsOnlyTheChosenWheelsWhenTheResolverGaveUpACandidate() throws IOException {
        // a 2.0 is tried first (and its wheel starts downloading), then given up for a 1.0 because of b
        server.add(WheelBuilder.wheel("a", "1.0").requires("c<2"));
        server.add(WheelBuilder.wheel("a", "2.0").requires("c>=2").file("big.bin", "x".repeat(200_000)));
        server.add(WheelBuilder.wheel("b", "1.0").requires("c<2"));
        server.add(WheelBuilder.wheel("c", "1.0"));
        server.add(WheelBuilder.wheel("c", "2.0"));
        Path folder = work.resolve("out");
        ResolveRun.Result r = run(folder, f -> Optional.empty(), "a", "b");
        List<String> chosen = List.of("a-1.0-py3-none-any.whl", "b-1.0-py3-none-any.whl", "c-1.0-py3-none-any.whl");
        assertEquals(chosen, r.wheels().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(chosen, names(folder));
        assertEquals(0, r.reusedBytes());
    }

    @Test
    void copiesWhoseHashIsTheIndexsAreTakenInsteadOfFetchedAndOthersAreFetchedAgain() throws IOException {
        server.add(WheelBuilder.wheel("a", "1.0").requires("b"));
        server.add(WheelBuilder.wheel("b", "1.0"));
        Path first = work.resolve("first");
        run(first, f -> Optional.empty(), "a");
        Path repo = work.resolve("repo");
        Files.createDirectories(repo);
        for (String name : names(first)) {
            Files.copy(first.resolve(name), repo.resolve(name));
        }
        int before = server.requests().size();
        Path second = work.resolve("second");
        ResolveRun.Result r = run(second, f -> Optional.of(repo.resolve(f.filename())), "a");
        List<String> asked = server.requests().subList(before, server.requests().size());
        assertEquals(List.of("/simple/a/", "/simple/b/"), asked.stream().sorted().toList(),
                "a re-run reads the pages only: the METADATA and the wheels come from the copies");
        assertEquals(Files.size(repo.resolve("a-1.0-py3-none-any.whl")) + Files.size(repo.resolve("b-1.0-py3-none-any.whl")),
                r.reusedBytes());
        assertEquals(0, r.downloadedBytes());
        for (String name : names(first)) {
            assertArrayEquals(Files.readAllBytes(first.resolve(name)), Files.readAllBytes(second.resolve(name)));
        }

        // a copy that is not the index's file is not used: METADATA and wheel come from the index
        byte[] changed = Files.readAllBytes(repo.resolve("b-1.0-py3-none-any.whl"));
        changed[changed.length / 2] ^= 1;
        Files.write(repo.resolve("b-1.0-py3-none-any.whl"), changed);
        before = server.requests().size();
        Path third = work.resolve("third");
        r = run(third, f -> Optional.of(repo.resolve(f.filename())), "a");
        asked = server.requests().subList(before, server.requests().size());
        assertTrue(asked.contains("/files/b-1.0-py3-none-any.whl"), asked.toString());
        assertTrue(asked.stream().noneMatch(s -> s.startsWith("/files/a-")), asked.toString());
        assertArrayEquals(Files.readAllBytes(first.resolve("b-1.0-py3-none-any.whl")),
                Files.readAllBytes(third.resolve("b-1.0-py3-none-any.whl")));
    }

    @Test
    void requirementsOfExtrasNobodyAskedForAreNotFetchedAhead() throws IOException {
        server.add(WheelBuilder.wheel("a", "1.0").requires("b", "docs; extra == \"docs\"",
                "winonly; sys_platform == \"win32\""));
        server.add(WheelBuilder.wheel("b", "1.0"));
        server.add(WheelBuilder.wheel("docs", "1.0"));
        server.add(WheelBuilder.wheel("winonly", "1.0"));
        run(work.resolve("out"), f -> Optional.empty(), "a");
        List<String> pages = server.requests().stream().filter(s -> s.startsWith("/simple/")).sorted().toList();
        assertEquals(List.of("/simple/a/", "/simple/b/"), pages);
    }
}

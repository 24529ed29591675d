package dev.pyz.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.index.IndexServer;
import dev.pyz.index.MetadataFetcher;
import dev.pyz.index.PackageIndex;
import dev.pyz.index.Transport;
import dev.pyz.requirement.PythonVersion;
import dev.pyz.requirement.Requirement;
import dev.pyz.requirement.TagPriority;
import dev.pyz.requirement.Target;
import dev.pyz.test.WheelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver against indexes served by the tests themselves. */
class ResolverTest {
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

    private IndexServer.Entry wheel(String name, String version, String... requires) throws IOException {
        return server.add(WheelBuilder.wheel(name, version).requires(requires));
    }

    private String resolve(String... requirements) throws IOException {
        PackageIndex index = new PackageIndex(List.of(server.root()), new Transport(Map.of(), Optional.empty()));
        MetadataFetcher fetcher = new MetadataFetcher(index.transport(), work, Log.NONE);
        try (IndexProvider provider = new IndexProvider(index, TagPriority.of(TARGET, Optional.empty()), fetcher, 4)) {
            Resolver.Resolution r = new Resolver(provider, TARGET)
                    .resolve(Arrays.stream(requirements).map(Requirement::parse).toList());
            return String.join(", ", r.candidates().stream().map(c -> c + " " + c.file().filename()
                    .replaceFirst(".*-(\\w+-\\w+-\\w+)\\.whl", "$1")).toList());
        }
    }

    @Test
    void takesTheNewestVersionThatMeetsEveryRequirement() throws IOException {
        wheel("a", "1.0");
        wheel("a", "2.0", "b<2");
        wheel("b", "1.0");
        wheel("b", "1.5");
        wheel("b", "2.0");
        assertEquals("a 2.0 py3-none-any, b 1.5 py3-none-any", resolve("a>=1"));
    }

    @Test
    void backtracksToAnOlderVersionWhenTheNewestLeadsToAConflict() throws IOException {
        wheel("a", "1.0", "c<2");
        wheel("a", "2.0", "c>=2");
        wheel("b", "1.0", "c<2");
        wheel("c", "1.0");
        wheel("c", "2.0");
        assertEquals("a 1.0 py3-none-any, b 1.0 py3-none-any, c 1.0 py3-none-any", resolve("a", "b"));
    }

    @Test
    void backtracksThroughSeveralLevels() throws IOException {
        // top 3 needs mid 3, which needs leaf>=3; other needs leaf<2: top and mid must both go back to 1
        wheel("top", "1.0", "mid==1.*");
        wheel("top", "3.0", "mid>=3");
        wheel("mid", "1.0", "leaf<2");
        wheel("mid", "3.0", "leaf>=3");
        wheel("other", "1.0", "leaf<2");
        wheel("leaf", "1.0");
        wheel("leaf", "3.0");
        assertEquals("leaf 1.0 py3-none-any, mid 1.0 py3-none-any, other 1.0 py3-none-any, top 1.0 py3-none-any",
                resolve("top", "other"));
    }

    @Test
    void explainsAConflictWithTheChainsThatMadeIt() throws IOException {
        wheel("app", "1.0", "a==2.0");
        wheel("a", "2.0", "c>=2");
        wheel("b", "1.0", "c<2");
        wheel("c", "1.0");
        wheel("c", "2.0");
        PyzException e = assertThrows(PyzException.class, () -> resolve("app", "b"));
        assertEquals("""
                Cannot resolve the requirements: no version of c meets all of these:
                    app 1.0 → a 2.0 requires c>=2
                    b 1.0 requires c<2
                  c has 2.0, 1.0 (loosen one of these requirements, or pin the projects that make them)""",
                e.getMessage());
    }

    @Test
    void namesARequirementThatNothingOnTheIndexMeets() throws IOException {
        wheel("a", "1.0");
        server.add("native-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", WheelBuilder.wheel("native", "1.0")
                .tags("cp312-cp312-manylinux_2_17_x86_64").bytes());
        PyzException missing = assertThrows(PyzException.class, () -> resolve("a>=2"));
        assertEquals("""
                Cannot resolve the requirements: no version of a meets all of these:
                    the requirements ask for a>=2
                  a has 1.0 (loosen one of these requirements, or pin the projects that make them)""",
                missing.getMessage());
        PyzException native_ = assertThrows(PyzException.class, () -> resolve("native"));
        assertTrue(native_.getMessage().contains("native has no wheel for CPython 3.11 on linux x86_64 (any glibc)"
                + " (1 files: 0 source distributions, which are not built here, 1 wheels for other targets, 0 for other"
                + " Python versions)"), native_.getMessage());
    }

    @Test
    void extrasAndMarkersAreEvaluatedForTheTarget() throws IOException {
        wheel("a", "1.0", "d; extra == \"x\"", "e; python_version < \"3\"", "f; sys_platform == \"linux\"");
        wheel("d", "1.0", "g[y]");
        wheel("e", "1.0");
        wheel("f", "1.0");
        wheel("g", "1.0", "h; extra == \"y\"");
        wheel("h", "1.0");
        assertEquals("a 1.0 py3-none-any, f 1.0 py3-none-any", resolve("a"));
        assertEquals("a 1.0 py3-none-any, d 1.0 py3-none-any, f 1.0 py3-none-any, g 1.0 py3-none-any,"
                + " h 1.0 py3-none-any", resolve("a[x]"));
    }

    @Test
    void anExtraAskedOfAProjectAlreadyChosenAddsItsRequirements() throws IOException {
        wheel("a", "1.0", "z");
        wheel("z", "1.0", "b[more]");
        wheel("b", "1.0", "c; extra == \"more\"");
        wheel("c", "1.0");
        // b is decided (depth 0) before z asks for b[more]
        assertEquals("a 1.0 py3-none-any, b 1.0 py3-none-any, c 1.0 py3-none-any, z 1.0 py3-none-any",
                resolve("a", "b"));
    }

    @Test
    void preReleasesYankedFilesAndRequiresPython() throws IOException {
        wheel("p", "1.0");
        wheel("p", "2.0").yanked("broken");
        wheel("p", "3.0b1");
        wheel("q", "1.0");
        wheel("q", "2.0").requiresPython(">=3.12");
        assertEquals("p 1.0 py3-none-any", resolve("p"));
        assertEquals("p 2.0 py3-none-any", resolve("p==2.0"), "an exact pin takes a yanked file");
        assertEquals("p 3.0b1 py3-none-any", resolve("p>=3.0b1"));
        assertEquals("q 1.0 py3-none-any", resolve("q"));
    }

    @Test
    void onlyPreReleasesAreTakenWhenNothingElseFits() throws IOException {
        wheel("r", "1.0a1");
        wheel("r", "1.0a2");
        assertEquals("r 1.0a2 py3-none-any", resolve("r"));
    }

    @Test
    void takesTheWheelTheTargetPrefers() throws IOException {
        server.add(WheelBuilder.wheel("n", "1.0"));
        server.add(WheelBuilder.wheel("n", "1.0").tags("cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64"));
        server.add(WheelBuilder.wheel("n", "1.0").tags("cp311-cp311-musllinux_1_2_x86_64"));
        server.add(WheelBuilder.wheel("n", "1.0").tags("cp311-cp311-manylinux_2_28_x86_64"));
        server.add(WheelBuilder.wheel("n", "2.0").tags("cp311-cp311-win_amd64"));
        assertEquals("n 1.0 cp311-cp311-manylinux_2_28_x86_64", resolve("n"));
    }

    @Test
    void theSameInputsGiveTheSameChoicesWhateverTheTiming() throws IOException {
        for (String n : List.of("a", "b", "c", "d")) {
            wheel(n, "1.0", "e>=1");
            wheel(n, "2.0", "e>=2", "f");
        }
        wheel("e", "1.0");
        wheel("e", "2.0", "f<2");
        wheel("f", "1.0");
        wheel("f", "2.0");
        String first = resolve("a", "b", "c", "d");
        for (int i = 0; i < 3; i++) {
            assertEquals(first, resolve("d", "c", "b", "a"));
        }
        assertEquals(Set.of("a 2.0", "b 2.0", "c 2.0", "d 2.0", "e 2.0", "f 1.0"),
                Set.of(first.replace(" py3-none-any", "").split(", ")));
    }
}

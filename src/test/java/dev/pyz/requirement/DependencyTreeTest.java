package dev.pyz.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyTreeTest {
    private static final Map<String, String> LINUX_311 = MarkerEnvironment.cpython("3.11.9", "linux", "x86_64");

    @Test
    void rootsFirstChildrenIndentedRepeatsMarked() throws Exception {
        List<Distribution> bundle = new ArrayList<>(List.of(
                Distribution.of("app", "1.0", "requests>=2", "urllib3<3", "colorama; sys_platform == \"win32\""),
                Distribution.of("requests", "2.32.3", "idna<4,>=2.5", "urllib3<3,>=1.21.1", "certifi>=2017.4.17"),
                Distribution.of("urllib3", "2.2.3"),
                Distribution.of("idna", "3.10"),
                Distribution.of("certifi", "2024.8.30", "helper"),
                Distribution.of("helper", "0.1"),
                Distribution.of("tool", "2.0", "certifi")));
        String expected = """
                app 1.0
                  requests 2.32.3 (requests>=2)
                    certifi 2024.8.30 (certifi>=2017.4.17)
                      helper 0.1 (helper)
                    idna 3.10 (idna<4,>=2.5)
                    urllib3 2.2.3 (urllib3<3,>=1.21.1)
                  urllib3 2.2.3 (urllib3<3)
                tool 2.0
                  certifi 2024.8.30 (certifi) (see above)
                """;
        assertEquals(expected, DependencyTree.render(Closure.check(bundle, LINUX_311)));
        Collections.reverse(bundle);
        assertEquals(expected, DependencyTree.render(Closure.check(bundle, LINUX_311)), "independent of input order");
    }

    @Test
    void missingAndConflictingRequirementsAreMarked() throws Exception {
        Closure closure = Closure.check(List.of(
                Distribution.of("app", "1.0", "numpy<2", "six[x]>=1.10"),
                Distribution.of("numpy", "2.1.3")), LINUX_311);
        assertEquals(List.of(
                "app 1.0",
                "  numpy 2.1.3 (numpy<2) [conflict]",
                "  six (six[x]>=1.10) [not bundled]"), DependencyTree.lines(closure));
    }

    @Test
    void aCycleEndsAndACycleNoRootReachesIsStillListed() throws Exception {
        Closure reached = Closure.check(List.of(
                Distribution.of("app", "1", "a"),
                Distribution.of("a", "1", "b"),
                Distribution.of("b", "1", "a")), LINUX_311);
        assertEquals(List.of(
                "app 1",
                "  a 1 (a)",
                "    b 1 (b)",
                "      a 1 (a) (see above)"), DependencyTree.lines(reached));

        Closure unreached = Closure.check(List.of(
                Distribution.of("b", "1", "a"),
                Distribution.of("a", "1", "b", "a[self]"),
                Distribution.of("solo", "3")), LINUX_311);
        assertEquals(List.of(
                "solo 3",
                "a 1",
                "  b 1 (b)",
                "    a 1 (a) (see above)"), DependencyTree.lines(unreached),
                "a requirement on oneself is no edge of the tree");
    }
}

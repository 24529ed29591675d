package dev.pyz.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClosureTest {
    private static final Map<String, String> LINUX_311 = MarkerEnvironment.cpython("3.11.9", "linux", "x86_64");

    private static List<String> messages(Closure closure) {
        return closure.problems().stream().map(Closure.Problem::message).collect(Collectors.toList());
    }

    private static List<String> edges(Closure closure, String name) {
        Distribution d = closure.find(name).orElseThrow();
        return closure.dependencies(d).stream()
                .map(e -> e.requirementText() + " -> " + e.target().map(Distribution::toString).orElse("-") + " "
                        + e.status())
                .collect(Collectors.toList());
    }

    @Test
    void aClosedSetHasNoProblemsAndRecordsWhatMetEachRequirement() throws Exception {
        Closure closure = Closure.check(List.of(
                Distribution.of("requests", "2.32.3", "charset-normalizer<4,>=2", "idna<4,>=2.5", "urllib3<3,>=1.21.1",
                        "certifi>=2017.4.17", "PySocks!=1.5.7,>=1.5.6; extra == \"socks\""),
                Distribution.of("charset_normalizer", "3.4.0"),
                Distribution.of("idna", "3.10"),
                Distribution.of("urllib3", "2.2.3"),
                Distribution.of("certifi", "2024.8.30")), LINUX_311);
        assertEquals(List.of(), messages(closure));
        assertTrue(closure.isSatisfied());
        assertEquals(List.of(
                "charset-normalizer<4,>=2 -> charset_normalizer 3.4.0 SATISFIED",
                "idna<4,>=2.5 -> idna 3.10 SATISFIED",
                "urllib3<3,>=1.21.1 -> urllib3 2.2.3 SATISFIED",
                "certifi>=2017.4.17 -> certifi 2024.8.30 SATISFIED"), edges(closure, "requests"));
        assertEquals(List.of("certifi", "charset_normalizer", "idna", "requests", "urllib3"),
                closure.distributions().stream().map(Distribution::name).collect(Collectors.toList()));
    }

    @Test
    void aMissingDependencyIsReportedLikePipCheck() throws Exception {
        Closure closure = Closure.check(List.of(
                Distribution.of("app", "1.0", "six>=1.10", "attrs"),
                Distribution.of("attrs", "24.2.0")), LINUX_311);
        assertEquals(List.of("app 1.0 requires six>=1.10, which is not bundled"), messages(closure));
        assertFalse(closure.isSatisfied());
        Closure.Problem p = closure.problems().get(0);
        assertEquals(Closure.Kind.NOT_BUNDLED, p.kind());
        assertEquals("app", p.dist().name());
        assertEquals(Optional.of(Requirement.parse("six>=1.10")), p.requirement());
        assertEquals(Optional.empty(), p.found());
        assertEquals(List.of("six>=1.10 -> - NOT_BUNDLED", "attrs -> attrs 24.2.0 SATISFIED"), edges(closure, "app"));
    }

    @Test
    void aVersionOutsideTheSpecifierIsAConflict() throws Exception {
        Closure closure = Closure.check(List.of(
                Distribution.of("app", "1.0", "numpy (<2,>=1.26)", "Typing.Extensions~=4.12"),
                Distribution.of("numpy", "2.1.3"),
                Distribution.of("typing-extensions", "4.12.2")), LINUX_311);
        assertEquals(List.of("app 1.0 has requirement numpy<2,>=1.26, but you have numpy 2.1.3"), messages(closure));
        assertEquals(Closure.Kind.CONFLICT, closure.problems().get(0).kind());
        assertEquals("numpy", closure.problems().get(0).found().orElseThrow().name());
        assertEquals(List.of("numpy<2,>=1.26 -> numpy 2.1.3 CONFLICT",
                "Typing.Extensions~=4.12 -> typing-extensions 4.12.2 SATISFIED"), edges(closure, "app"));
    }

    @Test
    void requirementsWhoseMarkerIsFalseForTheTargetAreIgnored() throws Exception {
        List<Distribution> bundle = List.of(Distribution.of("app", "1.0",
                "importlib-metadata>=4; python_version < \"3.9\"",
                "pywin32>=300; sys_platform == \"win32\"",
                "uvloop; sys_platform == \"linux\" and python_version >= \"3.8\""));
        Closure linux = Closure.check(bundle, LINUX_311);
        assertEquals(List.of("app 1.0 requires uvloop, which is not bundled"), messages(linux));
        assertEquals(List.of("uvloop -> - NOT_BUNDLED"), edges(linux, "app"));

        Closure windows38 = Closure.check(bundle, MarkerEnvironment.cpython("3.8.10", "win32", "AMD64"));
        assertEquals(List.of("app 1.0 requires importlib-metadata>=4, which is not bundled",
                "app 1.0 requires pywin32>=300, which is not bundled"), messages(windows38));
    }

    @Test
    void extrasPropagateTransitively() throws Exception {
        Closure closure = Closure.check(List.of(
                Distribution.of("app", "1.0", "b[x]>=1"),
                new Distribution("b", "1.0", List.of("c[y]; extra == \"x\"", "unused; extra == \"z\""), List.of("x", "z"),
                        "b-1.0-py3-none-any.whl"),
                Distribution.of("c", "2.0", "d>=3; extra == \"y\"", "e; extra == \"other\""),
                Distribution.of("d", "2.5")), LINUX_311);
        Distribution b = closure.find("b").orElseThrow();
        Distribution c = closure.find("c").orElseThrow();
        assertEquals(Set.of("x"), closure.extras(b));
        assertEquals(Set.of("y"), closure.extras(c));
        assertEquals(Set.of(), closure.extras(closure.find("d").orElseThrow()));
        assertEquals(List.of("c 2.0 has requirement d>=3, but you have d 2.5"), messages(closure));
        assertEquals(List.of("c[y] -> c 2.0 SATISFIED"), edges(closure, "b"));
    }

    @Test
    void extrasRequestedByTheCallerApply() throws Exception {
        List<Distribution> bundle = List.of(Distribution.of("Lib", "1.0", "extra-dep; extra == \"Fast_Mode\""));
        assertEquals(List.of(), messages(Closure.check(bundle, LINUX_311)));
        Closure closure = Closure.check(bundle, LINUX_311, Map.of("lib", List.of("fast-mode")));
        assertEquals(List.of("Lib 1.0 requires extra-dep, which is not bundled"), messages(closure));
        assertEquals(Set.of("fast-mode"), closure.extras(closure.find("LIB").orElseThrow()));
    }

    @Test
    void anUndeclaredExtraIsReportedOnlyWhenTheTargetDeclaresExtras() throws Exception {
        Closure closure = Closure.check(List.of(
                Distribution.of("app", "1.0", "b[nope]", "c[whatever]"),
                new Distribution("b", "1.0", List.of(), List.of("yes"), "b.whl"),
                Distribution.of("c", "1.0")), LINUX_311);
        assertEquals(List.of("app 1.0 requires b[nope], but b 1.0 has no extra 'nope'"), messages(closure));
        assertEquals(Closure.Kind.UNKNOWN_EXTRA, closure.problems().get(0).kind());
        assertTrue(closure.isSatisfied(), "an unknown extra does not make the set unsatisfied");
    }

    @Test
    void aBundledPreReleaseMeetsARequirementThatDoesNotNameOne() throws Exception {
        Closure closure = Closure.check(List.of(
                Distribution.of("app", "1.0", "lib>=2.0", "other<3"),
                Distribution.of("lib", "2.1rc1"),
                Distribution.of("other", "3.0.dev4")), LINUX_311);
        assertEquals(List.of("app 1.0 has requirement other<3, but you have other 3.0.dev4"), messages(closure),
                "3.0.dev4 is below 3 in PEP 440 order, but <3 excludes pre-releases of 3 itself");
        assertEquals(Closure.Status.SATISFIED, closure.dependencies(closure.find("app").orElseThrow()).get(0).status());
    }

    @Test
    void cyclesEnd() throws Exception {
        Closure closure = Closure.check(List.of(
                Distribution.of("a", "1.0", "b[x]"),
                Distribution.of("b", "1.0", "a[y]; extra == \"x\""),
                Distribution.of("a-extra-dep", "1.0")), LINUX_311);
        assertEquals(List.of(), messages(closure));
        assertEquals(Set.of("y"), closure.extras(closure.find("a").orElseThrow()));
        assertEquals(Set.of("x"), closure.extras(closure.find("b").orElseThrow()));
        assertEquals(List.of("a[y] -> a 1.0 SATISFIED"), edges(closure, "b"));
    }

    @Test
    void urlRequirementsAcceptAnyVersionAndNonPep440VersionsOnlyBareRequirements() throws Exception {
        Closure closure = Closure.check(List.of(
                Distribution.of("app", "1.0", "pip @ https://example.com/pip.zip", "legacy", "legacy>=1"),
                Distribution.of("pip", "24.0"),
                Distribution.of("legacy", "2004-final-b")), LINUX_311);
        assertEquals(List.of("app 1.0 has requirement legacy>=1, but you have legacy 2004-final-b"), messages(closure));
    }

    @Test
    void duplicatesAreReportedAndTheLowestIsChecked() throws Exception {
        Closure closure = Closure.check(List.of(
                Distribution.of("app", "1.0", "six>=1.16"),
                new Distribution("six", "1.17.0", List.of(), List.of(), "six-1.17.0-py2.py3-none-any.whl"),
                new Distribution("Six", "1.15.0", List.of(), List.of(), "six-1.15.0-py2.py3-none-any.whl")), LINUX_311);
        assertEquals(List.of(
                "Six is bundled more than once: 1.15.0 (six-1.15.0-py2.py3-none-any.whl), 1.17.0 (six-1.17.0-py2.py3-none-any.whl);"
                        + " Six 1.15.0 is the one checked",
                "app 1.0 has requirement six>=1.16, but you have Six 1.15.0"), messages(closure));
    }

    @Test
    void theResultDoesNotDependOnTheInputOrder() throws Exception {
        List<Distribution> bundle = new ArrayList<>(List.of(
                Distribution.of("zeta", "1", "missing-z", "alpha<1"),
                Distribution.of("alpha", "1", "missing-a2", "missing-a1"),
                Distribution.of("mid", "1", "zeta", "alpha")));
        String first = Closure.check(bundle, LINUX_311).report();
        assertEquals("alpha 1 requires missing-a2, which is not bundled\n"
                + "alpha 1 requires missing-a1, which is not bundled\n"
                + "zeta 1 requires missing-z, which is not bundled\n"
                + "zeta 1 has requirement alpha<1, but you have alpha 1", first);
        for (int i = 0; i < 5; i++) {
            Collections.rotate(bundle, 1);
            Collections.swap(bundle, 0, 1);
            assertEquals(first, Closure.check(bundle, LINUX_311).report());
        }
    }

    @Test
    void anInvalidRequiresDistNamesTheFile() {
        Distribution broken = new Distribution("a", "1", List.of("b >= "), List.of(), "a-1-py3-none-any.whl");
        String message = assertThrows(PyzException.class, () -> Closure.check(List.of(broken), LINUX_311)).getMessage();
        assertTrue(message.startsWith("a-1-py3-none-any.whl: Requires-Dist of a 1 is not a valid requirement: "), message);
        assertTrue(message.contains("'b >= '"), message);
    }

    @Test
    void aMarkerTheEnvironmentCannotEvaluateNamesTheFile() {
        Distribution d = new Distribution("a", "1", List.of("b; os_name == \"posix\""), List.of(), "a.whl");
        String message = assertThrows(PyzException.class, () -> Closure.check(List.of(d), Map.of())).getMessage();
        assertTrue(message.startsWith("a.whl: Requires-Dist 'b; os_name == \"posix\"' of a 1 cannot be evaluated"),
                message);
    }
}

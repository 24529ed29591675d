package dev.pyz.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonVersionTest {
    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', value = {
            "3.12 | 3.12", " 3.12 | 3.12", "3.12.4 | 3.12.4", "py3.12 | 3.12", "python3.11 | 3.11", "Python 3.9 | 3.9",
            "cp312 | 3.12", "CP38 | 3.8", "py310 | 3.10", "cpython-3.13 | 3.13", "3.8.0 | 3.8.0", "4.0 | 4.0"})
    void acceptsWhatUsersWrite(String text, String expected) {
        assertEquals(expected, PythonVersion.parse(text).toString());
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "3 | '3' names no minor release: write major.minor, such as 3.12",
            "py3 | 'py3' names no minor release: write major.minor, such as 3.12",
            "three | 'three' is not a Python version: write major.minor, such as 3.12, or major.minor.micro, such as 3.12.4",
            "3.12.x | '3.12.x' is not a Python version",
            "312 | '312' names no minor release: write major.minor, such as 3.12",
            "2.7 | Python 2.7 ('2.7') is too old: a zipapp runs on CPython 3.8 or newer",
            "3.7.9 | Python 3.7.9 ('3.7.9') is too old",
            "'' | no Python version given"})
    void refusesWhatIsWrongSayingWhatToWrite(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PythonVersion.parse(text));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void aMinorVersionStandsForItsFirstAndALateRelease() {
        assertEquals(List.of("3.11.0", "3.11.999"), PythonVersion.parse("3.11").fullVersions());
        assertEquals(List.of("3.11.7"), PythonVersion.parse("3.11.7").fullVersions());
        assertTrue(PythonVersion.parse("3.11").admits(PythonVersion.parse("3.11.7")));
        assertFalse(PythonVersion.parse("3.11.2").admits(PythonVersion.parse("3.11.7")));
        assertFalse(PythonVersion.parse("3.11").admits(PythonVersion.parse("3.12.0")));
        assertTrue(PythonVersion.parse("3.13").atLeast(3, 13));
        assertFalse(PythonVersion.parse("3.12.9").atLeast(3, 13));
    }

    @Test
    void pythonFullVersionMarkersAreNoFalseErrorsForAMinorTarget() throws Exception {
        // foo is needed on 3.11.0-3.11.2 only: for "3.11" it is not required (it is on no late release), so a
        // zipapp without foo is not reported broken; for "3.11.1" it is required
        Distribution app = new Distribution("app", "1.0", List.of("foo; python_full_version < \"3.11.3\"",
                "bar; python_full_version >= \"3.11.0\""), List.of(), "app.whl");
        Distribution bar = new Distribution("bar", "1.0", List.of(), List.of(), "bar.whl");
        Closure minor = Closure.check(List.of(app, bar), new Target(PythonVersion.parse("3.11"), "linux", "x86_64"));
        assertTrue(minor.isSatisfied(), minor.problems().toString());
        Closure early = Closure.check(List.of(app, bar), new Target(PythonVersion.parse("3.11.1"), "linux", "x86_64"));
        assertEquals(1, early.problems().size(), early.problems().toString());
        assertTrue(early.problems().get(0).message().contains("requires foo"), early.problems().toString());
        Closure late = Closure.check(List.of(app, bar), new Target(PythonVersion.parse("3.11.7"), "linux", "x86_64"));
        assertTrue(late.isSatisfied(), late.problems().toString());
        // the single-environment form evaluates exactly what it is given
        Map<String, String> env = MarkerEnvironment.cpython("3.11.1", "linux", "x86_64");
        assertEquals(1, Closure.check(List.of(app, bar), env).problems().size());
    }

    @Test
    void theTargetSpecTakesTheInterpretersVersionWhenNoneIsDeclared() {
        TargetSpec undeclared = new TargetSpec(java.util.Optional.empty(), "linux", "x86_64");
        assertEquals(java.util.Optional.empty(), undeclared.resolve(java.util.Optional.empty()));
        assertEquals("CPython 3.11.7 on linux x86_64",
                undeclared.resolve(java.util.Optional.of(PythonVersion.parse("3.11.7"))).orElseThrow().toString());
        TargetSpec declared = new TargetSpec(java.util.Optional.of(PythonVersion.parse("3.12")), null, " ");
        assertEquals(Target.hostPlatform(), declared.platform());
        assertEquals("3.12", declared.resolve(java.util.Optional.of(PythonVersion.parse("3.11.7"))).orElseThrow()
                .python().toString());
    }
}

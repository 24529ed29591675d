package dev.pyz.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkerTest {
    /**
     * Markers evaluated for a CPython target given by version, sys.platform and machine, with the
     * extras requested (space separated).
     */
    @ParameterizedTest(name = "[{index}] {0} on {1} {2} {3} [{4}]: {5}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            python_version < "3.10"                             | 3.9.18  | linux  | x86_64 | | true
            python_version < "3.10"                             | 3.10.0  | linux  | x86_64 | | false
            python_version < "3.9"                              | 3.10.1  | linux  | x86_64 | | false
            python_version > "3.9"                              | 3.10.1  | linux  | x86_64 | | true
            python_version < "3.12"                             | 3.11.4  | linux  | x86_64 | | true
            python_version < "3.12"                             | 3.12.0  | linux  | x86_64 | | false
            python_version < '2.7'                              | 2.6.9   | linux  | x86_64 | | true
            python_version == "3.*"                             | 3.11.4  | linux  | x86_64 | | true
            python_version != "3.11.*"                          | 3.11.4  | linux  | x86_64 | | false
            python_version ~= "3.8"                             | 3.11.4  | linux  | x86_64 | | true
            python_version ~= "3"                               | 3.11.4  | linux  | x86_64 | | false
            python_version === "3.11"                           | 3.11.4  | linux  | x86_64 | | true
            python_version === "3.11.0"                         | 3.11.4  | linux  | x86_64 | | false
            python_version == "3.11.0"                          | 3.11.4  | linux  | x86_64 | | true
            "3.8" <= python_version                             | 3.11.4  | linux  | x86_64 | | true
            "3.8" <= python_version                             | 3.7.17  | linux  | x86_64 | | false
            "3.12" > python_version                             | 3.11.4  | linux  | x86_64 | | true
            python_full_version >= "3.11.3"                     | 3.11.4  | linux  | x86_64 | | true
            python_full_version < "3.11"                        | 3.11.0rc1 | linux | x86_64 | | false
            python_full_version >= "3.11.0rc1"                  | 3.11.0rc1 | linux | x86_64 | | true
            python_full_version >= "3.11"                       | 3.11.0rc1 | linux | x86_64 | | false
            implementation_version >= "3.11"                    | 3.11.4  | linux  | x86_64 | | true
            "linux" in sys_platform                             | 3.11.4  | linux  | x86_64 | | true
            "linux" in sys_platform                             | 3.11.4  | darwin | arm64  | | false
            sys_platform not in "win32 cygwin"                  | 3.11.4  | linux  | x86_64 | | true
            sys_platform not in "win32 cygwin"                  | 3.11.4  | win32  | AMD64  | | false
            "SMP" in platform_version                           | 3.11.4  | linux  | x86_64 | | false
            platform_system == "Linux"                          | 3.11.4  | linux  | x86_64 | | true
            platform_system == "linux"                          | 3.11.4  | linux  | x86_64 | | false
            platform_system != "Windows"                        | 3.11.4  | linux  | x86_64 | | true
            platform_machine == "x86_64" and (python_version >= "3.8" or os_name == "nt") | 3.11.4 | linux | x86_64 | | true
            platform_machine == "x86_64" and (python_version >= "3.8" or os_name == "nt") | 3.11.4 | linux | aarch64 | | false
            platform_machine == "x86_64" and (python_version >= "3.8" or os_name == "nt") | 3.7.9 | win32 | x86_64 | | true
            platform_machine == "x86_64" and (python_version >= "3.8" or os_name == "nt") | 3.7.9 | linux | x86_64 | | false
            os_name == "nt" and sys_platform == "x" or sys_platform == "linux" | 3.11.4 | linux | x86_64 | | true
            os_name == "posix" or sys_platform == "win32" and os_name == "nt" | 3.11.4 | linux | x86_64 | | true
            (os_name == "posix" or sys_platform == "win32") and os_name == "nt" | 3.11.4 | linux | x86_64 | | false
            os_name == "nt" and (sys_platform == "x" or sys_platform == "linux") | 3.11.4 | linux | x86_64 | | false
            ((os_name == "posix"))                              | 3.11.4  | linux  | x86_64 | | true
            os.name == "posix"                                  | 3.11.4  | linux  | x86_64 | | true
            sys.platform == "darwin"                            | 3.11.4  | darwin | arm64  | | true
            platform.machine == "arm64"                         | 3.11.4  | darwin | arm64  | | true
            python_implementation == "CPython"                  | 3.11.4  | linux  | x86_64 | | true
            platform_python_implementation == 'CPython' and implementation_name == "cpython" | 3.11.4 | linux | x86_64 | | true
            platform_python_implementation != "PyPy"            | 3.11.4  | linux  | x86_64 | | true
            sys_platform >= "linux"                             | 3.11.4  | linux  | x86_64 | | true
            sys_platform <= "linux"                             | 3.11.4  | linux  | x86_64 | | true
            sys_platform > "a"                                  | 3.11.4  | linux  | x86_64 | | false
            platform_machine < "z"                              | 3.11.4  | linux  | x86_64 | | false
            sys_platform ~= "linux"                             | 3.11.4  | linux  | x86_64 | | true
            platform_release >= "5.0"                           | 3.11.4  | linux  | x86_64 | | false
            platform_release == ""                              | 3.11.4  | linux  | x86_64 | | true
            "a" == "a"                                          | 3.11.4  | linux  | x86_64 | | true
            "2.0" > "10.0"                                      | 3.11.4  | linux  | x86_64 | | false
            extra == "Test_Extra"                               | 3.11.4  | linux  | x86_64 | test-extra | true
            extra == "test-extra"                               | 3.11.4  | linux  | x86_64 | Test.Extra | true
            extra == "Test_Extra"                               | 3.11.4  | linux  | x86_64 | | false
            extra == "Test_Extra"                               | 3.11.4  | linux  | x86_64 | other | false
            extra == "b"                                        | 3.11.4  | linux  | x86_64 | a b | true
            "b" == extra                                        | 3.11.4  | linux  | x86_64 | a b | true
            extra == "a" and extra == "b"                       | 3.11.4  | linux  | x86_64 | a b | true
            extra != "tests"                                    | 3.11.4  | linux  | x86_64 | | true
            extra != "tests"                                    | 3.11.4  | linux  | x86_64 | tests | false
            extra != "tests"                                    | 3.11.4  | linux  | x86_64 | docs tests | false
            extra > "a"                                         | 3.11.4  | linux  | x86_64 | b | false
            "test" in extra                                     | 3.11.4  | linux  | x86_64 | test | false
            python_version < "3.12" and extra == "and-cuda"     | 3.11.4  | linux  | x86_64 | and_cuda | true
            python_version < "3.12" and extra == "and-cuda"     | 3.11.4  | linux  | x86_64 | | false
            """)
    void evaluates(String marker, String python, String platform, String machine, String extras, boolean expected) {
        Map<String, String> env = MarkerEnvironment.cpython(python, platform, machine);
        Set<String> requested = extras == null ? Set.of() : Set.of(extras.split(" "));
        assertEquals(expected, Marker.parse(marker).evaluate(env, requested));
    }

    @Test
    void evaluatingWithoutExtrasIsEvaluatingWithNone() {
        Map<String, String> env = MarkerEnvironment.cpython("3.11.4", "linux", "x86_64");
        assertFalse(Marker.parse("extra == 'x'").evaluate(env));
        assertTrue(Marker.parse("extra != 'x'").evaluate(env));
    }

    @Test
    void anEnvironmentWithoutAValueTheMarkerNeedsIsAnError() {
        Map<String, String> env = new HashMap<>(MarkerEnvironment.cpython("3.11.4", "linux", "x86_64"));
        env.remove("platform_release");
        Marker marker = Marker.parse("os_name == 'posix' and platform_release >= '5'");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> marker.evaluate(env));
        assertEquals("The marker environment has no value for 'platform_release', which the marker uses", e.getMessage());
        // a short-circuited side is not looked up
        assertFalse(Marker.parse("os_name == 'nt' and platform_release >= '5'").evaluate(env));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            python_version<"3.10"                                   | python_version < "3.10"
            `os_name=='a' and (os_name=='b' or os_name=='c')`       | os_name == "a" and (os_name == "b" or os_name == "c")
            `(os_name=='a' and os_name=='b') or os_name=='c'`       | os_name == "a" and os_name == "b" or os_name == "c"
            `os.name == 'posix'`                                    | os_name == "posix"
            `'a"b' in os_name`                                      | 'a"b' in os_name
            `os_name not  	 in "x"`                                | os_name not in "x"
            `"linux"in sys_platform`                                | "linux" in sys_platform
            `python_version === '3.11'`                             | python_version === "3.11"
            """)
    void printsANormalizedFormThatParsesBack(String text, String normalized) {
        Marker marker = Marker.parse(text);
        assertEquals(normalized, marker.toString());
        assertEquals(marker, Marker.parse(marker.toString()));
        assertEquals(marker.hashCode(), Marker.parse(normalized).hashCode());
    }

    @Test
    void listsTheVariablesItUses() {
        Marker marker = Marker.parse("extra == 'x' or os.name == 'nt' and python_version > '3' and os_name != 'a'");
        assertEquals(List.of("extra", "os_name", "python_version"), List.copyOf(marker.variables()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            python_version < 3.10                   | 18 | the value 3.10 must be quoted ("3.10")
            python_versio < "3"                     | 1  | unknown marker variable 'python_versio' (known: extra, implementation_name,
            extras == "x"                           | 1  | unknown marker variable 'extras'
            os_name == "posix                       | 12 | unterminated string (no closing \")
            (os_name == "a"                         | 16 | expected ')' to close the '(' at column 1 but found the end
            `"3.4" < python_version < "3.9"`        | 24 | unexpected '<'; comparisons cannot be chained, join them with 'and'
            os_name not "a"                         | 13 | expected 'in' after 'not' but found '\"'
            os_name                                 | 8  | expected an operator (==, !=, <=, >=, <, >, ~=, ===, in, not in) but found the end
            os_name = "a"                           | 9  | expected an operator (==, !=, <=, >=, <, >, ~=, ===, in, not in) but found '='
            os_name == "a" and                      | 19 | expected a marker variable, a quoted string or '(' but found the end
            ``                                      | 1  | expected a marker variable, a quoted string or '(' but found the end
            os_name == "a" xor os_name == "b"       | 16 | unexpected 'x'; expected 'and', 'or' or the end of the marker
            os_name == "a" AND os_name == "b"       | 16 | unexpected 'A'; expected 'and', 'or' or the end of the marker
            os_name == "a")                         | 15 | unexpected ')'; expected 'and', 'or' or the end of the marker
            """)
    void rejects(String text, int column, String fault) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Marker.parse(text));
        assertTrue(e.getMessage().startsWith("Invalid marker '" + text + "' at column " + column + ": " + fault),
                e.getMessage());
    }

    @Test
    void everyVariableOfTheSpecificationIsKnown() {
        String all = Stream.of("python_version", "python_full_version", "os_name", "sys_platform", "platform_release",
                        "platform_system", "platform_version", "platform_machine", "platform_python_implementation",
                        "implementation_name", "implementation_version", "extra")
                .map(v -> v + " != 'no such value'")
                .collect(Collectors.joining(" and "));
        assertTrue(Marker.parse(all).evaluate(MarkerEnvironment.cpython("3.12.1", "linux", "x86_64")));
    }
}

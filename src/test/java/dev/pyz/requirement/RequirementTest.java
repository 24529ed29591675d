package dev.pyz.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequirementTest {
    private static final Map<String, String> LINUX_311 = MarkerEnvironment.cpython("3.11.4", "linux", "x86_64");

    /** The test program of the dependency specifiers specification, and what each line means. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            A                                                           | A
            A.B-C_D                                                     | A.B-C_D
            aa                                                          | aa
            name                                                        | name
            name<=1                                                     | name<=1
            name>=3                                                     | name>=3
            name>=3,                                                    | name>=3
            name>=3,<2                                                  | name>=3,<2
            name@http://foo.com                                         | name @ http://foo.com
            `name [fred,bar] @ http://foo.com ; python_version=='2.7'`  | name[fred,bar] @ http://foo.com ; python_version == "2.7"
            `name[quux, strange];python_version<'2.7' and platform_version=='2'` | name[quux,strange]; python_version < "2.7" and platform_version == "2"
            `name; os_name=='a' or os_name=='b'`                        | name; os_name == "a" or os_name == "b"
            `name; os_name=='a' and os_name=='b' or os_name=='c'`       | name; os_name == "a" and os_name == "b" or os_name == "c"
            `name; os_name=='a' and (os_name=='b' or os_name=='c')`     | name; os_name == "a" and (os_name == "b" or os_name == "c")
            `name; os_name=='a' or os_name=='b' and os_name=='c'`       | name; os_name == "a" or os_name == "b" and os_name == "c"
            `name; (os_name=='a' or os_name=='b') and os_name=='c'`     | name; (os_name == "a" or os_name == "b") and os_name == "c"
            `requests [security,tests] >= 2.8.1, == 2.8.* ; python_version < "2.7"` | requests[security,tests]>=2.8.1,==2.8.*; python_version < "2.7"
            `tensorflow-io-gcs-filesystem>=0.23.1; python_version < "3.12"` | tensorflow-io-gcs-filesystem>=0.23.1; python_version < "3.12"
            numpy<2.2.0,>=1.26.0                                        | numpy<2.2.0,>=1.26.0
            `protobuf!=4.21.0,!=4.21.1,!=4.21.2,!=4.21.3,!=4.21.4,!=4.21.5,<6.0.0dev,>=3.20.3` | protobuf!=4.21.0,!=4.21.1,!=4.21.2,!=4.21.3,!=4.21.4,!=4.21.5,<6.0.0.dev0,>=3.20.3
            `nvidia-cublas-cu12==12.5.3.2; extra == "and-cuda"`         | nvidia-cublas-cu12==12.5.3.2; extra == "and-cuda"
            `foo (>=1.0)`                                               | foo>=1.0
            `foo ( >= 1.0 , < 2 ) ; os_name == "nt"`                    | foo>=1.0,<2; os_name == "nt"
            `foo[] >=1`                                                 | foo>=1
            `  foo  `                                                   | foo
            `pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686` | pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686
            """)
    void parsesAndPrintsANormalizedForm(String text, String normalized) {
        Requirement requirement = Requirement.parse(text);
        assertEquals(normalized, requirement.toString());
        assertEquals(requirement, Requirement.parse(requirement.toString()));
        assertEquals(requirement.hashCode(), Requirement.parse(requirement.toString()).hashCode());
    }

    @Test
    void splitsTheSpecificationsFullExample() {
        Requirement r = Requirement.parse("requests [security,tests] >= 2.8.1, == 2.8.* ; python_version < \"2.7\"");
        assertEquals("requests", r.name());
        assertEquals(List.of("security", "tests"), r.extras());
        assertEquals(List.of(Specifier.parse(">=2.8.1"), Specifier.parse("==2.8.*")), r.specifier().specifiers());
        assertEquals(Optional.empty(), r.url());
        assertEquals("python_version < \"2.7\"", r.marker().orElseThrow().toString());
        assertFalse(r.appliesTo(LINUX_311, Set.of()));
        assertTrue(r.appliesTo(MarkerEnvironment.cpython("2.6.9", "linux", "x86_64"), Set.of()));
        assertTrue(r.specifier().contains(Version.parse("2.8.5")));
        assertFalse(r.specifier().contains(Version.parse("2.8.0")));
        assertFalse(r.specifier().contains(Version.parse("2.9")));
    }

    @Test
    void tensorflowsRequiresDistLines() {
        Requirement gcs = Requirement.parse("tensorflow-io-gcs-filesystem>=0.23.1; python_version < \"3.12\"");
        assertEquals("tensorflow-io-gcs-filesystem", gcs.normalizedName());
        assertTrue(gcs.specifier().contains(Version.parse("0.37.1")));
        assertFalse(gcs.specifier().contains(Version.parse("0.23.0")));
        assertTrue(gcs.appliesTo(LINUX_311, Set.of()));
        assertFalse(gcs.appliesTo(MarkerEnvironment.cpython("3.12.7", "linux", "x86_64"), Set.of()));

        Requirement numpy = Requirement.parse("numpy<2.2.0,>=1.26.0");
        assertEquals(Optional.empty(), numpy.marker());
        assertTrue(numpy.appliesTo(LINUX_311, Set.of()));
        assertTrue(numpy.specifier().contains(Version.parse("2.1.3")));
        assertFalse(numpy.specifier().contains(Version.parse("2.2.0")));

        Requirement cuda = Requirement.parse("nvidia-cublas-cu12==12.5.3.2; extra == \"and-cuda\"");
        assertFalse(cuda.appliesTo(LINUX_311, Set.of()));
        assertTrue(cuda.appliesTo(LINUX_311, Set.of("and_cuda")));
        assertTrue(cuda.appliesTo(LINUX_311, Set.of("AND.CUDA")));
        assertFalse(cuda.appliesTo(LINUX_311, Set.of("cuda")));
    }

    @Test
    void keepsAUrlAsWritten() {
        Requirement r = Requirement.parse("Name[Fred] @ file:///builds/name-1.0-py3-none-any.whl ; sys_platform == 'linux'");
        assertEquals(Optional.of("file:///builds/name-1.0-py3-none-any.whl"), r.url());
        assertTrue(r.specifier().isEmpty());
        assertTrue(r.appliesTo(LINUX_311, Set.of()));
        assertEquals("Name[Fred] @ file:///builds/name-1.0-py3-none-any.whl ; sys_platform == \"linux\"", r.toString());
    }

    @Test
    void normalizesNamesAndExtrasLikePep503AndPep685() {
        assertEquals("friendly-bard", Requirement.normalizeName("FrIeNdLy-._.-bArD"));
        assertEquals("friendly-bard", Requirement.normalizeName("friendly.bard"));
        assertEquals("friendly-bard", Requirement.normalizeName("friendly__bard"));
        Requirement r = Requirement.parse("Typing_Extensions[Foo_Bar, baz]>=4.0");
        assertEquals("Typing_Extensions", r.name());
        assertEquals("typing-extensions", r.normalizedName());
        assertEquals(List.of("Foo_Bar", "baz"), r.extras());
        assertEquals(Set.of("foo-bar", "baz"), r.normalizedExtras());
        assertEquals(Requirement.parse("typing.extensions [foo-bar,BAZ] >= 4.0"), r);
        assertNotEquals(Requirement.parse("typing-extensions[foo-bar]>=4.0"), r);
        assertNotEquals(Requirement.parse("typing-extensions[foo-bar,baz]>=4.1"), r);
    }

    @Test
    void dropsRepeatedExtras() {
        assertEquals(List.of("a", "b"), Requirement.parse("x[a, b, a]").extras());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                              | 1  | expected a distribution name (letters, digits and '.', '-', '_' inside) but found the end
            -foo                            | 1  | expected a distribution name (letters, digits and '.', '-', '_' inside) but found '-'
            foo-                            | 4  | distribution name must end with a letter or digit
            foo >= 1.0 ;                    | 13 | expected a marker after ';'
            foo[bar                         | 8  | expected ',' or the ']' closing the '[' at column 4 but found the end
            foo[bar,]                       | 9  | expected an extra name (letters, digits and '.', '-', '_' inside) but found ']'
            foo[bar baz]                    | 9  | expected ',' or the ']' closing the '[' at column 4 but found 'b'
            foo @                           | 6  | expected a URL after '@'
            foo @ http://x.com extra        | 20 | unexpected 'e' after the URL; expected ';' and a marker, or the end
            foo (>=1.0                      | 11 | expected ',' or the ')' closing the '(' at column 5 but found the end
            foo >=1.0 bar                   | 11 | unexpected 'b'; expected ',' and a version specifier, ';' and a marker, or the end
            foo bar                         | 5  | unexpected 'b'; expected '[extras]', a version specifier, '@ url', ';' and a marker, or the end
            foo >= 1.0.*                    | 11 | a '.*' prefix match is only allowed after == and !=, not after >=
            foo==1.0-                       | 9  | unexpected '-'; a version looks like
            foo ~= 1                        | 8  | ~= needs a release of at least two numbers
            `foo; python_version < 3.10`    | 23 | the value 3.10 must be quoted ("3.10")
            `foo; python_version < '3.10' )` | 30 | unexpected ')'; expected 'and', 'or' or the end of the marker
            `foo; pyton_version < '3.10'`   | 6  | unknown marker variable 'pyton_version'
            """)
    void rejectsNamingTheTextAndColumn(String text, int column, String fault) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Requirement.parse(text));
        assertTrue(e.getMessage().startsWith("Invalid requirement '" + text + "' at column " + column + ": " + fault),
                e.getMessage());
    }
}

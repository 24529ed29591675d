package dev.pyz.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecifierTest {
    /** The operator alone (no pre-release filtering), case by case from the specification's text. */
    @ParameterizedTest(name = "{1} {0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ==1.1           | 1.1.post1         | false
            ==1.1.post1     | 1.1.post1         | true
            ==1.1.*         | 1.1.post1         | true
            ==1.1           | 1.1a1             | false
            ==1.1a1         | 1.1a1             | true
            ==1.1.*         | 1.1a1             | true
            ==1.1           | 1.1               | true
            ==1.1.0         | 1.1               | true
            ==1.1.dev1      | 1.1               | false
            ==1.1a1         | 1.1               | false
            ==1.1.post1     | 1.1               | false
            ==1.1.*         | 1.1               | true
            !=1.1           | 1.1.post1         | true
            !=1.1.post1     | 1.1.post1         | false
            !=1.1.*         | 1.1.post1         | false
            !=1.1.*         | 1.2               | true
            !=1.1.*         | 1.1.5             | false
            ==3.1           | 3.1.0             | true
            ==3.1           | 3.1.1             | false
            ==3.1.*         | 3.1.9             | true
            ==3.1.*         | 3.10              | false
            ==3.1.*         | 3.2               | false
            ==1.1.0.*       | 1.1               | true
            ==1.0.*         | 1                 | true
            ==1.*           | 1.0a1             | true
            ==1.0a1.*       | 1.0a1             | true
            ==1.0a1.*       | 1.0a1.post1       | true
            ==1.0a1.*       | 1.0.0a1.dev2      | true
            ==1.0a1.*       | 1.0a10            | false
            ==1.0a1.*       | 1.0               | false
            ==1.0.post1.*   | 1.0.post1.dev2    | true
            ==1.0.post1.*   | 1.0.post10        | false
            ~=2.2           | 2.2               | true
            ~=2.2           | 2.10              | true
            ~=2.2           | 2.2.post1         | true
            ~=2.2           | 2.1               | false
            ~=2.2           | 3.0               | false
            ~=1.4.5         | 1.4.5             | true
            ~=1.4.5         | 1.4.9             | true
            ~=1.4.5         | 1.4.4             | false
            ~=1.4.5         | 1.5.0             | false
            ~=2.2.post3     | 2.2.post3         | true
            ~=2.2.post3     | 2.2.1             | true
            ~=2.2.post3     | 2.9               | true
            ~=2.2.post3     | 2.2.post2         | false
            ~=2.2.post3     | 2.2               | false
            ~=2.2.post3     | 3.0               | false
            ~=1.4.5a4       | 1.4.5a4           | true
            ~=1.4.5a4       | 1.4.5             | true
            ~=1.4.5a4       | 1.4.9             | true
            ~=1.4.5a4       | 1.4.5a3           | false
            ~=1.4.5a4       | 1.5               | false
            ~=2.2.0         | 2.2.5             | true
            ~=2.2.0         | 2.3               | false
            ~=1.4.5.0       | 1.4.5.9           | true
            ~=1.4.5.0       | 1.4.6             | false
            ~=3.1           | 3.9               | true
            ~=3.1           | 4.0               | false
            ~=3.1.2         | 3.1.2             | true
            ~=3.1.2         | 3.2.0             | false
            ~=3.1a1         | 3.1a1             | true
            ~=3.1a1         | 3.5               | true
            ~=3.1a1         | 4.0               | false
            >1.7            | 1.7.1             | true
            >1.7            | 1.8               | true
            >1.7            | 1.7               | false
            >1.7            | 1.7.0.post1       | false
            >1.7            | 1.7.post1.dev1    | false
            >1.7            | 1.7+local         | false
            >1.7            | 1.7.1+local       | true
            >1.7.post2      | 1.7.1             | true
            >1.7.post2      | 1.7.0.post3       | true
            >1.7.post2      | 1.7.0             | false
            >1.7.post2      | 1.7.post2         | false
            >1.7a1          | 1.7a1.post1       | false
            >1.7a1          | 1.7a2             | true
            >1.7a1          | 1.7               | true
            >1.7a1          | 1.7.post1         | true
            >1.7.dev1       | 1.7.post1         | true
            <1.7            | 1.7.0.dev1        | false
            <1.7            | 1.7a1             | false
            <1.7            | 1.7rc1.post1      | false
            <1.7            | 1.7               | false
            <1.7            | 1.6.9             | true
            <1.7            | 1.6rc1            | true
            <1.7            | 1.6.9+local       | true
            <1.7            | 1.7+local         | false
            <3.1            | 3.1.dev0          | false
            <1.7rc1         | 1.7a1             | true
            <1.7rc1         | 1.7.dev1          | true
            <1.7rc1         | 1.7rc1            | false
            <=1.0           | 1.0+local         | true
            <=1.0           | 1.0.post1         | false
            >=1.0           | 1.0+local         | true
            >=1.0           | 1.0.dev1          | false
            >=1.0           | 1.0.0             | true
            <=1.0           | 1.0a1             | true
            ==1.0           | 1.0+local         | true
            ==1.0+local     | 1.0+local         | true
            ==1.0+Local-1   | 1.0+local.1       | true
            ==1.0+local     | 1.0               | false
            ==1.0+local     | 1.0+other         | false
            ==1.0+local     | 1.0.0+local       | true
            !=1.0           | 1.0+local         | false
            !=1.0+local     | 1.0+other         | true
            ==1.0.*         | 1.0.5+local       | true
            ===1.0          | 1.0               | true
            ===1.0          | 1.0+downstream1   | false
            ===1.0          | 1.0.0             | false
            ===1.0RC1       | 1.0rc1            | true
            ===1.0-1        | 1.0-1             | true
            ===1.0-1        | 1.0.post1         | false
            ==1.*           | 1!1.0             | false
            ==1!1.*         | 1!1.0             | true
            ~=2.2           | 1!2.3             | false
            >=1.0           | 1!0.1             | true
            <2.0            | 1!0.1             | false
            """)
    void matches(String specifier, String candidate, boolean expected) {
        assertEquals(expected, Specifier.parse(specifier).contains(Version.parse(candidate)));
    }

    @Test
    void exposesItsParts() {
        Specifier wildcard = Specifier.parse(" != 1.2.* ");
        assertEquals(Specifier.Operator.NOT_EQUAL, wildcard.operator());
        assertEquals(Optional.of(Version.parse("1.2")), wildcard.version());
        assertTrue(wildcard.isWildcard());
        assertEquals("!=1.2.*", wildcard.toString());

        Specifier arbitrary = Specifier.parse("===foobar");
        assertEquals(Specifier.Operator.ARBITRARY, arbitrary.operator());
        assertEquals(Optional.empty(), arbitrary.version());
        assertEquals("===foobar", arbitrary.toString());
        assertFalse(arbitrary.contains(Version.parse("1.0")));

        assertEquals(">=1.0.post2", Specifier.parse(">= 1.0-2").toString());
        assertEquals("~=1.4.5a4", Specifier.parse("~=1.4.5alpha4").toString());
        assertEquals(Specifier.parse("~=2.2"), Specifier.parse("~= 2.2"));
        assertNotEquals(Specifier.parse("==2.2"), Specifier.parse("==2.2.*"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            >=1.0a1     | true
            ==1.0.dev1  | true
            ~=1.0rc1    | true
            <2.0b1      | true
            ===1.0a1    | true
            !=1.0a1     | false
            >=1.0       | false
            ==1.0.post1 | false
            ===foobar   | false
            """)
    void knowsWhetherItNamesAPrerelease(String specifier, boolean expected) {
        assertEquals(expected, Specifier.parse(specifier).mentionsPrerelease());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            >=1.0.*         | 6 | a '.*' prefix match is only allowed after == and !=, not after >=
            ~=1.0.*         | 6 | a '.*' prefix match is only allowed after == and !=, not after ~=
            ~=1             | 3 | ~= needs a release of at least two numbers
            ~=1.0+local     | 6 | a local version label is only allowed after == and !=, not after ~=
            <1.0+local      | 5 | a local version label is only allowed after == and !=, not after <
            >=1.0+local     | 6 | a local version label is only allowed after == and !=, not after >=
            ==1.0.dev1.*    | 3 | a '.*' prefix match cannot follow a development release
            ==1.0+abc.*     | 6 | a '.*' prefix match cannot follow a local version
            =>1.0           | 1 | expected an operator (~=, ==, !=, <=, >=, <, >, ===) but found '='
            1.0             | 1 | expected an operator
            ``              | 1 | expected an operator (~=, ==, !=, <=, >=, <, >, ===) but found the end
            >=              | 3 | expected a version after '>=' but found the end
            `>= `           | 4 | expected a version after '>=' but found the end
            >=1.0 extra     | 7 | unexpected 'e' after the version
            ==1.*.0         | 4 | unexpected '.'
            ==1.0-          | 6 | unexpected '-'
            ===             | 4 | expected a version after '===' but found the end
            """)
    void rejects(String text, int column, String fault) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Specifier.parse(text));
        assertTrue(e.getMessage().startsWith("Invalid version specifier '" + text + "' at column " + column + ": " + fault),
                e.getMessage());
    }
}

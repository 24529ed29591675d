package dev.pyz.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecifierSetTest {
    /**
     * Whether a set contains a version by default and when pre-releases are asked for. The
     * specification's own illustration {@code ~= 0.9, >= 1.0, != 1.3.4.*, < 2.0} matches nothing:
     * {@code ~=0.9} means {@code ==0.*}, which no version {@code >=1.0} is.
     */
    @ParameterizedTest(name = "{0} contains {1}: {2}, with pre-releases {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                      | 1.0           | true  | true
            ``                      | 1.0.post1     | true  | true
            ``                      | 1.0a1         | false | true
            ``                      | 1.0.dev1      | false | true
            >=1.0                   | 2.0a1         | false | true
            >=1.0                   | 2.0           | true  | true
            >=1.0a1                 | 2.0b1         | true  | true
            >=1.0a1                 | 1.0.dev1      | false | false
            !=1.0a1                 | 2.0b1         | false | true
            ==1.1.*                 | 1.1a1         | false | true
            ==1.1a1                 | 1.1a1         | true  | true
            ~=3.1.0, != 3.1.3       | 3.1.0         | true  | true
            ~=3.1.0, != 3.1.3       | 3.1.3         | false | false
            ~=3.1.0, != 3.1.3       | 3.1.4         | true  | true
            ~=3.1.0, != 3.1.3       | 3.2.0         | false | false
            ~= 0.9, >= 1.0, != 1.3.4.*, < 2.0 | 1.3.4.1 | false | false
            ~= 0.9, >= 1.0, != 1.3.4.*, < 2.0 | 1.3.5   | false | false
            >= 1.0, != 1.3.4.*, < 2.0         | 1.3.5   | true  | true
            >= 1.0, != 1.3.4.*, < 2.0         | 1.3.4.1 | false | false
            ~= 0.9, >= 1.0, != 1.3.4.*, < 2.0 | 0.9.9   | false | false
            ~= 0.9, >= 1.0, != 1.3.4.*, < 2.0 | 2.0     | false | false
            `numpy<2.2.0,>=1.26.0`  | 1.26.4        | true  | true
            `numpy<2.2.0,>=1.26.0`  | 2.1.3         | true  | true
            `numpy<2.2.0,>=1.26.0`  | 2.2.0         | false | false
            `numpy<2.2.0,>=1.26.0`  | 2.2.0rc1      | false | false
            `numpy<2.2.0,>=1.26.0`  | 1.26.0rc1     | false | false
            `numpy<2.2.0,>=1.26.0`  | 2.1.0rc1      | false | true
            `numpy<2.2.0,>=1.26.0`  | 1.25.2        | false | false
            `protobuf!=4.21.0,!=4.21.1,!=4.21.2,!=4.21.3,!=4.21.4,!=4.21.5,<6.0.0dev,>=3.20.3` | 5.28.3 | true | true
            `protobuf!=4.21.0,!=4.21.1,!=4.21.2,!=4.21.3,!=4.21.4,!=4.21.5,<6.0.0dev,>=3.20.3` | 4.21.3 | false | false
            `protobuf!=4.21.0,!=4.21.1,!=4.21.2,!=4.21.3,!=4.21.4,!=4.21.5,<6.0.0dev,>=3.20.3` | 4.21.6 | true | true
            `protobuf!=4.21.0,!=4.21.1,!=4.21.2,!=4.21.3,!=4.21.4,!=4.21.5,<6.0.0dev,>=3.20.3` | 6.0.0rc1 | false | false
            `protobuf!=4.21.0,!=4.21.1,!=4.21.2,!=4.21.3,!=4.21.4,!=4.21.5,<6.0.0dev,>=3.20.3` | 5.29.0rc2 | true | true
            `protobuf!=4.21.0,!=4.21.1,!=4.21.2,!=4.21.3,!=4.21.4,!=4.21.5,<6.0.0dev,>=3.20.3` | 3.20.2 | false | false
            """)
    void contains(String text, String version, boolean byDefault, boolean withPrereleases) {
        // the tensorflow lines keep their distribution name in the table; the set is what follows it
        String specifiers = text.replaceFirst("^[a-z]+", "");
        SpecifierSet set = SpecifierSet.parse(specifiers);
        Version v = Version.parse(version);
        assertEquals(byDefault, set.contains(v), "by default");
        assertEquals(byDefault, set.contains(v, false), "pre-releases not asked for");
        assertEquals(withPrereleases, set.contains(v, true), "pre-releases asked for");
    }

    @Test
    void parsesAndNormalizes() {
        SpecifierSet set = SpecifierSet.parse(" >= 2.8.1 ,  == 2.8.* ");
        assertEquals(List.of(Specifier.parse(">=2.8.1"), Specifier.parse("==2.8.*")), set.specifiers());
        assertEquals(">=2.8.1,==2.8.*", set.toString());
        assertEquals(set, SpecifierSet.parse(">=2.8.1,==2.8.*"));
        assertEquals("<2.2.0,>=1.26.0", SpecifierSet.parse("<2.2.0,>=1.26.0").toString());
        assertEquals("<6.0.0.dev0", SpecifierSet.parse("<6.0.0dev").toString());
        assertTrue(SpecifierSet.parse("<6.0.0dev").mentionsPrerelease());
        assertFalse(SpecifierSet.parse("!=6.0.0dev,>1").mentionsPrerelease());
    }

    @Test
    void aTrailingCommaIsAllowed() {
        assertEquals(SpecifierSet.parse(">=3"), SpecifierSet.parse(">=3,"));
        assertEquals(SpecifierSet.parse(">=3"), SpecifierSet.parse(">=3 , "));
    }

    @Test
    void blankTextIsTheEmptySetWhichAllowsEveryFinalVersion() {
        assertTrue(SpecifierSet.parse("").isEmpty());
        assertTrue(SpecifierSet.parse("  ").isEmpty());
        assertEquals(SpecifierSet.any(), SpecifierSet.parse(""));
        assertEquals("", SpecifierSet.any().toString());
        assertTrue(SpecifierSet.any().contains(Version.parse("1!99.0.post3")));
        assertEquals(SpecifierSet.any(), SpecifierSet.of(List.of()));
    }

    @Test
    void filterFallsBackToPrereleasesOnlyWhenNoFinalReleaseMatches() {
        SpecifierSet set = SpecifierSet.parse(">=1.5");
        assertEquals(List.of("1.6", "2.0"), names(set.filter(versions("1.0", "1.6", "2.0a1", "2.0"), false)));
        assertEquals(List.of("1.6", "2.0a1", "2.0"), names(set.filter(versions("1.0", "1.6", "2.0a1", "2.0"), true)));
        assertEquals(List.of("2.0a1", "2.0b1"), names(set.filter(versions("1.0", "2.0a1", "2.0b1"), false)));
        assertEquals(List.of(), names(set.filter(versions("1.0", "1.4rc1"), false)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ',>=3'          | 1  | expected an operator (~=, ==, !=, <=, >=, <, >, ===) but found ','
            >=1,,<2         | 5  | expected a clause between the commas
            >=1 <2          | 5  | unexpected '<'; clauses are separated by ','
            >=1.0;          | 6  | unexpected ';'; clauses are separated by ','
            >=1.0,>=2.0.*   | 12 | a '.*' prefix match is only allowed after == and !=, not after >=
            ==1.0,~=2       | 9  | ~= needs a release of at least two numbers
            """)
    void rejects(String text, int column, String fault) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecifierSet.parse(text));
        assertEquals("Invalid version specifier '" + text + "' at column " + column + ": " + fault,
                e.getMessage().substring(0, Math.min(e.getMessage().length(),
                        ("Invalid version specifier '" + text + "' at column " + column + ": " + fault).length())));
    }

    private static List<Version> versions(String... texts) {
        return Stream.of(texts).map(Version::parse).collect(Collectors.toList());
    }

    private static List<String> names(List<Version> versions) {
        return versions.stream().map(Version::toString).collect(Collectors.toList());
    }
}

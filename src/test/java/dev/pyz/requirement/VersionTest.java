package dev.pyz.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionTest {
    /** Every example of the specification's "Normalization" section, and a few combinations. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            1.0                 | 1.0
            1.1RC1              | 1.1rc1
            00                  | 0
            09000               | 9000
            1.0+foo0100         | 1.0+foo0100
            1.1.a1              | 1.1a1
            1.1-a1              | 1.1a1
            1.1_a1              | 1.1a1
            1.0a.1              | 1.0a1
            1.1alpha1           | 1.1a1
            1.1beta2            | 1.1b2
            1.1c3               | 1.1rc3
            1.1pre4             | 1.1rc4
            1.1preview5         | 1.1rc5
            1.1-RC-6            | 1.1rc6
            1.2a                | 1.2a0
            1.2-post2           | 1.2.post2
            1.2post2            | 1.2.post2
            1.2.post-2          | 1.2.post2
            1.2_post_2          | 1.2.post2
            1.0-r4              | 1.0.post4
            1.0rev4             | 1.0.post4
            1.2.post            | 1.2.post0
            1.0-1               | 1.0.post1
            1.0a1-1             | 1.0a1.post1
            1.2-dev2            | 1.2.dev2
            1.2dev2             | 1.2.dev2
            1.2.dev             | 1.2.dev0
            1.2_DEV_3           | 1.2.dev3
            1.0+ubuntu-1        | 1.0+ubuntu.1
            1.0+Ubuntu_1.A      | 1.0+ubuntu.1.a
            1.0+abc.007         | 1.0+abc.7
            v1.0                | 1.0
            V2.0.1              | 2.0.1
            `  1.0\t`           | 1.0
            1!2.0               | 1!2.0
            0!2.0               | 2.0
            1.0.0               | 1.0.0
            2014.04             | 2014.4
            1.0a2.post3.dev4    | 1.0a2.post3.dev4
            1!1.0B2-3_DEV_4+X-Y | 1!1.0b2.post3.dev4+x.y
            6.0.0dev            | 6.0.0.dev0
            1.0a.post1          | 1.0a0.post1
            """)
    void normalizes(String text, String normalized) {
        assertEquals(normalized, Version.parse(text.replace("\\t", "\t")).toString());
    }

    @Test
    void leadingAndTrailingWhitespaceOfEveryKindIsIgnored() {
        assertEquals("1.0", Version.parse(" \t\n\r\f\u000B1.0\n").toString());
        assertEquals("1.0", Version.parse("1.0\n").text());
    }

    /** Texts the specification (or its appendix's expression) rejects, with the column and the fault. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            1.0-                | 4  | unexpected '-'; a version looks like [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]
            ``                  | 1  | the version is empty
            `   `               | 4  | the version is empty
            abc                 | 1  | expected a number but found 'a'
            vv1.0               | 2  | expected a number but found 'v'
            1!                  | 3  | expected the release number after the epoch '1!' but found the end
            1..0                | 2  | unexpected '.'
            1.0.dev1.post1      | 9  | unexpected '.'
            1.0+                | 5  | expected a letter or digit in the local version label but found the end
            1.0+abc.            | 9  | expected a letter or digit in the local version label but found the end
            1.0+a+b             | 6  | unexpected '+'
            1.0 1               | 4  | unexpected ' '
            1.0a1b2             | 6  | unexpected 'b'
            1.0.*               | 4  | unexpected '.'
            1.0-dev1-1          | 9  | unexpected '-'
            1.99999999999999999999 | 3 | the number starting here is too large
            """)
    void rejects(String text, int column, String fault) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Version.parse(text));
        assertTrue(e.getMessage().startsWith("Invalid version '" + text + "' at column " + column + ": " + fault),
                e.getMessage());
        assertEquals(Optional.empty(), Version.tryParse(text));
    }

    @Test
    void tryParseGivesTheVersion() {
        assertEquals(Optional.of(Version.parse("1.2")), Version.tryParse("v1.2.0"));
        assertEquals(Optional.empty(), Version.tryParse(null));
        assertEquals(Optional.empty(), Version.tryParse("not a version"));
    }

    /** The specification's example covering "many of the possible combinations", in order. */
    private static final List<String> SPEC_ORDER = List.of(
            "1.dev0",
            "1.0.dev456",
            "1.0a1",
            "1.0a2.dev456",
            "1.0a12.dev456",
            "1.0a12",
            "1.0b1.dev456",
            "1.0b2",
            "1.0b2.post345.dev456",
            "1.0b2.post345",
            "1.0rc1.dev456",
            "1.0rc1",
            "1.0",
            "1.0+abc.5",
            "1.0+abc.7",
            "1.0+5",
            "1.0.post456.dev34",
            "1.0.post456",
            "1.0.15",
            "1.1.dev1");

    @Test
    void ordersTheSpecificationsExampleStrictly() {
        for (int i = 0; i < SPEC_ORDER.size(); i++) {
            for (int j = 0; j < SPEC_ORDER.size(); j++) {
                Version a = Version.parse(SPEC_ORDER.get(i));
                Version b = Version.parse(SPEC_ORDER.get(j));
                assertEquals(Integer.signum(Integer.compare(i, j)), Integer.signum(a.compareTo(b)), a + " vs " + b);
            }
        }
    }

    @Test
    void sortingShuffledVersionsRestoresTheSpecificationsOrder() {
        List<Version> versions = new ArrayList<>();
        for (String s : SPEC_ORDER) {
            versions.add(Version.parse(s));
        }
        Collections.shuffle(versions, new Random(440));
        Collections.sort(versions);
        assertEquals(SPEC_ORDER, versions.stream().map(Version::toString).collect(Collectors.toList()));
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.9         | 0.9.1
            0.9.2       | 0.9.10
            0.9.11      | 1.0
            1.0         | 1.0.1
            2.0         | 2.0.1
            2014.04     | 1!1.0
            1!1.1       | 1!2.0
            2013.10     | 2014.04
            1.0.post1   | 1.1.dev1
            1.0rc2      | 1.0
            1.0c1       | 1.0rc2
            1.0a99      | 1.0b0
            1.0.post1.dev1 | 1.0.post1
            1.0         | 1.0.post1.dev1
            1.0+abc     | 1.0+abc.1
            1.0+abc.z   | 1.0+abc.1
            1.0+ABC     | 1.0+abd
            1.0+9       | 1.0+10
            1.0+a10     | 1.0+a9
            1.0+a9      | 1.0+a9.5
            1.0+99999999999999999999999 | 1.0+100000000000000000000000
            1.0.dev1    | 1.0a1.dev1
            1.0         | 1.0+0
            1.dev0      | 1.0.dev1
            """)
    void orders(String lower, String higher) {
        Version a = Version.parse(lower);
        Version b = Version.parse(higher);
        assertTrue(a.compareTo(b) < 0, lower + " < " + higher);
        assertTrue(b.compareTo(a) > 0, higher + " > " + lower);
        assertNotEquals(a, b);
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1.0         | 1.0.0
            1           | 1.0.0.0
            1.0c1       | 1.0rc1
            1.0-1       | 1.0.post1
            v1.0        | 1.0
            0!1.0       | 1.0
            1.0+ABC.01  | 1.0+abc.1
            1.0+a-b_c   | 1.0+a.b.c
            1.0alpha    | 1.0a0
            """)
    void equalVersionsCompareAndHashAlike(String x, String y) {
        Version a = Version.parse(x);
        Version b = Version.parse(y);
        assertEquals(0, a.compareTo(b));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void theReleaseKeepsItsTrailingZerosInTextButNotInComparison() {
        assertEquals("1.0.0", Version.parse("1.0.0").toString());
        assertEquals(List.of(1L, 0L, 0L), Version.parse("1.0.0").release());
        assertEquals(Version.parse("1"), Version.parse("1.0.0"));
    }

    @Test
    void exposesItsSegments() {
        Version v = Version.parse("2!3.4.5rc6.post7.dev8+Ubuntu-9");
        assertEquals(2, v.epoch());
        assertEquals(List.of(3L, 4L, 5L), v.release());
        assertEquals(3, v.major());
        assertEquals(4, v.minor());
        assertEquals(5, v.micro());
        assertEquals(Optional.of(new Version.PreRelease(Version.Phase.RELEASE_CANDIDATE, 6)), v.pre());
        assertEquals("rc6", v.pre().orElseThrow().toString());
        assertEquals(OptionalLong.of(7), v.post());
        assertEquals(OptionalLong.of(8), v.dev());
        assertEquals(Optional.of("ubuntu.9"), v.local());
        assertEquals("2!3.4.5", v.base().toString());
        assertEquals("2!3.4.5rc6.post7.dev8", v.publicVersion().toString());
        assertEquals("2!3.4.5rc6.post7.dev8+Ubuntu-9", v.text());

        Version plain = Version.parse("7");
        assertEquals(0, plain.minor());
        assertEquals(0, plain.micro());
        assertEquals(Optional.empty(), plain.pre());
        assertEquals(OptionalLong.empty(), plain.post());
        assertEquals(OptionalLong.empty(), plain.dev());
        assertEquals(Optional.empty(), plain.local());
        assertEquals(plain, plain.publicVersion());
    }

    @ParameterizedTest(name = "{0}: pre {1}, dev {2}, post {3}, local {4}")
    @CsvSource(delimiter = '|', textBlock = """
            1.0                 | false | false | false | false
            1.0a1               | true  | false | false | false
            1.0rc1.post1        | true  | false | true  | false
            1.0.dev1            | true  | true  | false | false
            1.0.post1           | false | false | true  | false
            1.0.post1.dev1      | true  | true  | true  | false
            1.0+local           | false | false | false | true
            1.0b1+local         | true  | false | false | true
            """)
    void classifiesReleases(String text, boolean pre, boolean dev, boolean post, boolean local) {
        Version v = Version.parse(text);
        assertEquals(pre, v.isPrerelease(), "isPrerelease");
        assertEquals(dev, v.isDevrelease(), "isDevrelease");
        assertEquals(post, v.isPostrelease(), "isPostrelease");
        assertEquals(local, v.isLocal(), "isLocal");
    }

    @Test
    void epochsSortBeforeEverythingElse() {
        assertTrue(Version.parse("1!0.1").compareTo(Version.parse("2014.04")) > 0);
        assertTrue(Version.parse("1!1.0").compareTo(Version.parse("2!0.0.dev0")) < 0);
        assertEquals("1!1.0", Version.parse("1!1.0+abc").publicVersion().toString());
        assertFalse(Version.parse("1!1.0").equals(Version.parse("1.0")));
    }

    @Test
    void preReleaseNumbersCannotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> new Version.PreRelease(Version.Phase.ALPHA, -1));
    }
}

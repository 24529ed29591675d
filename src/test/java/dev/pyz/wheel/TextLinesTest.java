package dev.pyz.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written splitters agree with the regular expressions they replace, on every string tried. */
class TextLinesTest {
    private static String random(Random random, String alphabet, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @Test
    void agreeWithTheRegularExpressions() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String text = random(random, "a\r\n/=.so1", 12);
            assertEquals(Arrays.asList(text.split("\r?\n", -1)), TextLines.lines(text), text);
            assertEquals(Arrays.asList(text.split("/", -1)), TextLines.segments(text), text);
            assertEquals(text.matches("(?s).*\\.so\\.[0-9.]+"), TextLines.isVersionedSharedLibrary(text), text);
            String stripped = text.strip();
            assertEquals(stripped.replaceAll("=+$", ""), TextLines.unpadded(stripped), stripped);
        }
    }

    @Test
    void splitsTheUsualCases() {
        assertEquals(Arrays.asList("a,b", "c", ""), TextLines.lines("a,b\r\nc\n"));
        assertEquals(Arrays.asList("a\rb"), TextLines.lines("a\rb"));
        assertEquals(Arrays.asList("pkg", "", "mod.py"), TextLines.segments("pkg//mod.py"));
        assertEquals(true, TextLines.isVersionedSharedLibrary("libfoo.so.1.2"));
        assertEquals(false, TextLines.isVersionedSharedLibrary("libfoo.so."));
        assertEquals(false, TextLines.isVersionedSharedLibrary("libfoo.so.1a"));
        assertEquals("abc", TextLines.unpadded("abc=="));
    }
}

package dev.pyz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void parsesBytesAndBinaryUnits() throws Exception {
        assertEquals(1048576, Sizes.parse("1048576"));
        assertEquals(8L << 30, Sizes.parse("8g"));
        assertEquals(8L << 30, Sizes.parse("8G"));
        assertEquals(512L << 20, Sizes.parse("512MiB"));
        assertEquals(512L << 20, Sizes.parse(" 512 mb "));
        assertEquals(3L << 10, Sizes.parse("3k"));
        assertEquals(2L << 40, Sizes.parse("2t"));
    }

    @Test
    void refusesWhatIsNotASize() {
        for (String bad : new String[] {"", "g", "-1", "1.5g", "8x", "8ib", "eight"}) {
            String message = assertThrows(PyzException.class, () -> Sizes.parse(bad), bad).getMessage();
            assertTrue(message.contains("is not a size"), message);
        }
        assertTrue(assertThrows(PyzException.class, () -> Sizes.parse("99999999999t")).getMessage().contains("too large"));
    }
}

package dev.pyz.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WheelFileNameTest {
    @Test
    void parsesTheFiveParts() throws Exception {
        WheelFileName n = WheelFileName.parse("six-1.17.0-py2.py3-none-any.whl");
        assertEquals("six", n.name());
        assertEquals("1.17.0", n.version());
        assertEquals(Optional.empty(), n.build());
        assertEquals("py2.py3-none-any", n.classifier());
        assertEquals(List.of("py2-none-any", "py3-none-any"), n.tags());
    }

    @Test
    void aBuildTagGoesInFrontOfTheClassifier() throws Exception {
        WheelFileName n = WheelFileName.parse("tool-2.0-1b-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
        assertEquals(Optional.of("1b"), n.build());
        assertEquals("1b-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64", n.classifier());
        assertEquals(List.of("cp311-cp311-manylinux2014_x86_64", "cp311-cp311-manylinux_2_17_x86_64"), n.tags());
    }

    @Test
    void rejectsWhatIsNotAWheelName() {
        assertTrue(assertThrows(PyzException.class, () -> WheelFileName.parse("six-1.17.0.jar")).getMessage()
                .contains("must end in .whl"));
        assertTrue(assertThrows(PyzException.class, () -> WheelFileName.parse("six-1.17.0-py3.whl")).getMessage()
                .contains("{name}-{version}"));
        assertTrue(assertThrows(PyzException.class, () -> WheelFileName.parse("a-1-x-py3-none-any.whl")).getMessage()
                .contains("build tag 'x' must start with a digit"));
        assertThrows(PyzException.class, () -> WheelFileName.parse("a--py3-none-any.whl"));
    }

    @Test
    void normalizesLikePep503WithUnderscores() {
        assertEquals("typing_extensions", WheelFileName.normalize("Typing.Extensions"));
        assertEquals("google_pasta", WheelFileName.normalize("google-pasta"));
        assertEquals("a_b", WheelFileName.normalize("A--_.b"));
    }
}

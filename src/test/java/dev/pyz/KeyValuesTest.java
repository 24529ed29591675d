package dev.pyz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValuesTest {
    @Test
    void aRepeatedKeyIsAListInOrderAndWhatIsWrittenReadsBack() {
        StringBuilder s = new StringBuilder("name=alpha\n");
        KeyValues.appendAll(s, "requires_dist", List.of("beta>=2", "gamma; extra ==\n \"x\"", "a=b"));
        s.append("script.run=alpha:main\nscript.go=alpha.go:main\nno equals sign\n=no key\n");
        KeyValues values = KeyValues.parse(List.of(s.toString().split("\n")));
        assertEquals(List.of("beta>=2", "gamma; extra ==  \"x\"", "a=b"), values.all("requires_dist"));
        assertEquals("beta>=2", values.get("requires_dist"));
        assertEquals("alpha", values.get("name"));
        assertNull(values.get("version"));
        assertEquals(List.of(), values.all("provides_extra"));
        assertEquals(Map.of("go", "alpha.go:main", "run", "alpha:main"), values.under("script."));
        assertEquals(List.of("go", "run"), List.copyOf(values.under("script.").keySet()));
        assertNull(values.get(""));
    }
}

package dev.pyz.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonTokensTest {
    private static List<String> tokens(String source) {
        List<String> out = new ArrayList<>();
        PythonTokens t = new PythonTokens(source);
        while (t.next() != PythonTokens.Kind.END) {
            out.add(t.kind().name().charAt(0) + ":" + t.text() + (t.startsLine() ? "@" + t.indent() : ""));
        }
        return out;
    }

    @Test
    void namesOutsideCommentsAndStrings() {
        String source = "import os  # __file__ in a comment\n"
                + "HERE = os.path.dirname(__file__)\n"
                + "doc = '''__file__ in a string\n  that spans lines'''\n"
                + "x = rb'\\'' + f\"{__file__!r} {d[\"k\"]}\" + u'ok'\n";
        List<String> names = new ArrayList<>();
        PythonTokens t = new PythonTokens(source);
        while (t.next() != PythonTokens.Kind.END) {
            if (t.kind() == PythonTokens.Kind.NAME) {
                names.add(t.text() + "@" + t.line());
            }
        }
        assertEquals(List.of("import@1", "os@1", "HERE@2", "os@2", "path@2", "dirname@2", "__file__@2", "doc@3", "x@5"),
                names);
    }

    @Test
    void logicalLinesAndTheirIndentation() {
        List<String> tokens = tokens("if a:\n    b = (1,\n  2)\n    c \\\n  = 3\n\tpass\n");
        assertEquals(List.of("N:if@0", "N:a", "O::", "N:b@4", "O:=", "O:(", "N:1", "O:,", "N:2", "O:)", "N:c@4", "O:=",
                "N:3", "N:pass@8"), tokens);
    }

    @Test
    void stringBodiesAndPrefixes() {
        PythonTokens t = new PythonTokens("Rb\"\"\"a\"b\"\"\" 'it\\'s' name");
        t.next();
        assertEquals(PythonTokens.Kind.STRING, t.kind());
        assertEquals("a\"b", t.stringBody());
        t.next();
        assertEquals("it\\'s", t.stringBody());
        t.next();
        assertEquals(PythonTokens.Kind.NAME, t.kind());
        assertEquals("", t.stringBody());
    }

    @Test
    void formatSpecsAndNestedFields() {
        // a quote as the fill of a format spec does not start a string; a nested field is skipped with it
        assertEquals(List.of("N:a@0", "O:=", "S:f\"{x:'>10}\"", "N:b@0", "O:=", "N:c"),
                tokens("a = f\"{x:'>10}\"\nb = c\n"));
        assertEquals(List.of("N:a@0", "O:=", "S:f'{x:{w}.{p}}'", "N:b@0"), tokens("a = f'{x:{w}.{p}}'\nb\n"));
        // an unterminated single-quoted f-string ends at its line
        assertEquals(List.of("N:a@0", "O:=", "S:f'{x", "N:b@0"), tokens("a = f'{x\nb\n"));
    }

    @Test
    void aMarkComesBackToTheSameToken() {
        PythonTokens t = new PythonTokens("if x:\n    y\n");
        t.next();
        PythonTokens.Mark m = t.mark();
        t.next();
        t.next();
        t.next();
        t.reset(m);
        assertEquals("if", t.text());
        t.next();
        assertEquals("x", t.text());
    }

    @Test
    void neverFailsOnBrokenSource() {
        for (String broken : List.of("'unterminated\nx = 1", "f'{", "\"\"\"never closed", "(((", ")))", "\\", "1e+",
                "x = f'{a[\"b\"}'", "\u00e9t\u00e9 = 1")) {
            tokens(broken);
        }
        assertEquals(List.of("S:'unterminated@0", "N:x@0", "O:=", "N:1"), tokens("'unterminated\nx = 1"));
    }
}

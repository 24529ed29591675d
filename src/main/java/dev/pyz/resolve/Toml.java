package dev.pyz.resolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A reader of TOML 1.0 documents as lock files use them: tables ({@code [a.b]}), arrays of tables
 * ({@code [[a.b]]}), dotted and quoted keys, basic and literal strings (single and multi-line, with
 * escapes), integers, floats, booleans, arrays and inline tables (over several lines too, as TOML 1.1
 * allows). Dates and times are kept as their text ({@link DateTime}). A table is a {@code Map} in the
 * document's order, an array a {@code List}.
 */
public final class Toml {
    /** A date, time or date-time, as written. */
    public record DateTime(String text) {}

    /** A document that is not valid TOML: the line and what is wrong. */
    public static final class TomlException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int line;

        TomlException(int line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}([Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:\\d{2})?)?|\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?(0|[1-9](_?\\d)*)");
    private static final Pattern RADIX = Pattern.compile("0x[0-9A-Fa-f](_?[0-9A-Fa-f])*|0o[0-7](_?[0-7])*|0b[01](_?[01])*");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(0|[1-9](_?\\d)*)(\\.\\d(_?\\d)*)?([eE][+-]?\\d(_?\\d)*)?|[+-]?(inf|nan)");

    private final String s;
    private int i;
    private int line = 1;

    private Toml(String text) {
        this.s = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The document's root table.
     *
     * @throws TomlException naming the line of the first error
     */
    public static Map<String, Object> parse(String text) {
        return new Toml(text).document();
    }

    private Map<String, Object> document() {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> current = root;
        while (true) {
            skipBlankLines();
            if (eof()) {
                return root;
            }
            if (peek() == '[') {
                boolean array = s.startsWith("[[", i);
                i += array ? 2 : 1;
                skipSpaces();
                List<String> keys = key();
                skipSpaces();
                expect(array ? "]]" : "]");
                current = array ? arrayTable(root, keys) : table(root, keys);
            } else {
                keyValue(current);
            }
            endOfLine();
        }
    }

    private Map<String, Object> table(Map<String, Object> root, List<String> keys) {
        Map<String, Object> parent = descend(root, keys.subList(0, keys.size() - 1));
        String last = keys.get(keys.size() - 1);
        Object existing = parent.get(last);
        if (existing == null) {
            Map<String, Object> t = new LinkedHashMap<>();
            parent.put(last, t);
            return t;
        }
        if (existing instanceof Map<?, ?> m) {
            return cast(m);
        }
        throw error("[" + String.join(".", keys) + "]: the key is already a value, not a table");
    }

    private Map<String, Object> arrayTable(Map<String, Object> root, List<String> keys) {
        Map<String, Object> parent = descend(root, keys.subList(0, keys.size() - 1));
        String last = keys.get(keys.size() - 1);
        Object existing = parent.computeIfAbsent(last, k -> new ArrayList<>());
        if (!(existing instanceof List<?> list)) {
            throw error("[[" + String.join(".", keys) + "]]: the key is already a value, not an array of tables");
        }
        Map<String, Object> t = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object> tables = (List<Object>) list;
        tables.add(t);
        return t;
    }

    /** The table at {@code keys} below {@code from} (the last table of an array of tables), made when missing. */
    private Map<String, Object> descend(Map<String, Object> from, List<String> keys) {
        Map<String, Object> t = from;
        for (String k : keys) {
            Object next = t.computeIfAbsent(k, x -> new LinkedHashMap<String, Object>());
            if (next instanceof List<?> list && !list.isEmpty() && list.get(list.size() - 1) instanceof Map<?, ?> m) {
                t = cast(m);
            } else if (next instanceof Map<?, ?> m) {
                t = cast(m);
            } else {
                throw error("the key " + k + " is already a value, not a table");
            }
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private void keyValue(Map<String, Object> table) {
        List<String> keys = key();
        skipSpaces();
        expect("=");
        skipSpaces();
        Object value = value();
        Map<String, Object> target = descend(table, keys.subList(0, keys.size() - 1));
        String last = keys.get(keys.size() - 1);
        if (target.containsKey(last)) {
            throw error("the key " + String.join(".", keys) + " is defined twice");
        }
        target.put(last, value);
    }

    private List<String> key() {
        List<String> keys = new ArrayList<>();
        while (true) {
            keys.add(simpleKey());
            skipSpaces();
            if (eof() || peek() != '.') {
                return keys;
            }
            i++;
            skipSpaces();
        }
    }

    private String simpleKey() {
        if (eof()) {
            throw error("a key was expected at the end of the document");
        }
        char c = peek();
        if (c == '"') {
            return basicString();
        }
        if (c == '\'') {
            return literalString();
        }
        int start = i;
        while (!eof() && (Character.isLetterOrDigit(peek()) && peek() < 128 || peek() == '_' || peek() == '-')) {
            i++;
        }
        if (start == i) {
            throw error("a key was expected, not '" + c + "'");
        }
        return s.substring(start, i);
    }

    private Object value() {
        if (eof()) {
            throw error("a value was expected at the end of the document");
        }
        char c = peek();
        switch (c) {
            case '"':
                return s.startsWith("\"\"\"", i) ? multiLineBasic() : basicString();
            case '\'':
                return s.startsWith("'''", i) ? multiLineLiteral() : literalString();
            case '[':
                return array();
            case '{':
                return inlineTable();
            default:
                return scalar();
        }
    }

    private Object scalar() {
        int start = i;
        while (!eof() && isScalarChar(peek())) {
            i++;
        }
        // a date and a time may be separated by one space: 1979-05-27 07:32:00
        if (!eof() && peek() == ' ' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))
                && s.substring(start, i).matches("\\d{4}-\\d{2}-\\d{2}")) {
            i++;
            while (!eof() && isScalarChar(peek())) {
                i++;
            }
        }
        String token = s.substring(start, i);
        if (token.isEmpty()) {
            throw error("a value was expected, not '" + peek() + "'");
        }
        if (token.equals("true") || token.equals("false")) {
            return Boolean.valueOf(token);
        }
        if (DATE_TIME.matcher(token).matches()) {
            return new DateTime(token);
        }
        String digits = token.replace("_", "");
        try {
            if (INTEGER.matcher(token).matches()) {
                return Long.parseLong(digits);
            }
            if (RADIX.matcher(token).matches()) {
                int radix = switch (token.charAt(1)) {
                    case 'x' -> 16;
                    case 'o' -> 8;
                    default -> 2;
                };
                return Long.parseLong(digits.substring(2), radix);
            }
        } catch (NumberFormatException e) {
            throw error("the integer " + token + " is too large");
        }
        if (FLOAT.matcher(token).matches()) {
            return switch (digits.replaceFirst("^[+-]", "")) {
                case "inf" -> digits.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                case "nan" -> Double.NaN;
                default -> Double.parseDouble(digits);
            };
        }
        throw error("'" + token + "' is not a TOML value (strings are quoted)");
    }

    private static boolean isScalarChar(char c) {
        return Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' || c == '+' || c == ':' || c == '.';
    }

    private List<Object> array() {
        expect("[");
        List<Object> items = new ArrayList<>();
        while (true) {
            skipBlankLines();
            if (eof()) {
                throw error("the array is not closed with ]");
            }
            if (peek() == ']') {
                i++;
                return items;
            }
            items.add(value());
            skipBlankLines();
            if (eof()) {
                throw error("the array is not closed with ]");
            }
            if (peek() == ',') {
                i++;
            } else if (peek() != ']') {
                throw error("',' or ']' was expected in the array, not '" + peek() + "'");
            }
        }
    }

    private Map<String, Object> inlineTable() {
        expect("{");
        Map<String, Object> table = new LinkedHashMap<>();
        while (true) {
            skipBlankLines();
            if (eof()) {
                throw error("the inline table is not closed with }");
            }
            if (peek() == '}') {
                i++;
                return table;
            }
            keyValue(table);
            skipBlankLines();
            if (eof()) {
                throw error("the inline table is not closed with }");
            }
            if (peek() == ',') {
                i++;
            } else if (peek() != '}') {
                throw error("',' or '}' was expected in the inline table, not '" + peek() + "'");
            }
        }
    }

    private String basicString() {
        expect("\"");
        StringBuilder b = new StringBuilder();
        while (true) {
            if (eof() || peek() == '\n') {
                throw error("the string is not closed with \"");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                escape(b);
            } else {
                b.append(c);
            }
        }
    }

    private String multiLineBasic() {
        expect("\"\"\"");
        skipFirstNewline();
        StringBuilder b = new StringBuilder();
        while (true) {
            if (eof()) {
                throw error("the string is not closed with \"\"\"");
            }
            if (s.startsWith("\"\"\"", i)) {
                i += 3;
                for (int extra = 0; extra < 2 && !eof() && peek() == '"'; extra++) { // """"" ends with two quotes
                    b.append('"');
                    i++;
                }
                return b.toString();
            }
            char c = s.charAt(i++);
            if (c == '\n') {
                line++;
            }
            if (c == '\\') {
                int j = i;
                while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t' || s.charAt(j) == '\r')) {
                    j++;
                }
                if (j < s.length() && s.charAt(j) == '\n') { // a line-ending backslash trims the white space after it
                    i = j;
                    while (!eof() && Character.isWhitespace(peek())) {
                        if (peek() == '\n') {
                            line++;
                        }
                        i++;
                    }
                } else {
                    escape(b);
                }
            } else {
                b.append(c);
            }
        }
    }

    private String literalString() {
        expect("'");
        int end = s.indexOf('\'', i);
        int newline = s.indexOf('\n', i);
        if (end < 0 || newline >= 0 && newline < end) {
            throw error("the string is not closed with '");
        }
        String text = s.substring(i, end);
        i = end + 1;
        return text;
    }

    private String multiLineLiteral() {
        expect("'''");
        skipFirstNewline();
        int end = s.indexOf("'''", i);
        if (end < 0) {
            throw error("the string is not closed with '''");
        }
        while (end + 3 < s.length() && s.charAt(end + 3) == '\'') {
            end++;
        }
        String text = s.substring(i, end);
        line += (int) text.chars().filter(c -> c == '\n').count();
        i = end + 3;
        return text;
    }

    private void skipFirstNewline() {
        if (s.startsWith("\r\n", i)) {
            i += 2;
            line++;
        } else if (s.startsWith("\n", i)) {
            i++;
            line++;
        }
    }

    private void escape(StringBuilder b) {
        if (eof()) {
            throw error("the string ends in an escape");
        }
        char e = s.charAt(i++);
        switch (e) {
            case 'b' -> b.append('\b');
            case 't' -> b.append('\t');
            case 'n' -> b.append('\n');
            case 'f' -> b.append('\f');
            case 'r' -> b.append('\r');
            case 'e' -> b.append('\u001b');
            case '"' -> b.append('"');
            case '\\' -> b.append('\\');
            case 'u', 'U' -> {
                int n = e == 'u' ? 4 : 8;
                if (i + n > s.length() || !s.substring(i, i + n).matches("[0-9A-Fa-f]+")) {
                    throw error("\\" + e + " needs " + n + " hexadecimal digits");
                }
                int code = Integer.parseInt(s.substring(i, i + n), 16);
                if (!Character.isValidCodePoint(code) || code >= 0xD800 && code <= 0xDFFF) {
                    throw error("\\" + e + s.substring(i, i + n) + " is not a Unicode scalar value");
                }
                b.appendCodePoint(code);
                i += n;
            }
            default -> throw error("\\" + e + " is not a TOML escape");
        }
    }

    /** Spaces, tabs, comments and new lines. */
    private void skipBlankLines() {
        while (!eof()) {
            char c = peek();
            if (c == '\n') {
                line++;
                i++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '#') {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipSpaces() {
        while (!eof() && (peek() == ' ' || peek() == '\t')) {
            i++;
        }
    }

    private void skipComment() {
        while (!eof() && peek() != '\n') {
            i++;
        }
    }

    private void endOfLine() {
        skipSpaces();
        if (!eof() && peek() == '#') {
            skipComment();
        }
        if (!eof() && peek() == '\r') {
            i++;
        }
        if (!eof() && peek() != '\n') {
            throw error("the line goes on after its value: '" + peek() + "'");
        }
    }

    private void expect(String text) {
        if (!s.startsWith(text, i)) {
            throw error("'" + text + "' was expected" + (eof() ? " at the end of the document" : ", not '" + peek() + "'"));
        }
        i += text.length();
    }

    private boolean eof() {
        return i >= s.length();
    }

    private char peek() {
        return s.charAt(i);
    }

    private TomlException error(String message) {
        return new TomlException(line, message);
    }
}

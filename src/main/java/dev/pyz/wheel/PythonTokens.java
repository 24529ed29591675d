package dev.pyz.wheel;

/**
 * A light tokenizer of Python source, enough to tell code from comments and strings: it yields names,
 * strings, numbers and one-character operators, each with its line, and says which token starts a
 * logical line and at what indentation. It never fails: whatever it cannot read ends as an operator or
 * the end. f-string replacement fields are skipped with the string (nested quotes included).
 *
 * <p>Cursor-style, so that scanning a wheel's source makes no object per token: call {@link #next()}
 * until it returns {@link Kind#END}, and read the current token's {@link #text()} and position.
 */
public final class PythonTokens {
    /** What the current token is. */
    public enum Kind { NAME, STRING, NUMBER, OP, END }

    private final String s;
    private int pos;
    private int line = 1;
    private int depth; // open brackets: newlines inside them do not end the logical line
    private boolean lineStart = true;
    private int lineIndent;
    private int column;

    private Kind kind;
    private int start;
    private int end;
    private int tokenLine;
    private boolean tokenStartsLine;
    private int tokenIndent;

    public PythonTokens(String source) {
        this.s = source;
    }

    /** Decodes source bytes as UTF-8 (a malformed byte becomes U+FFFD) and tokenizes them. */
    public static PythonTokens of(byte[] source) {
        return new PythonTokens(new String(source, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Advances to the next token and returns its kind. */
    public Kind next() {
        skipSpaceAndComments();
        if (pos >= s.length()) {
            kind = Kind.END;
            start = end = pos;
            return kind;
        }
        tokenLine = line;
        tokenStartsLine = lineStart && depth == 0;
        if (tokenStartsLine) {
            lineIndent = column;
        }
        tokenIndent = lineIndent;
        lineStart = false;
        char c = s.charAt(pos);
        start = pos;
        if (c == '"' || c == '\'') {
            readString(false);
            kind = Kind.STRING;
        } else if (isNameStart(c)) {
            int e = pos;
            while (e < s.length() && isNamePart(s.charAt(e))) {
                e++;
            }
            if (e < s.length() && (s.charAt(e) == '"' || s.charAt(e) == '\'') && isStringPrefix(s, pos, e)) {
                boolean formatted = s.substring(pos, e).toLowerCase(java.util.Locale.ROOT).matches(".*[ft].*");
                advanceTo(e);
                readString(formatted);
                kind = Kind.STRING;
            } else {
                advanceTo(e);
                kind = Kind.NAME;
            }
        } else if (Character.isDigit(c) || c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
            int e = pos + 1;
            while (e < s.length()) {
                char d = s.charAt(e);
                boolean sign = (d == '+' || d == '-') && (s.charAt(e - 1) == 'e' || s.charAt(e - 1) == 'E')
                        && !s.substring(start, e).startsWith("0x") && !s.substring(start, e).startsWith("0X");
                if (!(Character.isLetterOrDigit(d) || d == '_' || d == '.' || sign)) {
                    break;
                }
                e++;
            }
            advanceTo(e);
            kind = Kind.NUMBER;
        } else {
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            advanceTo(pos + 1);
            kind = Kind.OP;
        }
        end = pos;
        return kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The token's text: a name, a number, an operator, or a string literal with its prefix and quotes. */
    public String text() {
        return s.substring(start, end);
    }

    /** Whether the current token is this name or operator. */
    public boolean is(String text) {
        return end - start == text.length() && s.startsWith(text, start);
    }

    /** The string literal's content between its quotes (escapes as written), or "" for other tokens. */
    public String stringBody() {
        if (kind != Kind.STRING) {
            return "";
        }
        int q = start;
        while (s.charAt(q) != '"' && s.charAt(q) != '\'') {
            q++;
        }
        int quote = q + 2 < end && s.charAt(q + 1) == s.charAt(q) && s.charAt(q + 2) == s.charAt(q) ? 3 : 1;
        int from = q + quote;
        int to = Math.max(from, end - quote);
        return s.substring(from, to);
    }

    /** The line the current token is on (1-based). */
    public int line() {
        return tokenLine;
    }

    /** Whether the current token is the first of a logical line. */
    public boolean startsLine() {
        return tokenStartsLine;
    }

    /** The column of the first token of the current token's logical line. */
    public int indent() {
        return tokenIndent;
    }

    private void skipSpaceAndComments() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\n') {
                advanceTo(pos + 1);
                if (depth == 0) {
                    lineStart = true;
                }
            } else if (c == '#') {
                int e = s.indexOf('\n', pos);
                advanceTo(e < 0 ? s.length() : e);
            } else if (c == '\\' && pos + 1 < s.length() && (s.charAt(pos + 1) == '\n' || s.charAt(pos + 1) == '\r')) {
                advanceTo(pos + (s.startsWith("\r\n", pos + 1) ? 3 : 2)); // an explicit line joining
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                advanceTo(pos + 1);
            } else {
                return;
            }
        }
    }

    /** Reads the string literal whose quote is at pos (its prefix already read). */
    private void readString(boolean formatted) {
        char q = s.charAt(pos);
        boolean triple = s.startsWith(String.valueOf(q).repeat(3), pos);
        advanceTo(pos + (triple ? 3 : 1));
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\\') {
                advanceTo(Math.min(s.length(), pos + 2));
            } else if (c == q && (!triple || s.startsWith(String.valueOf(q).repeat(3), pos))) {
                advanceTo(pos + (triple ? 3 : 1));
                return;
            } else if (c == '\n' && !triple) {
                return; // unterminated: the line ends it
            } else if (formatted && c == '{') {
                if (s.startsWith("{{", pos)) {
                    advanceTo(pos + 2);
                } else {
                    advanceTo(pos + 1);
                    skipReplacementField();
                }
            } else {
                advanceTo(pos + 1);
            }
        }
    }

    /** Skips an f-string's replacement field up to its closing brace: brackets and strings nest. */
    private void skipReplacementField() {
        int nested = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') {
                readString(false);
                continue;
            }
            if (c == '{' || c == '(' || c == '[') {
                nested++;
            } else if (c == '}' || c == ')' || c == ']') {
                if (nested == 0) {
                    advanceTo(pos + 1);
                    return;
                }
                nested--;
            }
            advanceTo(pos + 1);
        }
    }

    private void advanceTo(int target) {
        while (pos < target) {
            char c = s.charAt(pos++);
            if (c == '\n') {
                line++;
                column = 0;
            } else {
                column += c == '\t' ? 8 - column % 8 : 1;
            }
        }
    }

    private static boolean isStringPrefix(String s, int from, int to) {
        int n = to - from;
        if (n > 2) {
            return false;
        }
        String p = s.substring(from, to).toLowerCase(java.util.Locale.ROOT);
        return switch (p) {
            case "r", "u", "b", "f", "t", "br", "rb", "fr", "rf", "tr", "rt" -> true;
            default -> false;
        };
    }

    private static boolean isNameStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean isNamePart(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}

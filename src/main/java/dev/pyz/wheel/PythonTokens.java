package dev.pyz.wheel;

import java.util.Collection;

/**
 * A light tokenizer of Python source, enough to tell code from comments and strings: it yields names,
 * strings, numbers and one-character operators, each with its line, and says which token starts a
 * logical line and at what indentation. It never fails: whatever it cannot read ends as an operator or
 * the end. f-string replacement fields are skipped with the string (nested quotes included).
 *
 * <p>Cursor-style, so that scanning a wheel's source makes no object per token: call {@link #next()}
 * until it returns {@link Kind#END}, and ask about the current token ({@link #is}, {@link #isOneOf}) or
 * read its {@link #text()}.
 */
public final class PythonTokens {
    /** What the current token is. */
    public enum Kind { NAME, STRING, NUMBER, OP, END }

    private final String s;
    private final int length;
    private int pos;
    private int line = 1;
    private int depth; // open brackets: newlines inside them do not end the logical line
    private boolean lineStart = true;
    private int lineBegin; // where the physical line of the next logical line's first token begins
    private int lineIndent;

    private Kind kind;
    private int start;
    private int end;
    private int tokenLine;
    private boolean tokenStartsLine;

    public PythonTokens(String source) {
        this.s = source;
        this.length = source.length();
    }

    /** Decodes source bytes as UTF-8 (a malformed byte becomes U+FFFD) and tokenizes them. */
    public static PythonTokens of(byte[] source) {
        return new PythonTokens(new String(source, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Advances to the next token and returns its kind. */
    public Kind next() {
        skipSpaceAndComments();
        if (pos >= length) {
            kind = Kind.END;
            start = end = pos;
            return kind;
        }
        tokenLine = line;
        tokenStartsLine = lineStart && depth == 0;
        if (tokenStartsLine) {
            lineIndent = column(lineBegin, pos);
        }
        lineStart = false;
        char c = s.charAt(pos);
        start = pos;
        if (c == '"' || c == '\'') {
            readString(false);
            kind = Kind.STRING;
        } else if (isNameStart(c)) {
            int e = pos + 1;
            while (e < length && isNamePart(s.charAt(e))) {
                e++;
            }
            if (e < length && e - pos <= 2 && (s.charAt(e) == '"' || s.charAt(e) == '\'') && isStringPrefix(pos, e)) {
                boolean formatted = hasChar(pos, e, 'f') || hasChar(pos, e, 't');
                pos = e;
                readString(formatted);
                kind = Kind.STRING;
            } else {
                pos = e;
                kind = Kind.NAME;
            }
        } else if (isDigit(c) || c == '.' && pos + 1 < length && isDigit(s.charAt(pos + 1))) {
            int e = pos + 1;
            boolean hex = c == '0' && e < length && (s.charAt(e) == 'x' || s.charAt(e) == 'X');
            while (e < length) {
                char d = s.charAt(e);
                boolean sign = (d == '+' || d == '-') && !hex && (s.charAt(e - 1) == 'e' || s.charAt(e - 1) == 'E');
                if (!(isNamePart(d) || d == '.' || sign)) {
                    break;
                }
                e++;
            }
            pos = e;
            kind = Kind.NUMBER;
        } else {
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            pos++;
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

    /** Whether the current token is one of these names or operators (without making a string of it). */
    public boolean isOneOf(Collection<String> texts) {
        for (String t : texts) {
            if (is(t)) {
                return true;
            }
        }
        return false;
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

    /** The column of the first token of the current token's logical line (a tab advances to a multiple of 8). */
    public int indent() {
        return lineIndent;
    }

    private void skipSpaceAndComments() {
        while (pos < length) {
            char c = s.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                if (depth == 0) {
                    lineStart = true;
                    lineBegin = pos;
                }
            } else if (c == '#') {
                int e = s.indexOf('\n', pos);
                pos = e < 0 ? length : e;
            } else if (c == '\\' && pos + 1 < length && (s.charAt(pos + 1) == '\n' || s.charAt(pos + 1) == '\r')) {
                pos += s.startsWith("\r\n", pos + 1) ? 3 : 2; // an explicit line joining
                line++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else {
                return;
            }
        }
    }

    /** Reads the string literal whose quote is at pos (its prefix already read). */
    private void readString(boolean formatted) {
        char q = s.charAt(pos);
        boolean triple = pos + 2 < length && s.charAt(pos + 1) == q && s.charAt(pos + 2) == q;
        pos += triple ? 3 : 1;
        while (pos < length) {
            char c = s.charAt(pos);
            if (c == '\\') {
                if (pos + 1 < length && s.charAt(pos + 1) == '\n') {
                    line++;
                }
                pos = Math.min(length, pos + 2);
            } else if (c == q && (!triple || pos + 2 < length && s.charAt(pos + 1) == q && s.charAt(pos + 2) == q)) {
                pos += triple ? 3 : 1;
                return;
            } else if (c == '\n') {
                if (!triple) {
                    return; // unterminated: the line ends it
                }
                line++;
                pos++;
            } else if (formatted && c == '{') {
                if (pos + 1 < length && s.charAt(pos + 1) == '{') {
                    pos += 2;
                } else {
                    pos++;
                    skipReplacementField(triple);
                }
            } else {
                pos++;
            }
        }
    }

    /**
     * Skips an f-string's replacement field up to its closing brace: in the expression, brackets and strings
     * nest; after a top-level {@code :}, the format spec is literal text (a quote there is a fill character)
     * but for nested fields. A newline ends a field of a single-quoted string (the string is unterminated).
     */
    private void skipReplacementField(boolean triple) {
        int nested = 0;
        boolean spec = false;
        while (pos < length) {
            char c = s.charAt(pos);
            if (c == '\n') {
                if (!triple) {
                    return;
                }
                line++;
            } else if (spec) {
                if (c == '{') {
                    pos++;
                    skipReplacementField(triple);
                    continue;
                }
                if (c == '}') {
                    pos++;
                    return;
                }
            } else if (c == '"' || c == '\'') {
                readString(false);
                continue;
            } else if (c == '{' || c == '(' || c == '[') {
                nested++;
            } else if (c == '}' || c == ')' || c == ']') {
                if (nested == 0) {
                    pos++;
                    return;
                }
                nested--;
            } else if (c == ':' && nested == 0) {
                spec = true;
            }
            pos++;
        }
    }

    /** Where the cursor is, to come back to with {@link #reset}: for a look ahead that reads tokens. */
    public record Mark(int pos, int line, int depth, boolean lineStart, int lineBegin, int lineIndent, Kind kind,
            int start, int end, int tokenLine, boolean tokenStartsLine) {}

    public Mark mark() {
        return new Mark(pos, line, depth, lineStart, lineBegin, lineIndent, kind, start, end, tokenLine, tokenStartsLine);
    }

    /** Puts the cursor back where {@link #mark} was taken. */
    public void reset(Mark m) {
        pos = m.pos();
        line = m.line();
        depth = m.depth();
        lineStart = m.lineStart();
        lineBegin = m.lineBegin();
        lineIndent = m.lineIndent();
        kind = m.kind();
        start = m.start();
        end = m.end();
        tokenLine = m.tokenLine();
        tokenStartsLine = m.tokenStartsLine();
    }

    /** Whether the current token is an f-string (or t-string): its replacement fields hold code. */
    public boolean isFormatted() {
        if (kind != Kind.STRING) {
            return false;
        }
        for (int i = start; i < end && s.charAt(i) != '"' && s.charAt(i) != '\''; i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if (c == 'f' || c == 't') {
                return true;
            }
        }
        return false;
    }

    private int column(int from, int to) {
        int column = 0;
        for (int i = from; i < to; i++) {
            column += s.charAt(i) == '\t' ? 8 - column % 8 : 1;
        }
        return column;
    }

    private boolean hasChar(int from, int to, char lower) {
        for (int i = from; i < to; i++) {
            if (Character.toLowerCase(s.charAt(i)) == lower) {
                return true;
            }
        }
        return false;
    }

    /** r, u, b, f, t and the two-letter mixes of r with b, f or t, in any case. */
    private boolean isStringPrefix(int from, int to) {
        char a = Character.toLowerCase(s.charAt(from));
        if (to - from == 1) {
            return a == 'r' || a == 'u' || a == 'b' || a == 'f' || a == 't';
        }
        char b = Character.toLowerCase(s.charAt(from + 1));
        return a == 'r' && (b == 'b' || b == 'f' || b == 't') || b == 'r' && (a == 'b' || a == 'f' || a == 't');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c > 127 && Character.isLetter(c);
    }

    private static boolean isNamePart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || isDigit(c)
                || c > 127 && Character.isLetterOrDigit(c);
    }
}

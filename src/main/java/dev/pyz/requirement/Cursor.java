package dev.pyz.requirement;

/**
 * A position in a text being parsed, with the helpers every parser of this package needs. Errors
 * name what was being parsed, the whole text, the 1-based column and what was wrong, so a message
 * points at the exact spot in a {@code Requires-Dist} line even when the fault lies in a version or
 * a marker inside it.
 */
final class Cursor {
    final String kind;
    final String text;
    int pos;
    int end;

    Cursor(String kind, String text) {
        this.kind = kind;
        this.text = text;
        this.pos = 0;
        this.end = text.length();
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** The character at the cursor, ASCII letters lower-cased, or NUL at the end. */
    char peekLower() {
        return lower(peek(0));
    }

    char peek() {
        return peek(0);
    }

    char peek(int ahead) {
        int at = pos + ahead;
        return at < end ? text.charAt(at) : '\0';
    }

    boolean lookingAt(String s) {
        return text.startsWith(s, pos) && pos + s.length() <= end;
    }

    /** Whether the text at the cursor is {@code s} (lower case), ignoring the case of ASCII letters. */
    boolean lookingAtIgnoreCase(String s) {
        if (pos + s.length() > end) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (lower(text.charAt(pos + i)) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Skips the grammar's {@code wsp}: spaces and tabs. */
    void skipSpaces() {
        while (pos < end && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    /** What is at {@code at}, for messages: {@code 'x'} or "the end". */
    String describe(int at) {
        return at >= end ? "the end" : "'" + text.charAt(at) + "'";
    }

    IllegalArgumentException error(String why) {
        return error(pos, why);
    }

    IllegalArgumentException error(int at, String why) {
        return new IllegalArgumentException(
                "Invalid " + kind + " '" + text + "' at column " + (at + 1) + ": " + why);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetterOrDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}

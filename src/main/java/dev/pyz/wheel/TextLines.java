package dev.pyz.wheel;

import java.util.ArrayList;
import java.util.List;

/**
 * Splitting a wheel's text files into lines and paths into segments without regular expressions: packing runs
 * them once per entry of every wheel, where a regular expression costs more than the work it does.
 */
final class TextLines {
    private TextLines() {}

    /** The lines of {@code text}, ended by LF or CRLF (a lone CR is no line end); the empty line after a last LF is kept. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', start)) {
            lines.add(text.substring(start, lf > start && text.charAt(lf - 1) == '\r' ? lf - 1 : lf));
            start = lf + 1;
        }
        lines.add(text.substring(start));
        return lines;
    }

    /** The segments of a '/'-separated path, empty ones included ({@code "a//b/"} has four). */
    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
            segments.add(path.substring(start, slash));
            start = slash + 1;
        }
        segments.add(path.substring(start));
        return segments;
    }

    /** Whether {@code file} ends in {@code .so.} and a version of digits and dots ({@code libfoo.so.1.2}). */
    static boolean isVersionedSharedLibrary(String file) {
        for (int at = file.lastIndexOf(".so."); at >= 0; at = file.lastIndexOf(".so.", at - 1)) {
            if (isVersion(file, at + 4)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isVersion(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} without the '=' padding at its end. */
    static String unpadded(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }
}

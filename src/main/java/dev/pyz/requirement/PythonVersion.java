package dev.pyz.requirement;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPython version a zipapp is for: {@code major.minor}, with the micro release when it is known
 * ({@code 3.12} means any 3.12 release; {@code 3.12.4} that one). Parsed once, from what a user writes,
 * and used by every step that needs it (tags, {@code Requires-Python}, markers, the archive layout, the
 * bytecode interpreter).
 */
public record PythonVersion(int major, int minor, OptionalInt micro) implements Comparable<PythonVersion> {
    /** The oldest CPython the zipapp's bootstrap runs on. */
    public static final PythonVersion OLDEST = new PythonVersion(3, 8, OptionalInt.empty());

    /** A micro release later than any real one: what "a late release of this minor" is compared as. */
    static final int LATE_MICRO = 999;

    private static final Pattern DOTTED = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Pattern TAG = Pattern.compile("(\\d)(\\d{1,2})");
    private static final Pattern PREFIX = Pattern.compile("^(cpython|python|cp|py)[\\s-]*");

    public PythonVersion {
        if (major < 0 || minor < 0 || micro.isPresent() && micro.getAsInt() < 0) {
            throw new IllegalArgumentException("negative version part: " + major + "." + minor + "." + micro);
        }
    }

    public static PythonVersion of(int major, int minor) {
        return new PythonVersion(major, minor, OptionalInt.empty());
    }

    public static PythonVersion of(int major, int minor, int micro) {
        return new PythonVersion(major, minor, OptionalInt.of(micro));
    }

    /**
     * Reads a version as users write it: {@code 3.12}, {@code 3.12.4}, and the same with a {@code python},
     * {@code py}, {@code cp} or {@code CPython} prefix ({@code py3.12}, {@code python3.12}), or a tag's
     * spelling ({@code cp312}, {@code py312}). Refuses what names no minor release ({@code 3}) and what is
     * older than {@link #OLDEST}, saying what to write instead.
     *
     * @throws IllegalArgumentException with a message that quotes the text
     */
    public static PythonVersion parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no Python version given: write major.minor, such as 3.12");
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        Matcher prefix = PREFIX.matcher(s);
        boolean prefixed = prefix.find();
        String rest = prefixed ? s.substring(prefix.end()) : s;
        PythonVersion version;
        Matcher dotted = DOTTED.matcher(rest);
        Matcher tag = TAG.matcher(rest);
        if (dotted.matches()) {
            version = new PythonVersion(number(dotted.group(1), text), number(dotted.group(2), text),
                    dotted.group(3) == null ? OptionalInt.empty() : OptionalInt.of(number(dotted.group(3), text)));
        } else if (prefixed && tag.matches()) {
            version = of(number(tag.group(1), text), number(tag.group(2), text));
        } else if (rest.matches("\\d+")) {
            throw new IllegalArgumentException("'" + text + "' names no minor release: write major.minor, such as "
                    + (rest.length() == 1 ? rest + ".12" : rest.charAt(0) + "." + rest.substring(1)));
        } else {
            throw new IllegalArgumentException("'" + text + "' is not a Python version: write major.minor, such as"
                    + " 3.12, or major.minor.micro, such as 3.12.4");
        }
        if (version.compareTo(OLDEST) < 0) {
            throw new IllegalArgumentException("Python " + version + " ('" + text + "') is too old: a zipapp runs on"
                    + " CPython " + OLDEST + " or newer");
        }
        return version;
    }

    private static int number(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has a version part too large to be a Python version");
        }
    }

    /** {@code 3.12}, whether or not the micro release is known. */
    public String minorVersion() {
        return major + "." + minor;
    }

    /** This version without its micro release: any release of the same minor. */
    public PythonVersion withoutMicro() {
        return of(major, minor);
    }

    /** Whether this is at least {@code major.minor}. */
    public boolean atLeast(int major, int minor) {
        return this.major > major || this.major == major && this.minor >= minor;
    }

    /** Whether {@code other} is a release of this version: the same minor, and the same micro when this has one. */
    public boolean admits(PythonVersion other) {
        return major == other.major && minor == other.minor
                && (micro.isEmpty() || other.micro.isPresent() && micro.getAsInt() == other.micro.getAsInt());
    }

    /**
     * The full versions ({@code platform.python_version()}) this stands for, as far as markers and
     * {@code Requires-Python} can tell them apart: the one release when the micro is known, else the
     * first and a late release of the minor.
     */
    public java.util.List<String> fullVersions() {
        if (micro.isPresent()) {
            return java.util.List.of(toString());
        }
        return java.util.List.of(minorVersion() + ".0", minorVersion() + "." + LATE_MICRO);
    }

    @Override
    public int compareTo(PythonVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(micro.orElse(-1), o.micro.orElse(-1));
    }

    @Override
    public String toString() {
        return micro.isPresent() ? minorVersion() + "." + micro.getAsInt() : minorVersion();
    }
}

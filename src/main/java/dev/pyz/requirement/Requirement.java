package dev.pyz.requirement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A dependency specifier (PEP 508) as found in a {@code Requires-Dist} field of {@code METADATA}:
 * {@code name [extras] (versions | @ url) ; marker}, for instance
 * {@code requests[security,tests] >= 2.8.1, == 2.8.* ; python_version < "2.7"} or
 * {@code pip @ https://example.com/pip-1.3.1.zip ; os_name == "nt"}. The version clauses may be in
 * parentheses ({@code foo (>=1.0)}), as older metadata writes them. A URL is kept as text, never
 * resolved.
 */
public final class Requirement {
    private final String name;
    private final List<String> extras;
    private final SpecifierSet specifier;
    private final String url;
    private final Marker marker;

    private Requirement(String name, List<String> extras, SpecifierSet specifier, String url, Marker marker) {
        this.name = name;
        this.extras = extras;
        this.specifier = specifier;
        this.url = url;
        this.marker = marker;
    }

    /**
     * Parses one dependency specifier.
     *
     * @throws IllegalArgumentException naming the text, the column and what was expected there (a
     *     name, {@code ]}, a version, a URL after {@code @}, a marker after {@code ;}, ...), including
     *     faults inside the versions and the marker
     */
    public static Requirement parse(String text) {
        Objects.requireNonNull(text, "text");
        Cursor c = new Cursor("requirement", text);
        c.skipSpaces();
        String name = identifier(c, "a distribution name");
        c.skipSpaces();

        List<String> extras = List.of();
        if (c.peek() == '[') {
            extras = extras(c);
            c.skipSpaces();
        }

        SpecifierSet specifier = SpecifierSet.any();
        String url = null;
        if (c.peek() == '@') {
            c.pos++;
            c.skipSpaces();
            int from = c.pos;
            while (!c.atEnd() && !Cursor.isSpace(c.peek())) {
                c.pos++;
            }
            if (from == c.pos) {
                throw c.error("expected a URL after '@'");
            }
            url = c.text.substring(from, c.pos);
            c.skipSpaces();
            if (!c.atEnd() && c.peek() != ';') {
                throw c.error("unexpected " + c.describe(c.pos) + " after the URL; expected ';' and a marker, or the end");
            }
        } else if (c.peek() == '(') {
            int open = c.pos++;
            c.skipSpaces();
            specifier = SpecifierSet.parse(c);
            if (c.peek() != ')') {
                throw c.error("expected ',' or the ')' closing the '(' at column " + (open + 1) + " but found "
                        + c.describe(c.pos));
            }
            c.pos++;
        } else if (Specifier.Operator.at(c) != null) {
            specifier = SpecifierSet.parse(c);
        }
        c.skipSpaces();

        Marker marker = null;
        if (c.peek() == ';') {
            c.pos++;
            c.skipSpaces();
            if (c.atEnd()) {
                throw c.error("expected a marker after ';'");
            }
            marker = Marker.parse(c);
            if (!c.atEnd()) {
                throw c.error(Marker.unexpected(c));
            }
        } else if (!c.atEnd()) {
            throw c.error("unexpected " + c.describe(c.pos) + "; expected "
                    + (extras.isEmpty() && specifier.isEmpty() ? "'[extras]', " : "")
                    + (specifier.isEmpty() ? "a version specifier, '@ url', " : "',' and a version specifier, ")
                    + "';' and a marker, or the end");
        }
        return new Requirement(name, extras, specifier, url, marker);
    }

    /** {@code letterOrDigit (('-' | '_' | '.')* letterOrDigit)*}. */
    private static String identifier(Cursor c, String what) {
        int from = c.pos;
        if (!Cursor.isLetterOrDigit(c.peek())) {
            throw c.error("expected " + what + " (letters, digits and '.', '-', '_' inside) but found " + c.describe(c.pos));
        }
        while (Cursor.isLetterOrDigit(c.peek()) || c.peek() == '-' || c.peek() == '_' || c.peek() == '.') {
            c.pos++;
        }
        if (!Cursor.isLetterOrDigit(c.text.charAt(c.pos - 1))) {
            throw c.error(c.pos - 1, what.substring(what.indexOf(' ') + 1) + " must end with a letter or digit");
        }
        return c.text.substring(from, c.pos);
    }

    private static List<String> extras(Cursor c) {
        int open = c.pos++;
        c.skipSpaces();
        Set<String> extras = new LinkedHashSet<>();
        if (c.peek() != ']') {
            while (true) {
                extras.add(identifier(c, "an extra name"));
                c.skipSpaces();
                if (c.peek() == ']') {
                    break;
                }
                if (c.peek() != ',') {
                    throw c.error("expected ',' or the ']' closing the '[' at column " + (open + 1) + " but found "
                            + c.describe(c.pos));
                }
                c.pos++;
                c.skipSpaces();
            }
        }
        c.pos++; // ']'
        return Collections.unmodifiableList(new ArrayList<>(extras));
    }

    /**
     * The normalized form of a distribution or extra name (PEP 503, PEP 685): lower case, each run of
     * {@code -}, {@code _} and {@code .} replaced by one {@code -}; {@code Typing.Extensions} and
     * {@code typing__extensions} both give {@code typing-extensions}.
     */
    public static String normalizeName(String name) {
        StringBuilder s = new StringBuilder(name.length());
        boolean inRun = false;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '-' || ch == '_' || ch == '.') {
                if (!inRun) {
                    s.append('-');
                }
                inRun = true;
            } else {
                s.append(Cursor.lower(ch));
                inRun = false;
            }
        }
        return s.toString();
    }

    /** The name as written. */
    public String name() {
        return name;
    }

    /** The name normalized for comparison and lookup ({@link #normalizeName}). */
    public String normalizedName() {
        return normalizeName(name);
    }

    /** The extras as written, in order, duplicates dropped. */
    public List<String> extras() {
        return extras;
    }

    /** The extras normalized ({@link #normalizeName}). */
    public Set<String> normalizedExtras() {
        Set<String> normalized = new LinkedHashSet<>();
        for (String extra : extras) {
            normalized.add(normalizeName(extra));
        }
        return Collections.unmodifiableSet(normalized);
    }

    /** The version clauses; empty (allowing every version) when none are given or a URL is. */
    public SpecifierSet specifier() {
        return specifier;
    }

    /** The URL of a direct reference ({@code name @ url}), as written. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** The marker after {@code ;}, if any. */
    public Optional<Marker> marker() {
        return Optional.ofNullable(marker);
    }

    /**
     * Whether this dependency applies in {@code environment} when the distribution declaring it is
     * installed with {@code extras}: true without a marker, else the marker's value.
     *
     * @see Marker#evaluate(Map, Set)
     */
    public boolean appliesTo(Map<String, String> environment, Set<String> extras) {
        return marker == null || marker.evaluate(environment, extras);
    }

    /**
     * Whether this dependency applies in every one of {@code environments} (a target whose patch release is
     * not known is several environments): {@link #appliesTo} in each.
     *
     * @throws IllegalArgumentException when the marker cannot be evaluated there
     */
    public boolean appliesToAll(java.util.List<Map<String, String>> environments, Set<String> extras) {
        for (Map<String, String> environment : environments) {
            if (!appliesTo(environment, extras)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A normalized form that parses back to an equal requirement: {@code name[a,b]>=1.0,<2;
     * python_version < "3.10"}, or {@code name @ url ; marker} (a space before {@code ;} ends the
     * URL).
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name);
        if (!extras.isEmpty()) {
            s.append('[').append(String.join(",", extras)).append(']');
        }
        if (url != null) {
            s.append(" @ ").append(url);
            if (marker != null) {
                s.append(' ');
            }
        } else {
            s.append(specifier);
        }
        if (marker != null) {
            s.append("; ").append(marker);
        }
        return s.toString();
    }

    /** Equal when the normalized names and extras, the clauses, the URL and the marker are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Requirement r
                && normalizedName().equals(r.normalizedName())
                && normalizedExtras().equals(r.normalizedExtras())
                && specifier.equals(r.specifier)
                && Objects.equals(url, r.url)
                && Objects.equals(marker, r.marker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(normalizedName(), normalizedExtras(), specifier, url, marker);
    }
}

package dev.pyz.requirement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Comma-separated version clauses, all of which a version must satisfy: {@code >=1.26.0,<2.2.0}.
 * An empty set allows every version.
 *
 * <p>Pre-releases (including development releases) are excluded unless asked for, either by the
 * caller or by a clause that names a pre-release itself, as the specification's "Handling of
 * pre-releases" says.
 */
public final class SpecifierSet {
    private static final SpecifierSet ANY = new SpecifierSet(List.of());

    private final List<Specifier> specifiers;

    private SpecifierSet(List<Specifier> specifiers) {
        this.specifiers = List.copyOf(specifiers);
    }

    /** The empty set, which allows every version. */
    public static SpecifierSet any() {
        return ANY;
    }

    /** A set of the given clauses, in that order. */
    public static SpecifierSet of(List<Specifier> specifiers) {
        return specifiers.isEmpty() ? ANY : new SpecifierSet(specifiers);
    }

    /**
     * Parses clauses separated by commas (a trailing comma allowed); blank text is the empty set.
     *
     * @throws IllegalArgumentException naming the text, the column and the fault
     */
    public static SpecifierSet parse(String text) {
        Objects.requireNonNull(text, "text");
        Cursor c = new Cursor("version specifier", text);
        c.skipSpaces();
        if (c.atEnd()) {
            return ANY;
        }
        SpecifierSet set = parse(c);
        if (!c.atEnd()) {
            throw c.error("unexpected " + c.describe(c.pos) + "; clauses are separated by ','");
        }
        return set;
    }

    /**
     * Parses {@code version_many} of the dependency specifier grammar at the cursor: at least one
     * clause, separated by commas, with an optional trailing comma; stops after the spaces following
     * the last clause, at the first character that cannot continue the set.
     */
    static SpecifierSet parse(Cursor c) {
        List<Specifier> specifiers = new ArrayList<>();
        while (true) {
            c.skipSpaces();
            specifiers.add(Specifier.parse(c));
            c.skipSpaces();
            if (c.peek() != ',') {
                break;
            }
            c.pos++;
            c.skipSpaces();
            if (c.peek() == ',') {
                throw c.error("expected a clause between the commas");
            }
            if (Specifier.Operator.at(c) == null) {
                break; // a trailing comma
            }
        }
        return of(specifiers);
    }

    /** The clauses in the order given. */
    public List<Specifier> specifiers() {
        return specifiers;
    }

    public boolean isEmpty() {
        return specifiers.isEmpty();
    }

    /** Whether a clause names a pre-release, which lets pre-releases match (see {@link Specifier#mentionsPrerelease()}). */
    public boolean mentionsPrerelease() {
        return specifiers.stream().anyMatch(Specifier::mentionsPrerelease);
    }

    /** {@link #contains(Version, boolean)} without asking for pre-releases. */
    public boolean contains(Version version) {
        return contains(version, false);
    }

    /**
     * Whether {@code version} satisfies every clause. A pre-release or development release matches
     * only when {@code includePrereleases} is set (for instance for an already installed version, which
     * the specification says to accept) or a clause names a pre-release.
     */
    public boolean contains(Version version, boolean includePrereleases) {
        Objects.requireNonNull(version, "version");
        if (version.isPrerelease() && !includePrereleases && !mentionsPrerelease()) {
            return false;
        }
        for (Specifier specifier : specifiers) {
            if (!specifier.contains(version)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The candidates this set allows, in their given order, as a resolver chooses among available
     * versions: pre-releases only when asked for, named by a clause, or when no final or
     * post-release matches at all (the specification's fallback).
     */
    public List<Version> filter(Collection<Version> candidates, boolean includePrereleases) {
        List<Version> matching = new ArrayList<>();
        List<Version> prereleases = new ArrayList<>();
        for (Version candidate : candidates) {
            if (contains(candidate, includePrereleases)) {
                matching.add(candidate);
            } else if (candidate.isPrerelease() && contains(candidate, true)) {
                prereleases.add(candidate);
            }
        }
        return matching.isEmpty() ? prereleases : matching;
    }

    /** The clauses joined by {@code ,}, each normalized: {@code <2.2.0,>=1.26.0}; empty for the empty set. */
    @Override
    public String toString() {
        return specifiers.stream().map(Specifier::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecifierSet s && specifiers.equals(s.specifiers);
    }

    @Override
    public int hashCode() {
        return specifiers.hashCode();
    }
}

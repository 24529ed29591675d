package dev.pyz.requirement;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One version clause such as {@code >=1.0}, {@code ==1.2.*} or {@code ~=2.2}, with the matching
 * rules of the version specifiers specification.
 *
 * <p>{@link #contains(Version)} applies the operator only; the rule that pre-releases are excluded
 * unless asked for lives in {@link SpecifierSet#contains(Version, boolean)}. Local labels of
 * candidates are ignored except by {@code ==}/{@code !=} with a local version and by {@code ===}.
 */
public final class Specifier {
    /** The comparison operators, each with its symbol. */
    public enum Operator {
        /** {@code ~=}: compatible release. */
        COMPATIBLE("~="),
        /** {@code ==}: version matching, with an optional {@code .*} prefix match. */
        EQUAL("=="),
        /** {@code !=}: version exclusion, with an optional {@code .*} prefix match. */
        NOT_EQUAL("!="),
        /** {@code <=}: inclusive ordered comparison. */
        LESS_EQUAL("<="),
        /** {@code >=}: inclusive ordered comparison. */
        GREATER_EQUAL(">="),
        /** {@code <}: exclusive ordered comparison. */
        LESS("<"),
        /** {@code >}: exclusive ordered comparison. */
        GREATER(">"),
        /** {@code ===}: arbitrary (string) equality. */
        ARBITRARY("===");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** The longest operator at the cursor, or null. */
        static Operator at(Cursor c) {
            for (Operator op : List.of(ARBITRARY, COMPATIBLE, EQUAL, NOT_EQUAL, LESS_EQUAL, GREATER_EQUAL, LESS, GREATER)) {
                if (c.lookingAt(op.symbol)) {
                    return op;
                }
            }
            return null;
        }
    }

    private final Operator operator;
    private final Version version; // null only for === with text that is not a version
    private final String arbitrary; // the text after === as given
    private final boolean wildcard;

    private Specifier(Operator operator, Version version, String arbitrary, boolean wildcard) {
        this.operator = operator;
        this.version = version;
        this.arbitrary = arbitrary;
        this.wildcard = wildcard;
    }

    /**
     * Parses one clause; whitespace around the operator and version is allowed.
     *
     * @throws IllegalArgumentException naming the text, the column and the rule broken: no operator,
     *     an invalid version, {@code .*} after an operator other than {@code ==}/{@code !=} or after a
     *     dev or local version, a local version with an ordered or {@code ~=} operator, {@code ~=}
     *     with a single release number
     */
    public static Specifier parse(String text) {
        Objects.requireNonNull(text, "text");
        Cursor c = new Cursor("version specifier", text);
        c.skipSpaces();
        Specifier specifier = parse(c);
        c.skipSpaces();
        if (!c.atEnd()) {
            throw c.error("unexpected " + c.describe(c.pos) + " after the version");
        }
        return specifier;
    }

    /**
     * Parses {@code operator wsp* version} at the cursor, the version being the longest run of the
     * grammar's version characters (letters, digits, {@code -_.*+!}); leaves the cursor after it.
     */
    static Specifier parse(Cursor c) {
        int opAt = c.pos;
        Operator op = Operator.at(c);
        if (op == null) {
            throw c.error("expected an operator (~=, ==, !=, <=, >=, <, >, ===) but found " + c.describe(c.pos));
        }
        c.pos += op.symbol.length();
        c.skipSpaces();
        int from = c.pos;
        while (isVersionChar(c.peek())) {
            c.pos++;
        }
        int to = c.pos;
        if (from == to) {
            throw c.error("expected a version after '" + op.symbol + "' but found " + c.describe(c.pos));
        }
        String versionText = c.text.substring(from, to);
        if (op == Operator.ARBITRARY) {
            return new Specifier(op, Version.tryParse(versionText).orElse(null), versionText, false);
        }
        boolean wildcard = versionText.endsWith(".*");
        if (wildcard && op != Operator.EQUAL && op != Operator.NOT_EQUAL) {
            throw c.error(to - 2, "a '.*' prefix match is only allowed after == and !=, not after " + op.symbol);
        }
        Cursor vc = new Cursor(c.kind, c.text);
        vc.pos = from;
        vc.end = wildcard ? to - 2 : to;
        Version version = Version.parse(vc);
        if (wildcard && version.isDevrelease()) {
            throw c.error(from, "a '.*' prefix match cannot follow a development release (" + version + ")");
        }
        if (version.isLocal()) {
            int plus = c.text.indexOf('+', from);
            if (wildcard) {
                throw c.error(plus, "a '.*' prefix match cannot follow a local version (" + version + ")");
            }
            if (op != Operator.EQUAL && op != Operator.NOT_EQUAL) {
                throw c.error(plus, "a local version label is only allowed after == and !=, not after " + op.symbol);
            }
        }
        if (op == Operator.COMPATIBLE && version.releaseArray().length < 2) {
            throw c.error(from, "~= needs a release of at least two numbers (~=" + version
                    + " would mean any later version; write >=" + version + " for that)");
        }
        return new Specifier(op, version, versionText, wildcard);
    }

    private static boolean isVersionChar(char ch) {
        return Cursor.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '*' || ch == '+' || ch == '!';
    }

    public Operator operator() {
        return operator;
    }

    /**
     * The version of the clause, without the {@code .*} of a prefix match; empty only for {@code ===}
     * with text that is not a PEP 440 version.
     */
    public Optional<Version> version() {
        return Optional.ofNullable(version);
    }

    /** Whether this is a prefix match ({@code ==1.2.*} or {@code !=1.2.*}). */
    public boolean isWildcard() {
        return wildcard;
    }

    /**
     * Whether the clause names a pre-release (or development release), which the specification
     * takes as a request to consider pre-releases. {@code !=} never counts: excluding a pre-release is
     * no request for one.
     */
    public boolean mentionsPrerelease() {
        return operator != Operator.NOT_EQUAL && version != null && version.isPrerelease();
    }

    /** Whether {@code candidate} satisfies this clause (pre-releases not filtered out here). */
    public boolean contains(Version candidate) {
        Objects.requireNonNull(candidate, "candidate");
        return switch (operator) {
            case COMPATIBLE -> compatible(candidate);
            case EQUAL -> equal(candidate);
            case NOT_EQUAL -> !equal(candidate);
            case LESS_EQUAL -> candidate.publicVersion().compareTo(version) <= 0;
            case GREATER_EQUAL -> candidate.publicVersion().compareTo(version) >= 0;
            case LESS -> less(candidate);
            case GREATER -> greater(candidate);
            case ARBITRARY -> arbitrary.equalsIgnoreCase(candidate.text())
                    || arbitrary.equalsIgnoreCase(candidate.toString());
        };
    }

    /** {@code ~=V.N} is {@code >=V.N, ==V.*}: the suffix of the clause's version plays no part in the prefix. */
    private boolean compatible(Version candidate) {
        long[] release = version.releaseArray();
        long[] prefix = java.util.Arrays.copyOf(release, release.length - 1);
        return candidate.publicVersion().compareTo(version) >= 0
                && candidate.epoch() == version.epoch()
                && releaseStartsWith(candidate.releaseArray(), prefix);
    }

    private boolean equal(Version candidate) {
        if (wildcard) {
            return prefixMatch(candidate);
        }
        if (version.isLocal()) {
            // the public part as usual, the label by (normalized) string equality
            return candidate.publicVersion().equals(version.publicVersion())
                    && candidate.local().equals(version.local());
        }
        return candidate.publicVersion().equals(version);
    }

    /**
     * Prefix matching: same epoch; when the clause has only a release, the candidate's release
     * (zero padded) starts with it and the rest of the candidate is ignored; otherwise the releases
     * are equal (zero padded) and the candidate's {@code aN/bN/rcN, postN, devN} segments start with
     * the clause's.
     */
    private boolean prefixMatch(Version candidate) {
        if (candidate.epoch() != version.epoch()) {
            return false;
        }
        List<String> suffix = version.suffixSegments();
        if (suffix.isEmpty()) {
            return releaseStartsWith(candidate.releaseArray(), version.releaseArray());
        }
        List<String> candidateSuffix = candidate.suffixSegments();
        return Version.compareRelease(candidate.releaseArray(), version.releaseArray()) == 0
                && candidateSuffix.size() >= suffix.size()
                && candidateSuffix.subList(0, suffix.size()).equals(suffix);
    }

    private static boolean releaseStartsWith(long[] release, long[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((i < release.length ? release[i] : 0) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code <V} excludes pre-releases of V's release (same epoch and release) unless V is a pre-release. */
    private boolean less(Version candidate) {
        Version v = candidate.publicVersion();
        if (v.compareTo(version) >= 0) {
            return false;
        }
        return version.isPrerelease() || !v.isPrerelease() || !v.base().equals(version.base());
    }

    /**
     * {@code >V} excludes post-releases of V (V plus a post segment) unless V is a post-release; it
     * compares public versions, so no local version of V can match either.
     */
    private boolean greater(Version candidate) {
        Version v = candidate.publicVersion();
        if (v.compareTo(version) <= 0) {
            return false;
        }
        return version.isPostrelease() || !v.isPostrelease() || !v.withoutPostDevAndLocal().equals(version);
    }

    /** The normalized form: operator and normalized version, {@code ==1.2.*}; {@code ===} keeps its text. */
    @Override
    public String toString() {
        if (operator == Operator.ARBITRARY) {
            return operator.symbol + arbitrary;
        }
        return operator.symbol + version + (wildcard ? ".*" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Specifier s && toString().toLowerCase(Locale.ROOT).equals(s.toString().toLowerCase(Locale.ROOT));
    }

    @Override
    public int hashCode() {
        return toString().toLowerCase(Locale.ROOT).hashCode();
    }
}

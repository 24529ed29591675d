package dev.pyz.requirement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A version identifier as defined by the version specifiers specification (PEP 440):
 * {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]}.
 *
 * <p>{@link #parse} accepts every alternative spelling the specification's normalization rules
 * require (upper case, a leading {@code v}, {@code .-_} separators, {@code alpha}/{@code beta}/
 * {@code c}/{@code pre}/{@code preview}, {@code rev}/{@code r}, implicit numbers, the implicit
 * post-release {@code 1.0-1}, {@code -}/{@code _} in local labels, surrounding whitespace), and
 * {@link #toString()} gives the normalized form.
 *
 * <p>Versions are ordered as the specification says: by epoch, then release (shorter releases are
 * padded with zeros, so {@code 1.0} equals {@code 1.0.0}), then {@code .devN < aN < bN < rcN <
 * <no suffix> < .postN}, with a local label sorting after the same public version.
 * {@link #equals} agrees with {@link #compareTo}.
 *
 * <p>Numbers of the public version must fit in a {@code long}; numeric local segments may be of
 * any length.
 */
public final class Version implements Comparable<Version> {
    /** The phase of a pre-release, in ascending order. */
    public enum Phase {
        ALPHA("a"),
        BETA("b"),
        RELEASE_CANDIDATE("rc");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        /** The normalized spelling: {@code a}, {@code b} or {@code rc}. */
        public String label() {
            return label;
        }
    }

    /** The pre-release segment of a version, such as {@code rc1}. */
    public record PreRelease(Phase phase, long number) implements Comparable<PreRelease> {
        public PreRelease {
            Objects.requireNonNull(phase, "phase");
            if (number < 0) {
                throw new IllegalArgumentException("A pre-release number cannot be negative: " + number);
            }
        }

        @Override
        public int compareTo(PreRelease other) {
            int c = phase.compareTo(other.phase);
            return c != 0 ? c : Long.compare(number, other.number);
        }

        @Override
        public String toString() {
            return phase.label() + number;
        }
    }

    private static final String SHAPE = "a version looks like [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]";
    private static final String[][] PRE_SPELLINGS = {
        {"alpha", "a"}, {"a", "a"}, {"beta", "b"}, {"b", "b"},
        {"preview", "rc"}, {"pre", "rc"}, {"rc", "rc"}, {"c", "rc"},
    };
    private static final String[] POST_SPELLINGS = {"post", "rev", "r"};
    private static final long NONE = -1;

    private final long epoch;
    private final long[] release;
    private final PreRelease pre;
    private final long post;
    private final long dev;
    private final List<String> local;
    private final String text;

    private Version(long epoch, long[] release, PreRelease pre, long post, long dev, List<String> local, String text) {
        this.epoch = epoch;
        this.release = release;
        this.pre = pre;
        this.post = post;
        this.dev = dev;
        this.local = local;
        this.text = text;
    }

    /**
     * Parses and normalizes a version.
     *
     * @throws IllegalArgumentException naming the text, the column and what is wrong, when the text
     *     is not a PEP 440 version (for instance {@code 1.0-}, {@code 1.0.dev1.post1}, {@code 1.0+})
     */
    public static Version parse(String text) {
        Objects.requireNonNull(text, "text");
        return parse(new Cursor("version", text));
    }

    /** The version {@code text} stands for, or empty when it is not a PEP 440 version. */
    public static Optional<Version> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Parses the whole of {@code c.pos} to {@code c.end}, leading and trailing whitespace ignored. */
    static Version parse(Cursor c) {
        while (c.pos < c.end && isVersionSpace(c.text.charAt(c.pos))) {
            c.pos++;
        }
        while (c.end > c.pos && isVersionSpace(c.text.charAt(c.end - 1))) {
            c.end--;
        }
        int start = c.pos;
        if (c.peekLower() == 'v') {
            c.pos++;
        }
        if (!Cursor.isDigit(c.peek())) {
            throw c.error(c.atEnd() && c.pos == start
                    ? "the version is empty"
                    : "expected a number but found " + c.describe(c.pos) + "; " + SHAPE);
        }
        long epoch = 0;
        long first = number(c);
        if (c.peek() == '!') {
            c.pos++;
            epoch = first;
            if (!Cursor.isDigit(c.peek())) {
                throw c.error("expected the release number after the epoch '" + epoch + "!' but found "
                        + c.describe(c.pos));
            }
            first = number(c);
        }
        List<Long> parts = new ArrayList<>();
        parts.add(first);
        while (c.peek() == '.' && Cursor.isDigit(c.peek(1))) {
            c.pos++;
            parts.add(number(c));
        }
        long[] release = parts.stream().mapToLong(Long::longValue).toArray();

        PreRelease pre = null;
        int save = c.pos;
        skipSeparator(c);
        String preLabel = null;
        for (String[] spelling : PRE_SPELLINGS) {
            if (c.lookingAtIgnoreCase(spelling[0])) {
                c.pos += spelling[0].length();
                preLabel = spelling[1];
                break;
            }
        }
        if (preLabel == null) {
            c.pos = save;
        } else {
            skipSeparator(c);
            long n = Cursor.isDigit(c.peek()) ? number(c) : 0;
            Phase phase = preLabel.equals("a") ? Phase.ALPHA : preLabel.equals("b") ? Phase.BETA : Phase.RELEASE_CANDIDATE;
            pre = new PreRelease(phase, n);
        }

        long post = NONE;
        if (c.peek() == '-' && Cursor.isDigit(c.peek(1))) {
            c.pos++; // implicit post-release: 1.0-1
            post = number(c);
        } else {
            save = c.pos;
            skipSeparator(c);
            String postLabel = null;
            for (String spelling : POST_SPELLINGS) {
                if (c.lookingAtIgnoreCase(spelling)) {
                    postLabel = spelling;
                    break;
                }
            }
            if (postLabel == null) {
                c.pos = save;
            } else {
                c.pos += postLabel.length();
                skipSeparator(c);
                post = Cursor.isDigit(c.peek()) ? number(c) : 0;
            }
        }

        long dev = NONE;
        save = c.pos;
        skipSeparator(c);
        if (c.lookingAtIgnoreCase("dev")) {
            c.pos += 3;
            skipSeparator(c);
            dev = Cursor.isDigit(c.peek()) ? number(c) : 0;
        } else {
            c.pos = save;
        }

        List<String> local = List.of();
        if (c.peek() == '+') {
            c.pos++;
            List<String> segments = new ArrayList<>();
            do {
                if (!segments.isEmpty()) {
                    c.pos++; // the separator
                }
                int from = c.pos;
                while (Cursor.isLetterOrDigit(c.peek())) {
                    c.pos++;
                }
                if (from == c.pos) {
                    throw c.error("expected a letter or digit in the local version label but found "
                            + c.describe(c.pos) + " (local labels are letters and digits separated by '.', '-' or '_')");
                }
                segments.add(normalizeLocalSegment(c.text.substring(from, c.pos)));
            } while (isSeparator(c.peek()));
            local = Collections.unmodifiableList(segments);
        }
        if (!c.atEnd()) {
            throw c.error("unexpected " + c.describe(c.pos) + "; " + SHAPE);
        }
        return new Version(epoch, release, pre, post, dev, local, c.text.substring(start, c.end));
    }

    private static boolean isVersionSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isSeparator(char c) {
        return c == '.' || c == '-' || c == '_';
    }

    private static void skipSeparator(Cursor c) {
        if (isSeparator(c.peek())) {
            c.pos++;
        }
    }

    private static long number(Cursor c) {
        int from = c.pos;
        long value = 0;
        while (Cursor.isDigit(c.peek())) {
            int digit = c.peek() - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw c.error(from, "the number starting here is too large (at most " + Long.MAX_VALUE + ")");
            }
            value = value * 10 + digit;
            c.pos++;
        }
        return value;
    }

    private static String normalizeLocalSegment(String segment) {
        StringBuilder s = new StringBuilder(segment.length());
        boolean numeric = true;
        for (int i = 0; i < segment.length(); i++) {
            char ch = Cursor.lower(segment.charAt(i));
            numeric &= Cursor.isDigit(ch);
            s.append(ch);
        }
        if (numeric) {
            int zeros = 0;
            while (zeros < s.length() - 1 && s.charAt(zeros) == '0') {
                zeros++;
            }
            return s.substring(zeros);
        }
        return s.toString();
    }

    /** The epoch, 0 when none is given. */
    public long epoch() {
        return epoch;
    }

    /** The release numbers as given (trailing zeros kept): {@code [1, 0]} for {@code 1.0}. */
    public List<Long> release() {
        List<Long> list = new ArrayList<>(release.length);
        for (long n : release) {
            list.add(n);
        }
        return Collections.unmodifiableList(list);
    }

    /** The first release number. */
    public long major() {
        return releasePart(0);
    }

    /** The second release number, 0 when the release has only one. */
    public long minor() {
        return releasePart(1);
    }

    /** The third release number, 0 when the release has fewer. */
    public long micro() {
        return releasePart(2);
    }

    private long releasePart(int index) {
        return index < release.length ? release[index] : 0;
    }

    /** The pre-release segment ({@code a1}, {@code b2}, {@code rc3}), if any. */
    public Optional<PreRelease> pre() {
        return Optional.ofNullable(pre);
    }

    /** The post-release number, if any. */
    public OptionalLong post() {
        return post == NONE ? OptionalLong.empty() : OptionalLong.of(post);
    }

    /** The development release number, if any. */
    public OptionalLong dev() {
        return dev == NONE ? OptionalLong.empty() : OptionalLong.of(dev);
    }

    /** The normalized local version label ({@code ubuntu.1} for {@code +ubuntu-1}), if any. */
    public Optional<String> local() {
        return local.isEmpty() ? Optional.empty() : Optional.of(String.join(".", local));
    }

    /**
     * Whether this is a pre-release in the sense of the specification's pre-release handling: it has
     * a pre-release segment or a development release segment (development releases "are considered a
     * type of pre-release when handling them").
     */
    public boolean isPrerelease() {
        return pre != null || dev != NONE;
    }

    /** Whether this version has a development release segment ({@code .devN}). */
    public boolean isDevrelease() {
        return dev != NONE;
    }

    /**
     * Whether this version has a post-release segment ({@code .postN}), including a development
     * release of a post-release such as {@code 1.0.post1.dev2}.
     */
    public boolean isPostrelease() {
        return post != NONE;
    }

    /** Whether this version has a local version label. */
    public boolean isLocal() {
        return !local.isEmpty();
    }

    /** The epoch and release only: {@code 1!2.0} for {@code 1!2.0rc1.post2.dev3+abc}. */
    public Version base() {
        return new Version(epoch, release, null, NONE, NONE, List.of(), null);
    }

    /** This version without its local label. */
    public Version publicVersion() {
        return local.isEmpty() ? this : new Version(epoch, release, pre, post, dev, List.of(), null);
    }

    /** This version without its post-release, development release and local segments. */
    Version withoutPostDevAndLocal() {
        return new Version(epoch, release, pre, NONE, NONE, List.of(), null);
    }

    /** The text this version was parsed from, without surrounding whitespace (for {@code ===}). */
    public String text() {
        return text != null ? text : toString();
    }

    /** The public segments after the release, as prefix matching sees them: {@code [a1, post2, dev3]}. */
    List<String> suffixSegments() {
        List<String> segments = new ArrayList<>(3);
        if (pre != null) {
            segments.add(pre.toString());
        }
        if (post != NONE) {
            segments.add("post" + post);
        }
        if (dev != NONE) {
            segments.add("dev" + dev);
        }
        return segments;
    }

    long[] releaseArray() {
        return release;
    }

    /** Compares release segments, the shorter padded with zeros. */
    static int compareRelease(long[] a, long[] b) {
        for (int i = 0, n = Math.max(a.length, b.length); i < n; i++) {
            int c = Long.compare(i < a.length ? a[i] : 0, i < b.length ? b[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public int compareTo(Version other) {
        int c = Long.compare(epoch, other.epoch);
        if (c == 0) {
            c = compareRelease(release, other.release);
        }
        if (c == 0) {
            c = comparePre(other);
        }
        if (c == 0) {
            c = Long.compare(post, other.post); // NONE (-1) sorts before every post-release
        }
        if (c == 0) {
            c = Boolean.compare(dev == NONE, other.dev == NONE); // no .devN sorts after any .devN
            if (c == 0) {
                c = Long.compare(dev, other.dev);
            }
        }
        return c != 0 ? c : compareLocal(local, other.local);
    }

    /**
     * Within one release: a version with only a {@code .devN} sorts before every pre-release; no
     * pre-release segment otherwise sorts after every pre-release.
     */
    private int comparePre(Version other) {
        int rank = preRank();
        int otherRank = other.preRank();
        if (rank != otherRank) {
            return Integer.compare(rank, otherRank);
        }
        return pre == null ? 0 : Long.compare(pre.number(), other.pre.number());
    }

    private int preRank() {
        if (pre != null) {
            return 1 + pre.phase().ordinal();
        }
        return post == NONE && dev != NONE ? 0 : 1 + Phase.values().length;
    }

    /**
     * No label sorts first; segments compare one by one, numbers by value, other segments as
     * (lower-cased) text, a number after text; with equal leading segments the longer label wins.
     */
    private static int compareLocal(List<String> a, List<String> b) {
        for (int i = 0, n = Math.min(a.size(), b.size()); i < n; i++) {
            String x = a.get(i);
            String y = b.get(i);
            boolean xNumeric = isNumeric(x);
            boolean yNumeric = isNumeric(y);
            int c;
            if (xNumeric && yNumeric) {
                c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
            } else if (xNumeric != yNumeric) {
                c = xNumeric ? 1 : -1;
            } else {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static boolean isNumeric(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if (!Cursor.isDigit(segment.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        int significant = release.length;
        while (significant > 1 && release[significant - 1] == 0) {
            significant--;
        }
        return Objects.hash(epoch, Arrays.hashCode(Arrays.copyOf(release, significant)), pre, post, dev, local);
    }

    /** The normalized form: {@code 1!2.0rc1.post2.dev3+ubuntu.1}; the epoch only when not 0. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (epoch != 0) {
            s.append(epoch).append('!');
        }
        for (int i = 0; i < release.length; i++) {
            if (i > 0) {
                s.append('.');
            }
            s.append(release[i]);
        }
        if (pre != null) {
            s.append(pre);
        }
        if (post != NONE) {
            s.append(".post").append(post);
        }
        if (dev != NONE) {
            s.append(".dev").append(dev);
        }
        if (!local.isEmpty()) {
            s.append('+').append(String.join(".", local));
        }
        return s.toString();
    }
}

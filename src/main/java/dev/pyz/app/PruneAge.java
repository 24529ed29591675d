package dev.pyz.app;

import dev.pyz.cache.LastUse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ages and dates a prune is given, as people write them. */
final class PruneAge {
    static final String DEFAULT = "30d";
    private static final Pattern SHORT = Pattern.compile("([0-9]+)\\s*(s|m|h|d|w)?");

    private PruneAge() {}

    /**
     * {@code 30d}, {@code 12h}, {@code 90m}, {@code 2w}, {@code 0}, or ISO-8601 {@code P30D}: zero, or at least
     * the {@link LastUse#RESOLUTION} to which builds record their use.
     */
    static Duration duration(String text) {
        Duration d = parse(text);
        if (!d.isZero() && d.compareTo(LastUse.RESOLUTION) < 0) {
            throw new IllegalArgumentException("'" + text + "' is shorter than the " + LastUse.RESOLUTION.toMinutes()
                    + " minutes to which builds record when they used an entry: write 0 (everything not in use) or "
                    + LastUse.RESOLUTION.toMinutes() + "m or more");
        }
        return d;
    }

    private static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? (n == 0 ? "s" : "") : m.group(2);
            return switch (unit) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> throw new IllegalArgumentException("'" + text + "' has no unit: write 30d, 12h, 90m or 2w");
            };
        }
        try {
            Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
            if (d.isNegative()) {
                throw new IllegalArgumentException("'" + text + "' is negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an age: write 30d, 12h, 90m, 2w, 0 or"
                    + " ISO-8601 (P30D)");
        }
    }

    /** A date ({@code 2026-11-01}, its start in UTC) or an instant with an offset ({@code 2026-11-01T08:00:00+01:00}). */
    static Instant since(String text) {
        String t = text.strip();
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is neither a date (2026-11-01) nor a time with an"
                        + " offset (2026-11-01T08:00:00Z)");
            }
        }
    }
}

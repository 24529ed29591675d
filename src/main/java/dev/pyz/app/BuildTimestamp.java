package dev.pyz.app;

import dev.pyz.PyzException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code project.build.outputTimestamp} as Maven's reproducible-builds convention reads it: ISO-8601 with
 * an offset, or seconds since the epoch; empty or a single character means "not set".
 */
public final class BuildTimestamp {
    private BuildTimestamp() {}

    public static Optional<Instant> parse(String value) throws PyzException {
        if (value == null || value.strip().length() < 2) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
            }
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new PyzException("outputTimestamp '" + value + "' is neither ISO-8601 with an offset"
                    + " (2024-01-01T00:00:00Z) nor seconds since the epoch");
        }
    }
}

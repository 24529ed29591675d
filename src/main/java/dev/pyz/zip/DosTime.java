package dev.pyz.zip;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * MS-DOS date and time as zip headers store them, computed in UTC so that the JVM's time zone never
 * changes a byte of the output.
 */
public final class DosTime {
    /** 1980-01-01 00:00:00, the earliest time a zip header can hold: the time of every wheel entry. */
    public static final long EPOCH = of(1980, 1, 1, 0, 0, 0);

    private DosTime() {}

    /** DOS date in the high 16 bits, DOS time in the low 16 bits; clamped to 1980..2107, 2-second steps. */
    public static long of(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        if (t.getYear() < 1980) {
            return EPOCH;
        }
        if (t.getYear() > 2107) {
            return of(2107, 12, 31, 23, 59, 58);
        }
        return of(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
    }

    static long of(int year, int month, int day, int hour, int minute, int second) {
        long date = ((year - 1980) << 9) | (month << 5) | day;
        long time = (hour << 11) | (minute << 5) | (second / 2);
        return (date << 16) | time;
    }
}

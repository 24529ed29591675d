package dev.pyz;

import java.util.Locale;

/** Byte counts for people. */
public final class Sizes {
    private Sizes() {}

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /**
     * Parses a byte count as people write it in a POM: digits with an optional binary unit {@code k},
     * {@code m}, {@code g} or {@code t} (KiB, MiB, GiB, TiB; any case, an optional trailing {@code b} or
     * {@code ib}): {@code 8g}, {@code 512MiB}, {@code 1048576}.
     */
    public static long parse(String text) throws PyzException {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+)([kmgt]?)(i?b)?").matcher(s);
        if (!m.matches() || (m.group(2).isEmpty() && "ib".equals(m.group(3)))) {
            throw new PyzException("'" + text + "' is not a size: write bytes, or a number with k, m, g or t (8g, 512m)");
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        try {
            long value = Long.parseLong(m.group(1));
            if (value > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw new PyzException("'" + text + "' is too large a size");
        }
    }
}

package dev.pyz.wheel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The email-header fields of a {@code METADATA} or {@code WHEEL} file (core metadata specification):
 * {@code Key: value} lines up to the first blank line, continuation lines folded in, keys compared
 * without case, repeated keys kept in order.
 */
public final class CoreMetadata {
    private final Map<String, List<String>> fields;

    private CoreMetadata(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    public static CoreMetadata parse(String text) {
        Map<String, List<String>> fields = new TreeMap<>();
        String key = null;
        StringBuilder value = null;
        for (String line : TextLines.lines(text)) {
            if (line.isEmpty()) {
                break; // the body (long description) follows
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && key != null) {
                value.append('\n').append(line.strip());
                continue;
            }
            if (key != null) {
                add(fields, key, value.toString());
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                key = null;
                continue;
            }
            key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            value = new StringBuilder(line.substring(colon + 1).strip());
        }
        if (key != null) {
            add(fields, key, value.toString());
        }
        return new CoreMetadata(fields);
    }

    private static void add(Map<String, List<String>> fields, String key, String value) {
        fields.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    public Optional<String> get(String key) {
        List<String> values = fields.get(key.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> getAll(String key) {
        return Collections.unmodifiableList(fields.getOrDefault(key.toLowerCase(Locale.ROOT), List.of()));
    }
}

package dev.pyz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of the small info files the caches keep: {@code key=value} lines, UTF-8, a value running to the
 * end of its line. A list is its key repeated, one line a value, in order. Lines without {@code =} (or starting
 * with it) are ignored.
 */
public final class KeyValues {
    private final Map<String, List<String>> values;

    private KeyValues(Map<String, List<String>> values) {
        this.values = values;
    }

    public static KeyValues read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8).lines().toList());
    }

    public static KeyValues parse(List<String> lines) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
            }
        }
        return new KeyValues(values);
    }

    /** The value of {@code key} (its first, if it repeats), or null when there is none. */
    public String get(String key) {
        List<String> all = values.get(key);
        return all == null ? null : all.get(0);
    }

    /** Every value of {@code key}, in order; empty when there is none. */
    public List<String> all(String key) {
        return List.copyOf(values.getOrDefault(key, List.of()));
    }

    /** The keys starting with {@code prefix}, without it, sorted, each with its (first) value. */
    public Map<String, String> under(String prefix) {
        Map<String, String> found = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                found.put(k.substring(prefix.length()), v.get(0));
            }
        });
        return found;
    }

    /** One line for each value, {@code key} repeated: what {@link #all} reads back. */
    public static void appendAll(StringBuilder s, String key, List<String> list) {
        for (String value : list) {
            append(s, key, value);
        }
    }

    /** The line {@code key=value}, the value made {@link #oneLine}. */
    public static void append(StringBuilder s, String key, String value) {
        s.append(key).append('=').append(oneLine(value)).append('\n');
    }

    /** The value as one line can hold it: each run of line breaks a space. */
    public static String oneLine(String value) {
        return value.replaceAll("[\\r\\n]+", " ");
    }
}

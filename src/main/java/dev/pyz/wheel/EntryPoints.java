package dev.pyz.wheel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code entry_points.txt} of a dist-info folder: an INI file whose sections are groups
 * ({@code console_scripts}, {@code gui_scripts}, ...) of {@code name = module:attr [extras]} lines.
 */
public final class EntryPoints {
    private final Map<String, Map<String, String>> groups;

    private EntryPoints(Map<String, Map<String, String>> groups) {
        this.groups = groups;
    }

    public static final EntryPoints NONE = new EntryPoints(Map.of());

    public static EntryPoints parse(String text) {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = groups.computeIfAbsent(line.substring(1, line.length() - 1).strip(), g -> new TreeMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current != null && eq > 0) {
                current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new EntryPoints(groups);
    }

    public Map<String, String> group(String name) {
        return Collections.unmodifiableMap(groups.getOrDefault(name, Map.of()));
    }

    /** console_scripts and gui_scripts together: the names a user can pick as the zipapp's script. */
    public Map<String, String> scripts() {
        Map<String, String> scripts = new TreeMap<>(group("gui_scripts"));
        scripts.putAll(group("console_scripts"));
        return scripts;
    }
}

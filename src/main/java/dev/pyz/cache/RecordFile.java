package dev.pyz.cache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A dist-info {@code RECORD}: CSV lines {@code path,hash,size}. Rewriting keeps every line as it is but
 * for the path of files that moved at install time.
 */
final class RecordFile {
    private RecordFile() {}

    static byte[] rewritePaths(byte[] record, Map<String, String> moved) {
        String text = new String(record, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(record.length + 64);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            String line = end < 0 ? text.substring(start) : text.substring(start, end + 1);
            start = end < 0 ? text.length() : end + 1;
            out.writeBytes(rewriteLine(line, moved).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String rewriteLine(String line, Map<String, String> moved) {
        String path;
        int restStart;
        if (line.startsWith("\"")) {
            StringBuilder p = new StringBuilder();
            int i = 1;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        p.append('"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                p.append(c);
                i++;
            }
            path = p.toString();
            restStart = i;
        } else {
            int comma = line.indexOf(',');
            if (comma < 0) {
                return line;
            }
            path = line.substring(0, comma);
            restStart = comma;
        }
        String target = moved.get(path);
        if (target == null) {
            return line;
        }
        return quote(target) + line.substring(restStart);
    }

    private static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}

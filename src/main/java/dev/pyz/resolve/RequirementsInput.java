package dev.pyz.resolve;

import dev.pyz.PyzException;
import dev.pyz.requirement.Requirement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requirements as users write them: a list on the command line or in the POM (separated by new lines, or
 * by commas that start a new requirement: {@code numpy>=2,<3, requests[socks]} is two), or a
 * {@code requirements.txt} (comments, {@code \} continuations, {@code --hash=algorithm:hex} pins).
 *
 * @param hashes by normalized project name, the {@code algorithm:hex} values a file's requirement pins
 */
public record RequirementsInput(List<Requirement> requirements, Map<String, List<String>> hashes) {
    private static final Pattern HASH = Pattern.compile("--hash[=\\s]\\s*([A-Za-z0-9]+:[0-9A-Fa-f]+)");

    /**
     * Splits a list of requirements at new lines and at commas outside brackets and quotes that a name follows.
     *
     * @throws IllegalArgumentException naming the requirement that does not parse
     */
    public static List<Requirement> split(String text) {
        List<Requirement> requirements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
            } else if (c == '\n' || c == '\r' || (c == ',' && depth == 0 && startsName(text, i + 1))) {
                add(requirements, current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        add(requirements, current.toString());
        return requirements;
    }

    private static boolean startsName(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && Character.isLetterOrDigit(text.charAt(i));
    }

    private static void add(List<Requirement> requirements, String text) {
        if (!text.isBlank()) {
            try {
                requirements.add(Requirement.parse(text.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text.strip() + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * Reads a requirements file.
     *
     * @throws PyzException naming the file and line of a requirement that does not parse or of an option
     *     this reader does not take ({@code -r}, {@code -e}, {@code --index-url}: give indexes to the goal)
     */
    public static RequirementsInput read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PyzException(file + ": no such requirements file", e);
        }
        List<Requirement> requirements = new ArrayList<>();
        Map<String, List<String>> hashes = new LinkedHashMap<>();
        StringBuilder logical = new StringBuilder();
        int first = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (logical.length() == 0) {
                first = n + 1;
            }
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            entry(logical.toString(), file, first, requirements, hashes);
            logical.setLength(0);
        }
        entry(logical.toString(), file, first, requirements, hashes);
        return new RequirementsInput(List.copyOf(requirements), Map.copyOf(hashes));
    }

    private static void entry(String line, Path file, int number, List<Requirement> requirements,
            Map<String, List<String>> hashes) throws PyzException {
        String text = line.replaceFirst("(^|\\s)#.*$", "").strip();
        if (text.isEmpty()) {
            return;
        }
        List<String> pins = new ArrayList<>();
        Matcher m = HASH.matcher(text);
        while (m.find()) {
            pins.add(m.group(1));
        }
        text = HASH.matcher(text).replaceAll("").strip();
        if (text.startsWith("-")) {
            throw new PyzException(file + ":" + number + ": '" + text + "' is a pip option this goal does not read;"
                    + " give indexes with the goal's indexes parameter and list requirements one per line");
        }
        try {
            Requirement r = Requirement.parse(text);
            requirements.add(r);
            if (!pins.isEmpty()) {
                hashes.put(r.normalizedName(), List.copyOf(pins));
            }
        } catch (IllegalArgumentException e) {
            throw new PyzException(file + ":" + number + ": " + e.getMessage(), e);
        }
    }
}

package dev.pyz.wheel;

import dev.pyz.PyzException;
import dev.pyz.zip.ZipRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A wheel's {@code RECORD} (PEP 376 / PEP 427): every file with its hash and size. Installers must check
 * every file against it; this class does, entry by entry, so that the entries of one wheel can be
 * checked on several threads.
 */
public final class Record {
    /** Files that may be listed without a hash, or not at all (the record itself and its signatures). */
    private static final Set<String> UNHASHED = Set.of("RECORD", "RECORD.jws", "RECORD.p7s");
    /** Allowed algorithms: sha256 or stronger; md5 and sha1 are not allowed (binary distribution format). */
    private static final Map<String, String> ALGORITHMS = Map.of("sha256", "SHA-256", "sha384", "SHA-384",
            "sha512", "SHA-512");

    /** One line: the algorithm and urlsafe-base64 digest (null when empty), the size (-1 when empty). */
    public record Line(String path, String algorithm, String digest, long size) {}

    private final String where;
    private final String recordPath;
    private final Map<String, Line> lines;

    private Record(String where, String recordPath, Map<String, Line> lines) {
        this.where = where;
        this.recordPath = recordPath;
        this.lines = lines;
    }

    /** Reads the RECORD of {@code wheel}; a missing one is an error. */
    public static Record of(Wheel wheel) throws IOException {
        String where = wheel.fileName().fileName();
        String recordPath = wheel.distInfo() + "/RECORD";
        ZipRecord entry = wheel.entry(recordPath).orElseThrow(() -> new PyzException(where + ": entry " + recordPath
                + " is missing; every wheel lists its files there"));
        String text = new String(wheel.read(entry), StandardCharsets.UTF_8);
        Map<String, Line> lines = new LinkedHashMap<>();
        int number = 0;
        for (String raw : TextLines.lines(text)) {
            number++;
            if (raw.isBlank()) {
                continue;
            }
            List<String> fields = csv(raw);
            if (fields.size() != 3) {
                throw new PyzException(where + ": entry " + recordPath + " line " + number + ": expected path,hash,size,"
                        + " found " + fields.size() + " field(s)");
            }
            String path = fields.get(0);
            String hash = fields.get(1);
            String algorithm = null;
            String digest = null;
            if (!hash.isEmpty()) {
                int eq = hash.indexOf('=');
                if (eq <= 0) {
                    throw new PyzException(where + ": entry " + recordPath + " line " + number + ": hash '" + hash
                            + "' is not algorithm=digest");
                }
                algorithm = hash.substring(0, eq).toLowerCase(Locale.ROOT);
                digest = hash.substring(eq + 1);
            }
            long size = -1;
            if (!fields.get(2).isEmpty()) {
                try {
                    size = Long.parseLong(fields.get(2));
                } catch (NumberFormatException e) {
                    throw new PyzException(where + ": entry " + recordPath + " line " + number + ": size '"
                            + fields.get(2) + "' is not a number");
                }
            }
            lines.put(path, new Line(path, algorithm, digest, size));
        }
        return new Record(where, recordPath, lines);
    }

    private static List<String> csv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private boolean unhashed(String path) {
        int slash = path.lastIndexOf('/');
        return path.startsWith(recordPath.substring(0, recordPath.length() - "RECORD".length()))
                && UNHASHED.contains(path.substring(slash + 1));
    }

    /**
     * What is wrong with the list itself: files of the wheel that RECORD does not list, lines for files
     * the wheel does not have, lines without a hash, algorithms that are not allowed. Empty when fine.
     */
    public List<String> listProblems(List<ZipRecord> entries) {
        List<String> problems = new ArrayList<>();
        java.util.HashSet<String> files = new java.util.HashSet<>();
        for (ZipRecord e : entries) {
            if (e.isDirectory()) {
                continue;
            }
            files.add(e.name());
            if (!lines.containsKey(e.name()) && !unhashed(e.name())) {
                problems.add("entry " + e.name() + " is not listed in " + recordPath);
            }
        }
        for (Line line : lines.values()) {
            if (!files.contains(line.path())) {
                problems.add(recordPath + " lists " + line.path() + ", which the wheel does not contain");
            } else if (line.algorithm() == null && !unhashed(line.path())) {
                problems.add(recordPath + " gives no hash for " + line.path());
            } else if (line.algorithm() != null && !ALGORITHMS.containsKey(line.algorithm())) {
                problems.add(recordPath + " hashes " + line.path() + " with " + line.algorithm()
                        + "; only sha256, sha384 and sha512 are allowed");
            }
        }
        return problems;
    }

    /**
     * What checking one entry against its line found: {@code problem} is null when the content matches (or
     * the line has no hash to check); {@code encoding} names the encoding the line's digest matched in when
     * it is not the specification's urlsafe base64 ({@code hex} or {@code base64}), else null.
     */
    public record Check(String problem, String encoding) {
        static final Check OK = new Check(null, null);
    }

    /** Checks one entry's content, inflated from the wheel, against its line. */
    public Check check(Wheel wheel, ZipRecord entry) throws IOException {
        Line line = lines.get(entry.name());
        MessageDigest digest = digest(line);
        if (digest == null) {
            return Check.OK; // reported by listProblems
        }
        long size = 0;
        byte[] buffer = new byte[(int) Math.max(1, Math.min(1 << 16, entry.size()))]; // most entries are small
        try (InputStream in = wheel.inputStream(entry)) { // held to the entry's declared size and CRC-32
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
        } catch (PyzException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PyzException(where + ": entry " + entry.name() + " cannot be read: " + e.getMessage(), e);
        }
        return compare(entry.name(), line, digest.digest(), size);
    }

    /** Checks one entry's content, already read (and held to its declared size and CRC), against its line. */
    public Check check(ZipRecord entry, byte[] content) {
        Line line = lines.get(entry.name());
        MessageDigest digest = digest(line);
        return digest == null ? Check.OK : compare(entry.name(), line, digest.digest(content), content.length);
    }

    private static MessageDigest digest(Line line) {
        if (line == null || line.algorithm() == null || !ALGORITHMS.containsKey(line.algorithm())) {
            return null;
        }
        try {
            return MessageDigest.getInstance(ALGORITHMS.get(line.algorithm()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the recorded digest is this one: written as the specification asks (urlsafe base64 without
     * padding) or, strict about the digest and not its spelling, in hex or standard base64, with or
     * without padding.
     */
    private Check compare(String name, Line line, byte[] actual, long size) {
        String recorded = line.digest().strip();
        String unpadded = TextLines.unpadded(recorded);
        String encoding = null;
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(actual).equals(unpadded)) {
            if (HexFormat.of().formatHex(actual).equalsIgnoreCase(recorded)) {
                encoding = "hex";
            } else if (Base64.getEncoder().withoutPadding().encodeToString(actual).equals(unpadded)) {
                encoding = "base64";
            } else {
                return new Check("entry " + name + ": its " + line.algorithm() + " is "
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(actual) + " but " + recordPath + " says "
                        + line.digest(), null);
            }
        }
        if (line.size() >= 0 && line.size() != size) {
            return new Check("entry " + name + ": it has " + size + " bytes but " + recordPath + " says " + line.size(),
                    encoding);
        }
        return new Check(null, encoding);
    }

    public String where() {
        return where;
    }
}

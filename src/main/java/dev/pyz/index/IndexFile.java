package dev.pyz.index;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One file a project page of a simple index lists (PEP 503, PEP 691): its name, where it is, its hashes
 * (algorithm and hex digest, both lower case), {@code Requires-Python}, why it was yanked (PEP 592; an
 * empty reason when none was given) and the hashes of its metadata file when the index serves one (PEP
 * 658/714; an empty map when the index says only that there is one).
 *
 * @param page the project page that lists it, for messages
 */
public record IndexFile(String filename, URI url, Map<String, String> hashes, Optional<String> requiresPython,
        Optional<String> yanked, Optional<Map<String, String>> metadata, URI page) {
    public IndexFile {
        hashes = normalized(hashes);
        metadata = metadata.map(IndexFile::normalized);
    }

    static Map<String, String> normalized(Map<String, String> hashes) {
        Map<String, String> m = new TreeMap<>();
        hashes.forEach((k, v) -> m.put(k.strip().toLowerCase(Locale.ROOT), v.strip().toLowerCase(Locale.ROOT)));
        return java.util.Collections.unmodifiableMap(m);
    }

    public boolean isWheel() {
        return filename.toLowerCase(Locale.ROOT).endsWith(".whl");
    }

    public Optional<String> sha256() {
        return Optional.ofNullable(hashes.get("sha256"));
    }

    /** The URL of the PEP 658 metadata file: the file's URL with {@code .metadata} appended. */
    public URI metadataUrl() {
        return URI.create(url.toString() + ".metadata");
    }

    @Override
    public String toString() {
        return filename;
    }
}

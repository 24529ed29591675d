package dev.pyz.cache;

import dev.pyz.PyzException;
import dev.pyz.wheel.WheelFileName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A wheel packed into the cache: the packed zip (entries under {@code .deps/<wheel file name>/}) and what
 * the manifest needs to know of the wheel, kept beside the zip in a small info file so that a warm
 * build never opens the wheel.
 */
public record PackedWheel(String fileName, String sha256, String name, String version,
        Optional<String> requiresPython, Requirements requirements, String distInfo, boolean extract, int entries,
        Map<String, String> scripts, CachedZip zip, String recordProblems, RunEvidence evidence) {

    /**
     * What the wheel's METADATA says it needs: its {@code Requires-Dist} and {@code Provides-Extra} lines, in
     * order, kept in the info file so that checking the dependencies of a build reads no zip.
     */
    public record Requirements(List<String> requiresDist, List<String> providesExtra) {
        /** Each value on one line (a folded METADATA header keeps its line breaks; they are spaces here). */
        public Requirements {
            requiresDist = requiresDist.stream().map(Requirements::oneLine).toList();
            providesExtra = providesExtra.stream().map(Requirements::oneLine).toList();
        }

        private static String oneLine(String value) {
            return value.replaceAll("[\\r\\n]+", " ");
        }
    }

    /** The same wheel with what checking its files against RECORD found ("" when everything matched). */
    PackedWheel withRecordProblems(String problems) {
        return new PackedWheel(fileName, sha256, name, version, requiresPython, requirements, distInfo, extract, entries,
                scripts, zip, problems, evidence);
    }

    /** The same packing, of the wheel whose digest is {@code digest} (packed before it was known). */
    PackedWheel withSha256(String digest) {
        return new PackedWheel(fileName, digest, name, version, requiresPython, requirements, distInfo, extract, entries,
                scripts, zip, recordProblems, evidence);
    }

    /** The same wheel, extracted to disk at run time (or not) whatever its content says. */
    public PackedWheel withExtract(boolean extracted) {
        return new PackedWheel(fileName, sha256, name, version, requiresPython, requirements, distInfo, extracted,
                entries, scripts, zip, recordProblems, evidence);
    }

    /** The same wheel with what the zip-safety analysis found, extracted by default when it found something. */
    PackedWheel withNotZipSafe(Optional<String> reason) {
        RunEvidence found = evidence.withNotZipSafe(reason);
        return new PackedWheel(fileName, sha256, name, version, requiresPython, requirements, distInfo,
                found.extractByDefault(), entries, scripts, zip, recordProblems, found);
    }

    PackedWheel at(CachedZip newZip) {
        return new PackedWheel(fileName, sha256, name, version, requiresPython, requirements, distInfo, extract, entries,
                scripts, newZip, recordProblems, evidence);
    }


    /** Where the wheel lives inside the zipapp: its folder, which goes on sys.path. */
    public String archivePath() {
        return ".deps/" + fileName;
    }

    public List<String> tags() throws PyzException {
        return WheelFileName.parse(fileName).tags();
    }

    /** The info file's content: {@code key=value} lines in a fixed order, UTF-8. */
    String infoText() {
        StringBuilder s = new StringBuilder();
        s.append("file=").append(fileName).append('\n');
        s.append("sha256=").append(sha256).append('\n');
        s.append("name=").append(name).append('\n');
        s.append("version=").append(version).append('\n');
        requiresPython.ifPresent(r -> s.append("requires_python=").append(r.replace('\n', ' ')).append('\n'));
        appendList(s, REQUIRES_DIST, requirements.requiresDist());
        appendList(s, PROVIDES_EXTRA, requirements.providesExtra());
        s.append("dist_info=").append(distInfo).append('\n');
        s.append("extract=").append(extract).append('\n');
        s.append("entries=").append(entries).append('\n');
        s.append("record=").append(recordProblems.isEmpty() ? "verified" : "problems " + recordProblems.replace('\n', ' '))
                .append('\n');
        scripts.forEach((k, v) -> s.append("script.").append(k).append('=').append(v).append('\n'));
        evidence.nativeCode().ifPresent(n -> s.append("native=").append(n.replace('\n', ' ')).append('\n'));
        evidence.notZipSafe().ifPresent(n -> s.append("not_zip_safe=").append(n.replace('\n', ' ')).append('\n'));
        s.append("analysis=").append(dev.pyz.wheel.ZipSafety.RULES_VERSION).append('\n');
        evidence.bin().forEach((k, v) -> s.append("bin.").append(k).append('=')
                .append(v.name().toLowerCase(java.util.Locale.ROOT)).append('\n'));
        return s.toString();
    }

    private static final String REQUIRES_DIST = "requires_dist.";
    private static final String PROVIDES_EXTRA = "provides_extra.";

    /** A list as numbered keys, {@code <prefix>0}, {@code <prefix>1}, ... in order. */
    private static void appendList(StringBuilder s, String prefix, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            s.append(prefix).append(i).append('=').append(values.get(i)).append('\n');
        }
    }

    /** The values of a list written by {@link #appendList}, in order; a key outside the numbering is damage. */
    private static List<String> list(Map<String, String> values, String prefix, Path info) throws PyzException {
        List<String> result = new java.util.ArrayList<>();
        for (int i = 0; values.containsKey(prefix + i); i++) {
            result.add(values.get(prefix + i));
        }
        long keys = values.keySet().stream().filter(k -> k.startsWith(prefix)).count();
        if (keys != result.size()) {
            throw new PyzException(info + ": damaged cache entry (" + prefix + "* keys are not numbered from 0 without"
                    + " a gap)");
        }
        return result;
    }

    /** The info file's {@code key=value} lines (console scripts under {@code script.<name>}). */
    static Map<String, String> readValues(Path info) throws IOException {
        Map<String, String> values = new TreeMap<>();
        for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /** What the info file says of the entry, its zip known by path only (not checked: see {@link CacheEntry}). */
    static PackedWheel readInfo(Path info, Path zip) throws IOException {
        return fromValues(readValues(info), info, CachedZip.at(zip));
    }

    static PackedWheel fromValues(Map<String, String> all, Path info, CachedZip zip) throws IOException {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> scripts = new TreeMap<>();
        Map<String, RunEvidence.ScriptKind> bin = new TreeMap<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("script.")) {
                scripts.put(key.substring("script.".length()), e.getValue());
            } else if (key.startsWith("bin.")) {
                try {
                    bin.put(key.substring("bin.".length()),
                            RunEvidence.ScriptKind.valueOf(e.getValue().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException x) {
                    throw new PyzException(info + ": damaged cache entry (" + key + "=" + e.getValue() + ")");
                }
            } else {
                values.put(key, e.getValue());
            }
        }
        RunEvidence evidence = new RunEvidence(Optional.ofNullable(values.get("native")),
                Optional.ofNullable(values.get("not_zip_safe")), bin);
        for (String required : List.of("file", "sha256", "name", "version", "dist_info", "extract", "entries", "record",
                "analysis")) {
            if (!values.containsKey(required)) {
                throw new PyzException(info + ": damaged cache entry (no " + required + ")");
            }
        }
        try {
            return new PackedWheel(values.get("file"), values.get("sha256"), values.get("name"), values.get("version"),
                    Optional.ofNullable(values.get("requires_python")), new Requirements(list(values, REQUIRES_DIST, info),
                    list(values, PROVIDES_EXTRA, info)), values.get("dist_info"),
                    Boolean.parseBoolean(values.get("extract")), Integer.parseInt(values.get("entries")), scripts, zip,
                    values.get("record").equals("verified") ? "" : values.get("record").replaceFirst("^problems ", ""),
                    evidence);
        } catch (NumberFormatException e) {
            throw new PyzException(info + ": damaged cache entry (entries is not a number)");
        }
    }
}

package dev.pyz.cache;

import dev.pyz.KeyValues;
import dev.pyz.PyzException;
import dev.pyz.wheel.WheelFileName;
import dev.pyz.wheel.ZipSafety;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
        List<String> topLevel, Map<String, String> scripts, CachedZip zip, String recordProblems, RunEvidence evidence) {

    /**
     * What the wheel's METADATA says it needs: its {@code Requires-Dist} and {@code Provides-Extra} lines, in
     * order, kept in the info file so that checking the dependencies of a build reads no zip.
     */
    public record Requirements(List<String> requiresDist, List<String> providesExtra) {
        /** Each value on one line (a folded METADATA header keeps its line breaks; they are spaces here). */
        public Requirements {
            requiresDist = requiresDist.stream().map(KeyValues::oneLine).toList();
            providesExtra = providesExtra.stream().map(KeyValues::oneLine).toList();
        }
    }

    /**
     * Requires-Python on one line, as the info file keeps it (a folded header keeps its line breaks);
     * {@code topLevel}: the first segment of every path the wheel installs (its packages and modules, its
     * dist-info, {@code bin}), sorted, each once: only wheels that share one can install the same file.
     */
    public PackedWheel {
        requiresPython = requiresPython.map(KeyValues::oneLine);
        topLevel = List.copyOf(new java.util.TreeSet<>(topLevel));
    }

    /** The same wheel with what checking its files against RECORD found ("" when everything matched). */
    PackedWheel withRecordProblems(String problems) {
        return new PackedWheel(fileName, sha256, name, version, requiresPython, requirements, distInfo, extract, entries,
                topLevel, scripts, zip, problems, evidence);
    }

    /** The same packing, of the wheel whose digest is {@code digest} (packed before it was known). */
    PackedWheel withSha256(String digest) {
        return new PackedWheel(fileName, digest, name, version, requiresPython, requirements, distInfo, extract, entries,
                topLevel, scripts, zip, recordProblems, evidence);
    }

    /** The same wheel, extracted to disk at run time (or not) whatever its content says. */
    public PackedWheel withExtract(boolean extracted) {
        return new PackedWheel(fileName, sha256, name, version, requiresPython, requirements, distInfo, extracted,
                entries, topLevel, scripts, zip, recordProblems, evidence);
    }

    /** The same wheel with what the zip-safety analysis found, extracted by default when it found something. */
    PackedWheel withNotZipSafe(Optional<String> reason) {
        RunEvidence found = evidence.withNotZipSafe(reason);
        return new PackedWheel(fileName, sha256, name, version, requiresPython, requirements, distInfo,
                found.extractByDefault(), entries, topLevel, scripts, zip, recordProblems, found);
    }

    PackedWheel at(CachedZip newZip) {
        return new PackedWheel(fileName, sha256, name, version, requiresPython, requirements, distInfo, extract, entries,
                topLevel, scripts, newZip, recordProblems, evidence);
    }


    /** The first segment of a path inside the wheel's folder ({@code pkg} of {@code pkg/mod.py}): see {@link #topLevel}. */
    public static String firstSegment(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    /** Where the wheel lives inside the zipapp: its folder, which goes on sys.path. */
    public String archivePath() {
        return ".deps/" + fileName;
    }

    /** The wheel's entry points (its dist-info's {@code entry_points.txt}), read from the packed zip. */
    public dev.pyz.wheel.EntryPoints entryPoints() throws IOException {
        return dev.pyz.wheel.MetadataReader.packedEntryPoints(zip.open(), archivePath(), distInfo);
    }

    /**
     * The paths of the wheel's installed layout, relative to its folder ({@code pkg/mod.py}; a folder's ends in
     * {@code /}), in the packed zip's order: read from its central directory, which is parsed once.
     */
    public List<String> installedPaths() throws IOException {
        String prefix = archivePath() + "/";
        List<String> paths = new java.util.ArrayList<>();
        for (dev.pyz.zip.ZipRecord r : zip.directory().records()) {
            if (r.name().startsWith(prefix) && r.name().length() > prefix.length()) {
                paths.add(r.name().substring(prefix.length()));
            }
        }
        return paths;
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
        requiresPython.ifPresent(r -> KeyValues.append(s, "requires_python", r));
        KeyValues.appendAll(s, REQUIRES_DIST, requirements.requiresDist());
        KeyValues.appendAll(s, PROVIDES_EXTRA, requirements.providesExtra());
        s.append("dist_info=").append(distInfo).append('\n');
        s.append("extract=").append(extract).append('\n');
        s.append("entries=").append(entries).append('\n');
        KeyValues.appendAll(s, TOP_LEVEL, topLevel);
        KeyValues.append(s, "record", recordProblems.isEmpty() ? "verified" : "problems " + recordProblems);
        scripts.forEach((k, v) -> s.append("script.").append(k).append('=').append(v).append('\n'));
        evidence.nativeCode().ifPresent(n -> KeyValues.append(s, "native", n));
        evidence.notZipSafe().ifPresent(n -> KeyValues.append(s, "not_zip_safe", n));
        s.append(ANALYSIS).append('=').append(ZipSafety.RULES_VERSION).append('\n');
        evidence.bin().forEach((k, v) -> s.append("bin.").append(k).append('=')
                .append(v.name().toLowerCase(Locale.ROOT)).append('\n'));
        return s.toString();
    }

    private static final String REQUIRES_DIST = "requires_dist";
    private static final String PROVIDES_EXTRA = "provides_extra";
    private static final String ANALYSIS = "analysis";
    private static final String TOP_LEVEL = "top_level";

    /**
     * Why an entry whose info file holds {@code values} is not used as it is: it was judged by other zip-safety
     * rules than this build's; null when it was not.
     */
    static String analysisProblem(KeyValues values) {
        String rules = values.get(ANALYSIS);
        return String.valueOf(ZipSafety.RULES_VERSION).equals(rules) ? null : "it was judged by version " + rules
                + " of the zip-safety rules, this build has " + ZipSafety.RULES_VERSION;
    }

    static PackedWheel fromValues(KeyValues values, Path info, CachedZip zip) throws IOException {
        Map<String, RunEvidence.ScriptKind> bin = new TreeMap<>();
        for (Map.Entry<String, String> e : values.under("bin.").entrySet()) {
            try {
                bin.put(e.getKey(), RunEvidence.ScriptKind.valueOf(e.getValue().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException x) {
                throw new PyzException(info + ": damaged cache entry (bin." + e.getKey() + "=" + e.getValue() + ")");
            }
        }
        RunEvidence evidence = new RunEvidence(Optional.ofNullable(values.get("native")),
                Optional.ofNullable(values.get("not_zip_safe")), bin);
        for (String required : List.of("file", "sha256", "name", "version", "dist_info", "extract", "entries", "record",
                ANALYSIS)) {
            if (values.get(required) == null) {
                throw new PyzException(info + ": damaged cache entry (no " + required + ")");
            }
        }
        List<String> topLevel = values.all(TOP_LEVEL);
        if (topLevel.isEmpty()) { // a wheel installs at least its dist-info
            throw new PyzException(info + ": damaged cache entry (no " + TOP_LEVEL + ")");
        }
        try {
            return new PackedWheel(values.get("file"), values.get("sha256"), values.get("name"), values.get("version"),
                    Optional.ofNullable(values.get("requires_python")), new Requirements(values.all(REQUIRES_DIST),
                    values.all(PROVIDES_EXTRA)), values.get("dist_info"), Boolean.parseBoolean(values.get("extract")),
                    Integer.parseInt(values.get("entries")), topLevel, values.under("script."), zip,
                    values.get("record").equals("verified") ? "" : values.get("record").replaceFirst("^problems ", ""),
                    evidence);
        } catch (NumberFormatException e) {
            throw new PyzException(info + ": damaged cache entry (entries is not a number)");
        }
    }
}

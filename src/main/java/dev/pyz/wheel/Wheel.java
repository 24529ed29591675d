package dev.pyz.wheel;

import dev.pyz.PyzException;
import dev.pyz.zip.ZipArchive;
import dev.pyz.zip.ZipRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An open wheel file: its name, its dist-info ({@code METADATA}, {@code WHEEL}, entry points) and its
 * entries, checked against the rules that keep an archive safe to install. Every error names the wheel
 * file, the entry and the rule.
 */
public final class Wheel implements Closeable {
    /** The highest {@code Wheel-Version} major this reader understands. */
    static final int SUPPORTED_WHEEL_MAJOR = 1;
    private static final long MAX_METADATA_BYTES = 16 << 20;

    private final Path file;
    private final WheelFileName fileName;
    private final ZipArchive zip;
    private final String distInfo;
    private final String dataDir;
    private final CoreMetadata metadata;
    private final CoreMetadata wheelInfo;
    private final EntryPoints entryPoints;

    private Wheel(Path file, WheelFileName fileName, ZipArchive zip, String distInfo, CoreMetadata metadata,
            CoreMetadata wheelInfo, EntryPoints entryPoints) {
        this.file = file;
        this.fileName = fileName;
        this.zip = zip;
        this.distInfo = distInfo;
        this.dataDir = distInfo.substring(0, distInfo.length() - ".dist-info".length()) + ".data";
        this.metadata = metadata;
        this.wheelInfo = wheelInfo;
        this.entryPoints = entryPoints;
    }

    /** Opens {@code file}, whose name is the wheel's file name. */
    public static Wheel open(Path file) throws IOException {
        return open(file, file.getFileName().toString());
    }

    /** Opens {@code file} as the wheel called {@code name} (the file may be stored under another name). */
    public static Wheel open(Path file, String name) throws IOException {
        return open(file, name, WheelLimits.DEFAULTS);
    }

    /** Opens {@code file} as the wheel called {@code name}, refusing it when it expands beyond {@code limits}. */
    public static Wheel open(Path file, String name, WheelLimits limits) throws IOException {
        WheelFileName fileName = WheelFileName.parse(name);
        ZipArchive zip = ZipArchive.open(file, fileName.fileName());
        try {
            checkSizes(fileName.fileName(), zip.records(), limits);
            Wheel wheel = read(file, fileName, zip);
            zip = null;
            return wheel;
        } finally {
            if (zip != null) {
                zip.close();
            }
        }
    }

    /**
     * The rules about how far entries expand (where they lie was checked on opening: local headers agree
     * with the central directory, entries do not overlap and end before it): a stored entry's two sizes
     * are equal, and the declared sizes stay within {@code limits}.
     */
    private static void checkSizes(String where, List<ZipRecord> entries, WheelLimits limits) throws PyzException {
        long total = 0;
        for (ZipRecord entry : entries) {
            long size = entry.size();
            if (entry.method() == ZipArchive.STORED && size != entry.compressedSize()) {
                throw new PyzException(where + ": entry " + entry.name() + ": it is stored but declares "
                        + entry.compressedSize() + " bytes compressed and " + size + " uncompressed (stored sizes are equal)");
            }
            total += size;
            if (total > limits.maxTotalSize() || total < 0) {
                throw new PyzException(where + ": entry " + entry.name() + ": the entries' uncompressed sizes"
                        + " add up to more than " + limits.maxTotalSize() + " bytes, the limit for one wheel (maxWheelSize,"
                        + " -Dpyz.maxWheelSize: raise it for a wheel you trust)");
            }
        }
    }

    private static Wheel read(Path file, WheelFileName fileName, ZipArchive zip) throws IOException {
        String where = fileName.fileName();
        Map<String, String> folded = new HashMap<>();
        TreeSet<String> distInfos = new TreeSet<>();
        for (ZipRecord entry : zip.records()) {
            String name = entry.name();
            String problem = EntryNames.problem(name);
            if (problem != null) {
                throw new PyzException(where + ": entry " + printable(name) + ": " + problem);
            }
            String other = folded.put(name.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                throw new PyzException(where + ": entry " + name + (other.equals(name)
                        ? ": the name occurs twice (readers would silently take one of them)"
                        : ": differs from entry " + other + " only by case (they collide on case-insensitive file systems)"));
            }
            if (entry.isUnixSymlink()) {
                throw new PyzException(where + ": entry " + name + ": symbolic links are not allowed in wheels");
            }
            if (entry.isEncrypted()) {
                throw new PyzException(where + ": entry " + name + ": encrypted entries are not allowed");
            }
            int method = entry.method();
            if (method != ZipArchive.STORED && method != ZipArchive.DEFLATED) {
                throw new PyzException(where + ": entry " + name + ": compression method " + method
                        + " is not allowed (only stored and deflated)");
            }
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(0, slash).endsWith(".dist-info")) {
                distInfos.add(name.substring(0, slash));
            }
        }
        if (distInfos.size() != 1) {
            throw new PyzException(where + ": a wheel has exactly one .dist-info folder at its root, this one has "
                    + (distInfos.isEmpty() ? "none" : distInfos.size() + ": " + String.join(", ", distInfos)));
        }
        String distInfo = distInfos.first();
        CoreMetadata wheelInfo = CoreMetadata.parse(requireText(zip, where, distInfo + "/WHEEL"));
        String wheelVersion = wheelInfo.get("Wheel-Version").orElseThrow(
                () -> new PyzException(where + ": entry " + distInfo + "/WHEEL: has no Wheel-Version"));
        int major;
        try {
            major = Integer.parseInt(wheelVersion.split("\\.")[0].strip());
        } catch (NumberFormatException e) {
            throw new PyzException(where + ": entry " + distInfo + "/WHEEL: Wheel-Version '" + wheelVersion
                    + "' is not a version");
        }
        if (major > SUPPORTED_WHEEL_MAJOR) {
            throw new PyzException(where + ": entry " + distInfo + "/WHEEL: Wheel-Version " + wheelVersion
                    + " is newer than this plugin understands (" + SUPPORTED_WHEEL_MAJOR + ".x)");
        }
        CoreMetadata metadata = CoreMetadata.parse(requireText(zip, where, distInfo + "/METADATA"));
        for (String field : List.of("Name", "Version")) {
            if (metadata.get(field).isEmpty()) {
                throw new PyzException(where + ": entry " + distInfo + "/METADATA: has no " + field + " field");
            }
        }
        Optional<ZipRecord> eps = zip.entry(distInfo + "/entry_points.txt");
        EntryPoints entryPoints = eps.isEmpty() ? EntryPoints.NONE : EntryPoints.parse(text(zip, eps.get()));
        return new Wheel(file, fileName, zip, distInfo, metadata, wheelInfo, entryPoints);
    }

    private static String requireText(ZipArchive zip, String where, String name) throws IOException {
        ZipRecord entry = zip.entry(name).orElseThrow(
                () -> new PyzException(where + ": entry " + name + " is missing; every wheel has one"));
        return text(zip, entry);
    }

    private static String text(ZipArchive zip, ZipRecord entry) throws IOException {
        return new String(zip.read(entry, MAX_METADATA_BYTES), StandardCharsets.UTF_8);
    }

    private static String printable(String name) {
        return name.replace("\0", "\\0");
    }

    public Path file() {
        return file;
    }

    public WheelFileName fileName() {
        return fileName;
    }

    /** The distribution name as METADATA spells it. */
    public String name() {
        return metadata.get("Name").orElseThrow();
    }

    public String version() {
        return metadata.get("Version").orElseThrow();
    }

    public Optional<String> requiresPython() {
        return metadata.get("Requires-Python");
    }

    /** The dist-info folder's name, e.g. {@code six-1.17.0.dist-info}. */
    public String distInfo() {
        return distInfo;
    }

    /** The {@code .data} folder's name, e.g. {@code six-1.17.0.data} (which need not exist). */
    public String dataDir() {
        return dataDir;
    }

    public CoreMetadata metadata() {
        return metadata;
    }

    public CoreMetadata wheelInfo() {
        return wheelInfo;
    }

    public EntryPoints entryPoints() {
        return entryPoints;
    }

    /** The entries in the order their data lies in the file. */
    public List<ZipRecord> entries() {
        return zip.records();
    }

    /** The entry called {@code name}, if the wheel has it. */
    public Optional<ZipRecord> entry(String name) {
        return zip.entry(name);
    }

    /** The whole content of an entry, for the few small files that are rewritten (RECORD) or analysed (modules). */
    public byte[] read(ZipRecord entry) throws IOException {
        return zip.read(entry, Long.MAX_VALUE);
    }

    /**
     * An entry's inflated content, checked against its declared size (reading more fails at once) and, at
     * its end, its declared size and CRC-32.
     */
    public InputStream inputStream(ZipRecord entry) throws IOException {
        return zip.content(entry);
    }

    /** An entry's compressed bytes as stored, for copying them unchanged. */
    public InputStream rawInputStream(ZipRecord entry) throws IOException {
        return zip.raw(entry);
    }

    public List<String> tagsDeclared() {
        return new ArrayList<>(new TreeSet<>(wheelInfo.getAll("Tag")));
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}

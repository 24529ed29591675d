package dev.pyz.wheel;

import dev.pyz.PyzException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import dev.pyz.zip.CentralDirectory;
import dev.pyz.zip.LocalHeaders;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

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
    private final ZipFile zip;
    private final List<ZipArchiveEntry> entries;
    private final String distInfo;
    private final String dataDir;
    private final CoreMetadata metadata;
    private final CoreMetadata wheelInfo;
    private final EntryPoints entryPoints;

    private Wheel(Path file, WheelFileName fileName, ZipFile zip, List<ZipArchiveEntry> entries, String distInfo,
            CoreMetadata metadata, CoreMetadata wheelInfo, EntryPoints entryPoints) {
        this.file = file;
        this.fileName = fileName;
        this.zip = zip;
        this.entries = entries;
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
        ZipFile zip;
        List<ZipArchiveEntry> entries;
        SeekableByteChannel channel = null;
        try {
            channel = Files.newByteChannel(file);
            zip = ZipFile.builder().setSeekableByteChannel(channel).get();
        } catch (IOException | RuntimeException e) {
            // the library throws unchecked exceptions for some malformed archives; and when it opens the file
            // itself (setPath) and fails, it leaves the file open (found by fuzzing: "Too many open files"),
            // so the channel is ours and closed here whatever the library did with it
            if (channel != null) {
                channel.close();
            }
            throw diagnosis(file, name, e);
        }
        try {
            try {
                entries = Collections.list(zip.getEntriesInPhysicalOrder());
            } catch (RuntimeException e) {
                throw new PyzException(name + ": not a readable zip file (" + e.getMessage() + ")", e);
            }
            checkLayout(file, fileName.fileName(), entries, limits);
            Wheel wheel = read(file, fileName, zip, entries);
            zip = null;
            return wheel;
        } finally {
            if (zip != null) {
                zip.close();
            }
        }
    }

    /**
     * Why the zip library could not open {@code file}: its message rarely names the entry, so when the
     * central directory reader (no Zip64) finds an entry at fault, that is the error; otherwise the
     * library's.
     */
    private static PyzException diagnosis(Path file, String name, Exception failure) {
        Throwable cause = failure.getCause();
        String detail = failure.getMessage() != null && failure.getMessage().startsWith("Error reading Zip content")
                && cause != null && cause.getMessage() != null ? cause.getMessage() : failure.getMessage();
        PyzException unreadable = new PyzException(name + ": not a readable zip file (" + detail + ")", failure);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            CentralDirectory.read(channel, name);
        } catch (PyzException e) {
            if (e.getMessage().startsWith(name + ": entry ")) {
                e.addSuppressed(failure);
                return e;
            }
        } catch (IOException | RuntimeException e) {
            unreadable.addSuppressed(e);
        }
        return unreadable;
    }

    /**
     * The rules about where entries lie and how far they expand: local headers agree with the central
     * directory, entries do not overlap and end before it, and the declared sizes stay within
     * {@code limits}.
     */
    private static void checkLayout(Path file, String where, List<ZipArchiveEntry> entries, WheelLimits limits)
            throws IOException {
        long total = 0;
        for (ZipArchiveEntry entry : entries) {
            long size = entry.getSize();
            long compressed = entry.getCompressedSize();
            if (size < 0 || compressed < 0) {
                throw new PyzException(where + ": entry " + entry.getName() + ": its central directory record"
                        + " declares no size");
            }
            if (entry.getMethod() == ZipArchiveEntry.STORED && size != compressed) {
                throw new PyzException(where + ": entry " + entry.getName() + ": it is stored but declares "
                        + compressed + " bytes compressed and " + size + " uncompressed (stored sizes are equal)");
            }
            total += size;
            if (total > limits.maxTotalSize() || total < 0) {
                throw new PyzException(where + ": entry " + entry.getName() + ": the entries' uncompressed sizes"
                        + " add up to more than " + limits.maxTotalSize() + " bytes, the limit for one wheel (maxWheelSize,"
                        + " -Dpyz.maxWheelSize: raise it for a wheel you trust)");
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long centralDirectory = CentralDirectory.start(channel, where);
            List<LocalHeaders.Declared> declared = new ArrayList<>(entries.size());
            for (ZipArchiveEntry entry : entries) {
                byte[] raw = entry.getRawName();
                declared.add(new LocalHeaders.Declared(raw != null ? raw : entry.getName().getBytes(StandardCharsets.UTF_8),
                        entry.getRawFlag(), entry.getMethod(), entry.getCrc(), entry.getCompressedSize(),
                        entry.getSize(), entry.getLocalHeaderOffset()));
            }
            LocalHeaders.check(channel, where, declared, centralDirectory);
        }
    }

    private static Wheel read(Path file, WheelFileName fileName, ZipFile zip, List<ZipArchiveEntry> entries)
            throws IOException {
        String where = fileName.fileName();
        Map<String, String> folded = new HashMap<>();
        TreeSet<String> distInfos = new TreeSet<>();
        for (ZipArchiveEntry entry : entries) {
            String name = entry.getName();
            byte[] raw = entry.getRawName();
            // the reader turns '\\' into '/' for DOS-made entries; the rule is about the stored name
            String stored = raw != null ? new String(raw, StandardCharsets.UTF_8) : name;
            String problem = EntryNames.problem(stored);
            if (problem != null) {
                throw new PyzException(where + ": entry " + printable(stored) + ": " + problem);
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
            if (entry.getGeneralPurposeBit().usesEncryption()) {
                throw new PyzException(where + ": entry " + name + ": encrypted entries are not allowed");
            }
            int method = entry.getMethod();
            if (method != ZipArchiveEntry.STORED && method != ZipArchiveEntry.DEFLATED) {
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
        ZipArchiveEntry eps = zip.getEntry(distInfo + "/entry_points.txt");
        EntryPoints entryPoints = eps == null ? EntryPoints.NONE : EntryPoints.parse(text(zip, where, eps));
        return new Wheel(file, fileName, zip, entries, distInfo, metadata, wheelInfo, entryPoints);
    }

    private static String requireText(ZipFile zip, String where, String name) throws IOException {
        ZipArchiveEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new PyzException(where + ": entry " + name + " is missing; every wheel has one");
        }
        return text(zip, where, entry);
    }

    private static String text(ZipFile zip, String where, ZipArchiveEntry entry) throws IOException {
        if (entry.getSize() > MAX_METADATA_BYTES) {
            throw new PyzException(where + ": entry " + entry.getName() + " is larger than "
                    + (MAX_METADATA_BYTES >> 20) + " MiB");
        }
        try (InputStream in = new DeclaredContent(zip.getInputStream(entry), where, entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (PyzException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PyzException(where + ": entry " + entry.getName() + " cannot be read: " + e.getMessage(), e);
        }
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
    public List<ZipArchiveEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    public ZipFile zip() {
        return zip;
    }

    /** The whole content of an entry, for the few small files that are rewritten (RECORD). */
    public byte[] read(ZipArchiveEntry entry) throws IOException {
        try (InputStream in = inputStream(entry)) {
            return in.readAllBytes();
        } catch (PyzException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PyzException(fileName.fileName() + ": entry " + entry.getName() + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /**
     * An entry's inflated content, checked against its declared size (reading more fails at once) and, at
     * its end, its declared size and CRC-32.
     */
    public InputStream inputStream(ZipArchiveEntry entry) throws IOException {
        return new DeclaredContent(zip.getInputStream(entry), fileName.fileName(), entry);
    }

    public List<String> tagsDeclared() {
        return new ArrayList<>(new TreeSet<>(wheelInfo.getAll("Tag")));
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}

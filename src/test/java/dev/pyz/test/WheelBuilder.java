package dev.pyz.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes real wheels for tests: the given files plus a dist-info with METADATA, WHEEL and a RECORD whose
 * hashes are right, unless a test asks for something broken.
 */
public final class WheelBuilder {
    private final String name;
    private final String version;
    private String tags = "py3-none-any";
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private String wheelVersion = "1.0";
    private String entryPoints;
    private boolean stored;
    private final java.util.Set<String> executables = new java.util.HashSet<>();
    private final java.util.List<String> requiresDist = new java.util.ArrayList<>();

    public WheelBuilder(String name, String version) {
        this.name = name;
        this.version = version;
        metadata.put("Metadata-Version", "2.1");
        metadata.put("Name", name);
        metadata.put("Version", version);
    }

    public static WheelBuilder wheel(String name, String version) {
        return new WheelBuilder(name, version);
    }

    public WheelBuilder tags(String tags) {
        this.tags = tags;
        return this;
    }

    public WheelBuilder file(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public WheelBuilder file(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    /** Adds a file with mode 0755, as a wheel made on Unix records an executable. */
    public WheelBuilder executable(String path, byte[] content) {
        executables.add(path);
        return file(path, content);
    }

    public WheelBuilder metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** {@code Requires-Dist} lines, one per requirement, after the other METADATA fields. */
    public WheelBuilder requires(String... requirements) {
        requiresDist.addAll(java.util.List.of(requirements));
        return this;
    }

    public WheelBuilder wheelVersion(String v) {
        this.wheelVersion = v;
        return this;
    }

    public WheelBuilder entryPoints(String text) {
        this.entryPoints = text;
        return this;
    }

    /** Store instead of deflate (as some real wheels do). */
    public WheelBuilder stored() {
        this.stored = true;
        return this;
    }

    public String distInfo() {
        return normalized() + "-" + version + ".dist-info";
    }

    public String fileName() {
        return normalized() + "-" + version + "-" + tags + ".whl";
    }

    private String normalized() {
        return name.replaceAll("[-_.]+", "_");
    }

    /** Writes the wheel into {@code dir} under its own file name. */
    public Path writeTo(Path dir) throws IOException {
        Path file = dir.resolve(fileName());
        Files.write(file, bytes());
        return file;
    }

    public byte[] bytes() throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>(files);
        StringBuilder meta = new StringBuilder();
        metadata.forEach((k, v) -> meta.append(k).append(": ").append(v).append('\n'));
        requiresDist.forEach(r -> meta.append("Requires-Dist: ").append(r).append('\n'));
        all.putIfAbsent(distInfo() + "/METADATA", meta.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder wheel = new StringBuilder("Wheel-Version: " + wheelVersion + "\nGenerator: test\nRoot-Is-Purelib: true\n");
        for (String py : tags.split("-")[0].split("\\.")) {
            wheel.append("Tag: ").append(py).append('-').append(tags.split("-")[1]).append('-').append(tags.split("-")[2]).append('\n');
        }
        all.putIfAbsent(distInfo() + "/WHEEL", wheel.toString().getBytes(StandardCharsets.UTF_8));
        if (entryPoints != null) {
            all.putIfAbsent(distInfo() + "/entry_points.txt", entryPoints.getBytes(StandardCharsets.UTF_8));
        }
        String recordName = distInfo() + "/RECORD";
        if (!all.containsKey(recordName)) {
            StringBuilder record = new StringBuilder();
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                if (!e.getKey().endsWith("/")) {
                    record.append(e.getKey()).append(",sha256=").append(hash(e.getValue())).append(',')
                            .append(e.getValue().length).append('\n');
                }
            }
            record.append(recordName).append(",,\n");
            all.put(recordName, record.toString().getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTimeLocal(java.time.LocalDateTime.of(1981, 2, 3, 4, 5, 6)); // no time zone involved
                if (stored || e.getKey().endsWith("/")) {
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return withUnixModes(out.toByteArray());
    }

    /** Marks the central directory records of {@link #executable} files as made on Unix with mode 0755. */
    private byte[] withUnixModes(byte[] zip) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int end = zip.length - 22;
        for (int at = b.getInt(end + 16); at < end && b.getInt(at) == 0x02014b50; ) {
            int nameLength = b.getShort(at + 28) & 0xFFFF;
            String entry = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
            if (executables.contains(entry)) {
                b.putShort(at + 4, (short) (3 << 8 | 20)); // made by: Unix, version 2.0
                b.putInt(at + 38, 0100755 << 16);
            }
            at += 46 + nameLength + (b.getShort(at + 30) & 0xFFFF) + (b.getShort(at + 32) & 0xFFFF);
        }
        return zip;
    }

    public static String hash(byte[] data) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.pyz.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Writes zips byte by byte so that tests can make the local header and the central directory disagree,
 * or entries overlap: every field of both copies is a public field to change before {@link #bytes()}.
 */
public final class RawZip {
    /** One entry: central directory values, their local header copies, and the stored (compressed) bytes. */
    public static final class Entry {
        public byte[] name;
        public byte[] localName;
        public int flags;
        public int localFlags;
        public int method;
        public int localMethod;
        public long crc;
        public long localCrc;
        public long compressedSize;
        public long localCompressedSize;
        public long size;
        public long localSize;
        public byte[] localExtra = new byte[0];
        public byte[] data;
        /** When set, the central directory points here instead of at the entry's real local header. */
        public Long offset;
        /** When set, replaces the local header and data that would be written (a hand-made layout). */
        public byte[] raw;

        Entry(String name, int method, byte[] content) {
            this.name = name.getBytes(StandardCharsets.UTF_8);
            this.localName = this.name;
            this.method = method;
            this.localMethod = method;
            CRC32 c = new CRC32();
            c.update(content);
            this.crc = c.getValue();
            this.localCrc = crc;
            this.data = method == ZipArchiveEntry.DEFLATED ? deflate(content) : content;
            this.compressedSize = data.length;
            this.localCompressedSize = data.length;
            this.size = content.length;
            this.localSize = content.length;
        }

        public String name() {
            return new String(name, StandardCharsets.UTF_8);
        }
    }

    public final List<Entry> entries = new ArrayList<>();
    /** Whether the central directory lists the entries in the reverse of the order their data lies in. */
    public boolean directoryReversed;

    /** The entries of {@code zip} (e.g. {@link WheelBuilder#bytes()}), each kept with its method. */
    public static RawZip of(byte[] zip) throws IOException {
        RawZip raw = new RawZip();
        try (ZipFile in = ZipFile.builder().setByteArray(zip).get()) {
            for (ZipArchiveEntry e : Collections.list(in.getEntriesInPhysicalOrder())) {
                raw.add(e.getName(), e.getMethod(), in.getInputStream(e).readAllBytes());
            }
        }
        return raw;
    }

    public Entry add(String name, int method, byte[] content) {
        Entry e = new Entry(name, method, content);
        entries.add(e);
        return e;
    }

    public Entry entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    public Path writeTo(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        for (Entry e : entries) {
            offsets.add((long) out.size());
            byte[] block = e.raw != null ? e.raw : concat(localHeader(e), e.data);
            out.writeBytes(block);
        }
        long cdStart = out.size();
        for (int k = 0; k < entries.size(); k++) {
            int i = directoryReversed ? entries.size() - 1 - k : k;
            Entry e = entries.get(i);
            ByteBuffer b = le(46 + e.name.length);
            b.putInt(0x02014b50).putShort((short) (3 << 8 | 20)).putShort((short) 20).putShort((short) e.flags)
                    .putShort((short) e.method).putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc)
                    .putInt((int) e.compressedSize).putInt((int) e.size).putShort((short) e.name.length)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putInt(0100644 << 16).putInt((int) (long) (e.offset != null ? e.offset : offsets.get(i))).put(e.name);
            out.writeBytes(b.array());
        }
        long cdSize = out.size() - cdStart;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt((int) cdSize).putInt((int) cdStart).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    public static byte[] localHeader(Entry e) {
        ByteBuffer b = le(30 + e.localName.length + e.localExtra.length);
        b.putInt(0x04034b50).putShort((short) 20).putShort((short) e.localFlags).putShort((short) e.localMethod)
                .putShort((short) 0).putShort((short) 0x21).putInt((int) e.localCrc).putInt((int) e.localCompressedSize)
                .putInt((int) e.localSize).putShort((short) e.localName.length).putShort((short) e.localExtra.length)
                .put(e.localName).put(e.localExtra);
        return b.array();
    }

    /**
     * Appends {@code count} entries in the manner of David Fifield's "better zip bomb": each entry's
     * deflate stream quotes the next entry's local header in a stored block and then runs on into the
     * next entry's data, so all of them share one kernel of {@code kernelSize} zero bytes. Every header
     * agrees with the central directory and every CRC is right; only the overlap gives them away.
     */
    public void overlappingBomb(String prefix, int count, int kernelSize) {
        byte[] kernelContent = new byte[kernelSize];
        byte[] kernel = deflate(kernelContent);
        Entry[] bomb = new Entry[count];
        byte[][] content = new byte[count][];
        byte[][] header = new byte[count][];
        for (int i = count - 1; i >= 0; i--) {
            bomb[i] = new Entry(prefix + i, ZipArchiveEntry.DEFLATED, new byte[0]);
            content[i] = i == count - 1 ? kernelContent : concat(header[i + 1], content[i + 1]);
            CRC32 c = new CRC32();
            c.update(content[i]);
            Entry e = bomb[i];
            e.crc = e.localCrc = c.getValue();
            e.size = e.localSize = content[i].length;
            long compressed = kernel.length;
            for (int j = i + 1; j < count; j++) {
                compressed += 5 + header[j].length;
            }
            e.compressedSize = e.localCompressedSize = compressed;
            header[i] = localHeader(e);
        }
        for (int i = 0; i < count; i++) {
            // the entry's own bytes: its header, then a stored block quoting the next header (or the kernel)
            if (i == count - 1) {
                bomb[i].raw = concat(header[i], kernel);
            } else {
                int n = header[i + 1].length;
                bomb[i].raw = concat(header[i], new byte[] {0, (byte) n, (byte) (n >> 8), (byte) ~n, (byte) (~n >> 8)});
            }
            entries.add(bomb[i]);
        }
    }

    static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(content);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Where {@code needle} first occurs in {@code haystack} (a zip's bytes, to patch a header in place). */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}

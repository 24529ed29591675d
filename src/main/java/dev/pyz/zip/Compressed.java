package dev.pyz.zip;

import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Content compressed ahead of writing, so that many entries can be compressed in parallel and then
 * written in a fixed order. Deflate at a fixed level is deterministic for a given zlib.
 */
public record Compressed(int method, long crc, long size, byte[] data) {
    public static final int STORED = 0;
    public static final int DEFLATED = 8;

    /** Deflates {@code content}, or stores it when deflate would not make it smaller. */
    public static Compressed of(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(content);
            deflater.finish();
            byte[] out = new byte[Math.max(64, content.length + content.length / 1000 + 64)];
            int n = 0;
            while (!deflater.finished()) {
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                n += deflater.deflate(out, n, out.length - n);
            }
            if (n >= content.length) {
                return new Compressed(STORED, crc.getValue(), content.length, content);
            }
            return new Compressed(DEFLATED, crc.getValue(), content.length, java.util.Arrays.copyOf(out, n));
        } finally {
            deflater.end();
        }
    }
}

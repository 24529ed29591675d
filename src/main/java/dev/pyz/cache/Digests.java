package dev.pyz.cache;

import dev.pyz.zip.CentralDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files and bytes, streamed, as lower-case hex. */
public final class Digests {
    private Digests() {}

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * CRC-32 of a zip's central directory and end records: the bytes from where its central directory
     * starts to the end of the file. Cheap (it reads only the directory) and it changes when the zip is
     * truncated, replaced or its directory is damaged, which is what a cache entry is checked for on reuse.
     */
    public static long centralDirectoryCrc32(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long start = CentralDirectory.start(channel, zip.toString());
            java.util.zip.CRC32 digest = new java.util.zip.CRC32();
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (long position = start; position < channel.size(); ) {
                buffer.clear();
                int n = channel.read(buffer, position);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                digest.update(buffer);
                position += n;
            }
            return digest.getValue();
        }
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

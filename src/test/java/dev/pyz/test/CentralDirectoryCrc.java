package dev.pyz.test;

import dev.pyz.zip.CentralDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * What the caches record as a zip's {@code cd_crc32}, computed on its own: the CRC-32 of the bytes from where
 * its central directory starts to the end of the file. Tests compare it with what the writers record.
 */
public final class CentralDirectoryCrc {
    private CentralDirectoryCrc() {}

    public static long of(Path zip) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            CRC32 crc = new CRC32();
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (long position = CentralDirectory.start(channel, zip.toString()); position < channel.size(); ) {
                buffer.clear();
                int n = channel.read(buffer, position);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                crc.update(buffer);
                position += n;
            }
            return crc.getValue();
        }
    }
}

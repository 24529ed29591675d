package dev.pyz.index;

import java.io.IOException;

/** A file of known size whose bytes can be read anywhere: a wheel on a server or on the disk. */
interface ByteRanges {
    long size();

    /** Exactly {@code length} bytes from {@code start}; anything less is an error naming the file. */
    byte[] read(long start, int length) throws IOException;
}

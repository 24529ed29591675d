package dev.pyz.zip;

import dev.pyz.PyzException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

/**
 * An entry's inflated bytes, held to what its central directory record declares: reading more bytes than
 * the declared size fails at once (so a lying size cannot turn one entry into a bomb), and at the end the
 * count and the CRC-32 must match. Closing it releases the inflater, if any.
 */
final class DeclaredContent extends FilterInputStream {
    private final String where;
    private final ZipRecord entry;
    private final Inflater inflater;
    private final CRC32 crc = new CRC32();
    private long count;
    private boolean checked;

    DeclaredContent(InputStream in, String where, ZipRecord entry, Inflater inflater) {
        super(in);
        this.where = where;
        this.entry = entry;
        this.inflater = inflater;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            atEnd();
            return n;
        }
        count += n;
        if (count > entry.size()) {
            throw new PyzException(where + ": entry " + entry.name() + ": inflates to more than the "
                    + entry.size() + " bytes its central directory record declares");
        }
        crc.update(b, off, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    private void atEnd() throws PyzException {
        if (checked) {
            return;
        }
        checked = true;
        if (count != entry.size()) {
            throw new PyzException(where + ": entry " + entry.name() + ": inflates to " + count
                    + " bytes but its central directory record declares " + entry.size());
        }
        if (crc.getValue() != entry.crc()) {
            throw new PyzException(where + ": entry " + entry.name() + ": its content has CRC-32 "
                    + Long.toHexString(crc.getValue()) + " but its central directory record declares "
                    + Long.toHexString(entry.crc()));
        }
    }
}

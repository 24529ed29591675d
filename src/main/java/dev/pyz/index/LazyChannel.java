package dev.pyz.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Map;
import java.util.TreeMap;

/**
 * A read-only {@link FileChannel} over {@link ByteRanges}, for the project's one zip reader: positioned
 * reads fetch the bytes they need (at least {@link #MIN_FETCH} at a time, so that a local header and the
 * small entry after it come in one request) and keep them, so nothing is fetched twice. Only
 * {@link #size()} and positioned reads are supported; this is what {@code dev.pyz.zip} uses.
 */
final class LazyChannel extends FileChannel {
    static final int MIN_FETCH = 16 << 10;

    private final ByteRanges source;
    private final TreeMap<Long, byte[]> spans = new TreeMap<>();

    LazyChannel(ByteRanges source) {
        this.source = source;
    }

    /** Bytes the caller already has (the tail fetched by the first request), starting at {@code start}. */
    LazyChannel with(long start, byte[] bytes) {
        spans.put(start, bytes);
        return this;
    }

    @Override
    public long size() {
        return source.size();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position >= source.size()) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        Map.Entry<Long, byte[]> span = spans.floorEntry(position);
        if (span == null || position >= span.getKey() + span.getValue().length) {
            span = fetch(position, dst.remaining());
        }
        int offset = (int) (position - span.getKey());
        int n = Math.min(dst.remaining(), span.getValue().length - offset);
        dst.put(span.getValue(), offset, n);
        return n;
    }

    private Map.Entry<Long, byte[]> fetch(long position, int wanted) throws IOException {
        long end = Math.min(source.size(), position + Math.max(wanted, MIN_FETCH));
        Long next = spans.higherKey(position);
        if (next != null && next < end) {
            end = Math.max(next, position + 1);
        }
        byte[] bytes = source.read(position, (int) (end - position));
        spans.put(position, bytes);
        return Map.entry(position, bytes);
    }

    @Override
    protected void implCloseChannel() {
        spans.clear();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a lazily read wheel supports positioned reads only");
    }

    @Override
    public int read(ByteBuffer dst) {
        throw readOnly();
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
        throw readOnly();
    }

    @Override
    public int write(ByteBuffer src) {
        throw readOnly();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw readOnly();
    }

    @Override
    public long position() {
        throw readOnly();
    }

    @Override
    public FileChannel position(long newPosition) {
        throw readOnly();
    }

    @Override
    public FileChannel truncate(long size) {
        throw readOnly();
    }

    @Override
    public void force(boolean metaData) {
        throw readOnly();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
        throw readOnly();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
        throw readOnly();
    }

    @Override
    public int write(ByteBuffer src, long position) {
        throw readOnly();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw readOnly();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
        throw readOnly();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
        throw readOnly();
    }
}

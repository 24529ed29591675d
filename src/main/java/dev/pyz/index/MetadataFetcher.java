package dev.pyz.index;

import dev.pyz.AtomicFiles;
import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.requirement.Requirement;
import dev.pyz.requirement.Version;
import dev.pyz.wheel.CoreMetadata;
import dev.pyz.wheel.MetadataReader;
import dev.pyz.wheel.WheelFileName;
import dev.pyz.zip.ZipArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A wheel's METADATA without downloading the wheel: the index's metadata file when it serves one (PEP
 * 658/714, checked against its hash); else the wheel's tail, central directory and METADATA entry only,
 * with HTTP range requests, read by the project's zip reader over a {@link LazyChannel}; else, when the
 * server answers a range request with the whole file, the whole file, kept (its hash checked) for the
 * download. A wheel that is already on the disk (in the local repository, found by {@code local}) is read
 * from there instead when its hash is the index's, and the download takes that copy. Counts the bytes it
 * fetches. The METADATA must name the file's project and version.
 */
public final class MetadataFetcher {
    /** The first request: the end records and as much of the central directory as a wheel's tail holds. */
    static final int TAIL = 22 + 0xFFFF;

    /** A wheel's METADATA and how it was read ({@code how}: metadata file, range requests, whole file, disk). */
    public record Metadata(IndexFile file, byte[] bytes, CoreMetadata fields, String how) {}

    private final Transport transport;
    private final Path work;
    private final Log log;
    private final AtomicLong fetched = new AtomicLong();
    private final AtomicLong consulted = new AtomicLong();
    private final Map<URI, Path> wholeFiles = new ConcurrentHashMap<>();
    private final Function<IndexFile, Optional<Path>> local;
    private final Map<URI, Optional<Path>> reused = new ConcurrentHashMap<>();

    /** @param work where whole files fetched for their metadata are kept for the download */
    public MetadataFetcher(Transport transport, Path work, Log log) {
        this(transport, work, f -> Optional.empty(), log);
    }

    /**
     * @param local where a copy of an index file may already be (such as its place in the local
     *     repository); it is used only when it exists and has the hash the index gives
     */
    public MetadataFetcher(Transport transport, Path work, Function<IndexFile, Optional<Path>> local, Log log) {
        this.transport = transport;
        this.work = work;
        this.local = local;
        this.log = log;
    }

    /** The bytes fetched for metadata so far. */
    public long bytesFetched() {
        return fetched.get();
    }

    /**
     * The total size of the wheels whose metadata was fetched, as far as it is known (a wheel read with
     * ranges or whole, or listed with its size): what downloading them all would have cost.
     */
    public long bytesConsulted() {
        return consulted.get();
    }

    /** The wheel, when it was fetched whole (and its hash checked) while its metadata was read. */
    public Optional<Path> wholeFile(IndexFile file) {
        return Optional.ofNullable(wholeFiles.get(file.url()));
    }

    /**
     * The copy of {@code file} found on the disk whose hash is the index's (checked once), if any; a file
     * for which the index gives no hash is never taken from the disk.
     */
    public Optional<Path> reused(IndexFile file) throws IOException {
        Optional<Path> known = reused.get(file.url());
        if (known != null) {
            return known;
        }
        Optional<Path> found = Optional.empty();
        Optional<String> algorithm = Hashes.strongest(file.hashes());
        Optional<Path> candidate = local.apply(file).filter(Files::isRegularFile);
        if (algorithm.isPresent() && candidate.isPresent()) {
            if (Hashes.hex(algorithm.get(), candidate.get()).equals(file.hashes().get(algorithm.get()))) {
                found = candidate;
            } else {
                log.info(candidate.get() + " differs from " + file.url() + " (its " + algorithm.get() + " is not the"
                        + " index's): it is fetched again");
            }
        }
        reused.put(file.url(), found);
        return found;
    }

    /**
     * The METADATA of a wheel of the index.
     *
     * @throws PyzException naming the URL when it cannot be fetched, a hash does not match, a range response
     *     is truncated, or the METADATA names another project or version
     */
    public Metadata fetch(IndexFile file) throws IOException {
        Metadata m;
        Optional<Path> onDisk = reused(file);
        if (onDisk.isPresent()) {
            m = fromDisk(file, onDisk.get(), false, "read from " + onDisk.get() + " (the index's hash)");
        } else if (file.metadata().isPresent()) {
            m = metadataFile(file);
        } else if (Transport.isFile(file.url())) {
            m = fromDisk(file);
        } else {
            m = ranged(file);
        }
        checkAgainstName(m);
        log.debug("Metadata of " + file.filename() + ": " + m.bytes().length + " bytes, " + m.how());
        return m;
    }

    private Metadata metadataFile(IndexFile file) throws IOException {
        URI url = file.metadataUrl();
        byte[] bytes = transport.get(url, "*/*").bytes();
        fetched.addAndGet(bytes.length);
        Map<String, String> expected = file.metadata().orElseThrow();
        Map<String, String> actual = new java.util.TreeMap<>();
        Hashes.strongest(expected).ifPresent(a -> actual.put(a, Hashes.hex(a, bytes)));
        Hashes.check(expected, actual, url.toString(), "the index (" + file.page() + ")");
        return new Metadata(file, bytes, parse(bytes), "metadata file (PEP 658)");
    }

    private Metadata fromDisk(IndexFile file) throws IOException {
        Path path = Path.of(file.url());
        if (!Files.isRegularFile(path)) {
            throw new Transport.NotFoundException(file.url() + ": not found (no file " + path + ")", null);
        }
        return fromDisk(file, path, true, "read from the disk");
    }

    /** Reads METADATA from a file; {@code counted}: the bytes count as fetched, the file as consulted. */
    private Metadata fromDisk(IndexFile file, Path path, boolean counted, String how) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        ByteRanges disk = new ByteRanges() {
            @Override
            public long size() {
                try {
                    return channel.size();
                } catch (IOException e) {
                    return 0;
                }
            }

            @Override
            public byte[] read(long start, int length) throws IOException {
                byte[] bytes = new byte[length];
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
                while (b.hasRemaining() && channel.read(b, start + b.position()) > 0) {
                    // read on
                }
                if (counted) {
                    fetched.addAndGet(b.position());
                }
                return b.position() == length ? bytes : java.util.Arrays.copyOf(bytes, b.position());
            }
        };
        try (channel) {
            if (counted) {
                consulted.addAndGet(channel.size());
            }
            return read(file, new LazyChannel(disk), how);
        }
    }

    private Metadata ranged(IndexFile file) throws IOException {
        Transport.Reply reply = transport.range(file.url(), "-" + TAIL);
        if (!reply.partial()) {
            return whole(file, reply);
        }
        byte[] tail;
        try (InputStream in = reply.body()) {
            tail = in.readNBytes((int) Math.min(reply.length(), TAIL));
        }
        fetched.addAndGet(tail.length);
        if (tail.length != reply.length() || reply.start() + reply.length() != reply.total()) {
            throw truncated(file.url(), reply.start(), reply.length(), tail.length);
        }
        HttpRanges ranges = new HttpRanges(file.url(), reply.total());
        consulted.addAndGet(reply.total());
        return read(file, new LazyChannel(ranges).with(reply.start(), tail),
                "range requests (" + ranges.requests + " after the tail)");
    }

    private Metadata read(IndexFile file, LazyChannel channel, String how) throws IOException {
        String display = file.url().toString();
        try (ZipArchive zip = ZipArchive.openLazily(channel, display)) {
            byte[] bytes = MetadataReader.metadata(zip, display);
            return new Metadata(file, bytes, parse(bytes), how);
        }
    }

    /** The server sent the whole file: keep it (its hash checked) and read its METADATA from the disk. */
    private Metadata whole(IndexFile file, Transport.Reply reply) throws IOException {
        Files.createDirectories(work);
        Path target = work.resolve(file.filename());
        Path temp = Files.createTempFile(work, file.filename(), ".tmp");
        try {
            Map<String, String> digests;
            try (InputStream in = reply.body(); OutputStream out = Files.newOutputStream(temp)) {
                digests = Hashes.copy(in, out, Hashes.strongest(file.hashes()).map(List::of).orElse(List.of()));
            }
            long size = Long.parseLong(digests.get("size"));
            fetched.addAndGet(size);
            consulted.addAndGet(size);
            if (reply.length() >= 0 && size != reply.length()) {
                throw new PyzException(file.url() + ": the download ended after " + size + " of its " + reply.length()
                        + " bytes");
            }
            Hashes.check(file.hashes(), digests, file.url().toString(), "the index (" + file.page() + ")");
            AtomicFiles.moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        wholeFiles.put(file.url(), target);
        try (ZipArchive zip = ZipArchive.open(target, file.url().toString())) {
            byte[] bytes = MetadataReader.metadata(zip, file.url().toString());
            return new Metadata(file, bytes, parse(bytes), "whole file (the server refused range requests)");
        }
    }

    private static CoreMetadata parse(byte[] bytes) {
        return CoreMetadata.parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The METADATA's Name and Version must be the file name's (names compared normalized, versions as PEP 440). */
    private static void checkAgainstName(Metadata m) throws PyzException {
        IndexFile file = m.file();
        WheelFileName name = WheelFileName.parse(file.filename());
        String where = (file.metadata().isPresent() ? file.metadataUrl() : file.url()) + " (" + m.how() + ")";
        String metaName = m.fields().get("Name").orElseThrow(() -> new PyzException(where + ": METADATA has no Name"));
        String metaVersion = m.fields().get("Version")
                .orElseThrow(() -> new PyzException(where + ": METADATA has no Version"));
        if (!Requirement.normalizeName(metaName).equals(Requirement.normalizeName(name.name()))) {
            throw new PyzException(where + ": METADATA says Name: " + metaName + ", but the index lists the file as "
                    + file.filename() + " (" + file.page() + ")");
        }
        Optional<Version> a = Version.tryParse(metaVersion);
        Optional<Version> b = Version.tryParse(name.version());
        boolean same = a.isPresent() && b.isPresent() ? a.get().equals(b.get())
                : metaVersion.toLowerCase(Locale.ROOT).equals(name.version().toLowerCase(Locale.ROOT));
        if (!same) {
            throw new PyzException(where + ": METADATA says Version: " + metaVersion + ", but the index lists the file as "
                    + file.filename() + " (" + file.page() + ")");
        }
    }

    static PyzException truncated(URI url, long start, long length, long got) {
        return new PyzException(url + ": truncated range response: bytes " + start + "-" + (start + length - 1)
                + " were asked for and " + got + " came; the server or a proxy cut the response short");
    }

    /** The rest of a wheel on a server that answers range requests. */
    private final class HttpRanges implements ByteRanges {
        private final URI url;
        private final long size;
        int requests;

        HttpRanges(URI url, long size) {
            this.url = url;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public byte[] read(long start, int length) throws IOException {
            requests++;
            Transport.Reply reply = transport.range(url, start + "-" + (start + length - 1));
            try (InputStream in = reply.body()) {
                if (!reply.partial() || reply.start() != start || reply.length() != length) {
                    throw new PyzException(url + ": asked for bytes " + start + "-" + (start + length - 1) + ", the server"
                            + (reply.partial() ? " sent bytes " + reply.start() + "-" + (reply.start() + reply.length() - 1)
                            : " sent the whole file") + "; it answered the first range request, so this is a fault of"
                            + " the server");
                }
                byte[] bytes = in.readNBytes(length);
                fetched.addAndGet(bytes.length);
                if (bytes.length != length) {
                    throw truncated(url, start, length, bytes.length);
                }
                return bytes;
            }
        }
    }
}

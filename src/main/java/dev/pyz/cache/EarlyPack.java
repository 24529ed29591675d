package dev.pyz.cache;

import dev.pyz.Log;
import dev.pyz.Tasks;
import dev.pyz.wheel.Wheel;
import dev.pyz.wheel.WheelLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * A wheel copied into a packed zip while another thread hashes it: with an empty cache, the longest chain
 * of work is the largest wheel's hash and then its packing, one after the other; started together they take
 * the time of the longer one. The zip goes to a temp file in the layout's folder (the entry's folder is
 * named by the digest, not known yet) and is the copy both ways of filling the entry start from: taking it
 * from the shared store ({@link PackCache}) and packing it here ({@link WheelPacking}). A wheel whose
 * entry turns out to be in the cache wasted a copy; the temp file is removed when the build is done with it.
 */
final class EarlyPack implements java.io.Closeable {
    private final Path tempZip;
    private final Future<PackedWheel> packed;
    private final Log log;

    private EarlyPack(Path tempZip, Future<PackedWheel> packed, Log log) {
        this.tempZip = tempZip;
        this.packed = packed;
        this.log = log;
    }

    /** Starts copying {@code input} (called {@code fileName}) into a temp zip in {@code folder} on the pool. */
    static EarlyPack start(WheelInput input, String fileName, Path folder, WheelLimits limits, Tasks.Pool pool, Log log)
            throws IOException {
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, fileName + ".", ".zip.tmp");
        return new EarlyPack(temp, pool.submit(() -> {
            try (Wheel wheel = Wheel.open(input.file(), fileName, limits)) {
                return WheelPacker.pack(wheel, "", temp);
            }
        }), log);
    }

    /** Stops the copy, not needed after all (interrupting it when it runs). */
    void cancel() {
        packed.cancel(true);
    }

    /**
     * The packing, as {@link WheelPacker#pack} returns it for the wheel whose digest is {@code sha256}; empty
     * when it failed (the wheel is then packed the usual way, which meets the same problem and names it).
     */
    Optional<PackedWheel> await(String sha256) throws IOException {
        try {
            PackedWheel copied = Tasks.await(packed).withSha256(sha256);
            log.debug("Took the copy of " + copied.fileName() + " made while it was hashed");
            return Optional.of(copied);
        } catch (java.io.InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) { // a problem of the wheel, or cancelled
            return Optional.empty();
        }
    }

    /** Removes the temp zip unless it was moved into the cache; call once the pool has stopped. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(tempZip);
    }
}

package dev.pyz.index;

import dev.pyz.PyzException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checking bytes against the hashes an index (or a requirements file) gives: the strongest algorithm of
 * those given that the JDK has, digests in lower-case hex.
 */
final class Hashes {
    private static final List<String> STRONGEST_FIRST = List.of("sha512", "sha384", "sha256", "sha224", "sha1", "md5");

    private Hashes() {}

    /** The strongest algorithm of {@code hashes} this checker knows, if any. */
    static Optional<String> strongest(Map<String, String> hashes) {
        return STRONGEST_FIRST.stream().filter(hashes::containsKey).findFirst();
    }

    static MessageDigest digest(String algorithm) {
        String jdk = switch (algorithm) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            default -> "SHA-" + algorithm.substring(3);
        };
        try {
            return MessageDigest.getInstance(jdk);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jdk + " is missing from this JDK", e);
        }
    }

    /** The digest of a file, in lower-case hex. */
    static String hex(String algorithm, Path file) throws IOException {
        MessageDigest digest = digest(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String hex(String algorithm, byte[] bytes) {
        return HexFormat.of().formatHex(digest(algorithm).digest(bytes));
    }

    /**
     * Copies {@code in} to {@code out}, returning the digests of {@code algorithms} and the byte count
     * (under the key {@code "size"}); stops when the thread is interrupted (an abandoned download).
     */
    static Map<String, String> copy(InputStream in, OutputStream out, List<String> algorithms) throws IOException {
        Map<String, MessageDigest> digests = new LinkedHashMap<>();
        algorithms.forEach(a -> digests.put(a, digest(a)));
        byte[] buffer = new byte[1 << 16];
        long size = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("interrupted after " + size + " bytes");
            }
            out.write(buffer, 0, n);
            for (MessageDigest d : digests.values()) {
                d.update(buffer, 0, n);
            }
            size += n;
        }
        Map<String, String> result = new LinkedHashMap<>();
        digests.forEach((a, d) -> result.put(a, HexFormat.of().formatHex(d.digest())));
        result.put("size", Long.toString(size));
        return result;
    }

    /**
     * Fails unless {@code actual} (digests by algorithm) matches {@code expected} for its strongest
     * algorithm; {@code what} names the bytes and {@code source} where the expected hash comes from.
     */
    static void check(Map<String, String> expected, Map<String, String> actual, String what, String source)
            throws PyzException {
        Optional<String> algorithm = strongest(expected);
        if (algorithm.isEmpty()) {
            return;
        }
        String a = algorithm.get();
        String want = expected.get(a);
        String got = actual.get(a);
        if (!want.equals(got)) {
            throw new PyzException(what + ": hash mismatch: its " + a + " is " + got + " but " + source + " says " + want
                    + "; the file was changed or damaged on the way, so it is not used");
        }
    }
}

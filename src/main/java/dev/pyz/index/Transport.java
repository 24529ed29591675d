package dev.pyz.index;

import dev.pyz.PyzException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every read of an index, its pages and its files: {@code http(s)://} through the JDK's
 * {@link HttpURLConnection} (with the credentials of the index's origin, the proxy, and a read timeout,
 * so that a server that stops sending fails the build instead of hanging it), {@code file://} from the
 * disk. Failures are {@link PyzException}s naming the URL and what to do: an unreachable host, a 404,
 * refused credentials.
 */
public final class Transport {
    private static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int READ_TIMEOUT_MS = 120_000;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private final Map<String, Credentials> credentials;
    private final Optional<ProxySettings> proxy;

    /** A URL that names nothing: HTTP 404, or no such file. */
    public static final class NotFoundException extends PyzException {
        private static final long serialVersionUID = 1L;

        NotFoundException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A whole response: the URL it came from, its content type (lower case, no parameters) and body. */
    public record Body(URI uri, String contentType, byte[] bytes) {}

    /**
     * A reply to a range request: {@code partial} when the server sent the range ({@code 206}, with the
     * range's first byte and the whole file's size), else the whole file from its start ({@code 200}).
     */
    public record Reply(boolean partial, long start, long total, long length, InputStream body) {}

    /**
     * @param credentials by origin ({@code https://host:port}, see {@link #origin}): sent with every
     *     request to that origin (pages and files)
     */
    public Transport(Map<String, Credentials> credentials, Optional<ProxySettings> proxy) {
        this.credentials = Map.copyOf(credentials);
        this.proxy = proxy;
    }

    /** {@code scheme://host:port} of a URL, the port made explicit: what credentials are keyed by. */
    public static String origin(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return (uri.getScheme() + "://" + uri.getHost() + ":" + port).toLowerCase(Locale.ROOT);
    }

    /** The whole resource at {@code uri}; a folder of a {@code file:} URL is read as its {@code index.html}. */
    public Body get(URI uri, String accept) throws IOException {
        if (isFile(uri)) {
            Path path = Path.of(uri);
            Path file = Files.isDirectory(path) ? path.resolve("index.html") : path;
            try {
                return new Body(uri, file.getFileName().toString().endsWith(".json") ? "application/json" : "text/html",
                        Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                throw new NotFoundException(uri + ": not found (no file " + file + ")", e);
            }
        }
        HttpURLConnection c = connect(uri, "Accept", accept);
        try (InputStream in = c.getInputStream()) {
            byte[] bytes = in.readAllBytes();
            String type = c.getContentType() == null ? "" : c.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
            return new Body(finalUri(c, uri), type, bytes);
        } catch (IOException e) {
            throw failed(uri, e);
        }
    }

    /**
     * {@code Range: bytes=<range>} of an {@code http(s)} URL, as {@code -N} (the last N bytes) or
     * {@code a-b}; the caller reads and closes the body.
     */
    public Reply range(URI uri, String range) throws IOException {
        HttpURLConnection c = connect(uri, "Range", "bytes=" + range);
        long length = c.getContentLengthLong();
        if (c.getResponseCode() != 206) {
            return new Reply(false, 0, length, length, body(c, uri));
        }
        String contentRange = c.getHeaderField("Content-Range");
        Matcher m = CONTENT_RANGE.matcher(contentRange == null ? "" : contentRange.strip());
        if (!m.matches()) {
            c.disconnect();
            throw new PyzException(uri + ": the server answered a range request with Content-Range '" + contentRange
                    + "', not bytes first-last/size");
        }
        long start = Long.parseLong(m.group(1));
        return new Reply(true, start, Long.parseLong(m.group(3)), Long.parseLong(m.group(2)) - start + 1, body(c, uri));
    }

    /** The body of {@code uri} as a stream, with its length when the server gives one (-1 when not). */
    public Reply open(URI uri) throws IOException {
        if (isFile(uri)) {
            Path path = Path.of(uri);
            try {
                long size = Files.size(path);
                return new Reply(false, 0, size, size, Files.newInputStream(path));
            } catch (NoSuchFileException e) {
                throw new NotFoundException(uri + ": not found (no file " + path + ")", e);
            }
        }
        HttpURLConnection c = connect(uri, "Accept", "*/*");
        long length = c.getContentLengthLong();
        return new Reply(false, 0, length, length, body(c, uri));
    }

    static boolean isFile(URI uri) {
        return "file".equalsIgnoreCase(uri.getScheme());
    }

    /** A connection whose response has arrived with status 200 or 206. */
    private HttpURLConnection connect(URI uri, String header, String value) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new PyzException(uri + ": only http://, https:// and file:// URLs can be read");
        }
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) uri.toURL().openConnection(proxyFor(uri));
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(READ_TIMEOUT_MS);
            c.setInstanceFollowRedirects(true);
            c.setRequestProperty("User-Agent", "pyz-maven-plugin");
            c.setRequestProperty("Accept-Encoding", "identity");
            c.setRequestProperty(header, value);
            Credentials own = credentials.get(origin(uri));
            if (own != null) {
                c.setRequestProperty("Authorization", own.basic());
            }
            proxy.flatMap(ProxySettings::credentials).ifPresent(pc -> c.setAuthenticator(proxyAuthenticator(pc)));
            check(c, uri);
            return c;
        } catch (PyzException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new PyzException(uri + ": cannot be reached (" + describe(e) + "); check the URL, the network and"
                    + " the proxy in settings.xml", e);
        }
    }

    private Proxy proxyFor(URI uri) {
        return proxy.filter(p -> !p.bypasses(uri.getHost()))
                .map(p -> new Proxy(Proxy.Type.HTTP, new InetSocketAddress(p.host(), p.port()))).orElse(Proxy.NO_PROXY);
    }

    private static InputStream body(HttpURLConnection c, URI uri) throws IOException {
        try {
            return c.getInputStream();
        } catch (IOException e) {
            throw failed(uri, e);
        }
    }

    private static PyzException failed(URI uri, IOException e) {
        return e instanceof PyzException p ? p : new PyzException(uri + ": the response broke off (" + describe(e) + ")", e);
    }

    private static URI finalUri(HttpURLConnection c, URI asked) {
        try {
            return c.getURL().toURI();
        } catch (URISyntaxException e) {
            return asked;
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private void check(HttpURLConnection c, URI uri) throws IOException {
        int status = c.getResponseCode();
        if (status == 200 || status == 206) {
            return;
        }
        InputStream error = c.getErrorStream();
        if (error != null) {
            error.close();
        }
        if (status == 404) {
            throw new NotFoundException(uri + ": not found (HTTP 404)", null);
        }
        String hint = switch (status) {
            case 401, 403 -> "access refused (HTTP " + status + "): give the index an id whose <server> in"
                    + " settings.xml has its credentials" + (credentials.containsKey(origin(uri)) ? " (the ones sent were refused)" : "");
            case 407 -> "the proxy wants credentials (HTTP 407): set them in settings.xml's <proxy>";
            case 416 -> "the server refused the range asked for (HTTP 416)";
            default -> "HTTP " + status;
        };
        throw new PyzException(uri + ": " + hint);
    }

    private static Authenticator proxyAuthenticator(Credentials c) {
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY
                        ? new PasswordAuthentication(c.username(), c.password().toCharArray()) : null;
            }
        };
    }
}

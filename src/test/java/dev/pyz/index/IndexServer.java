package dev.pyz.index;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pyz.test.WheelBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A simple index served by the JDK's HTTP server from wheels a test makes: project pages in HTML (PEP 503)
 * or JSON (PEP 691), files with or without range support, with or without PEP 658 metadata files, and
 * the faults a test asks for. Counts what it serves.
 */
public final class IndexServer implements AutoCloseable {
    public enum Form { HTML, JSON }

    /** One file on the index. */
    public static final class Entry {
        final String filename;
        byte[] bytes;
        byte[] metadata;
        String hash;
        String requiresPython;
        String yanked;

        Entry(String filename, byte[] bytes) {
            this.filename = filename;
            this.bytes = bytes;
            this.metadata = metadataOf(bytes);
            this.hash = sha256(bytes);
        }

        public Entry requiresPython(String spec) {
            requiresPython = spec;
            return this;
        }

        public Entry yanked(String reason) {
            yanked = reason;
            return this;
        }

        /** Serve other bytes than the hash on the page says. */
        public Entry tamper() {
            bytes = bytes.clone();
            bytes[bytes.length / 2] ^= 1;
            return this;
        }

        /** Serve a metadata file that is not the wheel's METADATA (its hash on the page matching it). */
        public Entry metadataFile(String text) {
            metadata = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }
    }

    private final HttpServer server;
    private final Form form;
    private final Map<String, List<Entry>> projects = new TreeMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong bytesServed = new AtomicLong();
    public volatile boolean ranges = true;
    public volatile boolean metadataFiles;
    public volatile boolean truncateRanges;
    public volatile String page; // when set, every project page is this text

    public IndexServer(Form form) throws IOException {
        this.form = form;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI root() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/simple/");
    }

    public Entry add(WheelBuilder wheel) throws IOException {
        return add(wheel.fileName(), wheel.bytes());
    }

    public synchronized Entry add(String filename, byte[] bytes) {
        Entry e = new Entry(filename, bytes);
        String project = dev.pyz.requirement.Requirement.normalizeName(filename.split("-")[0]);
        projects.computeIfAbsent(project, k -> new ArrayList<>()).add(e);
        return e;
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    public long bytesServed() {
        return bytesServed.get();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            String range = x.getRequestHeaders().getFirst("Range");
            requests.add(path + (range == null ? "" : " " + range));
            if (path.startsWith("/simple/") && path.endsWith("/")) {
                project(x, path.substring("/simple/".length(), path.length() - 1));
            } else if (path.startsWith("/files/")) {
                file(x, path.substring("/files/".length()), range);
            } else {
                x.sendResponseHeaders(404, -1);
            }
        }
    }

    private synchronized void project(HttpExchange x, String name) throws IOException {
        List<Entry> entries = projects.get(name);
        if (page != null) {
            send(x, 200, "text/html", page.getBytes(StandardCharsets.UTF_8));
        } else if (entries == null) {
            x.sendResponseHeaders(404, -1);
        } else if (form == Form.HTML) {
            send(x, 200, "text/html", html(entries).getBytes(StandardCharsets.UTF_8));
        } else {
            send(x, 200, "application/vnd.pypi.simple.v1+json", json(name, entries).getBytes(StandardCharsets.UTF_8));
        }
    }

    private String html(List<Entry> entries) {
        StringBuilder s = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
        for (Entry e : entries) {
            s.append("<a href=\"../../files/").append(e.filename).append("#sha256=").append(e.hash).append('"');
            if (e.requiresPython != null) {
                s.append(" data-requires-python=\"").append(e.requiresPython.replace("<", "&lt;").replace(">", "&gt;"))
                        .append('"');
            }
            if (e.yanked != null) {
                s.append(e.yanked.isEmpty() ? " data-yanked" : " data-yanked=\"" + e.yanked + "\"");
            }
            if (metadataFiles) {
                s.append(" data-core-metadata=\"sha256=").append(sha256(e.metadata)).append('"');
            }
            s.append('>').append(e.filename).append("</a><br/>\n");
        }
        return s.append("</body></html>\n").toString();
    }

    private String json(String name, List<Entry> entries) {
        StringBuilder s = new StringBuilder("{\"meta\": {\"api-version\": \"1.1\"}, \"name\": \"" + name + "\", \"files\": [");
        String sep = "";
        for (Entry e : entries) {
            s.append(sep).append("{\"filename\": \"").append(e.filename).append("\", \"url\": \"/files/")
                    .append(e.filename).append("\", \"hashes\": {\"sha256\": \"").append(e.hash).append("\"}");
            if (e.requiresPython != null) {
                s.append(", \"requires-python\": \"").append(e.requiresPython).append('"');
            }
            if (e.yanked != null) {
                s.append(", \"yanked\": ").append(e.yanked.isEmpty() ? "true" : "\"" + e.yanked + "\"");
            }
            if (metadataFiles) {
                s.append(", \"core-metadata\": {\"sha256\": \"").append(sha256(e.metadata)).append("\"}");
            }
            s.append('}');
            sep = ", ";
        }
        return s.append("]}").toString();
    }

    private void file(HttpExchange x, String name, String range) throws IOException {
        Entry entry = null;
        boolean metadata = name.endsWith(".metadata");
        String filename = metadata ? name.substring(0, name.length() - ".metadata".length()) : name;
        synchronized (this) {
            for (List<Entry> es : projects.values()) {
                for (Entry e : es) {
                    if (e.filename.equals(filename)) {
                        entry = e;
                    }
                }
            }
        }
        if (entry == null || (metadata && !metadataFiles)) {
            x.sendResponseHeaders(404, -1);
            return;
        }
        byte[] bytes = metadata ? entry.metadata : entry.bytes;
        Matcher m = range == null ? null : Pattern.compile("bytes=(\\d*)-(\\d*)").matcher(range);
        if (!ranges || m == null || !m.matches()) {
            send(x, 200, "application/octet-stream", bytes);
            return;
        }
        long start = m.group(1).isEmpty() ? Math.max(0, bytes.length - Long.parseLong(m.group(2))) : Long.parseLong(m.group(1));
        long end = m.group(1).isEmpty() || m.group(2).isEmpty() ? bytes.length - 1
                : Math.min(bytes.length - 1, Long.parseLong(m.group(2)));
        byte[] part = java.util.Arrays.copyOfRange(bytes, (int) start, (int) end + 1);
        x.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + bytes.length);
        if (truncateRanges && !m.group(1).isEmpty()) {
            // the Content-Range promises the whole range, the body holds half of it
            send(x, 206, "application/octet-stream", java.util.Arrays.copyOf(part, part.length / 2));
            return;
        }
        send(x, 206, "application/octet-stream", part);
    }

    private void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
        bytesServed.addAndGet(body.length);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] metadataOf(byte[] wheel) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(wheel))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().endsWith(".dist-info/METADATA")) {
                    return in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new byte[0];
    }

    @Override
    public void close() {
        server.stop(0);
    }

}

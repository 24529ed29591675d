package dev.pyz.index;

import dev.pyz.PyzException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a project page of a simple index into its files: the HTML form (PEP 503: one anchor per file,
 * the hash in the URL's fragment, {@code data-requires-python}, {@code data-yanked},
 * {@code data-core-metadata} or the older {@code data-dist-info-metadata}) and the JSON form (PEP 691).
 * A page that is neither (a project's web site, a list of projects, an error page) is refused, naming its
 * URL.
 */
public final class ProjectPage {
    /** What to ask a server for: the JSON form first, then HTML (PEP 691's content negotiation). */
    public static final String ACCEPT = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2,"
            + " text/html;q=0.01";

    private static final Pattern ANCHOR = Pattern.compile("<a\\s([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern BASE = Pattern.compile("<base\\s([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);");
    private static final Pattern DISTRIBUTION = Pattern.compile(".*\\.(whl|tar\\.gz|zip|tar\\.bz2|tar\\.xz|tgz|egg)$",
            Pattern.CASE_INSENSITIVE);

    private ProjectPage() {}

    /** The files of a page as the server sent it (the form chosen by its content type). */
    public static List<IndexFile> parse(Transport.Body body) throws PyzException {
        String text = new String(body.bytes(), StandardCharsets.UTF_8);
        String type = body.contentType();
        boolean json = type.startsWith("application/vnd.pypi.simple.v1+json") || type.equals("application/json")
                || (!type.contains("html") && text.stripLeading().startsWith("{"));
        return json ? json(text, body.uri()) : html(text, body.uri());
    }

    /** The files of a PEP 503 HTML page, URLs resolved against {@code page} (or its {@code <base>}). */
    public static List<IndexFile> html(String html, URI page) throws PyzException {
        URI base = page;
        Matcher b = BASE.matcher(html);
        if (b.find()) {
            String href = attributes(b.group(1)).get("href");
            if (href != null) {
                base = page.resolve(href.strip());
            }
        }
        List<IndexFile> files = new ArrayList<>();
        List<String> links = new ArrayList<>();
        Matcher a = ANCHOR.matcher(html);
        while (a.find()) {
            Map<String, String> attributes = attributes(a.group(1));
            String href = attributes.get("href");
            if (href == null) {
                continue;
            }
            links.add(href);
            URI url = resolve(base, href, page);
            String filename = filename(url);
            if (DISTRIBUTION.matcher(filename).matches()) {
                files.add(file(url, filename, attributes, page));
            }
        }
        if (files.isEmpty() && !links.isEmpty()) {
            throw new PyzException(page + ": not a project page of a simple index (PEP 503): it links no distribution"
                    + " files, only " + links.subList(0, Math.min(3, links.size())) + (links.size() > 3 ? " ..." : "")
                    + "; the index URL must be the simple API's root, such as https://pypi.org/simple");
        }
        if (links.isEmpty() && !html.toLowerCase(Locale.ROOT).contains("<html")
                && !html.toLowerCase(Locale.ROOT).contains("<body")) {
            throw new PyzException(page + ": not a project page of a simple index (PEP 503 HTML or PEP 691 JSON): "
                    + excerpt(html));
        }
        return files;
    }

    private static IndexFile file(URI url, String filename, Map<String, String> attributes, URI page) {
        Map<String, String> hashes = fragmentHash(url);
        Optional<String> requiresPython = Optional.ofNullable(attributes.get("data-requires-python"))
                .map(ProjectPage::unescape).filter(s -> !s.isBlank());
        Optional<String> yanked = Optional.ofNullable(attributes.get("data-yanked")).map(ProjectPage::unescape);
        String metadata = attributes.getOrDefault("data-core-metadata", attributes.get("data-dist-info-metadata"));
        Optional<Map<String, String>> metadataHashes = Optional.empty();
        if (metadata != null && !metadata.equalsIgnoreCase("false")) {
            int eq = metadata.indexOf('=');
            metadataHashes = Optional.of(eq > 0 ? Map.of(metadata.substring(0, eq), metadata.substring(eq + 1)) : Map.of());
        }
        return new IndexFile(filename, withoutFragment(url), hashes, requiresPython, yanked, metadataHashes, page);
    }

    /** The files of a PEP 691 JSON page. */
    @SuppressWarnings("unchecked")
    public static List<IndexFile> json(String json, URI page) throws PyzException {
        Object root;
        try {
            root = JsonParser.parse(json);
        } catch (IllegalArgumentException e) {
            throw new PyzException(page + ": not a project page of a simple index: the JSON is damaged (" + e.getMessage()
                    + ")", e);
        }
        if (!(root instanceof Map<?, ?> map) || !(map.get("files") instanceof List<?> list)) {
            throw new PyzException(page + ": not a project page of a simple index (PEP 691): the JSON has no 'files' list");
        }
        List<IndexFile> files = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> f) || !(f.get("filename") instanceof String name)
                    || !(f.get("url") instanceof String href)) {
                throw new PyzException(page + ": a file of the JSON page has no filename or url: " + o);
            }
            URI url = resolve(page, href, page);
            Map<String, String> hashes = new LinkedHashMap<>();
            if (f.get("hashes") instanceof Map<?, ?> h) {
                h.forEach((k, v) -> hashes.put(String.valueOf(k), String.valueOf(v)));
            }
            Optional<String> requiresPython = Optional.ofNullable(f.get("requires-python")).map(String::valueOf)
                    .filter(s -> !s.isBlank());
            Object y = f.get("yanked");
            Optional<String> yanked = y instanceof String reason ? Optional.of(reason)
                    : Boolean.TRUE.equals(y) ? Optional.of("") : Optional.empty();
            Object m = f.containsKey("core-metadata") ? f.get("core-metadata") : f.get("dist-info-metadata");
            Optional<Map<String, String>> metadata = m instanceof Map<?, ?> mh
                    ? Optional.of(stringMap((Map<Object, Object>) mh))
                    : Boolean.TRUE.equals(m) ? Optional.of(Map.of()) : Optional.empty();
            files.add(new IndexFile(name, withoutFragment(url), hashes, requiresPython, yanked, metadata, page));
        }
        return files;
    }

    private static Map<String, String> stringMap(Map<Object, Object> m) {
        Map<String, String> s = new LinkedHashMap<>();
        m.forEach((k, v) -> s.put(String.valueOf(k), String.valueOf(v)));
        return s;
    }

    private static URI resolve(URI base, String href, URI page) throws PyzException {
        try {
            return base.resolve(unescape(href).strip().replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
            throw new PyzException(page + ": the link '" + href + "' is not a URL", e);
        }
    }

    private static String filename(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> fragmentHash(URI url) {
        String fragment = url.getFragment();
        if (fragment == null) {
            return Map.of();
        }
        int eq = fragment.indexOf('=');
        return eq > 0 ? Map.of(fragment.substring(0, eq), fragment.substring(eq + 1)) : Map.of();
    }

    private static URI withoutFragment(URI url) {
        String s = url.toString();
        int hash = s.indexOf('#');
        return hash < 0 ? url : URI.create(s.substring(0, hash));
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(text);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            attributes.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), value == null ? "" : unescape(value));
        }
        return attributes;
    }

    /** HTML character references: the named ones a simple index uses, and numeric ones. */
    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder s = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            m.appendReplacement(s, Matcher.quoteReplacement(entity(e, m.group())));
        }
        m.appendTail(s);
        return s.toString();
    }

    /** One character reference; one that names no character is kept as it is. */
    private static String entity(String name, String text) {
        try {
            return switch (name) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> name.startsWith("#x") || name.startsWith("#X")
                        ? new String(Character.toChars(Integer.parseInt(name.substring(2), 16)))
                        : name.startsWith("#") ? new String(Character.toChars(Integer.parseInt(name.substring(1)))) : text;
            };
        } catch (IllegalArgumentException e) {
            return text; // a number too large, or past the last code point
        }
    }

    private static String excerpt(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.isEmpty() ? "the page is empty" : "it begins '" + oneLine.substring(0, Math.min(80, oneLine.length()))
                + "'";
    }
}

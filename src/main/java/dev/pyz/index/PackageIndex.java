package dev.pyz.index;

import dev.pyz.PyzException;
import dev.pyz.requirement.Requirement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One or more simple indexes (PEP 503/691) read as one: the files of a project are those every index
 * lists, in the order the indexes are given (as pip treats {@code --index-url} and
 * {@code --extra-index-url} alike). Each project page is read once, whichever threads ask for it.
 */
public final class PackageIndex {
    private final List<URI> roots;
    private final Transport transport;
    private final Map<String, List<IndexFile>> pages = new ConcurrentHashMap<>();

    /** @param roots the simple API roots, such as {@code https://pypi.org/simple/} */
    public PackageIndex(List<URI> roots, Transport transport) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no index");
        }
        this.roots = roots.stream().map(PackageIndex::asFolder).toList();
        this.transport = transport;
    }

    public List<URI> roots() {
        return roots;
    }

    public Transport transport() {
        return transport;
    }

    /** The project page's URL on the index {@code root}: the normalized name as a folder (PEP 503). */
    public static URI projectUrl(URI root, String project) {
        return asFolder(root).resolve(Requirement.normalizeName(project) + "/");
    }

    /**
     * Every file of {@code project} on the indexes; empty when no index knows the project (404).
     *
     * @throws PyzException naming the page when an index cannot be reached or a page is not a simple
     *     index page
     */
    public List<IndexFile> files(String project) throws IOException {
        try {
            return pages.computeIfAbsent(Requirement.normalizeName(project), this::read);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private List<IndexFile> read(String project) {
        List<IndexFile> files = new ArrayList<>();
        for (URI root : roots) {
            URI page = projectUrl(root, project);
            try {
                files.addAll(ProjectPage.parse(transport.get(page, ProjectPage.ACCEPT)));
            } catch (Transport.NotFoundException e) {
                // this index does not have the project; another may
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(files);
    }

    private static URI asFolder(URI root) {
        String s = root.toString();
        return s.endsWith("/") ? root : URI.create(s + "/");
    }
}

package dev.pyz.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectPageTest {
    private static final URI PAGE = URI.create("https://example.org/simple/demo/");

    @Test
    void readsAnHtmlPageWithEveryAttribute() throws PyzException {
        List<IndexFile> files = ProjectPage.html("""
                <!DOCTYPE html><html><body>
                <a href="../../files/demo-1.0-py3-none-any.whl#SHA256=ABCDEF" data-requires-python="&gt;=3.8,&lt;4"
                   data-core-metadata="sha256=0123">demo-1.0-py3-none-any.whl</a>
                <A HREF='https://cdn.example.org/demo-0.9-py3-none-any.whl' data-yanked>x</A>
                <a href="demo-0.8.tar.gz" data-yanked="broken build" data-dist-info-metadata="true">demo-0.8.tar.gz</a>
                </body></html>""", PAGE);
        assertEquals(3, files.size());
        IndexFile first = files.get(0);
        assertEquals("demo-1.0-py3-none-any.whl", first.filename());
        assertEquals(URI.create("https://example.org/files/demo-1.0-py3-none-any.whl"), first.url());
        assertEquals(Optional.of("abcdef"), first.sha256(), "algorithm and digest in any case");
        assertEquals(Optional.of(">=3.8,<4"), first.requiresPython());
        assertEquals(Optional.empty(), first.yanked());
        assertEquals(Optional.of(Map.of("sha256", "0123")), first.metadata());
        assertEquals(Optional.of(""), files.get(1).yanked(), "a bare data-yanked: yanked without a reason");
        assertEquals(URI.create("https://cdn.example.org/demo-0.9-py3-none-any.whl"), files.get(1).url());
        assertEquals(Optional.of("broken build"), files.get(2).yanked());
        assertEquals(Optional.of(Map.of()), files.get(2).metadata(), "the older attribute, without a hash");
        assertTrue(!files.get(2).isWheel());
    }

    @Test
    void resolvesLinksAgainstTheBaseElement() throws PyzException {
        List<IndexFile> files = ProjectPage.html("<html><head><base href=\"https://files.example.org/p/\"></head>"
                + "<body><a href=\"demo-1.0-py3-none-any.whl\">d</a></body></html>", PAGE);
        assertEquals(URI.create("https://files.example.org/p/demo-1.0-py3-none-any.whl"), files.get(0).url());
    }

    @Test
    void readsAJsonPage() throws PyzException {
        List<IndexFile> files = ProjectPage.json("""
                {"meta": {"api-version": "1.1"}, "name": "demo", "files": [
                  {"filename": "demo-1.0-py3-none-any.whl", "url": "../../files/demo-1.0-py3-none-any.whl",
                   "hashes": {"sha256": "AB"}, "requires-python": ">=3.9", "core-metadata": {"sha256": "cd"},
                   "yanked": false},
                  {"filename": "demo-0.9-py3-none-any.whl", "url": "https://x.org/demo-0.9-py3-none-any.whl",
                   "hashes": {}, "yanked": "bad \\u00e9", "dist-info-metadata": true}]}""", PAGE);
        assertEquals(2, files.size());
        assertEquals(URI.create("https://example.org/files/demo-1.0-py3-none-any.whl"), files.get(0).url());
        assertEquals(Optional.of("ab"), files.get(0).sha256());
        assertEquals(Optional.of(">=3.9"), files.get(0).requiresPython());
        assertEquals(Optional.empty(), files.get(0).yanked());
        assertEquals(Optional.of(Map.of("sha256", "cd")), files.get(0).metadata());
        assertEquals(Optional.of("bad \u00e9"), files.get(1).yanked());
        assertEquals(Optional.of(Map.of()), files.get(1).metadata());
    }

    @Test
    void anEmptyProjectPageHasNoFiles() throws PyzException {
        assertEquals(List.of(), ProjectPage.html("<!DOCTYPE html><html><body></body></html>", PAGE));
    }

    @Test
    void refusesWhatIsNotASimpleIndexPage() {
        PyzException links = assertThrows(PyzException.class, () -> ProjectPage.html(
                "<html><body><a href=\"/about\">About</a><a href=\"/docs\">Docs</a></body></html>", PAGE));
        assertEquals(PAGE + ": not a project page of a simple index (PEP 503): it links no distribution files, only"
                + " [/about, /docs]; the index URL must be the simple API's root, such as https://pypi.org/simple",
                links.getMessage());
        PyzException text = assertThrows(PyzException.class, () -> ProjectPage.parse(
                new Transport.Body(PAGE, "text/plain", "Service Unavailable".getBytes())));
        assertEquals(PAGE + ": not a project page of a simple index (PEP 503 HTML or PEP 691 JSON): it begins"
                + " 'Service Unavailable'", text.getMessage());
        PyzException json = assertThrows(PyzException.class, () -> ProjectPage.parse(
                new Transport.Body(PAGE, "application/vnd.pypi.simple.v1+json", "{\"projects\": []}".getBytes())));
        assertEquals(PAGE + ": not a project page of a simple index (PEP 691): the JSON has no 'files' list",
                json.getMessage());
        PyzException damaged = assertThrows(PyzException.class, () -> ProjectPage.json("{\"files\": [", PAGE));
        assertTrue(damaged.getMessage().startsWith(PAGE + ": not a project page of a simple index: the JSON is damaged"),
                damaged.getMessage());
    }
}

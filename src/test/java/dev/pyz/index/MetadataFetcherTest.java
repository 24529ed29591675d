package dev.pyz.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.test.WheelBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MetadataFetcherTest {
    @TempDir
    Path work;

    /** A wheel of ~2 MB of incompressible data, its METADATA requiring two projects. */
    static WheelBuilder big() {
        byte[] noise = new byte[2 << 20];
        new Random(7).nextBytes(noise);
        return WheelBuilder.wheel("big", "1.0").file("big/data.bin", noise).file("big/__init__.py", "")
                .requires("small>=1", "other; python_version < \"3\"");
    }

    private static PackageIndex index(IndexServer server) {
        return new PackageIndex(List.of(server.root()), new Transport(Map.of(), Optional.empty()));
    }

    @ParameterizedTest
    @EnumSource(IndexServer.Form.class)
    void readsMetadataWithRangeRequestsOnly(IndexServer.Form form) throws IOException {
        try (IndexServer server = new IndexServer(form)) {
            byte[] wheel = big().bytes();
            server.add("big-1.0-py3-none-any.whl", wheel);
            IndexFile file = index(server).files("BIG").get(0);
            MetadataFetcher fetcher = new MetadataFetcher(index(server).transport(), work, Log.NONE);
            MetadataFetcher.Metadata m = fetcher.fetch(file);
            assertEquals(List.of("small>=1", "other; python_version < \"3\""), m.fields().getAll("Requires-Dist"));
            assertTrue(fetcher.bytesFetched() < 100_000, "fetched " + fetcher.bytesFetched() + " of " + wheel.length);
            assertTrue(fetcher.bytesFetched() >= MetadataFetcher.TAIL, "the tail at least");
            assertTrue(server.requests().stream().filter(r -> r.startsWith("/files/")).allMatch(r -> r.contains("bytes=")),
                    "no request for the whole file: " + server.requests());
            assertEquals(Optional.empty(), fetcher.wholeFile(file));
        }
    }

    @Test
    void usesTheMetadataFileWhenTheIndexServesOne() throws IOException {
        try (IndexServer server = new IndexServer(IndexServer.Form.JSON)) {
            server.metadataFiles = true;
            server.add("big-1.0-py3-none-any.whl", big().bytes());
            MetadataFetcher fetcher = new MetadataFetcher(index(server).transport(), work, Log.NONE);
            MetadataFetcher.Metadata m = fetcher.fetch(index(server).files("big").get(0));
            assertEquals("small>=1", m.fields().getAll("Requires-Dist").get(0));
            assertEquals(m.bytes().length, fetcher.bytesFetched());
            assertEquals(List.of("/simple/big/", "/files/big-1.0-py3-none-any.whl.metadata"), server.requests());
        }
    }

    @Test
    void fetchesTheWholeFileWhenRangesAreRefusedAndKeepsIt() throws IOException {
        try (IndexServer server = new IndexServer(IndexServer.Form.HTML)) {
            server.ranges = false;
            byte[] wheel = big().bytes();
            server.add("big-1.0-py3-none-any.whl", wheel);
            IndexFile file = index(server).files("big").get(0);
            MetadataFetcher fetcher = new MetadataFetcher(index(server).transport(), work, Log.NONE);
            assertEquals("1.0", fetcher.fetch(file).fields().get("Version").orElseThrow());
            assertEquals(wheel.length, fetcher.bytesFetched());
            Path kept = fetcher.wholeFile(file).orElseThrow();
            assertEquals(List.of(kept), Files.list(work).toList(), "no temp file left");
            assertTrue(java.util.Arrays.equals(wheel, Files.readAllBytes(kept)));
        }
    }

    @Test
    void aWholeFileThatDoesNotMatchItsHashIsNotKept() throws IOException {
        try (IndexServer server = new IndexServer(IndexServer.Form.HTML)) {
            server.ranges = false;
            server.add("big-1.0-py3-none-any.whl", big().bytes()).tamper();
            IndexFile file = index(server).files("big").get(0);
            MetadataFetcher fetcher = new MetadataFetcher(index(server).transport(), work, Log.NONE);
            PyzException e = assertThrows(PyzException.class, () -> fetcher.fetch(file));
            assertTrue(e.getMessage().startsWith(file.url() + ": hash mismatch: its sha256 is "), e.getMessage());
            assertTrue(e.getMessage().contains("but the index (" + server.root() + "big/) says " + file.sha256().get()),
                    e.getMessage());
            assertEquals(List.of(), Files.list(work).toList());
        }
    }

    @Test
    void aMetadataFileMustMatchTheHashOnThePage() throws IOException {
        try (IndexServer server = new IndexServer(IndexServer.Form.HTML)) {
            server.metadataFiles = true;
            server.add("big-1.0-py3-none-any.whl", big().bytes());
            IndexFile listed = index(server).files("big").get(0);
            IndexFile wrong = new IndexFile(listed.filename(), listed.url(), listed.hashes(), Optional.empty(),
                    Optional.empty(), Optional.of(Map.of("SHA256", "00FF")), listed.page());
            MetadataFetcher fetcher = new MetadataFetcher(index(server).transport(), work, Log.NONE);
            PyzException e = assertThrows(PyzException.class, () -> fetcher.fetch(wrong));
            assertTrue(e.getMessage().startsWith(listed.metadataUrl() + ": hash mismatch: its sha256 is "), e.getMessage());
            assertTrue(e.getMessage().contains(" says 00ff;"), e.getMessage());
        }
    }

    @Test
    void metadataThatNamesAnotherVersionIsRefused() throws IOException {
        try (IndexServer server = new IndexServer(IndexServer.Form.HTML)) {
            server.metadataFiles = true;
            server.add("big-1.0-py3-none-any.whl", big().bytes())
                    .metadataFile("Metadata-Version: 2.1\nName: big\nVersion: 1.1\n");
            IndexFile file = index(server).files("big").get(0);
            PyzException e = assertThrows(PyzException.class,
                    () -> new MetadataFetcher(index(server).transport(), work, Log.NONE).fetch(file));
            assertEquals(file.metadataUrl() + " (metadata file (PEP 658)): METADATA says Version: 1.1, but the index lists"
                    + " the file as big-1.0-py3-none-any.whl (" + server.root() + "big/)", e.getMessage());
        }
    }

    @Test
    void aTruncatedRangeResponseIsNamed() throws IOException {
        try (IndexServer server = new IndexServer(IndexServer.Form.HTML)) {
            // METADATA first in the wheel, far from the tail: a second range request is needed
            byte[] noise = new byte[2 << 20];
            new Random(3).nextBytes(noise);
            WheelBuilder w = WheelBuilder.wheel("big", "1.0");
            w.file(w.distInfo() + "/METADATA", "Metadata-Version: 2.1\nName: big\nVersion: 1.0\n")
                    .file("big/data.bin", noise);
            server.add("big-1.0-py3-none-any.whl", w.bytes());
            server.truncateRanges = true;
            IndexFile file = index(server).files("big").get(0);
            PyzException e = assertThrows(PyzException.class,
                    () -> new MetadataFetcher(index(server).transport(), work, Log.NONE).fetch(file));
            assertTrue(e.getMessage().startsWith(file.url() + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(": truncated range response: bytes "),
                    e.getMessage());
        }
    }

    @Test
    void readsAWheelOfAFileIndexFromTheDisk() throws IOException {
        Path files = Files.createDirectories(work.resolve("files"));
        Path wheel = big().writeTo(files);
        Path project = Files.createDirectories(work.resolve("simple/big"));
        Files.writeString(project.resolve("index.html"), "<a href=\"../../files/" + wheel.getFileName() + "\">w</a>",
                StandardCharsets.UTF_8);
        PackageIndex index = new PackageIndex(List.of(work.resolve("simple").toUri()),
                new Transport(Map.of(), Optional.empty()));
        MetadataFetcher fetcher = new MetadataFetcher(index.transport(), work.resolve("work"), Log.NONE);
        assertEquals("small>=1", fetcher.fetch(index.files("big").get(0)).fields().getAll("Requires-Dist").get(0));
        assertTrue(fetcher.bytesFetched() < 100_000);
        assertEquals(List.of(), index.files("nothing-here"), "a project the index does not have");
    }

    @Test
    void anUnreachableIndexIsNamed() throws IOException {
        URI root;
        try (IndexServer server = new IndexServer(IndexServer.Form.HTML)) {
            root = server.root();
        }
        PackageIndex index = new PackageIndex(List.of(root), new Transport(Map.of(), Optional.empty()));
        PyzException e = assertThrows(PyzException.class, () -> index.files("demo"));
        assertTrue(e.getMessage().startsWith(root + "demo/: cannot be reached ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); check the URL, the network and the proxy in settings.xml"), e.getMessage());
    }

    @Test
    void aMissingFileIsA404NamingItsUrl() throws IOException {
        try (IndexServer server = new IndexServer(IndexServer.Form.HTML)) {
            URI url = server.root().resolve("../files/gone-1.0-py3-none-any.whl");
            PyzException e = assertThrows(PyzException.class, () -> index(server).transport().open(url));
            assertEquals(url + ": not found (HTTP 404)", e.getMessage());
        }
    }
}

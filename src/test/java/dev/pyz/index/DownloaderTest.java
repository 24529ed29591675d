package dev.pyz.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.test.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    @TempDir
    Path work;

    private List<Path> download(IndexServer server, List<String> pins, String... projects) throws IOException {
        PackageIndex index = new PackageIndex(List.of(server.root()), new Transport(Map.of(), Optional.empty()));
        MetadataFetcher fetcher = new MetadataFetcher(index.transport(), work.resolve("dl"), Log.NONE);
        List<Downloader.Wanted> wanted = new ArrayList<>();
        for (String p : projects) {
            IndexFile f = index.files(p).get(0);
            wanted.add(new Downloader.Wanted(f, pins, fetcher.fetch(f)));
        }
        try (Downloader downloader = new Downloader(index.transport(), fetcher, work.resolve("dl"), 3, Log.NONE)) {
            return downloader.await(wanted);
        }
    }

    @Test
    void downloadsTheWheelsInTheOrderGivenWhateverTheThreads() throws IOException {
        try (IndexServer server = new IndexServer(IndexServer.Form.JSON)) {
            byte[] a = WheelBuilder.wheel("a", "1.0").file("a.py", "x = 1").bytes();
            byte[] b = WheelBuilder.wheel("b", "2.0").file("b.py", "y = 2").bytes();
            server.add("a-1.0-py3-none-any.whl", a);
            server.add("b-2.0-py3-none-any.whl", b);
            List<Path> paths = download(server, List.of(), "b", "a");
            assertEquals(List.of("b-2.0-py3-none-any.whl", "a-1.0-py3-none-any.whl"),
                    paths.stream().map(p -> p.getFileName().toString()).toList());
            assertArrayEquals(b, Files.readAllBytes(paths.get(0)));
            assertArrayEquals(a, Files.readAllBytes(paths.get(1)));
        }
    }

    @Test
    void eachProgressLineCountsWithinTheDownloadsStartedSoFar() throws IOException {
        try (IndexServer server = new IndexServer(IndexServer.Form.JSON)) {
            List<String> projects = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                server.add("p" + i + "-1.0-py3-none-any.whl", WheelBuilder.wheel("p" + i, "1.0").bytes());
                projects.add("p" + i);
            }
            PackageIndex index = new PackageIndex(List.of(server.root()), new Transport(Map.of(), Optional.empty()));
            MetadataFetcher fetcher = new MetadataFetcher(index.transport(), work.resolve("dl"), Log.NONE);
            dev.pyz.test.RecordingLog log = new dev.pyz.test.RecordingLog();
            List<Downloader.Wanted> wanted = new ArrayList<>();
            try (Downloader downloader = new Downloader(index.transport(), fetcher, work.resolve("dl"), 3, log)) {
                for (String p : projects) { // started one by one as a resolution tries them, each quick to finish
                    IndexFile f = index.files(p).get(0);
                    wanted.add(new Downloader.Wanted(f, List.of(), fetcher.fetch(f)));
                    downloader.start(wanted.get(wanted.size() - 1));
                }
                downloader.await(wanted);
            }
            assertEquals(40, log.infos.size(), log.infos.toString());
            for (String line : log.infos) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(\\d+)/(\\d+)\\]$").matcher(line);
                assertTrue(m.find() && Integer.parseInt(m.group(1)) <= Integer.parseInt(m.group(2)), line);
            }
        }
    }

    @Test
    void aFileThatDoesNotMatchTheIndexHashIsNotLeftBehind() throws IOException {
        try (IndexServer server = new IndexServer(IndexServer.Form.HTML)) {
            server.metadataFiles = true; // METADATA from the metadata file: the wheel's bytes are first read whole
            server.add(WheelBuilder.wheel("a", "1.0").file("a.py", "x = 1")).tamper();
            PyzException e = assertThrows(PyzException.class, () -> download(server, List.of(), "a"));
            assertTrue(e.getMessage().startsWith(server.root().resolve("../files/a-1.0-py3-none-any.whl")
                    + ": hash mismatch: its sha256 is "), e.getMessage());
            assertEquals(List.of(), Files.list(work.resolve("dl")).toList());
        }
    }

    @Test
    void aWheelWhoseMetadataDiffersFromItsMetadataFileIsRefused() throws IOException {
        try (IndexServer server = new IndexServer(IndexServer.Form.HTML)) {
            server.metadataFiles = true;
            server.add(WheelBuilder.wheel("a", "1.0")).metadataFile("Metadata-Version: 2.1\nName: a\nVersion: 1.0\n"
                    + "Requires-Dist: b\n");
            PyzException e = assertThrows(PyzException.class, () -> download(server, List.of(), "a"));
            String url = server.root().resolve("../files/a-1.0-py3-none-any.whl").toString();
            assertEquals(url + ": the wheel's METADATA differs from its metadata file " + url + ".metadata: the index"
                    + " serves inconsistent files, so the resolution cannot be trusted", e.getMessage());
            assertEquals(List.of(), Files.list(work.resolve("dl")).toList());
        }
    }

    @Test
    void aRequirementsFileHashMustMatchToo() throws IOException {
        try (IndexServer server = new IndexServer(IndexServer.Form.HTML)) {
            server.add(WheelBuilder.wheel("a", "1.0"));
            PyzException e = assertThrows(PyzException.class,
                    () -> download(server, List.of("sha256:00", "SHA256:11"), "a"));
            assertTrue(e.getMessage().contains(": hash mismatch: none of the requirements file's --hash values"
                    + " [sha256:00, SHA256:11] matches the file"), e.getMessage());
            byte[] wheel = WheelBuilder.wheel("a", "1.0").bytes();
            String pin = "SHA256:" + IndexServer.sha256(wheel).toUpperCase(java.util.Locale.ROOT);
            assertEquals(1, download(server, List.of("sha256:00", pin), "a").size(), "one matching value is enough");
        }
    }
}

package dev.pyz.resolve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.index.IndexServer;
import dev.pyz.requirement.PythonVersion;
import dev.pyz.requirement.TagPriority;
import dev.pyz.requirement.Target;
import dev.pyz.test.WheelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyLockTest {
    private static final TagPriority LINUX_311 =
            TagPriority.of(new Target(PythonVersion.parse("3.11"), "linux", "x86_64"), Optional.empty());
    private static final String H = "hashes = { sha256 = \"" + "0".repeat(64) + "\" }";

    @TempDir
    Path work;

    private Path lock(String text) throws IOException {
        Path file = work.resolve("pylock.toml");
        Files.writeString(file, "lock-version = \"1.0\"\ncreated-by = \"test\"\n" + text);
        return file;
    }

    private String read(String text) throws IOException {
        return String.join(", ", PyLock.read(lock(text), LINUX_311).stream()
                .map(l -> l + " " + l.wheel().filename() + " " + l.wheel().url()).toList());
    }

    private String error(String text) throws IOException {
        Path file = lock(text);
        String message = assertThrows(PyzException.class, () -> PyLock.read(file, LINUX_311)).getMessage();
        assertTrue(message.startsWith(file + ": "), message);
        return message.substring(file.toString().length() + 2);
    }

    @Test
    void takesTheBestWheelOfEachPackageWhoseMarkerHolds() throws IOException {
        assertEquals("NumPy 2.4.6 numpy-2.4.6-cp311-cp311-manylinux_2_28_x86_64.whl https://f.example/np-linux.whl, "
                + "six 1.17.0 six-1.17.0-py2.py3-none-any.whl " + work.resolve("w/six-1.17.0-py2.py3-none-any.whl").toUri(),
                read("""
                        environments = ["sys_platform == 'linux'"]
                        requires-python = ">=3.10"

                        [[packages]]
                        name = "colorama"
                        version = "0.4.6"
                        marker = "sys_platform == 'win32'"
                        wheels = [{ url = "https://f.example/colorama-0.4.6-py2.py3-none-any.whl", %1$s }]

                        [[packages]]
                        name = "NumPy"
                        version = "2.4.6"
                        wheels = [
                          { name = "numpy-2.4.6-cp311-cp311-win_amd64.whl", url = "https://f.example/np-win.whl", %1$s },
                          { name = "numpy-2.4.6-cp311-cp311-manylinux_2_17_x86_64.whl", url = "https://f.example/np-old.whl", %1$s },
                          { name = "numpy-2.4.6-cp311-cp311-manylinux_2_28_x86_64.whl", url = "https://f.example/np-linux.whl", %1$s },
                          { name = "numpy-2.4.6-cp312-cp312-manylinux_2_28_x86_64.whl", url = "https://f.example/np-312.whl", %1$s },
                        ]

                        [[packages]]
                        name = "six"
                        version = "1.17.0"
                        marker = "python_version >= '3.8'"
                        [[packages.wheels]]
                        path = "w/six-1.17.0-py2.py3-none-any.whl"
                        %1$s
                        [packages.sdist]
                        url = "https://f.example/six-1.17.0.tar.gz"
                        %1$s
                        """.formatted(H)));
    }

    @Test
    void badInputIsNamedWithThePackage() throws IOException {
        assertEquals("package six: the wheel six-1.0-py3-none-any.whl has no hashes; a lock file must give one for"
                + " every file, and nothing is installed unchecked", error("""
                [[packages]]
                name = "six"
                version = "1.0"
                wheels = [{ url = "https://f.example/six-1.0-py3-none-any.whl" }]
                """));
        assertEquals("package six: the wheel six-1.0-py3-none-any.whl has no SHA-2 hash (only [md5]); a lock file must"
                + " give one for every file, and nothing is installed unchecked", error("""
                [[packages]]
                name = "six"
                version = "1.0"
                wheels = [{ url = "https://f.example/six-1.0-py3-none-any.whl", hashes = { md5 = "00" } }]
                """));
        assertEquals("package pyyaml 6.0 has no wheels, only sdist (source is not built here: lock it with wheels, for"
                + " instance with --only-binary)", error("""
                [[packages]]
                name = "pyyaml"
                version = "6.0"
                sdist = { url = "https://f.example/pyyaml-6.0.tar.gz", %s }
                """.formatted(H)));
        assertEquals("package pywin 1.0 has no wheel for CPython 3.11 on linux x86_64 (any glibc) (its wheels:"
                + " pywin-1.0-cp311-cp311-win_amd64.whl; its source distribution is not built here)", error("""
                [[packages]]
                name = "pywin"
                version = "1.0"
                wheels = [{ url = "https://f.example/pywin-1.0-cp311-cp311-win_amd64.whl", %1$s }]
                sdist = { url = "https://f.example/pywin-1.0.tar.gz", %1$s }
                """.formatted(H)));
        assertEquals("package six 1.0 lists the wheel six-2.0-py3-none-any.whl, which is another project or version",
                error("""
                [[packages]]
                name = "six"
                version = "1.0"
                wheels = [{ url = "https://f.example/six-2.0-py3-none-any.whl", %s }]
                """.formatted(H)));
        assertEquals("package six is there twice for the target CPython 3.11 on linux x86_64 (six 1.0 and six 2.0):"
                + " their markers must tell them apart", error("""
                [[packages]]
                name = "six"
                version = "1.0"
                wheels = [{ url = "https://f.example/six-1.0-py3-none-any.whl", %1$s }]
                [[packages]]
                name = "six"
                version = "2.0"
                wheels = [{ url = "https://f.example/six-2.0-py3-none-any.whl", %1$s }]
                """.formatted(H)));
        assertEquals("none of its environments [sys_platform == 'win32'] is the target CPython 3.11 on linux x86_64:"
                + " the lock was made for other platforms or Python versions", error("environments = [\"sys_platform"
                + " == 'win32'\"]\n"));
        assertTrue(error("[[packages]]\nname = \"a\"\nversion = \"1\"\nmarker = \"'x' in extras\"\nwheels = []\n")
                .startsWith("package a: the marker ''x' in extras' cannot be read ("));
        assertEquals("not a valid TOML file: line 3: the string is not closed with \"", error("name = \"open\n"));
        assertEquals("has no lock-version: is it a pylock.toml (PEP 751)?",
                assertThrows(PyzException.class, () -> {
                    Path f = work.resolve("other.toml");
                    Files.writeString(f, "[tool.x]\n");
                    PyLock.read(f, LINUX_311);
                }).getMessage().replace(work.resolve("other.toml") + ": ", ""));
    }

    @Test
    void installsTheLockedWheelsCheckedAgainstTheLocksHashes() throws IOException {
        try (IndexServer server = new IndexServer(IndexServer.Form.HTML)) {
            byte[] a = WheelBuilder.wheel("a", "1.0").bytes();
            server.add("a-1.0-py3-none-any.whl", a);
            String url = server.root().resolve("../files/a-1.0-py3-none-any.whl").toString();
            Path good = lock("[[packages]]\nname = \"a\"\nversion = \"1.0\"\nwheels = [{ url = \"" + url
                    + "\", hashes = { sha256 = \"" + IndexServer.sha256(a) + "\" } }]\n");
            ResolveRun.Settings settings = new ResolveRun.Settings(new RequirementsInput(List.of(), Map.of()),
                    List.of(server.root()), Map.of(), Optional.empty(), LINUX_311, 2);
            Path folder = work.resolve("out");
            ResolveRun.Result r = ResolveRun.locked(settings, PyLock.read(good, LINUX_311), folder, Log.NONE);
            assertEquals(1, r.wheels().size());
            assertArrayEquals(a, Files.readAllBytes(r.wheels().get(0)));

            Path bad = lock("[[packages]]\nname = \"a\"\nversion = \"1.0\"\nwheels = [{ url = \"" + url
                    + "\", hashes = { sha256 = \"" + "1".repeat(64) + "\" } }]\n");
            Path other = work.resolve("other");
            PyzException e = assertThrows(PyzException.class,
                    () -> ResolveRun.locked(settings, PyLock.read(bad, LINUX_311), other, Log.NONE));
            assertTrue(e.getMessage().startsWith(url + ": hash mismatch: its sha256 is " + IndexServer.sha256(a)
                    + " but the index (" + bad.toUri() + ") says " + "1".repeat(64)), e.getMessage());
        }
    }
}

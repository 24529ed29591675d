package dev.pyz.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TomlTest {
    @Test
    void readsALockFileAsToolsWriteIt() {
        Map<String, Object> doc = Toml.parse("""
                # generated
                lock-version = "1.0"
                environments = ["sys_platform == 'linux'", 'sys_platform == "darwin"',]
                created-by = "uv"

                [[packages]]
                name = "numpy"
                version = "2.4.6"
                wheels = [
                    { url = "https://files.example/numpy-2.4.6-cp311-cp311-manylinux_2_28_x86_64.whl", upload-time = 2025-01-02T03:04:05.678Z, size = 16_100_000, hashes = { sha256 = "ab" } },
                    { name = "numpy-2.4.6-cp311-cp311-win_amd64.whl", url = "https://files.example/w.whl", hashes = {sha256 = "cd"} }, # trailing comma
                ]

                [[packages]]
                name = 'six'
                version = "1.17.0"
                marker = "python_version >= \\"3.8\\""

                [[packages.wheels]]
                path = "wheels/six-1.17.0-py2.py3-none-any.whl"
                hashes.sha256 = "ef"

                [packages.sdist]
                url = "https://files.example/six-1.17.0.tar.gz"
                """);
        assertEquals("1.0", doc.get("lock-version"));
        assertEquals(List.of("sys_platform == 'linux'", "sys_platform == \"darwin\""), doc.get("environments"));
        List<?> packages = (List<?>) doc.get("packages");
        assertEquals(2, packages.size());
        Map<?, ?> numpy = (Map<?, ?>) packages.get(0);
        List<?> wheels = (List<?>) numpy.get("wheels");
        Map<?, ?> first = (Map<?, ?>) wheels.get(0);
        assertEquals(16_100_000L, first.get("size"));
        assertEquals(new Toml.DateTime("2025-01-02T03:04:05.678Z"), first.get("upload-time"));
        assertEquals(Map.of("sha256", "ab"), first.get("hashes"));
        Map<?, ?> six = (Map<?, ?>) packages.get(1);
        assertEquals("python_version >= \"3.8\"", six.get("marker"));
        assertEquals(List.of(Map.of("path", "wheels/six-1.17.0-py2.py3-none-any.whl", "hashes", Map.of("sha256", "ef"))),
                six.get("wheels"));
        assertEquals(Map.of("url", "https://files.example/six-1.17.0.tar.gz"), six.get("sdist"));
    }

    @Test
    void readsEveryKindOfValue() {
        Map<String, Object> doc = Toml.parse("""
                a = 0x1F
                b = -3.5e2
                c = true
                d = '''
                raw \\n "text"'''
                e = \"""
                one \\
                   two\\t\\u00e9\"""
                "quoted key" = 1979-05-27 07:32:00
                f.g.h = 'dotted'
                i = [[1, 2], ["x"]]
                j = { k = { l = false } }
                m = 0o17
                n = -inf
                """);
        assertEquals(31L, doc.get("a"));
        assertEquals(-350.0, doc.get("b"));
        assertEquals(true, doc.get("c"));
        assertEquals("raw \\n \"text\"", doc.get("d"));
        assertEquals("one two\t\u00e9", doc.get("e"));
        assertEquals(new Toml.DateTime("1979-05-27 07:32:00"), doc.get("quoted key"));
        assertEquals(Map.of("g", Map.of("h", "dotted")), doc.get("f"));
        assertEquals(List.of(List.of(1L, 2L), List.of("x")), doc.get("i"));
        assertEquals(Map.of("k", Map.of("l", false)), doc.get("j"));
        assertEquals(15L, doc.get("m"));
        assertEquals(Double.NEGATIVE_INFINITY, doc.get("n"));
    }

    @Test
    void errorsNameTheLine() {
        assertEquals("line 2: the key a is defined twice",
                assertThrows(Toml.TomlException.class, () -> Toml.parse("a = 1\na = 2\n")).getMessage());
        assertEquals("line 1: the string is not closed with \"",
                assertThrows(Toml.TomlException.class, () -> Toml.parse("a = \"open\nb = 1")).getMessage());
        assertEquals("line 3: the array is not closed with ]",
                assertThrows(Toml.TomlException.class, () -> Toml.parse("a = [\n1,\n")).getMessage());
        assertEquals("line 1: 'bare' is not a TOML value (strings are quoted)",
                assertThrows(Toml.TomlException.class, () -> Toml.parse("a = bare")).getMessage());
        assertEquals("line 1: the line goes on after its value: 'b'",
                assertThrows(Toml.TomlException.class, () -> Toml.parse("a = 1 b = 2")).getMessage());
        assertEquals("line 2: [a]: the key is already a value, not a table",
                assertThrows(Toml.TomlException.class, () -> Toml.parse("a = 1\n[a]\n")).getMessage());
        assertEquals("line 1: \\q is not a TOML escape",
                assertThrows(Toml.TomlException.class, () -> Toml.parse("a = \"\\q\"")).getMessage());
    }
}

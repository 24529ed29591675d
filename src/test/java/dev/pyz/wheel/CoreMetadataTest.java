package dev.pyz.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoreMetadataTest {
    @Test
    void readsHeadersUpToTheBody() {
        CoreMetadata m = CoreMetadata.parse("Metadata-Version: 2.1\r\nName: Foo\nVersion: 1.0\n"
                + "Requires-Dist: a>=1\nrequires-dist: b; python_version < \"3.9\"\nLicense: line one\n"
                + "        line two\n\nName: not-a-header\n");
        assertEquals(Optional.of("Foo"), m.get("name"));
        assertEquals(Optional.of("1.0"), m.get("Version"));
        assertEquals(List.of("a>=1", "b; python_version < \"3.9\""), m.getAll("Requires-Dist"));
        assertEquals(Optional.of("line one\nline two"), m.get("License"));
        assertEquals(Optional.empty(), m.get("Requires-Python"));
    }

    @Test
    void entryPointsGroupScripts() {
        EntryPoints e = EntryPoints.parse("[console_scripts]\nhello = pkg.cli:main\n\n[gui_scripts]\nwin=pkg.gui:run [extra]\n"
                + "[other]\nx = y\n");
        assertEquals("pkg.cli:main", e.scripts().get("hello"));
        assertEquals("pkg.gui:run [extra]", e.scripts().get("win"));
        assertEquals(2, e.scripts().size());
    }
}

package dev.pyz.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkerEnvironmentTest {
    @Test
    void fillsEveryVariableForLinux() {
        assertEquals(Map.ofEntries(
                        Map.entry("implementation_name", "cpython"),
                        Map.entry("implementation_version", "3.11.4"),
                        Map.entry("os_name", "posix"),
                        Map.entry("platform_machine", "x86_64"),
                        Map.entry("platform_python_implementation", "CPython"),
                        Map.entry("platform_release", ""),
                        Map.entry("platform_system", "Linux"),
                        Map.entry("platform_version", ""),
                        Map.entry("python_full_version", "3.11.4"),
                        Map.entry("python_version", "3.11"),
                        Map.entry("sys_platform", "linux")),
                MarkerEnvironment.cpython("3.11.4", "linux", "x86_64"));
    }

    @Test
    void aReleaseCandidateIsRcInTheFullVersionAndCInTheImplementationVersion() {
        Map<String, String> env = MarkerEnvironment.cpython("3.13.0rc1", "darwin", "arm64");
        assertEquals("3.13", env.get("python_version"));
        assertEquals("3.13.0rc1", env.get("python_full_version"));
        assertEquals("3.13.0c1", env.get("implementation_version"));
        assertEquals("Darwin", env.get("platform_system"));
        assertEquals("posix", env.get("os_name"));
        assertEquals("3.14.0a2", MarkerEnvironment.cpython("3.14.0a2", "linux", "x86_64").get("implementation_version"));
    }

    @Test
    void windowsIsNt() {
        Map<String, String> env = MarkerEnvironment.cpython("3.12", "win32", "AMD64");
        assertEquals("3.12.0", env.get("python_full_version"));
        assertEquals("3.12", env.get("python_version"));
        assertEquals("nt", env.get("os_name"));
        assertEquals("Windows", env.get("platform_system"));
        assertEquals("AMD64", env.get("platform_machine"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            linux       | Linux
            freebsd14   | FreeBSD
            ios         | iOS
            android     | Android
            emscripten  | Emscripten
            cygwin      | ``
            """)
    void derivesPlatformSystem(String sysPlatform, String system) {
        assertEquals(system, MarkerEnvironment.cpython("3.12.1", sysPlatform, "x").get("platform_system"));
    }

    @Test
    void twoDigitMinorVersionsStayWhole() {
        assertEquals("3.10", MarkerEnvironment.cpython("3.10.14", "linux", "x86_64").get("python_version"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            3
            3.11.4.1
            3.11.4.post1
            3.11.4.dev0
            1!3.11.4
            3.11.4+local
            """)
    void rejectsWhatIsNoCPythonVersion(String version) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarkerEnvironment.cpython(version, "linux", "x86_64"));
        assertTrue(e.getMessage().startsWith("Not a CPython version: '" + version + "'"), e.getMessage());
    }

    @Test
    void rejectsBlankNamesAndInvalidVersions() {
        assertThrows(IllegalArgumentException.class, () -> MarkerEnvironment.cpython("3.11.4", " ", "x86_64"));
        assertThrows(IllegalArgumentException.class, () -> MarkerEnvironment.cpython("3.11.4", "linux", ""));
        assertThrows(IllegalArgumentException.class, () -> MarkerEnvironment.cpython("three", "linux", "x86_64"));
    }

    @Test
    void theMapCannotBeChanged() {
        assertThrows(UnsupportedOperationException.class,
                () -> MarkerEnvironment.cpython("3.11.4", "linux", "x86_64").put("platform_release", "6.1"));
    }
}

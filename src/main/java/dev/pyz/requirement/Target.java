package dev.pyz.requirement;

import java.util.Locale;
import java.util.Map;

/**
 * The machine a zipapp is for, as PEP 508 markers see it: the Python version and the platform. Unset
 * parts default to this machine's platform; the Python version has no default here.
 */
public record Target(String python, String platform, String machine) {

    /** {@code sys.platform} of this JVM's OS: linux, darwin, win32, or the OS name in lower case. */
    public static String hostPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return "linux";
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "darwin";
        }
        if (os.startsWith("windows")) {
            return "win32";
        }
        return os.replace(' ', '_');
    }

    /** {@code platform.machine()} of this JVM's CPU as Python spells it (x86_64, aarch64, arm64 on macOS). */
    public static String hostMachine() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> hostPlatform().equals("darwin") ? "arm64" : "aarch64";
            case "x86", "i386", "i686" -> "i686";
            default -> arch;
        };
    }

    /** This target with the host's platform and machine where they are not given. */
    public static Target of(String python, String platform, String machine) {
        return new Target(python, blank(platform) ? hostPlatform() : platform.strip(),
                blank(machine) ? hostMachine() : machine.strip());
    }

    /** The marker environment of CPython {@link #python()} on this platform. */
    public Map<String, String> environment() {
        return MarkerEnvironment.cpython(python, platform, machine);
    }

    @Override
    public String toString() {
        return "CPython " + python + " on " + platform + " " + machine;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

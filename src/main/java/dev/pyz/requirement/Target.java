package dev.pyz.requirement;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The machine a zipapp is for, as PEP 508 markers see it: the Python version and the platform. Unset
 * parts default to this machine's platform; the Python version has no default here.
 */
public record Target(PythonVersion python, String platform, String machine) {
    public Target {
        java.util.Objects.requireNonNull(python, "python");
        if (blank(platform) || blank(machine)) {
            throw new IllegalArgumentException("a target needs a platform and a machine");
        }
    }

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

    /**
     * The marker environments of CPython {@link #python()} on this platform: one when the micro release is
     * known, else those of the minor's first and of a late release, which is all that markers can tell
     * apart ({@code python_full_version < "3.11.3"} holds for the one and not for the other).
     */
    public List<Map<String, String>> environments() {
        return python.fullVersions().stream().map(v -> MarkerEnvironment.cpython(v, platform, machine)).toList();
    }

    @Override
    public String toString() {
        return "CPython " + python + " on " + platform + " " + machine;
    }

    /**
     * Whether a wheel tag ({@code python-abi-platform}, one of an expanded tag set) can run on this target:
     * {@code pyX}/{@code pyXY} up to the target's version, {@code cpXY} equal to it with its own ABI or
     * {@code none}, {@code abi3} from {@code cpXY} up; platform {@code any}, or one of the target's
     * platform family for its machine (any glibc or musl version for Linux, any macOS version).
     */
    public boolean fitsTag(String tag) {
        String[] parts = tag.split("-");
        if (parts.length != 3) {
            return false;
        }
        String py = parts[0];
        String abi = parts[1];
        String plat = parts[2];
        if (!plat.equals("any") && !fitsPlatform(plat)) {
            return false;
        }
        int[] v = {python.major(), python.minor()};
        String own = "cp" + v[0] + v[1];
        if (py.startsWith("py")) {
            String digits = py.substring(2);
            if (!abi.equals("none") || digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)
                    || digits.charAt(0) - '0' != v[0]) {
                return false;
            }
            return digits.length() == 1 || Integer.parseInt(digits.substring(1)) <= v[1];
        }
        if (abi.equals("abi3")) {
            return py.startsWith("cp" + v[0]) && py.length() > 3 && py.substring(3).chars().allMatch(Character::isDigit)
                    && Integer.parseInt(py.substring(3)) <= v[1];
        }
        return py.equals(own) && (abi.equals(own) || abi.equals("none"));
    }

    private boolean fitsPlatform(String plat) {
        String arch = machine;
        return switch (platform) {
            case "linux" -> (plat.startsWith("manylinux") || plat.startsWith("musllinux") || plat.startsWith("linux_"))
                    && plat.endsWith("_" + arch);
            case "darwin" -> plat.startsWith("macosx_") && (plat.endsWith("_" + arch) || plat.endsWith("_universal2")
                    || (arch.equals("x86_64") && (plat.endsWith("_intel") || plat.endsWith("_universal"))));
            case "win32" -> plat.equals(switch (arch) {
                case "x86_64", "amd64" -> "win_amd64";
                case "arm64", "aarch64" -> "win_arm64";
                default -> "win32";
            });
            default -> false;
        };
    }

    /**
     * Whether {@code Requires-Python} admits this target: for a {@code major.minor} target, some release of
     * that minor (its first or a late patch) must be admitted; a full version is checked as it is.
     */
    public boolean fitsRequiresPython(String requiresPython) {
        SpecifierSet spec = SpecifierSet.parse(requiresPython);
        return python.fullVersions().stream().anyMatch(v -> spec.contains(Version.parse(v), true));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

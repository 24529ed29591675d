package dev.pyz.requirement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the variables {@link Marker#evaluate(Map, java.util.Set)} needs for a target interpreter that is not
 * the one running the build, as far as they follow from the target's Python version, platform and
 * machine.
 *
 * <p>{@code platform_release} and {@code platform_version} describe the target's kernel, which a
 * build cannot know; they are the empty string, as the specification prescribes for values that
 * cannot be calculated. Copy the map and set them when the target is known better.
 */
public final class MarkerEnvironment {
    private MarkerEnvironment() {}

    /**
     * The environment of a CPython interpreter.
     *
     * @param pythonFullVersion {@code platform.python_version()} of the target, such as {@code 3.11.9}
     *     or {@code 3.13.0rc1}; {@code 3.11} is taken as {@code 3.11.0}
     * @param sysPlatform {@code sys.platform}: {@code linux}, {@code darwin}, {@code win32},
     *     {@code freebsd14}, ...
     * @param machine {@code platform.machine()}: {@code x86_64}, {@code aarch64}, {@code AMD64},
     *     {@code arm64}, ...
     * @return an unmodifiable map with every variable of the specification but {@code extra}
     * @throws IllegalArgumentException when the version is not a CPython version (two or three
     *     release numbers and an optional {@code aN}, {@code bN} or {@code rcN}) or a name is blank
     */
    public static Map<String, String> cpython(String pythonFullVersion, String sysPlatform, String machine) {
        Objects.requireNonNull(pythonFullVersion, "pythonFullVersion");
        requireNonBlank(sysPlatform, "sysPlatform");
        requireNonBlank(machine, "machine");
        Version version = Version.parse(pythonFullVersion);
        int parts = version.release().size();
        if (parts < 2 || parts > 3 || version.epoch() != 0 || version.isPostrelease() || version.isDevrelease()
                || version.isLocal()) {
            throw new IllegalArgumentException("Not a CPython version: '" + pythonFullVersion
                    + "' (expected major.minor.micro with an optional a, b or rc suffix, such as 3.12.4 or 3.13.0rc1)");
        }
        String release = version.major() + "." + version.minor() + "." + version.micro();
        String full = release + version.pre().map(Version.PreRelease::toString).orElse("");
        // sys.implementation.version formatted as the specification's format_full_version: the
        // first letter of the release level, so a release candidate is 'c' (candidate)
        String implementation = release + version.pre()
                .map(p -> (p.phase() == Version.Phase.RELEASE_CANDIDATE ? "c" : p.phase().label()) + p.number())
                .orElse("");

        Map<String, String> env = new LinkedHashMap<>();
        env.put("implementation_name", "cpython");
        env.put("implementation_version", implementation);
        env.put("os_name", sysPlatform.equals("win32") ? "nt" : "posix");
        env.put("platform_machine", machine);
        env.put("platform_python_implementation", "CPython");
        env.put("platform_release", "");
        env.put("platform_system", platformSystem(sysPlatform));
        env.put("platform_version", "");
        env.put("python_full_version", full);
        env.put("python_version", version.major() + "." + version.minor());
        env.put("sys_platform", sysPlatform);
        return Collections.unmodifiableMap(env);
    }

    /** {@code platform.system()} for a {@code sys.platform}, or "" when it does not follow from it. */
    static String platformSystem(String sysPlatform) {
        if (sysPlatform.startsWith("linux")) {
            return "Linux";
        }
        if (sysPlatform.startsWith("freebsd")) {
            return "FreeBSD";
        }
        if (sysPlatform.startsWith("openbsd")) {
            return "OpenBSD";
        }
        if (sysPlatform.startsWith("netbsd")) {
            return "NetBSD";
        }
        return switch (sysPlatform) {
            case "darwin" -> "Darwin";
            case "win32" -> "Windows";
            case "ios" -> "iOS";
            case "android" -> "Android";
            case "emscripten" -> "Emscripten";
            case "aix" -> "AIX";
            case "sunos5" -> "SunOS";
            default -> "";
        };
    }

    private static void requireNonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}

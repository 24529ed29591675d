package dev.pyz.requirement;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wheel tags a {@link Target} runs, ranked as pip ranks them ({@code packaging.tags.sys_tags} for
 * CPython): {@code cpXY-cpXY}, {@code cpXY-abi3}, {@code cpXY-none}, older {@code abi3}, then
 * {@code pyXY}, {@code pyX}, older {@code pyX*} with {@code none}, each for every platform tag in
 * order; then the same without a platform ({@code any}). Platform tags run newest first: on Linux
 * {@code manylinux_2_Y} from the target's glibc down (the legacy names {@code manylinux2014},
 * {@code manylinux2010} and {@code manylinux1} right after the version they stand for), or
 * {@code musllinux_1_Y} from the target's musl down, then {@code linux_<machine>}; on macOS
 * {@code macosx_N_0} from the target's release down to 11, then {@code macosx_10_16} to {@code 10_4},
 * each with the binary formats of the machine; on Windows the one {@code win_*} tag.
 *
 * <p>The newest platform tag is the target's C library or macOS release ({@code manylinux_2_28},
 * {@code musllinux_1_2}, {@code macosx_11_0}); without one, a Linux target takes every glibc version
 * and a macOS target every release, newest first, so that a build resolves the same on any machine.
 */
public final class TagPriority {
    private static final Pattern MANYLINUX = Pattern.compile("manylinux_(\\d+)_(\\d+)");
    private static final Pattern MUSLLINUX = Pattern.compile("musllinux_(\\d+)_(\\d+)");
    private static final Pattern MACOSX = Pattern.compile("macosx_(\\d+)_(\\d+)");
    private static final Pattern MACOSX_MACHINE = Pattern.compile("macosx_(\\d+)_(\\d+)_(.+)");
    private static final int UNBOUNDED = 999;
    /** Ranks of one interpreter-and-ABI group are spaced this far apart, leaving room for the platforms. */
    private static final long GROUP = 1_000_000;

    private enum Family { GLIBC, MUSL, MACOS, WINDOWS }

    private final Target target;
    private final Family family;
    private final int newestMajor;
    private final int newestMinor;

    private TagPriority(Target target, Family family, int newestMajor, int newestMinor) {
        this.target = target;
        this.family = family;
        this.newestMajor = newestMajor;
        this.newestMinor = newestMinor;
    }

    /**
     * The tags of {@code target}, whose newest platform tag is {@code newestPlatform} when given
     * ({@code manylinux_2_28}, {@code manylinux2014}, {@code musllinux_1_2}, {@code macosx_11_0}).
     *
     * @throws IllegalArgumentException naming the value when it is no such tag or not one of the target's
     *     platform (a {@code macosx} tag for a Linux target)
     */
    public static TagPriority of(Target target, Optional<String> newestPlatform) {
        String platform = target.platform();
        if (newestPlatform.isEmpty() || newestPlatform.get().isBlank()) {
            return switch (platform) {
                case "linux" -> new TagPriority(target, Family.GLIBC, 2, UNBOUNDED);
                case "darwin" -> new TagPriority(target, Family.MACOS, UNBOUNDED, 0);
                case "win32" -> new TagPriority(target, Family.WINDOWS, 0, 0);
                default -> throw new IllegalArgumentException("no wheel platform tags are known for sys.platform '"
                        + platform + "': use linux, darwin or win32");
            };
        }
        String tag = newestPlatform.get().strip().toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        int[] version = legacy(tag);
        Family family = Family.GLIBC;
        Matcher m;
        if (version == null && (m = MANYLINUX.matcher(tag)).matches()) {
            version = numbers(m);
        } else if (version == null && (m = MUSLLINUX.matcher(tag)).matches()) {
            version = numbers(m);
            family = Family.MUSL;
        } else if (version == null && (m = MACOSX.matcher(tag)).matches()) {
            version = numbers(m);
            family = Family.MACOS;
        }
        if (version == null) {
            throw new IllegalArgumentException("'" + newestPlatform.get() + "' is not a platform tag without its machine:"
                    + " write manylinux_2_28 (the target's glibc), musllinux_1_2 (its musl) or macosx_11_0 (its macOS)");
        }
        String expected = family == Family.MACOS ? "darwin" : "linux";
        if (!expected.equals(platform)) {
            throw new IllegalArgumentException("'" + newestPlatform.get() + "' is a platform tag of " + expected
                    + ", but the target platform is " + platform);
        }
        return new TagPriority(target, family, version[0], version[1]);
    }

    private static int[] legacy(String tag) {
        return switch (tag) {
            case "manylinux2014" -> new int[] {2, 17};
            case "manylinux2010" -> new int[] {2, 12};
            case "manylinux1" -> new int[] {2, 5};
            default -> null;
        };
    }

    private static int[] numbers(Matcher m) {
        try {
            return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public Target target() {
        return target;
    }

    /**
     * The rank of the best of {@code tags} (a wheel's expanded tag set, {@code python-abi-platform}):
     * lower is preferred; empty when the target runs none of them.
     */
    public OptionalLong best(Collection<String> tags) {
        OptionalLong best = OptionalLong.empty();
        for (String tag : tags) {
            OptionalLong r = rank(tag);
            if (r.isPresent() && (best.isEmpty() || r.getAsLong() < best.getAsLong())) {
                best = r;
            }
        }
        return best;
    }

    /** The rank of one tag, lower preferred; empty when the target does not run it. */
    public OptionalLong rank(String tag) {
        String[] parts = tag.split("-");
        if (parts.length != 3) {
            return OptionalLong.empty();
        }
        boolean any = parts[2].equals("any");
        long platform = any ? 0 : platformRank(parts[2]);
        if (platform < 0) {
            return OptionalLong.empty();
        }
        long group = any ? anyGroup(parts[0], parts[1]) : platformGroup(parts[0], parts[1]);
        return group < 0 ? OptionalLong.empty() : OptionalLong.of(group * GROUP + platform);
    }

    /**
     * Interpreter-and-ABI groups with a platform: cpXY-cpXY (0), cpXY-abi3 (1), cpXY-none (2), cpX(Y-1)-abi3
     * down to cpX2-abi3, then pyXY, pyX, pyX(Y-1) down to pyX0 with none; -1 for what the target cannot run.
     */
    private long platformGroup(String python, String abi) {
        int major = target.python().major();
        int minor = target.python().minor();
        String own = "cp" + major + minor;
        if (python.equals(own)) {
            return switch (abi) {
                case "abi3" -> 1;
                case "none" -> 2;
                default -> abi.equals(own) ? 0 : -1;
            };
        }
        int cp = minorOf(python, "cp" + major);
        if (cp >= 2 && cp < minor && abi.equals("abi3")) {
            return 3 + (minor - 1 - cp);
        }
        long pyBase = 3 + Math.max(0, minor - 2);
        return abi.equals("none") ? pyRank(python, pyBase) : -1;
    }

    /** Groups without a platform, after every group with one: cpXY-none-any, then pyXY, pyX, pyX(Y-1) ... pyX0. */
    private long anyGroup(String python, String abi) {
        if (!abi.equals("none")) {
            return -1;
        }
        long base = 4 + 2L * (target.python().minor() + 2);
        if (python.equals("cp" + target.python().major() + target.python().minor())) {
            return base;
        }
        return pyRank(python, base + 1);
    }

    /** pyXY (base), pyX (base+1), pyX(Y-1) ... pyX0 after them; -1 for another major or a later minor. */
    private long pyRank(String python, long base) {
        int major = target.python().major();
        int minor = target.python().minor();
        if (python.equals("py" + major)) {
            return base + 1;
        }
        int py = minorOf(python, "py" + major);
        if (py < 0 || py > minor) {
            return -1;
        }
        return py == minor ? base : base + 1 + (minor - py);
    }

    /** The minor version of {@code cp311}-style text after {@code prefix}, or -1. */
    private static int minorOf(String python, String prefix) {
        if (!python.startsWith(prefix) || python.length() == prefix.length() || python.length() > prefix.length() + 2) {
            return -1;
        }
        String digits = python.substring(prefix.length());
        return digits.chars().allMatch(Character::isDigit) ? Integer.parseInt(digits) : -1;
    }

    /** The rank of a platform tag among the target's, lower preferred; -1 when the target does not run it. */
    private long platformRank(String platform) {
        String machine = target.machine();
        return switch (family) {
            case GLIBC, MUSL -> linuxRank(platform, machine);
            case MACOS -> macRank(platform, machine);
            case WINDOWS -> platform.equals(windowsTag(machine)) ? 0 : -1;
        };
    }

    private long linuxRank(String platform, String machine) {
        String suffix = "_" + machine;
        if (!platform.endsWith(suffix)) {
            return -1;
        }
        String tag = platform.substring(0, platform.length() - suffix.length());
        long last = 2L * (UNBOUNDED + 2);
        if (tag.equals("linux")) {
            return last;
        }
        if (family == Family.MUSL) {
            Matcher m = MUSLLINUX.matcher(tag);
            int[] v = m.matches() ? numbers(m) : null;
            return v == null || v[0] != newestMajor || v[1] > newestMinor ? -1 : newestMinor - v[1];
        }
        int[] legacy = legacy(tag);
        Matcher m = MANYLINUX.matcher(tag);
        int[] v = legacy != null ? legacy : m.matches() ? numbers(m) : null;
        boolean oldMachine = machine.equals("x86_64") || machine.equals("i686");
        if (v == null || v[0] != 2 || v[1] > newestMinor || v[1] < (oldMachine ? 5 : 17)) {
            return -1;
        }
        if (legacy != null && (!oldMachine && v[1] != 17)) {
            return -1; // manylinux1 and manylinux2010 exist for x86_64 and i686 only
        }
        return 2L * (newestMinor - v[1]) + (legacy != null ? 1 : 0);
    }

    private long macRank(String platform, String machine) {
        List<String> formats = machine.equals("arm64") ? List.of("arm64", "universal2")
                : List.of(machine, "intel", "fat64", "fat32", "universal2", "universal");
        Matcher m = MACOSX_MACHINE.matcher(platform);
        if (!m.matches() || !formats.contains(m.group(3))) {
            return -1;
        }
        int format = formats.indexOf(m.group(3));
        int major;
        int minor;
        try {
            major = Integer.parseInt(m.group(1));
            minor = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            return -1;
        }
        int size = formats.size();
        if (major >= 11) {
            return minor == 0 && major <= newestMajor && newestMajor >= 11 ? (long) (newestMajor - major) * size + format : -1;
        }
        if (major != 10 || minor > 16 || (newestMajor == 10 && minor > newestMinor)) {
            return -1;
        }
        if (machine.equals("arm64") && !m.group(3).equals("universal2")) {
            return -1; // arm64 Macs run 11+, older tags only for universal2 wheels
        }
        long newer = newestMajor >= 11 ? (long) (newestMajor - 10) * size : 0;
        int top = newestMajor >= 11 ? 16 : newestMinor;
        return newer + (long) (top - minor) * size + format;
    }

    private static String windowsTag(String machine) {
        return switch (machine.toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64" -> "win_amd64";
            case "arm64", "aarch64" -> "win_arm64";
            default -> "win32";
        };
    }

    @Override
    public String toString() {
        String newest = switch (family) {
            case GLIBC -> newestMinor == UNBOUNDED ? "any glibc" : "manylinux_2_" + newestMinor;
            case MUSL -> "musllinux_" + newestMajor + "_" + newestMinor;
            case MACOS -> newestMajor == UNBOUNDED ? "any macOS" : "macosx_" + newestMajor + "_" + newestMinor;
            case WINDOWS -> windowsTag(target.machine());
        };
        return target + " (" + newest + ")";
    }
}

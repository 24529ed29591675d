package dev.pyz.wheel;

import dev.pyz.PyzException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A wheel file name, {@code {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl}, as PEP 427 and the
 * binary distribution format specification define it.
 */
public record WheelFileName(String fileName, String name, String version, Optional<String> build,
        String pythonTag, String abiTag, String platformTag) {

    private static final Pattern NORMALIZE = Pattern.compile("[-_.]+");

    public static WheelFileName parse(String fileName) throws PyzException {
        if (!fileName.endsWith(".whl")) {
            throw new PyzException(fileName + ": not a wheel file name (it must end in .whl)");
        }
        String[] parts = fileName.substring(0, fileName.length() - 4).split("-", -1);
        if (parts.length != 5 && parts.length != 6) {
            throw new PyzException(fileName + ": not a wheel file name; expected"
                    + " {name}-{version}(-{build})?-{python tag}-{abi tag}-{platform tag}.whl");
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new PyzException(fileName + ": not a wheel file name (empty component)");
            }
        }
        Optional<String> build = Optional.empty();
        if (parts.length == 6) {
            if (!Character.isDigit(parts[2].charAt(0))) {
                throw new PyzException(fileName + ": the build tag '" + parts[2] + "' must start with a digit");
            }
            build = Optional.of(parts[2]);
        }
        int t = parts.length - 3;
        return new WheelFileName(fileName, parts[0], parts[1], build, parts[t], parts[t + 1], parts[t + 2]);
    }

    /** PEP 503 name normalization as wheel file names and Maven artifactIds use it: lower case, '_' joins. */
    public static String normalize(String name) {
        return NORMALIZE.matcher(name).replaceAll("_").toLowerCase(Locale.ROOT);
    }

    /** The tag triple with the build tag in front when there is one: the Maven classifier of this wheel. */
    public String classifier() {
        String tags = pythonTag + "-" + abiTag + "-" + platformTag;
        return build.map(b -> b + "-" + tags).orElse(tags);
    }

    /** Every tag this wheel claims, compressed tag sets expanded ({@code py2.py3-none-any} gives two), sorted. */
    public List<String> tags() {
        TreeSet<String> tags = new TreeSet<>();
        for (String py : pythonTag.split("\\.")) {
            for (String abi : abiTag.split("\\.")) {
                for (String platform : platformTag.split("\\.")) {
                    tags.add(py + "-" + abi + "-" + platform);
                }
            }
        }
        return new ArrayList<>(tags);
    }
}

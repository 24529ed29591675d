package dev.pyz.requirement;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A bundled distribution as the dependency check sees it: what its {@code METADATA} says.
 *
 * @param name {@code Name}, as written
 * @param version {@code Version}, as written (need not be a PEP 440 version)
 * @param requiresDist the {@code Requires-Dist} lines, in order
 * @param providesExtra the {@code Provides-Extra} lines, in order
 * @param origin where it comes from, for messages (the wheel file name, say)
 */
public record Distribution(String name, String version, List<String> requiresDist, List<String> providesExtra,
        String origin) {

    public Distribution {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        requiresDist = List.copyOf(requiresDist);
        providesExtra = List.copyOf(providesExtra);
        Objects.requireNonNull(origin, "origin");
    }

    /** A distribution with these requirements, no declared extras, its origin {@code name-version}. */
    public static Distribution of(String name, String version, String... requiresDist) {
        return new Distribution(name, version, List.of(requiresDist), List.of(), name + "-" + version);
    }

    /** The name normalized for lookup ({@link Requirement#normalizeName}). */
    public String normalizedName() {
        return Requirement.normalizeName(name);
    }

    /** The version, when it is a PEP 440 version. */
    public Optional<Version> parsedVersion() {
        return Version.tryParse(version);
    }

    // written out: the generated hashCode bootstraps method handles on its first call (dozens of classes
    // spun), a cost every build would pay for a map keyed by distribution
    @Override
    public boolean equals(Object o) {
        return o instanceof Distribution d && name.equals(d.name) && version.equals(d.version)
                && requiresDist.equals(d.requiresDist) && providesExtra.equals(d.providesExtra) && origin.equals(d.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, requiresDist, providesExtra, origin);
    }

    /** {@code name version}, as pip prints a distribution. */
    @Override
    public String toString() {
        return name + " " + version;
    }
}

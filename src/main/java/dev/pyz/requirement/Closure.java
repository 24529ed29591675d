package dev.pyz.requirement;

import dev.pyz.PyzException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks that a set of bundled distributions is closed under its dependencies for one target, as
 * {@code pip check} does for an environment: every {@code Requires-Dist} that applies to the target is
 * met by a bundled distribution of a matching version.
 *
 * <p>A requirement applies when its marker holds for the target environment and the extras requested of
 * the distribution declaring it. Extras are requested by the caller (the application's own needs) and by
 * the applying requirements of other bundled distributions, transitively: when {@code a} requires
 * {@code b[x]}, {@code b}'s requirements marked {@code extra == "x"} apply too, and may request further
 * extras. A version satisfies a requirement when it is in the requirement's specifier set, pre-releases
 * included (a bundled pre-release is what is there, as pip accepts an installed one); a requirement with a
 * URL ({@code name @ url}) is met by any version of that name. A version that is not PEP 440 meets only a
 * requirement without version clauses.
 *
 * <p>The result is deterministic whatever the order of the input: distributions are sorted by normalized
 * name, version and origin; requirements keep their METADATA order.
 */
public final class Closure {
    /** How a requirement that applies fares. */
    public enum Status {
        /** A bundled distribution of that name has a matching version. */
        SATISFIED,
        /** No bundled distribution has that name. */
        NOT_BUNDLED,
        /** The bundled distribution of that name has a version outside the specifier set. */
        CONFLICT
    }

    /**
     * An edge of the dependency graph: a requirement of {@code from} that applies to the target.
     *
     * @param target the bundled distribution of the requirement's name, if any (with {@link Status#CONFLICT}
     *     the one whose version does not match)
     */
    public record Dependency(Distribution from, Requirement requirement, Optional<Distribution> target, Status status) {
        /** The requirement without its marker, as messages and the tree show it: {@code b[x]>=2}. */
        public String requirementText() {
            return Closure.text(requirement);
        }
    }

    /** What kind of problem. */
    public enum Kind {
        /** Two bundled distributions share a normalized name; the first in sorted order is checked. */
        DUPLICATE,
        /** A requirement that applies names a distribution that is not bundled. */
        NOT_BUNDLED,
        /** A requirement that applies is not met by the version bundled. */
        CONFLICT,
        /**
         * A requirement asks for an extra that the bundled distribution does not declare
         * ({@code Provides-Extra}); reported only for distributions that declare extras at all. pip only
         * warns about this.
         */
        UNKNOWN_EXTRA
    }

    /**
     * One problem, with a message in the style of {@code pip check}.
     *
     * @param requirement the requirement at fault (empty for {@link Kind#DUPLICATE})
     * @param found the bundled distribution it concerns, if any
     */
    public record Problem(Kind kind, Distribution dist, Optional<Requirement> requirement, Optional<Distribution> found,
            String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    private static final Comparator<Distribution> ORDER = Comparator.comparing(Distribution::normalizedName)
            .thenComparing(Closure::compareVersions)
            .thenComparing(Distribution::origin)
            .thenComparing(Distribution::name);

    private final List<Distribution> distributions;
    private final Map<Distribution, Set<String>> extras;
    private final Map<Distribution, List<Dependency>> dependencies;
    private final List<Problem> problems;

    private Closure(List<Distribution> distributions, Map<Distribution, Set<String>> extras,
            Map<Distribution, List<Dependency>> dependencies, List<Problem> problems) {
        this.distributions = distributions;
        this.extras = extras;
        this.dependencies = dependencies;
        this.problems = problems;
    }

    /** {@link #check(Collection, Map, Map)} with no extras requested by the caller. */
    public static Closure check(Collection<Distribution> bundled, Map<String, String> environment) throws PyzException {
        return check(bundled, environment, Map.of());
    }

    /**
     * Checks the bundled distributions against each other.
     *
     * @param bundled every bundled distribution
     * @param environment the target's marker variables ({@link MarkerEnvironment#cpython})
     * @param requestedExtras extras the caller asks of distributions, keyed by distribution name (any
     *     spelling); names that are not bundled are ignored
     * @throws PyzException naming the distribution's origin when a {@code Requires-Dist} is not a valid
     *     requirement or its marker uses a variable the environment lacks
     */
    public static Closure check(Collection<Distribution> bundled, Map<String, String> environment,
            Map<String, ? extends Collection<String>> requestedExtras) throws PyzException {
        return check(bundled, List.of(Objects.requireNonNull(environment, "environment")), requestedExtras);
    }

    /**
     * Checks the bundled distributions for a target that stands for several environments (a Python minor
     * version whose micro release is not known: {@link Target#environments()}): a requirement applies
     * when its marker holds in every one of them, so that a requirement of some releases only is never
     * reported as missing.
     */
    public static Closure check(Collection<Distribution> bundled, Target target) throws PyzException {
        return check(bundled, target.environments(), Map.of());
    }

    private static Closure check(Collection<Distribution> bundled, List<Map<String, String>> environment,
            Map<String, ? extends Collection<String>> requestedExtras) throws PyzException {
        if (environment.isEmpty()) {
            throw new IllegalArgumentException("no environment");
        }
        List<Distribution> sorted = bundled.stream().distinct().sorted(ORDER).collect(Collectors.toList());
        Map<String, Distribution> byName = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, List<Distribution>> sameName = new TreeMap<>();
        for (Distribution d : sorted) {
            byName.putIfAbsent(d.normalizedName(), d);
            sameName.computeIfAbsent(d.normalizedName(), k -> new ArrayList<>()).add(d);
        }
        for (List<Distribution> group : sameName.values()) {
            if (group.size() > 1) {
                problems.add(new Problem(Kind.DUPLICATE, group.get(0), Optional.empty(), Optional.empty(),
                        group.get(0).name() + " is bundled more than once: " + group.stream()
                                .map(d -> d.version() + " (" + d.origin() + ")").collect(Collectors.joining(", "))
                                + "; " + group.get(0) + " is the one checked"));
            }
        }

        Map<Distribution, List<Requirement>> parsed = new LinkedHashMap<>();
        Map<Distribution, Set<String>> extras = new LinkedHashMap<>();
        for (Distribution d : sorted) {
            parsed.put(d, parse(d));
            extras.put(d, new TreeSet<>());
        }
        requestedExtras.forEach((name, requested) -> {
            Distribution d = byName.get(Requirement.normalizeName(name));
            if (d != null) {
                requested.forEach(x -> extras.get(d).add(Requirement.normalizeName(x)));
            }
        });

        // extras requested by applying requirements, until nothing changes (each round adds at least one
        // extra, so this ends; a cycle adds nothing new the second time round)
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Distribution d : sorted) {
                for (Requirement r : parsed.get(d)) {
                    Distribution target = byName.get(r.normalizedName());
                    if (target != null && !r.extras().isEmpty() && applies(d, r, environment, extras.get(d))) {
                        changed |= extras.get(target).addAll(r.normalizedExtras());
                    }
                }
            }
        }

        Map<Distribution, List<Dependency>> dependencies = new LinkedHashMap<>();
        for (Distribution d : sorted) {
            List<Dependency> edges = new ArrayList<>();
            for (Requirement r : parsed.get(d)) {
                if (!applies(d, r, environment, extras.get(d))) {
                    continue;
                }
                Distribution target = byName.get(r.normalizedName());
                Status status = target == null ? Status.NOT_BUNDLED
                        : satisfies(r, target) ? Status.SATISFIED : Status.CONFLICT;
                edges.add(new Dependency(d, r, Optional.ofNullable(target), status));
                switch (status) {
                    case NOT_BUNDLED -> problems.add(new Problem(Kind.NOT_BUNDLED, d, Optional.of(r), Optional.empty(),
                            d + " requires " + text(r) + ", which is not bundled"));
                    case CONFLICT -> problems.add(new Problem(Kind.CONFLICT, d, Optional.of(r), Optional.of(target),
                            d + " has requirement " + text(r) + ", but you have " + target));
                    case SATISFIED -> { }
                }
                if (target != null && !target.providesExtra().isEmpty()) {
                    Set<String> declared = target.providesExtra().stream().map(Requirement::normalizeName)
                            .collect(Collectors.toSet());
                    for (String extra : r.extras()) {
                        if (!declared.contains(Requirement.normalizeName(extra))) {
                            problems.add(new Problem(Kind.UNKNOWN_EXTRA, d, Optional.of(r), Optional.of(target),
                                    d + " requires " + text(r) + ", but " + target + " has no extra '" + extra + "'"));
                        }
                    }
                }
            }
            dependencies.put(d, Collections.unmodifiableList(edges));
        }
        Map<Distribution, Set<String>> frozenExtras = new LinkedHashMap<>();
        extras.forEach((d, x) -> frozenExtras.put(d, Collections.unmodifiableSet(new LinkedHashSet<>(x))));
        return new Closure(List.copyOf(sorted), Collections.unmodifiableMap(frozenExtras),
                Collections.unmodifiableMap(dependencies), List.copyOf(problems));
    }

    private static List<Requirement> parse(Distribution d) throws PyzException {
        List<Requirement> requirements = new ArrayList<>();
        for (String line : d.requiresDist()) {
            try {
                requirements.add(Requirement.parse(line));
            } catch (IllegalArgumentException e) {
                throw new PyzException(d.origin() + ": Requires-Dist of " + d + " is not a valid requirement: "
                        + e.getMessage(), e);
            }
        }
        return requirements;
    }

    private static boolean applies(Distribution d, Requirement r, List<Map<String, String>> environments,
            Set<String> extras) throws PyzException {
        try {
            return r.appliesToAll(environments, extras);
        } catch (IllegalArgumentException e) {
            throw new PyzException(d.origin() + ": Requires-Dist '" + r + "' of " + d
                    + " cannot be evaluated for the target: " + e.getMessage(), e);
        }
    }

    /** Whether {@code target}'s version meets {@code r} (pre-releases accepted; a URL accepts any version). */
    static boolean satisfies(Requirement r, Distribution target) {
        if (r.url().isPresent() || r.specifier().isEmpty()) {
            return true;
        }
        return target.parsedVersion().map(v -> r.specifier().contains(v, true)).orElse(false);
    }

    /** The requirement without its marker: {@code name[extras]specifiers} or {@code name[extras] @ url}. */
    static String text(Requirement r) {
        StringBuilder s = new StringBuilder(r.name());
        if (!r.extras().isEmpty()) {
            s.append('[').append(String.join(",", r.extras())).append(']');
        }
        r.url().ifPresentOrElse(u -> s.append(" @ ").append(u), () -> s.append(r.specifier()));
        return s.toString();
    }

    private static int compareVersions(Distribution a, Distribution b) {
        Optional<Version> va = a.parsedVersion();
        Optional<Version> vb = b.parsedVersion();
        if (va.isPresent() && vb.isPresent()) {
            int c = va.get().compareTo(vb.get());
            return c != 0 ? c : a.version().compareTo(b.version());
        }
        if (va.isPresent() != vb.isPresent()) {
            return va.isPresent() ? -1 : 1;
        }
        return a.version().compareTo(b.version());
    }

    /** Every bundled distribution, sorted by normalized name, version and origin. */
    public List<Distribution> distributions() {
        return distributions;
    }

    /** The distribution checked under this name (any spelling), if one is bundled. */
    public Optional<Distribution> find(String name) {
        String normalized = Requirement.normalizeName(name);
        return distributions.stream().filter(d -> d.normalizedName().equals(normalized)).findFirst();
    }

    /** The extras requested of {@code d}, by the caller or by other distributions, normalized and sorted. */
    public Set<String> extras(Distribution d) {
        return extras.getOrDefault(d, Set.of());
    }

    /** The requirements of {@code d} that apply to the target, in METADATA order, with what met them. */
    public List<Dependency> dependencies(Distribution d) {
        return dependencies.getOrDefault(d, List.of());
    }

    /** The problems, duplicates first, then by distribution in sorted order and requirement in METADATA order. */
    public List<Problem> problems() {
        return problems;
    }

    /** The problems of these kinds. */
    public List<Problem> problems(Kind first, Kind... more) {
        Set<Kind> kinds = java.util.EnumSet.of(first, more);
        return problems.stream().filter(p -> kinds.contains(p.kind())).collect(Collectors.toList());
    }

    /** Whether no requirement that applies is unmet (duplicates and unknown extras aside). */
    public boolean isSatisfied() {
        return problems(Kind.NOT_BUNDLED, Kind.CONFLICT).isEmpty();
    }

    /** The problems' messages, one a line, as {@code pip check} prints them. */
    public String report() {
        return problems.stream().map(Problem::message).collect(Collectors.joining("\n"));
    }
}

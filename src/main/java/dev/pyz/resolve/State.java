package dev.pyz.resolve;

import dev.pyz.requirement.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the resolver has decided so far: the candidate chosen for each project, the requirements on each
 * project and who made them, the extras asked of each project, and how each project was first reached
 * (for messages). Each decision works on a copy, so that backtracking returns to an earlier state as it
 * was.
 */
final class State {
    /** A requirement on a project and the candidate that made it (empty for the user's own requirements). */
    record Constraint(Requirement requirement, Optional<Candidate> parent, String chain) {
        /** {@code the requirements ask for a>=1} or {@code b 2.0 → a 1.0 requires c<2}. */
        String describe() {
            String text = requirement.toString().replaceFirst(";.*", "");
            return parent.isEmpty() ? "the requirements ask for " + text : chain + " requires " + text;
        }
    }

    final Map<String, Candidate> pins;
    final Map<String, List<Constraint>> constraints;
    final Map<String, Set<String>> extras;
    final Map<String, String> chains;

    State() {
        this(new LinkedHashMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    private State(Map<String, Candidate> pins, Map<String, List<Constraint>> constraints,
            Map<String, Set<String>> extras, Map<String, String> chains) {
        this.pins = pins;
        this.constraints = constraints;
        this.extras = extras;
        this.chains = chains;
    }

    State copy() {
        Map<String, List<Constraint>> c = new TreeMap<>();
        constraints.forEach((k, v) -> c.put(k, new ArrayList<>(v)));
        Map<String, Set<String>> e = new TreeMap<>();
        extras.forEach((k, v) -> e.put(k, new TreeSet<>(v)));
        return new State(new LinkedHashMap<>(pins), c, e, new TreeMap<>(chains));
    }

    List<Constraint> constraints(String name) {
        return constraints.getOrDefault(name, List.of());
    }

    Set<String> extras(String name) {
        return extras.getOrDefault(name, Set.of());
    }

    /** Adds a requirement made by {@code parent} (null for the user's), returning the extras it newly asks for. */
    Set<String> add(Requirement requirement, Candidate parent) {
        String name = requirement.normalizedName();
        String chain = parent == null ? "" : chainTo(parent);
        constraints.computeIfAbsent(name, k -> new ArrayList<>())
                .add(new Constraint(requirement, Optional.ofNullable(parent), chain));
        chains.putIfAbsent(name, parent == null ? "" : chain);
        Set<String> added = new TreeSet<>(requirement.normalizedExtras());
        Set<String> known = extras.computeIfAbsent(name, k -> new TreeSet<>());
        added.removeAll(known);
        known.addAll(added);
        return added;
    }

    /** {@code b 2.0 → a 1.0}: the candidates from a user's requirement down to {@code c}. */
    String chainTo(Candidate c) {
        String before = chains.getOrDefault(c.name(), "");
        return before.isEmpty() ? c.toString() : before + " → " + c;
    }

    /** How deep in the graph a project was first reached: 0 for the user's own requirements. */
    int depth(String name) {
        String chain = chains.getOrDefault(name, "");
        return chain.isEmpty() ? 0 : chain.split(" → ").length;
    }
}

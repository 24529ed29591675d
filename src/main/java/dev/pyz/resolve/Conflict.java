package dev.pyz.resolve;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why a choice failed: the requirements on {@code name} that no candidate meets together (or that the
 * candidate already chosen for it does not meet), and which projects' choices made them.
 */
record Conflict(String name, List<State.Constraint> constraints, Candidate pinned, List<Candidate> available) {
    Conflict {
        constraints = List.copyOf(constraints);
        available = List.copyOf(available);
    }

    /** The projects whose choices led here: the makers of the requirements, and the project itself when chosen. */
    Set<String> causes() {
        Set<String> causes = new TreeSet<>();
        constraints.forEach(c -> c.parent().ifPresent(p -> causes.add(p.name())));
        if (pinned != null) {
            causes.add(name);
        }
        return causes;
    }

    /** The message, in the manner of pip's: each requirement with the chain that made it. */
    String explain(String whyNone) {
        StringBuilder s = new StringBuilder("Cannot resolve the requirements: no version of " + name
                + " meets all of these:");
        for (State.Constraint c : constraints) {
            s.append("\n    ").append(c.describe());
        }
        s.append("\n  ");
        if (available.isEmpty()) {
            s.append(whyNone);
        } else {
            s.append(name).append(" has ").append(String.join(", ", available.stream().limit(12)
                    .map(a -> a.version().toString()).toList())).append(available.size() > 12 ? ", ..." : "");
        }
        return s.append(" (loosen one of these requirements, or pin the projects that make them)").toString();
    }
}

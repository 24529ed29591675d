package dev.pyz.requirement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The dependency graph of a {@link Closure} as text, one distribution a line:
 *
 * <pre>
 * app 1.0
 *   requests 2.32.3 (requests&gt;=2)
 *     certifi 2024.8.30 (certifi&gt;=2017.4.17)
 *     idna 3.10 (idna&lt;4,&gt;=2.5)
 *   urllib3 2.2.3 (urllib3&lt;3) (see above)
 * </pre>
 *
 * <p>Roots come first: the distributions no other bundled distribution requires, in sorted order; each
 * child line names the requirement that pulled it in. A distribution whose dependencies were already
 * listed is marked {@code (see above)} instead of being listed again, which also ends cycles; members of a
 * cycle that no root reaches are listed after the roots, the first in sorted order at the top. A
 * requirement nothing bundled meets shows as {@code name (requirement) [not bundled]}, one the bundled
 * version fails as {@code name version (requirement) [conflict]}. Indentation is two spaces a level.
 */
public final class DependencyTree {
    static final String INDENT = "  ";

    private DependencyTree() {}

    /** The tree, one line per node, each ending in a line feed. */
    public static String render(Closure closure) {
        StringBuilder s = new StringBuilder();
        for (String line : lines(closure)) {
            s.append(line).append('\n');
        }
        return s.toString();
    }

    /** The tree's lines, without line ends. */
    public static List<String> lines(Closure closure) {
        Set<Distribution> required = new HashSet<>();
        for (Distribution d : closure.distributions()) {
            for (Closure.Dependency edge : closure.dependencies(d)) {
                edge.target().filter(t -> !t.equals(d)).ifPresent(required::add);
            }
        }
        List<String> lines = new ArrayList<>();
        Set<Distribution> listed = new HashSet<>();
        for (Distribution d : closure.distributions()) {
            if (!required.contains(d)) {
                node(closure, d, null, 0, listed, lines);
            }
        }
        for (Distribution d : closure.distributions()) {
            if (!listed.contains(d)) { // in a cycle no root reaches
                node(closure, d, null, 0, listed, lines);
            }
        }
        return lines;
    }

    private static void node(Closure closure, Distribution d, Closure.Dependency via, int depth,
            Set<Distribution> listed, List<String> lines) {
        StringBuilder line = new StringBuilder(INDENT.repeat(depth)).append(d);
        if (via != null) {
            line.append(" (").append(via.requirementText()).append(')');
            if (via.status() == Closure.Status.CONFLICT) {
                line.append(" [conflict]");
            }
        }
        List<Closure.Dependency> children = children(closure, d);
        boolean first = listed.add(d);
        if (!first && !children.isEmpty()) {
            line.append(" (see above)");
        }
        lines.add(line.toString());
        if (!first) {
            return;
        }
        for (Closure.Dependency edge : children) {
            if (edge.target().isPresent()) {
                node(closure, edge.target().get(), edge, depth + 1, listed, lines);
            } else {
                lines.add(INDENT.repeat(depth + 1) + edge.requirement().name() + " (" + edge.requirementText()
                        + ") [not bundled]");
            }
        }
    }

    /** The dependencies of {@code d} on other distributions, by normalized name, then in METADATA order. */
    private static List<Closure.Dependency> children(Closure closure, Distribution d) {
        List<Closure.Dependency> children = new ArrayList<>();
        for (Closure.Dependency edge : closure.dependencies(d)) {
            if (!edge.target().map(d::equals).orElse(false)) {
                children.add(edge);
            }
        }
        children.sort(Comparator.comparing(e -> e.requirement().normalizedName())); // stable: METADATA order kept
        return children;
    }
}

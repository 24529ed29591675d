package dev.pyz.resolve;

import dev.pyz.PyzException;
import dev.pyz.requirement.Requirement;
import dev.pyz.requirement.Specifier;
import dev.pyz.requirement.Target;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chooses one version of every project the requirements reach, for one target, as pip's resolver does:
 * projects are decided one at a time (exact pins first, then the shallowest, then by name), each taking
 * the newest candidate that meets every requirement on it; when a candidate's requirements cannot be met
 * with what is decided, the next candidate is tried, and when none is left the resolver jumps back to the
 * latest decision that made one of the clashing requirements (conflict-directed backjumping) and tries
 * that project's next candidate. Markers are evaluated for the target (holding in each of its
 * environments) with the extras asked of the project; pre-releases are taken only when a requirement
 * names one or nothing else fits; yanked files only for an exact pin (PEP 592). The result depends on the
 * inputs only, never on timing.
 */
public final class Resolver {
    /** Candidates tried before giving up, as pip gives up after so many rounds. */
    static final int MAX_ATTEMPTS = 20_000;

    /** The chosen candidates, by name, and the extras asked of each. */
    public record Resolution(List<Candidate> candidates, Map<String, Set<String>> extras) {}

    private final Provider provider;
    private final List<Map<String, String>> environments;
    private int attempts;

    public Resolver(Provider provider, Target target) {
        this.provider = provider;
        this.environments = target.environments();
    }

    /** A decision: the project, the state before it, its candidates and how far through them it is. */
    private static final class Frame {
        final String name;
        final State before;
        final List<Candidate> candidates;
        final Set<String> causes = new TreeSet<>();
        int next;
        Conflict last;

        Frame(String name, State before, List<Candidate> candidates) {
            this.name = name;
            this.before = before;
            this.candidates = candidates;
        }
    }

    /**
     * @throws PyzException when no choice meets the requirements (the message names the clashing
     *     requirements and the chains of projects that made them), or when reading the index fails
     */
    public Resolution resolve(List<Requirement> requirements) throws IOException {
        State state = new State();
        for (Requirement r : requirements) {
            if (applies(r, Set.of(), "the requirements")) {
                Conflict c = add(state, r, null);
                if (c != null) {
                    throw new PyzException(c.explain(provider.whyNone(c.name())));
                }
            }
        }
        Deque<Frame> stack = new ArrayDeque<>();
        for (String name = next(state); name != null; name = next(state)) {
            stack.push(new Frame(name, state, matching(name, state.constraints(name))));
            state = advance(stack);
        }
        List<Candidate> chosen = new ArrayList<>(state.pins.values());
        chosen.sort(Comparator.comparing(Candidate::name));
        return new Resolution(List.copyOf(chosen), Map.copyOf(new TreeMap<>(state.extras)));
    }

    /** The state after the next candidate that can be chosen, backjumping when a decision runs out of them. */
    private State advance(Deque<Frame> stack) throws IOException {
        while (true) {
            Frame f = stack.peek();
            while (f.next < f.candidates.size()) {
                Candidate c = f.candidates.get(f.next++);
                if (++attempts > MAX_ATTEMPTS) {
                    throw new PyzException("Cannot resolve the requirements: " + MAX_ATTEMPTS + " candidates were tried"
                            + " without finding a set that fits; the last clash: " + (f.last == null ? "none"
                            : f.last.explain(provider.whyNone(f.last.name()))) + "; pin some versions to help");
                }
                State after = f.before.copy();
                after.pins.put(c.name(), c);
                Conflict conflict = addRequirementsOf(after, c, after.extras(c.name()), null);
                if (conflict == null) {
                    return after;
                }
                f.causes.addAll(conflict.causes());
                f.last = conflict;
            }
            Conflict why = f.last != null ? f.last
                    : new Conflict(f.name, f.before.constraints(f.name), null, provider.candidates(f.name));
            Set<String> causes = new TreeSet<>(f.causes);
            causes.addAll(new Conflict(f.name, f.before.constraints(f.name), null, List.of()).causes());
            causes.remove(f.name);
            stack.pop();
            while (!stack.isEmpty() && !causes.contains(stack.peek().name)) {
                stack.pop();
            }
            if (stack.isEmpty()) {
                throw new PyzException(why.explain(provider.whyNone(why.name())));
            }
            Frame back = stack.peek();
            back.causes.addAll(causes);
            back.causes.remove(back.name);
            back.last = why;
        }
    }

    /**
     * Adds the requirements of {@code c} that apply with {@code extras} and did not with {@code before}
     * (null: none did), returning the first conflict.
     */
    private Conflict addRequirementsOf(State state, Candidate c, Set<String> extras, Set<String> before)
            throws IOException {
        for (Requirement r : provider.requirements(c)) {
            if (applies(r, extras, c.toString()) && (before == null || !applies(r, before, c.toString()))) {
                Conflict conflict = add(state, r, c);
                if (conflict != null) {
                    return conflict;
                }
            }
        }
        return null;
    }

    /** Adds one requirement; a conflict when it rules out the chosen candidate or every candidate left. */
    private Conflict add(State state, Requirement r, Candidate parent) throws IOException {
        if (r.url().isPresent()) {
            throw new PyzException((parent == null ? "the requirements ask for " : state.chainTo(parent) + " requires ")
                    + r + ": a direct URL, which only pip can install; name a version from the index instead");
        }
        String name = r.normalizedName();
        Set<String> before = new TreeSet<>(state.extras(name));
        Set<String> added = state.add(r, parent);
        Candidate pinned = state.pins.get(name);
        if (pinned == null) {
            List<Candidate> left = matching(name, state.constraints(name));
            return left.isEmpty() ? new Conflict(name, state.constraints(name), null, provider.candidates(name)) : null;
        }
        if (!r.specifier().contains(pinned.version(), true)) {
            return new Conflict(name, state.constraints(name), pinned, provider.candidates(name));
        }
        return added.isEmpty() ? null : addRequirementsOf(state, pinned, state.extras(name), before);
    }

    /**
     * The candidates of {@code name} that meet every requirement on it, newest first: final releases, or
     * pre-releases too when a requirement names one or no final release fits; yanked ones only for an exact pin.
     */
    private List<Candidate> matching(String name, List<State.Constraint> constraints) throws IOException {
        boolean pre = constraints.stream().anyMatch(k -> k.requirement().specifier().mentionsPrerelease());
        boolean exact = constraints.stream().anyMatch(k -> k.requirement().specifier().specifiers().stream()
                .anyMatch(s -> s.operator() == Specifier.Operator.ARBITRARY
                        || s.operator() == Specifier.Operator.EQUAL && !s.isWildcard()));
        List<Candidate> all = new ArrayList<>();
        for (Candidate c : provider.candidates(name)) {
            if ((!c.yanked() || exact) && constraints.stream()
                    .allMatch(k -> k.requirement().specifier().contains(c.version(), true))) {
                all.add(c);
            }
        }
        List<Candidate> finals = all.stream().filter(c -> !c.version().isPrerelease()).toList();
        return pre || finals.isEmpty() ? all : finals;
    }

    /** The next project to decide: one with requirements and no candidate chosen; exact pins, then shallow. */
    private static String next(State state) {
        return state.constraints.keySet().stream().filter(n -> !state.pins.containsKey(n))
                .min(Comparator.comparingInt((String n) -> pinned(state, n) ? 0 : 1)
                        .thenComparingInt(state::depth).thenComparing(n -> n))
                .orElse(null);
    }

    private static boolean pinned(State state, String name) {
        return state.constraints(name).stream().anyMatch(k -> k.requirement().specifier().specifiers().stream()
                .anyMatch(s -> s.operator() == Specifier.Operator.EQUAL && !s.isWildcard()));
    }

    private boolean applies(Requirement r, Set<String> extras, String who) throws PyzException {
        try {
            return r.appliesToAll(environments, extras);
        } catch (IllegalArgumentException e) {
            throw new PyzException(who + ": the requirement " + r + " cannot be evaluated for the target: "
                    + e.getMessage(), e);
        }
    }
}

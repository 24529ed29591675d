package dev.pyz.app;

import dev.pyz.PyzException;
import dev.pyz.cache.PackedWheel;
import dev.pyz.requirement.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks at build time that every wheel can run on the declared target: one of its tags fits the
 * target's Python and platform, and its {@code Requires-Python} admits the target's Python. The error
 * lists every wheel that does not fit, and why.
 */
public final class TargetCheck {
    private TargetCheck() {}

    /** Why each wheel does not fit, one line per wheel; empty when all fit. */
    public static List<String> problems(List<PackedWheel> wheels, Target target) throws PyzException {
        List<String> problems = new ArrayList<>();
        for (PackedWheel w : wheels) {
            List<String> reasons = new ArrayList<>();
            List<String> tags = w.tags();
            if (tags.stream().noneMatch(target::fitsTag)) {
                reasons.add("built for " + String.join(", ", tags));
            }
            if (w.requiresPython().isPresent()) {
                String spec = w.requiresPython().get();
                try {
                    if (!target.fitsRequiresPython(spec)) {
                        reasons.add("Requires-Python " + spec);
                    }
                } catch (IllegalArgumentException e) {
                    reasons.add("unreadable Requires-Python '" + spec + "' (" + e.getMessage() + ")");
                }
            }
            if (!reasons.isEmpty()) {
                problems.add(w.fileName() + ": " + String.join("; ", reasons));
            }
        }
        return problems;
    }

    /** Fails with every wheel that does not fit the target. */
    public static void check(List<PackedWheel> wheels, Target target) throws PyzException {
        List<String> problems = problems(wheels, target);
        if (!problems.isEmpty()) {
            throw new PyzException(problems.size() + " wheel(s) cannot run on the target, " + target + ":\n  "
                    + String.join("\n  ", problems) + "\nUse wheels built for the target, or change targetPython,"
                    + " targetPlatform or targetMachine.");
        }
    }
}

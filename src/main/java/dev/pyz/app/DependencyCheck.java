package dev.pyz.app;

import dev.pyz.Log;
import dev.pyz.PyzException;
import dev.pyz.cache.PackedWheel;
import dev.pyz.requirement.Closure;
import dev.pyz.requirement.Distribution;
import dev.pyz.requirement.Target;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks that the bundled wheels satisfy each other's {@code Requires-Dist} for the target, as
 * {@code pip check} does for an environment, from what the pack cache recorded of each wheel's METADATA.
 */
public final class DependencyCheck {
    /** What an unmet or conflicting requirement does to the build. */
    public enum Mode {
        FAIL, WARN, OFF
    }

    private DependencyCheck() {}

    /** The bundled distributions with their requirements, as packing read them from each wheel's METADATA. */
    public static List<Distribution> distributions(List<PackedWheel> wheels) {
        List<Distribution> result = new ArrayList<>();
        for (PackedWheel w : wheels) {
            result.add(new Distribution(w.name(), w.version(), w.requirements().requiresDist(),
                    w.requirements().providesExtra(), w.fileName()));
        }
        return result;
    }

    /** Runs the check; fails ({@link Mode#FAIL}) or warns with every problem listed, like pip check. */
    public static Closure run(List<PackedWheel> wheels, Target target, Mode mode, Log log) throws IOException {
        Closure closure = Closure.check(distributions(wheels), target);
        closure.problems(Closure.Kind.DUPLICATE, Closure.Kind.UNKNOWN_EXTRA).forEach(p -> log.warn(p.message()));
        List<Closure.Problem> unmet = closure.problems(Closure.Kind.NOT_BUNDLED, Closure.Kind.CONFLICT);
        if (unmet.isEmpty()) {
            log.debug("Every Requires-Dist of the " + wheels.size() + " wheel(s) is met for " + target);
            return closure;
        }
        String list = unmet.stream().map(p -> "  " + p.message()).collect(Collectors.joining("\n"));
        String message = unmet.size() + " requirement(s) of the bundled wheels are not met for " + target + ":\n" + list
                + "\nAdd the missing wheels as dependencies (or fix their versions); pyz:tree shows the graph;"
                + " -Dpyz.dependencyCheck=warn builds anyway.";
        if (mode == Mode.FAIL) {
            throw new PyzException(message);
        }
        log.warn(message);
        return closure;
    }
}

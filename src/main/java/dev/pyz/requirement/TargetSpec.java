package dev.pyz.requirement;

import java.util.Optional;

/**
 * The target as the build declares it: the Python version when one is given, and the platform and
 * machine (this machine's unless given). Without a declared version, the build targets the version of
 * the interpreter it found ({@link #resolve}).
 */
public record TargetSpec(Optional<PythonVersion> python, String platform, String machine) {
    public TargetSpec {
        platform = platform == null || platform.isBlank() ? Target.hostPlatform() : platform.strip();
        machine = machine == null || machine.isBlank() ? Target.hostMachine() : machine.strip();
    }

    /** The declared version, else {@code interpreter}'s; empty when neither is known. */
    public Optional<Target> resolve(Optional<PythonVersion> interpreter) {
        return python.or(() -> interpreter).map(v -> new Target(v, platform, machine));
    }

    @Override
    public String toString() {
        return "CPython " + python.map(PythonVersion::toString).orElse("(the interpreter's)") + " on " + platform + " "
                + machine;
    }
}

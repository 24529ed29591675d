package dev.pyz.app;

import dev.pyz.cache.WheelInput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code pyz:zipapp} builds from, besides the wheels: built and validated once by
 * {@link SettingsBuilder}, so that every step reads a checked value.
 *
 * @param pack packing, bytecode and the declared target
 * @param output the {@code .pyz} to write
 * @param shebang the first line, {@code #!...}
 * @param sources the project's own Python sources: the folder, when it is there, and which of its files
 * @param main {@code pkg.module} or {@code pkg.module:function}
 * @param script a console script, or an executable of a wheel's scripts folder
 * @param project the project's coordinates, for the manifest
 * @param plugin the plugin's name and version, for the manifest
 * @param timestamp the time of the project's own entries (reproducible builds)
 * @param dependencyCheck what an unmet {@code Requires-Dist} does
 * @param allowConflicts whether files installed by two wheels are only a warning
 * @param extraction which wheels reach the disk at run time, and which files stay in the archive
 * @param isolation whether the app sees the interpreter's own site-packages
 * @param forceCreation build even when nothing changed
 * @param stateFile where the last build's fingerprint is kept
 * @param spare where the archive a build replaced is kept for the next build to write into
 * @param reuseSpace whether it is kept ({@link dev.pyz.SpareFile})
 */
public record ZipappSettings(PackSettings pack, Path output, String shebang, SourceTree.Selection sources,
        Optional<String> main, Optional<String> script, String project, String plugin, Optional<Instant> timestamp,
        DependencyCheck.Mode dependencyCheck, boolean allowConflicts, Extraction extraction, Isolation isolation,
        boolean forceCreation, Path stateFile, Path spare, boolean reuseSpace) {

    /**
     * Which wheels reach the disk at run time: those with native code or that the build finds not
     * zip-safe, plus {@code extractWheels}, minus {@code zipSafeWheels}; {@code exclude} lists glob patterns
     * of files extraction leaves in the archive. Names are normalized (PEP 503), patterns stripped, all sorted.
     */
    public record Extraction(List<String> extractWheels, List<String> zipSafeWheels, List<String> exclude) {
        // written out: the generated toString bootstraps method handles on its first call (dozens of classes
        // spun), a cost every build would pay for the up-to-date check
        @Override
        public String toString() {
            return "Extraction[extractWheels=" + extractWheels + ", zipSafeWheels=" + zipSafeWheels + ", exclude="
                    + exclude + "]";
        }
    }

    /**
     * What the app sees of the interpreter's own {@code site-packages} (user and system, and what their
     * {@code .pth} files add): {@code FALSE} nothing (the default: only the bundled wheels and the standard
     * library), {@code PREFER} them before the bundled wheels, {@code FALLBACK} after them. The environment
     * variable {@code PYZ_INHERIT_PATH} overrides it at run time.
     */
    public enum Isolation { FALSE, PREFER, FALLBACK }

    /**
     * What the output depends on, besides the wheels' and sources' file metadata: every setting that changes
     * the bytes written, and the bytecode interpreter's identity. Not the thread count (the output does not
     * depend on it), nor where the cache is.
     */
    String key() throws IOException {
        return String.join("|", "shebang " + shebang, "main " + main.orElse(""), "script " + script.orElse(""),
                "project " + project, "time " + timestamp.map(Instant::toString).orElse(""),
                "sources " + sources,
                "target " + pack.target().python().map(Object::toString).orElse("") + " " + pack.target().platform()
                        + " " + pack.target().machine(),
                "bytecode " + pack.bytecode().mode() + " " + pack.bytecode().executableName(pack.target().python())
                        + " " + pack.bytecode().identity(pack.target().python()),
                "verify " + pack.verifyRecord() + " " + pack.limits(), "check " + dependencyCheck,
                "conflicts " + allowConflicts, "extract " + extraction, "isolation " + isolation);
    }

    /** The fingerprint of this build's inputs, for {@link BuildState}. */
    String fingerprint(List<WheelInput> wheels) throws IOException {
        return BuildState.fingerprint(wheels, sources, plugin, key());
    }
}

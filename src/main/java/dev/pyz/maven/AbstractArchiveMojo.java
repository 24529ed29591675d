package dev.pyz.maven;

import dev.pyz.app.SettingsBuilder;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What the goals that build an archive of the wheels share (the app's {@code .pyz}, the tests' archive):
 * the checks across the wheels, what is extracted at run time, and the project named in the manifest.
 */
abstract class AbstractArchiveMojo extends AbstractPackingMojo {
    /**
     * Accept files installed by more than one wheel (the first wheel on sys.path wins) with a warning,
     * instead of failing the build with the list of them.
     */
    @Parameter(property = "pyz.allowConflicts", defaultValue = "false")
    private boolean allowConflicts;

    /**
     * Whether the bundled wheels must satisfy each other's {@code Requires-Dist} (PEP 508 markers
     * evaluated for the target): {@code fail} lists what is missing or conflicting, like
     * {@code pip check}, and fails the build; {@code warn} logs the list; {@code off} skips the check.
     * The target Python is {@code targetPython}, else the bytecode interpreter's version.
     */
    @Parameter(property = "pyz.dependencyCheck", defaultValue = "fail")
    private String dependencyCheck;

    /**
     * Distributions (by name) to extract to disk at run time although they hold no native code, for
     * packages that are not zip-safe (they open their own files with {@code open()} next to
     * {@code __file__}, for example). Wheels with native code are always extracted.
     */
    @Parameter(property = "pyz.extractWheels")
    private List<String> extractWheels;

    /**
     * Distributions (by name) to import straight from the archive although the build would extract them
     * because it found code that reads files beside its modules (see {@code extractWheels}): for wheels you
     * know to work from a zip. A wheel with native code cannot be named here.
     */
    @Parameter(property = "pyz.zipSafeWheels")
    private List<String> zipSafeWheels;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    /**
     * The shared parameters, with the checks across the wheels, what is extracted (and the files that
     * extraction leaves in the archive: {@code extractExclude}) and the project's coordinates.
     */
    protected SettingsBuilder archiveSettings(List<String> extractExclude) {
        return settings().project(project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion(),
                        pluginVersion)
                .dependencyCheck(dependencyCheck).allowConflicts(allowConflicts)
                .extraction(extractWheels, zipSafeWheels, extractExclude);
    }
}

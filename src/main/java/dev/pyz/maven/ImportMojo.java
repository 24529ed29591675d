package dev.pyz.maven;

import dev.pyz.PyzException;
import dev.pyz.importer.Wheelhouse;
import dev.pyz.requirement.Target;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Installs a folder of wheels (for instance what {@code pip download} wrote) into the local repository
 * under the coordinate convention, each with a generated POM (packaging {@code whl}; name, description,
 * license and home page from METADATA) whose dependencies mirror {@code Requires-Dist}: a requirement
 * whose markers hold for the target and that a wheel of the folder satisfies becomes a {@code whl}
 * dependency; the others are listed in the log and in a comment of the POM. Prints the
 * {@code <dependency>} elements to paste. Needs no project:
 * {@code mvn dev.pyz:pyz-maven-plugin:import -Dpyz.wheels=DIR -Dpyz.targetPython=3.12}.
 */
@Mojo(name = "import", requiresProject = false, threadSafe = true)
public class ImportMojo extends AbstractMojo {
    /** The folder of wheels to import. */
    @Parameter(property = "pyz.wheels", required = true)
    private File wheels;

    /** The groupId of the imported wheels. */
    @Parameter(property = "pyz.groupId", defaultValue = "pypi")
    private String groupId;

    /** The Python version markers are evaluated for ({@code 3.12}). */
    @Parameter(property = "pyz.targetPython")
    private String targetPython;

    /** The target's {@code sys.platform}; default: this machine's. */
    @Parameter(property = "pyz.targetPlatform")
    private String targetPlatform;

    /** The target's {@code platform.machine()}; default: this machine's. */
    @Parameter(property = "pyz.targetMachine")
    private String targetMachine;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try {
            if (targetPython == null || targetPython.isBlank()) {
                throw new PyzException("pyz:import needs the Python version the wheels are for, to evaluate their"
                        + " Requires-Dist markers: -Dpyz.targetPython=3.12 (for example)");
            }
            Target target = Target.of(targetPython.strip(), targetPlatform, targetMachine);
            Wheelhouse house = Wheelhouse.scan(wheels.toPath());
            List<Wheelhouse.Import> imports = house.plan(groupId, target.environment());
            Path repository = session.getRepositorySession().getLocalRepository().getBasedir().toPath();
            Wheelhouse.install(imports, repository);
            int unmet = 0;
            for (Wheelhouse.Import i : imports) {
                getLog().info("Installed " + i.coordinates() + " with " + i.dependencies().size() + " wheel dependenc"
                        + (i.dependencies().size() == 1 ? "y" : "ies"));
                for (Wheelhouse.Unmet u : i.unmet()) {
                    getLog().warn(i.coordinates() + ": not a dependency: " + u);
                    unmet++;
                }
            }
            getLog().info(String.format("Imported %d wheel(s) from %s into %s for %s%s", imports.size(), wheels,
                    repository, target, unmet == 0 ? "" : "; " + unmet + " requirement(s) not in the folder (listed above)"));
            getLog().info("Add to your POM (the rest comes through the wheels' POMs):\n"
                    + Wheelhouse.dependencyBlock(Wheelhouse.roots(imports)));
        } catch (IOException e) {
            if (e instanceof PyzException) {
                throw new MojoFailureException(e.getMessage(), e);
            }
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}

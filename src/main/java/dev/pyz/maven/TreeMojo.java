package dev.pyz.maven;

import dev.pyz.cache.WheelInput;
import dev.pyz.requirement.Closure;
import dev.pyz.requirement.DependencyTree;
import dev.pyz.requirement.Distribution;
import dev.pyz.requirement.Target;
import dev.pyz.wheel.CoreMetadata;
import dev.pyz.wheel.MetadataReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Prints the graph of the project's wheels as their METADATA declares it ({@code Requires-Dist}, markers
 * evaluated for the target): each wheel with its version and the requirement that pulled it, then what
 * is missing or conflicting. Reads only each wheel's METADATA. The target Python is {@code targetPython},
 * else the version of the {@code python} interpreter.
 */
@Mojo(name = "tree", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class TreeMojo extends AbstractPyzMojo {
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping pyz:tree (pyz.skip)");
            return;
        }
        try {
            List<Distribution> dists = new ArrayList<>();
            for (WheelInput input : wheelInputs()) {
                CoreMetadata m = MetadataReader.wheel(input.file());
                dists.add(new Distribution(m.get("Name").orElse(input.file().getFileName().toString()),
                        m.get("Version").orElse("?"), m.getAll("Requires-Dist"), m.getAll("Provides-Extra"),
                        input.origin()));
            }
            Target target = Target.of(targetPythonOrInterpreter(), targetPlatform, targetMachine);
            Closure closure = Closure.check(dists, target.environment());
            getLog().info("Wheels of " + project.getId() + " for " + target + ":");
            DependencyTree.lines(closure).forEach(getLog()::info);
            if (closure.problems().isEmpty()) {
                getLog().info("Every requirement is met.");
            } else {
                closure.problems().forEach(p -> getLog().warn(p.message()));
            }
        } catch (IOException e) {
            rethrow(e);
        }
    }
}

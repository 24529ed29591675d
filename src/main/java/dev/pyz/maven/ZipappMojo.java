package dev.pyz.maven;

import dev.pyz.app.Packager;
import dev.pyz.app.SettingsBuilder;
import dev.pyz.app.ZipappBuilder;
import dev.pyz.app.ZipappSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Builds the project's executable zipapp: every wheel dependency (packed once into the cache), the
 * project's Python sources, a bootstrap and a manifest, behind a shebang line; and attaches it to the
 * project (type {@code pyz}) so that {@code install} and {@code deploy} carry it.
 */
@Mojo(name = "zipapp", defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class ZipappMojo extends AbstractArchiveMojo {
    /** What runs: {@code pkg.module} (like {@code python -m}) or {@code pkg.module:function} (its return value is the exit status). */
    @Parameter(property = "pyz.main")
    private String main;

    /** What runs, instead of {@code main}: the name of a console script declared by a bundled wheel. */
    @Parameter(property = "pyz.script")
    private String script;

    /** The first line of the file, which makes it executable. */
    @Parameter(property = "pyz.shebang", defaultValue = ZipappBuilder.DEFAULT_SHEBANG)
    private String shebang;

    /**
     * The project's own Python sources, placed at the root of the archive. A {@code __main__.py} here is
     * the entry point when neither {@code main} nor {@code script} is set.
     */
    @Parameter(property = "pyz.sourceDirectory", defaultValue = "${project.basedir}/src/main/python")
    private File sourceDirectory;

    /**
     * Which files of {@code sourceDirectory} go into the archive, as Ant patterns relative to it
     * ({@code **} for any folders, {@code *} within a name), as maven-jar-plugin's {@code includes}: all
     * of them when empty. A pattern that selects nothing is warned about.
     */
    @Parameter(property = "pyz.sourceIncludes")
    private List<String> sourceIncludes;

    /** Files of {@code sourceDirectory} left out, as Ant patterns ({@code **}{@code /tests/**}, {@code **}{@code /*.md}). */
    @Parameter(property = "pyz.sourceExcludes")
    private List<String> sourceExcludes;

    /**
     * Leave out what Maven leaves out of every archive ({@code .git}, {@code .svn}, {@code .DS_Store},
     * editor backups such as {@code *~} and {@code #*#}). Bytecode ({@code __pycache__}, {@code *.pyc}) is
     * left out in any case: the build compiles the sources for the target.
     */
    @Parameter(property = "pyz.addDefaultExcludes", defaultValue = "true")
    private boolean addDefaultExcludes;

    /** Where the zipapp is written. */
    @Parameter(property = "pyz.outputDirectory", defaultValue = "${project.build.directory}", required = true)
    private File outputDirectory;

    /** The zipapp's file name without the {@code .pyz} extension (a classifier is appended). */
    @Parameter(property = "pyz.finalName", defaultValue = "${project.build.finalName}", required = true)
    private String finalName;

    /** Classifier of the attached artifact, also appended to the file name as {@code -classifier}. */
    @Parameter(property = "pyz.classifier")
    private String classifier;

    /** Attach the zipapp to the project, so that {@code install} and {@code deploy} carry it. */
    @Parameter(property = "pyz.attach", defaultValue = "true")
    private boolean attach;

    /** Timestamp of the project's own entries (reproducible builds): ISO-8601 or seconds since the epoch. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /** Build the zipapp even when no input changed since the last build. */
    @Parameter(property = "pyz.forceCreation", defaultValue = "false")
    private boolean forceCreation;

    /**
     * Keep the archive a build replaces (in {@code target/pyz-maven-plugin}) as the space the next build writes
     * into: writing over a file's pages is about three times faster than writing a new file and freeing the old
     * one's, for the disk space of one more archive. {@code false} writes every archive into a new file and
     * removes the kept one.
     */
    @Parameter(property = "pyz.reuseSpace", defaultValue = "true")
    private boolean reuseSpace;

    /**
     * Glob patterns of files that extraction at run time leaves in the archive (paths inside a wheel,
     * {@code **} for any folders, {@code *} within a name), for big wheels whose extracted files are
     * mostly never read: {@code tensorflow/include/**} keeps 13,000 C++ headers (267 MB, read only to
     * build custom ops) off the disk. Python never needs them; a package that reads them would not find
     * them.
     */
    @Parameter(property = "pyz.extractExclude")
    private List<String> extractExclude;

    @Component
    private MavenProjectHelper projectHelper;

    /**
     * What the app sees of the interpreter's own site-packages (user and system, and what their {@code .pth}
     * files add): {@code false} (only the bundled wheels and the standard library, as in a fresh virtual
     * environment), {@code prefer} (them before the bundled wheels) or {@code fallback} (after them). The
     * environment variable {@code PYZ_INHERIT_PATH} overrides it at run time.
     */
    @Parameter(property = "pyz.inheritPath", defaultValue = "false")
    private String inheritPath;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping pyz:zipapp (pyz.skip)");
            return;
        }
        try {
            SettingsBuilder builder = archiveSettings(extractExclude)
                    .output(outputDirectory.toPath(), finalName, classifier,
                            Path.of(project.getBuild().getDirectory(), "pyz-maven-plugin"))
                    .shebang(shebang).sources(sourceDirectory == null ? null : sourceDirectory.toPath(), sourceIncludes, sourceExcludes,
                            addDefaultExcludes)
                    .entry(main, script).outputTimestamp(outputTimestamp).inheritPath(inheritPath)
                    .forceCreation(forceCreation).reuseSpace(reuseSpace);
            ZipappSettings settings = builder.zipapp();
            Packager.zipapp(settings, wheelInputs(), log());
            if (attach) {
                builder.classifier().ifPresentOrElse(
                        c -> projectHelper.attachArtifact(project, "pyz", c, settings.output().toFile()),
                        () -> projectHelper.attachArtifact(project, "pyz", settings.output().toFile()));
            }
        } catch (IOException e) {
            rethrow(e);
        }
    }
}

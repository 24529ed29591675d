package dev.pyz.testing;

import dev.pyz.Log;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line that runs the tests: the interpreter, the test archive (a Python interpreter with every
 * wheel importable) and the runner's arguments, with the environment and folder it starts in.
 *
 * @param argv the program and its arguments
 * @param environment variables set for it (over the build's own environment)
 * @param directory where it starts
 */
public record TestCommand(List<String> argv, Map<String, String> environment, Path directory) {
    /** pytest-xdist's options that choose the number of processes: then none is added. */
    private static final Set<String> XDIST_OPTIONS = Set.of("-n", "--numprocesses");

    /**
     * pytest, run as {@code python tests.pyz -m pytest}: the report and cache in the build folder, names
     * relative to the test folder, the test folder or the node ids of {@code filter}, {@code -k} for names, {@code -n auto} when pytest-xdist is
     * bundled (unless the arguments choose), then the user's arguments.
     */
    static TestCommand pytest(TestRun run, Path python, Path archive, boolean xdist) {
        List<String> argv = new ArrayList<>(List.of(python.toString(), archive.toString(), "-m", "pytest",
                "--junitxml=" + run.report(), "-o", "junit_suite_name=" + run.suiteName(),
                "-o", "cache_dir=" + archive.resolveSibling(".pytest_cache"),
                // node ids and the report's class names relative to the test folder (test_core, not src.test...)
                "--rootdir=" + run.testDirectory()));
        if (run.arguments().stream().noneMatch(a -> a.startsWith("--confcutdir"))) {
            argv.add("--confcutdir=" + run.workingDirectory()); // conftest.py files up to the project's folder load
        }
        if (xdist && run.arguments().stream().noneMatch(a -> XDIST_OPTIONS.contains(a.split("=", 2)[0])
                || a.equals("no:xdist") || a.equals("-pno:xdist") || a.startsWith("-n") && a.length() > 2)) {
            argv.addAll(List.of("-n", "auto"));
        }
        List<String> nodes = new ArrayList<>();
        List<String> keywords = new ArrayList<>();
        for (String f : run.filter()) {
            if (f.contains("::") || f.contains("/") || f.endsWith(".py")) {
                nodes.add(node(run, f));
            } else {
                keywords.add(keyword(f));
            }
        }
        if (!keywords.isEmpty()) {
            argv.addAll(List.of("-k", String.join(" or ", keywords)));
        }
        argv.addAll(run.arguments());
        if (nodes.isEmpty()) {
            argv.add(run.testDirectory().toString());
        } else {
            argv.addAll(nodes);
        }
        return new TestCommand(argv, environment(run, python), run.workingDirectory());
    }

    /**
     * A name, {@code Class#method} or glob as a pytest {@code -k} expression, which matches parts of names:
     * {@code Core#test_add} becomes {@code (Core and test_add)}, {@code test_*_add} {@code (test_ and _add)}.
     */
    private static String keyword(String filter) {
        List<String> parts = new ArrayList<>();
        for (String p : filter.split("[#*?]+")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(" and ", parts) + ")";
    }

    /** unittest discovery of the test folder through the plugin's runner script, which writes the report. */
    static TestCommand unittest(TestRun run, Path python, Path archive, Path script) {
        List<String> argv = new ArrayList<>(List.of(python.toString(), archive.toString(), script.toString(),
                run.testDirectory().toString(), run.report().toString(), run.suiteName()));
        for (String f : run.filter()) {
            argv.addAll(List.of("--filter", f));
        }
        return new TestCommand(argv, environment(run, python), run.workingDirectory());
    }

    /**
     * A node id or path of {@code -Dtest}, as written when it names something from the project's folder, else
     * taken from the test folder ({@code test_core.py::test_add} means {@code src/test/python/test_core.py}).
     */
    private static String node(TestRun run, String id) {
        String path = id.split("::", 2)[0];
        if (Files.exists(run.workingDirectory().resolve(path)) || !Files.exists(run.testDirectory().resolve(path))) {
            return id;
        }
        return run.testDirectory().resolve(path) + id.substring(path.length());
    }

    /**
     * The sources and the test folder first on the unit tests' path; for integration tests an empty
     * {@code PYTHONPATH}, which the app they start inherits, so that it runs what it ships (pytest and the
     * unittest runner put the test folder on the tests' own path); bytecode not written into the project,
     * output not buffered (it is logged line by line); for integration tests {@code PYZ_APP} naming the
     * archive under test and {@code PYZ_PYTHON} the interpreter to start it with (inside the tests,
     * {@code sys.executable} is the tests' own environment).
     */
    private static Map<String, String> environment(TestRun run, Path python) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> path = new ArrayList<>();
        if (run.app().isEmpty()) {
            run.sourceDirectory().ifPresent(s -> path.add(s.toString()));
            path.add(run.testDirectory().toString());
        }
        env.put("PYTHONPATH", String.join(File.pathSeparator, path));
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONIOENCODING", "utf-8");
        run.app().ifPresent(a -> {
            env.put("PYZ_APP", a.toString());
            env.put("PYZ_PYTHON", python.toString());
        });
        return env;
    }

    /** Runs it, logging each line of its output; returns its exit status. */
    int run(Log log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(directory.toFile()).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p = pb.start();
        p.getOutputStream().close();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                log.info(line);
            }
        }
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the tests ran", e);
        }
    }
}

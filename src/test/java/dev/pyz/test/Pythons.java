package dev.pyz.test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CPython interpreters on this machine, by minor version: {@code python3.X} on the PATH when it
 * really runs (pyenv shims exist for versions that are not selected and fail), pyenv's versions
 * folder, and the usual system locations.
 */
public final class Pythons {
    public static final List<String> SUPPORTED = List.of("3.8", "3.9", "3.10", "3.11", "3.12", "3.13");
    private static Map<String, Optional<Path>> found;

    private Pythons() {}

    /** The interpreter for {@code minor} ("3.11"), if this machine has one that runs. */
    public static synchronized Optional<Path> find(String minor) {
        if (found == null) {
            found = new LinkedHashMap<>();
        }
        return found.computeIfAbsent(minor, Pythons::search);
    }

    /** Some python3 that runs: the one on the PATH first, else the newest supported one found. */
    public static Optional<Path> any() {
        Optional<Path> onPath = candidateOnPath("python3").filter(p -> version(p).isPresent());
        if (onPath.isPresent()) {
            return onPath;
        }
        for (int i = SUPPORTED.size() - 1; i >= 0; i--) {
            Optional<Path> p = find(SUPPORTED.get(i));
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> search(String minor) {
        List<Path> candidates = new ArrayList<>();
        candidateOnPath("python" + minor).ifPresent(candidates::add);
        String pyenv = System.getenv().getOrDefault("PYENV_ROOT", System.getProperty("user.home") + "/.pyenv");
        Path versions = Path.of(pyenv, "versions");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> list = Files.list(versions)) {
                list.filter(v -> v.getFileName().toString().matches(java.util.regex.Pattern.quote(minor) + "(\\.\\d+)?"))
                        .sorted()
                        .forEach(v -> candidates.add(v.resolve("bin").resolve("python" + minor)));
            } catch (IOException e) {
                // no pyenv versions to offer
            }
        }
        candidates.add(Path.of("/usr/bin/python" + minor));
        candidates.add(Path.of("/usr/local/bin/python" + minor));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate) && version(candidate).map(v -> v.equals(minor)).orElse(false)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> candidateOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** "3.11" for an interpreter that runs, else empty. */
    static Optional<String> version(Path python) {
        try {
            Process p = new ProcessBuilder(python.toString(), "-c",
                    "import sys; print('%d.%d' % sys.version_info[:2])").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return out.matches("\\d+\\.\\d+") ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

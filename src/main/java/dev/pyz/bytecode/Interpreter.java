package dev.pyz.bytecode;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A Python interpreter as the bytecode compiler sees it: the executable, and what its pycs are tied to
 * (the bytecode magic number and the cache tag, e.g. {@code cpython-311}).
 */
public record Interpreter(Path executable, String magic, String cacheTag, String version, String implementation) {

    // written out: the generated equals bootstraps method handles on its first call (dozens of classes
    // spun), a cost every build would pay for one comparison
    @Override
    public boolean equals(Object o) {
        return o instanceof Interpreter i && Objects.equals(executable, i.executable) && Objects.equals(magic, i.magic)
                && Objects.equals(cacheTag, i.cacheTag) && Objects.equals(version, i.version)
                && Objects.equals(implementation, i.implementation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(executable, magic, cacheTag, version, implementation);
    }

    /** "CPython 3.11.7 at /usr/bin/python3", for messages. */
    public String describe() {
        return ("cpython".equals(implementation) ? "CPython" : implementation) + " " + version + " at " + executable;
    }

    /** The version as the target's type: {@code 3.11.7}. */
    public dev.pyz.requirement.PythonVersion pythonVersion() {
        String[] parts = version.split("\\.");
        try {
            return dev.pyz.requirement.PythonVersion.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]));
        } catch (RuntimeException e) {
            throw new IllegalStateException(executable + " reports the version '" + version + "'", e);
        }
    }

    /** The major.minor version, e.g. "3.11". */
    public String minorVersion() {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }

    /**
     * The executable named {@code name}: a path when it contains a separator, else the first executable
     * file of that name on {@code path} (the PATH variable's value).
     */
    public static Optional<Path> find(String name, String path) {
        if (name.contains("/") || name.contains(File.separator)) {
            Path p = Path.of(name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String suffix : File.separatorChar == '\\' ? new String[] {".exe", ""} : new String[] {""}) {
                Path candidate = Path.of(dir, name + suffix);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }
}

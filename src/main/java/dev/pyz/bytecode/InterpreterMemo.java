package dev.pyz.bytecode;

import dev.pyz.AtomicFiles;
import dev.pyz.KeyValues;
import dev.pyz.cache.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What each interpreter answered the last time a build started it (magic number, cache tag, version,
 * implementation), by executable path and working folder (a version manager's shim may start another
 * interpreter in another project): {@code <pack cache>/interpreters/<sha256 of both>}, one small file each.
 * A build assumes the same answer while the interpreter starts, and checks it once it has (see
 * {@link StartingCompiler#assumed}); a wrong memo costs time, never a wrong archive. Nothing here fails a
 * build: a memo that cannot be read is no memo, one that cannot be written is not written.
 */
final class InterpreterMemo {
    private final Path dir;
    private final String workingFolder;

    InterpreterMemo(Path dir, String workingFolder) {
        this.dir = dir;
        this.workingFolder = workingFolder;
    }

    /** The memo folder under a pack cache root, for builds started in this JVM's working folder. */
    static InterpreterMemo under(Path cacheRoot) {
        return new InterpreterMemo(cacheRoot.resolve("interpreters"), System.getProperty("user.dir", ""));
    }

    /** What {@code executable} answered last time, if this memo knows. */
    Optional<Interpreter> remembered(Path executable) {
        Path file = file(executable);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            KeyValues values = KeyValues.read(file);
            if (!executable.toString().equals(values.get("executable"))
                    || !workingFolder.equals(values.get("working_folder")) || values.get("magic") == null
                    || values.get("cache_tag") == null || values.get("version") == null
                    || values.get("implementation") == null) {
                return Optional.empty();
            }
            Interpreter interpreter = new Interpreter(executable, values.get("magic"), values.get("cache_tag"),
                    values.get("version"), values.get("implementation"));
            interpreter.pythonVersion(); // a version it cannot read is no memo either
            return Optional.of(interpreter);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Records what {@code interpreter} answered, unless the memo says so already. */
    void remember(Interpreter interpreter) {
        if (remembered(interpreter.executable()).filter(interpreter::equals).isPresent()) {
            return;
        }
        try {
            StringBuilder s = new StringBuilder();
            KeyValues.append(s, "executable", interpreter.executable().toString());
            KeyValues.append(s, "working_folder", workingFolder);
            KeyValues.append(s, "magic", interpreter.magic());
            KeyValues.append(s, "cache_tag", interpreter.cacheTag());
            KeyValues.append(s, "version", interpreter.version());
            KeyValues.append(s, "implementation", interpreter.implementation());
            AtomicFiles.writeString(file(interpreter.executable()), s.toString());
        } catch (IOException | RuntimeException e) {
            // the next build starts without an assumption, as this one would have without the memo
        }
    }

    private Path file(Path executable) {
        return dir.resolve(Digests.sha256((executable + "\n" + workingFolder).getBytes(StandardCharsets.UTF_8)));
    }
}

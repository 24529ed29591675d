package dev.pyz.app;

import dev.pyz.AtomicFiles;
import dev.pyz.cache.WheelInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

/**
 * Whether a zipapp must be built again, judged from file metadata only (paths, sizes, modification
 * times) and the options: nothing is hashed or read. After a build the fingerprint of its inputs and of
 * the output is recorded; the next build with the same fingerprint, whose output is still the file it
 * wrote, has nothing to do.
 */
public final class BuildState {
    private final Path stateFile;

    public BuildState(Path stateFile) {
        this.stateFile = stateFile;
    }

    /**
     * The inputs' fingerprint: the plugin, the settings ({@code key}, every one that changes the output),
     * then every wheel and source file with size and time.
     */
    public static String fingerprint(List<WheelInput> wheels, SourceTree.Selection sources, String plugin,
            String key)
            throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("plugin ").append(plugin).append('\n');
        s.append("settings ").append(key.replace('\n', ' ')).append('\n');
        for (WheelInput w : wheels) {
            s.append("wheel ").append(stat(w.file())).append('\n');
        }
        for (Map.Entry<String, Path> e : SourceTree.scan(sources).entries().entrySet()) {
            s.append("source ").append(e.getKey());
            if (e.getValue() != null) {
                s.append(' ').append(stat(e.getValue()));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** True when the last build recorded this fingerprint and its output is unchanged since. */
    public boolean isUpToDate(String fingerprint, Path output) throws IOException {
        if (!Files.isRegularFile(stateFile) || !Files.isRegularFile(output)) {
            return false;
        }
        String recorded = Files.readString(stateFile, StandardCharsets.UTF_8);
        return recorded.equals(fingerprint + "output " + stat(output) + "\n");
    }

    public void record(String fingerprint, Path output) throws IOException {
        AtomicFiles.writeString(stateFile, fingerprint + "output " + stat(output) + "\n");
    }

    public void forget() throws IOException {
        Files.deleteIfExists(stateFile);
    }

    private static String stat(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return file.toAbsolutePath() + " " + a.size() + " " + a.lastModifiedTime().toMillis();
    }
}

package dev.pyz.cache;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A wheel to pack: the file, what it is called in errors (e.g. its Maven coordinates), and, when it came
 * from coordinates, the name and version those promise, which the wheel's METADATA must match.
 */
public record WheelInput(Path file, String origin, Optional<String> expectedName, Optional<String> expectedVersion) {
    public static WheelInput of(Path file) {
        return new WheelInput(file, file.toString(), Optional.empty(), Optional.empty());
    }
}

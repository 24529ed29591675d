package dev.pyz.resolve;

import dev.pyz.index.IndexFile;
import dev.pyz.requirement.Version;

/**
 * One version of a project the resolver may choose, with the wheel of that version that suits the target
 * best.
 *
 * @param name the normalized project name
 */
public record Candidate(String name, Version version, IndexFile file) {
    public boolean yanked() {
        return file.yanked().isPresent();
    }

    /** {@code name version}, as pip writes a candidate. */
    @Override
    public String toString() {
        return name + " " + version;
    }
}

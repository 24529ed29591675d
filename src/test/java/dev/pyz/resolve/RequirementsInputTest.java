package dev.pyz.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pyz.PyzException;
import dev.pyz.requirement.Requirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequirementsInputTest {
    @TempDir
    Path dir;

    private static List<String> split(String text) {
        return RequirementsInput.split(text).stream().map(Requirement::toString).toList();
    }

    @Test
    void aCommaStartsANewRequirementOnlyWhenANameFollows() {
        assertEquals(List.of("numpy>=2,<3", "requests[socks,security]", "six; python_version < \"3, or so\""),
                split("numpy>=2,<3, requests[socks,security],six; python_version < '3, or so'"));
        assertEquals(List.of("a==1", "b>=1,!=2"), split("a==1\n\n  b>=1, !=2\n"));
    }

    @Test
    void aBadRequirementIsQuoted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> split("good, bad>=>1"));
        assertEquals("'bad>=>1': ", e.getMessage().substring(0, "'bad>=>1': ".length()));
    }

    @Test
    void readsARequirementsFileWithHashesAndContinuations() throws IOException {
        Path file = dir.resolve("requirements.txt");
        Files.writeString(file, """
                # a comment
                Six==1.17.0 \\
                    --hash=sha256:AB01 \\
                    --hash=sha256:cd02
                numpy>=2  # trailing comment
                """);
        RequirementsInput in = RequirementsInput.read(file);
        assertEquals(List.of("Six==1.17.0", "numpy>=2"), in.requirements().stream().map(Requirement::toString).toList());
        assertEquals(Map.of("six", List.of("sha256:AB01", "sha256:cd02")), in.hashes());
    }

    @Test
    void pipOptionsAndBadLinesAreNamedWithTheirLine() throws IOException {
        Path file = dir.resolve("r.txt");
        Files.writeString(file, "six\n-r other.txt\n");
        PyzException option = assertThrows(PyzException.class, () -> RequirementsInput.read(file));
        assertEquals(file + ":2: '-r other.txt' is a pip option this goal does not read; give indexes with the goal's"
                + " indexes parameter and list requirements one per line", option.getMessage());
        Files.writeString(file, "six\n\nsix>>1\n");
        PyzException bad = assertThrows(PyzException.class, () -> RequirementsInput.read(file));
        assertEquals(file + ":3: ", bad.getMessage().substring(0, (file + ":3: ").length()));
        PyzException missing = assertThrows(PyzException.class, () -> RequirementsInput.read(dir.resolve("none.txt")));
        assertEquals(dir.resolve("none.txt") + ": no such requirements file", missing.getMessage());
    }
}

package dev.pyz.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tags and their order against what packaging.tags (pip) computes: src/test/resources/tags/generate.py. */
class TagPriorityTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "cp311-glibc2.28-x86_64, 3.11, linux, x86_64, manylinux_2_28",
            "cp312-glibc2.31-aarch64, 3.12, linux, aarch64, manylinux_2_31",
            "cp39-musl1.2-x86_64, 3.9, linux, x86_64, musllinux_1_2",
            "cp312-macos14-arm64, 3.12, darwin, arm64, macosx_14_0",
            "cp310-macos12-x86_64, 3.10, darwin, x86_64, macosx_12_0",
            "cp38-macos10.13-x86_64, 3.8, darwin, x86_64, macosx_10_13",
            "cp313-win-amd64, 3.13, win32, x86_64, ''"})
    void ranksEveryTagAsPipOrdersThem(String file, String python, String platform, String machine, String newest)
            throws IOException {
        TagPriority tags = TagPriority.of(new Target(PythonVersion.parse(python), platform, machine),
                Optional.of(newest));
        List<String> expected = read(file);
        long previous = -1;
        for (String tag : expected) {
            OptionalLong rank = tags.rank(tag);
            assertTrue(rank.isPresent(), tag + " is supported by pip for " + file);
            assertTrue(rank.getAsLong() > previous, tag + " comes after the tag before it for " + file);
            previous = rank.getAsLong();
        }
    }

    @ParameterizedTest(name = "{0} not run by {1}")
    @CsvSource({
            "cp311-cp311-manylinux_2_29_x86_64, cp311-glibc2.28-x86_64", "cp311-cp311-musllinux_1_1_x86_64, cp311-glibc2.28-x86_64",
            "cp312-cp312-manylinux_2_17_x86_64, cp311-glibc2.28-x86_64", "cp311-abi3-manylinux_2_17_aarch64, cp311-glibc2.28-x86_64",
            "cp312-abi3-manylinux_2_17_x86_64, cp311-glibc2.28-x86_64", "py312-none-any, cp311-glibc2.28-x86_64",
            "pp310-pypy310_pp73-manylinux_2_17_x86_64, cp311-glibc2.28-x86_64", "py2-none-any, cp311-glibc2.28-x86_64",
            "cp312-cp312-manylinux2010_aarch64, cp312-glibc2.31-aarch64", "cp312-cp312-manylinux_2_12_aarch64, cp312-glibc2.31-aarch64",
            "cp39-cp39-manylinux_2_17_x86_64, cp39-musl1.2-x86_64", "cp39-cp39-musllinux_1_3_x86_64, cp39-musl1.2-x86_64",
            "cp312-cp312-macosx_15_0_arm64, cp312-macos14-arm64", "cp312-cp312-macosx_10_9_x86_64, cp312-macos14-arm64",
            "cp312-cp312-macosx_10_9_arm64, cp312-macos14-arm64", "cp38-cp38-macosx_10_14_x86_64, cp38-macos10.13-x86_64",
            "cp313-cp313-win32, cp313-win-amd64", "cp313-cp313t-win_amd64, cp313-win-amd64"})
    void refusesWhatPipRefuses(String tag, String file) throws IOException {
        String[] f = file.split("-");
        String python = f[0].charAt(2) + "." + f[0].substring(3);
        String platform = f[1].startsWith("glibc") || f[1].startsWith("musl") ? "linux"
                : f[1].startsWith("macos") ? "darwin" : "win32";
        String newest = f[1].startsWith("glibc") ? "manylinux_2_" + f[1].substring(f[1].indexOf('.') + 1)
                : f[1].startsWith("musl") ? "musllinux_1_2" : f[1].startsWith("macos") ? "macosx_"
                + f[1].substring(5).replace('.', '_') + (f[1].contains(".") ? "" : "_0") : "";
        TagPriority tags = TagPriority.of(new Target(PythonVersion.parse(python), platform, f[2]), Optional.of(newest));
        assertEquals(OptionalLong.empty(), tags.rank(tag));
        assertTrue(!read(file).contains(tag), "the fixture agrees");
    }

    @Test
    void withoutANewestTagEveryGlibcIsTakenNewestFirst() {
        TagPriority tags = TagPriority.of(new Target(PythonVersion.parse("3.11"), "linux", "x86_64"), Optional.empty());
        long newer = tags.rank("cp311-cp311-manylinux_2_39_x86_64").orElseThrow();
        long older = tags.rank("cp311-cp311-manylinux_2_28_x86_64").orElseThrow();
        assertTrue(newer < older);
        assertTrue(tags.rank("cp311-cp311-manylinux2014_x86_64").orElseThrow() > older);
        assertEquals(OptionalLong.empty(), tags.rank("cp311-cp311-musllinux_1_2_x86_64"));
    }

    @Test
    void aWheelRanksByItsBestTag() {
        TagPriority tags = TagPriority.of(new Target(PythonVersion.parse("3.11"), "linux", "x86_64"),
                Optional.of("manylinux2014"));
        OptionalLong best = tags.best(List.of("cp311-cp311-manylinux_2_28_x86_64", "cp311-cp311-manylinux2014_x86_64"));
        assertEquals(tags.rank("cp311-cp311-manylinux2014_x86_64"), best);
        assertEquals(OptionalLong.empty(), tags.best(List.of("cp311-cp311-manylinux_2_28_x86_64")));
    }

    @ParameterizedTest(name = "{0} for {1}")
    @CsvSource(delimiter = '|', value = {
            "macosx_11_0 | linux | 'macosx_11_0' is a platform tag of darwin, but the target platform is linux",
            "manylinux_2_28_x86_64 | linux | 'manylinux_2_28_x86_64' is not a platform tag without its machine: write"
                    + " manylinux_2_28 (the target's glibc), musllinux_1_2 (its musl) or macosx_11_0 (its macOS)"})
    void aBadNewestTagIsNamed(String tag, String platform, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TagPriority.of(new Target(PythonVersion.parse("3.11"), platform, "x86_64"), Optional.of(tag)));
        assertEquals(message, e.getMessage());
    }

    private static List<String> read(String file) throws IOException {
        try (InputStream in = TagPriorityTest.class.getResourceAsStream("/tags/" + file + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}

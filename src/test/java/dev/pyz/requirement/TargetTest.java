package dev.pyz.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetTest {
    private static final Target LINUX_311 = new Target(PythonVersion.parse("3.11"), "linux", "x86_64");
    private static final Target MAC_ARM_312 = new Target(PythonVersion.parse("3.12"), "darwin", "arm64");
    private static final Target WIN_38 = new Target(PythonVersion.parse("3.8"), "win32", "x86_64");

    @ParameterizedTest(name = "{0} on linux x86_64 3.11: {1}")
    @CsvSource({
            "py3-none-any, true", "py2-none-any, false", "py311-none-any, true", "py312-none-any, false",
            "py38-none-any, true", "cp311-cp311-manylinux_2_17_x86_64, true", "cp311-cp311-musllinux_1_2_x86_64, true",
            "cp311-cp311-linux_x86_64, true", "cp311-cp311-manylinux2014_aarch64, false",
            "cp312-cp312-manylinux_2_17_x86_64, false", "cp310-cp310-manylinux_2_17_x86_64, false",
            "cp310-abi3-manylinux2014_x86_64, true", "cp312-abi3-manylinux2014_x86_64, false",
            "cp311-none-any, true", "cp311-cp311-win_amd64, false", "cp311-cp311-macosx_11_0_x86_64, false",
            "pp310-pypy310_pp73-manylinux_2_17_x86_64, false", "garbage, false"})
    void linuxTags(String tag, boolean fits) {
        assertEquals(fits, LINUX_311.fitsTag(tag));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
            "cp312-cp312-macosx_14_0_arm64, mac, true", "cp312-cp312-macosx_10_9_universal2, mac, true",
            "cp312-cp312-macosx_10_9_x86_64, mac, false", "cp38-cp38-win_amd64, win, true", "cp38-cp38-win32, win, false",
            "cp38-cp38-manylinux1_x86_64, win, false", "py3-none-any, win, true"})
    void otherPlatforms(String tag, String target, boolean fits) {
        assertEquals(fits, (target.equals("mac") ? MAC_ARM_312 : WIN_38).fitsTag(tag));
    }

    @ParameterizedTest(name = "Requires-Python {0} for {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            ">=3.8 | 3.11 | true", ">=3.12 | 3.11 | false", ">=3.11.2 | 3.11 | true", "<3.11.5 | 3.11 | true",
            "!=3.11.* | 3.11 | false", ">=3.7, <3.11 | 3.11 | false", "~=3.9 | 3.11 | true", ">=3.11.2 | 3.11.1 | false",
            ">=3.11.2 | 3.11.7 | true", ">=2.7, !=3.0.*, !=3.1.* | 3.11 | true"})
    void requiresPython(String spec, String python, boolean fits) {
        assertEquals(fits, new Target(PythonVersion.parse(python), "linux", "x86_64").fitsRequiresPython(spec));
    }

    @org.junit.jupiter.api.Test
    void aBadTargetVersionIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Target(PythonVersion.parse("three"), "linux", "x86_64"));
        assertEquals("'three' is not a Python version: write major.minor, such as 3.12, or major.minor.micro, such as"
                + " 3.12.4", e.getMessage());
    }
}

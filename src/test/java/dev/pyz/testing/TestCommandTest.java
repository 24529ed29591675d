package dev.pyz.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.test.TestSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
    @TempDir
    Path dir;
    Path python;
    Path archive;

    @BeforeEach
    void layout() throws Exception {
        Files.createDirectories(dir.resolve("src/test/python/pkg"));
        Files.createDirectories(dir.resolve("src/main/python"));
        Files.writeString(dir.resolve("src/test/python/test_core.py"), "");
        python = Path.of("/usr/bin/python3");
        archive = dir.resolve("target/pyz-test/tests.pyz");
    }

    private TestRun run(String filter, List<String> arguments) throws Exception {
        return new TestRunBuilder(TestSettings.builder(dir.resolve("cache")), TestRun.Mode.UNIT, dir, dir.resolve("target"),
                "app").testDirectory(dir.resolve("src/test/python")).sourceDirectory(dir.resolve("src/main/python"))
                .filter(filter).arguments(arguments).build();
    }

    @Test
    void pytestRunsTheTestFolderFromTheArchiveWithTheReportAndCacheInTarget() throws Exception {
        TestCommand c = TestCommand.pytest(run(null, List.of("-x")), python, archive, false);
        assertEquals(List.of("/usr/bin/python3", archive.toString(), "-m", "pytest",
                "--junitxml=" + dir.resolve("target/surefire-reports/TEST-app.xml"), "-o", "junit_suite_name=app",
                "-o", "cache_dir=" + dir.resolve("target/pyz-test/.pytest_cache"),
                "--rootdir=" + dir.resolve("src/test/python"), "--confcutdir=" + dir, "-x",
                dir.resolve("src/test/python").toString()), c.argv());
        assertEquals(dir, c.directory());
        assertEquals(dir.resolve("src/main/python") + File.pathSeparator + dir.resolve("src/test/python"),
                c.environment().get("PYTHONPATH"));
        assertEquals("1", c.environment().get("PYTHONDONTWRITEBYTECODE"));
        assertFalse(c.environment().containsKey("PYZ_APP"));
        assertFalse(TestCommand.pytest(run(null, List.of("--confcutdir=/elsewhere")), python, archive, false).argv()
                .contains("--confcutdir=" + dir), "the arguments choose where conftest.py files stop");
    }

    @Test
    void aFilterOfNamesIsKeywordsAndOfNodeIdsIsPositional() throws Exception {
        List<String> argv = TestCommand.pytest(run("test_add, Core#test_sub, test_core*, test_*_add", List.of()), python,
                archive, false).argv();
        int k = argv.indexOf("-k");
        // -k matches parts of names and takes no glob: a glob's literal parts must all match
        assertEquals("test_add or (Core and test_sub) or test_core or (test_ and _add)", argv.get(k + 1));
        assertEquals(dir.resolve("src/test/python").toString(), argv.get(argv.size() - 1));

        argv = TestCommand.pytest(run("test_core.py::test_add,src/test/python/pkg", List.of()), python, archive, false)
                .argv();
        assertFalse(argv.contains("-k"));
        // a node id relative to the test folder is made one that pytest finds from the project's folder
        assertEquals(List.of(dir.resolve("src/test/python/test_core.py") + "::test_add", "src/test/python/pkg"),
                argv.subList(argv.size() - 2, argv.size()));
        assertFalse(argv.contains(dir.resolve("src/test/python").toString()));
    }

    @Test
    void xdistRunsOneWorkerPerCoreUnlessTheArgumentsChoose() throws Exception {
        assertTrue(String.join(" ", TestCommand.pytest(run(null, List.of()), python, archive, true).argv())
                .contains(" -n auto "));
        for (List<String> own : List.of(List.of("-n", "3"), List.of("-n3"), List.of("--numprocesses=2"),
                List.of("-p", "no:xdist"), List.of("-pno:xdist"))) {
            List<String> argv = TestCommand.pytest(run(null, own), python, archive, true).argv();
            assertFalse(String.join(" ", argv).contains("-n auto"), own.toString());
            assertTrue(argv.containsAll(own), own.toString());
        }
        // choosing how tests are spread over workers is not choosing how many
        assertTrue(String.join(" ", TestCommand.pytest(run(null, List.of("--dist", "loadfile")), python, archive, true)
                .argv()).contains(" -n auto "));
    }

    @Test
    void unittestRunsTheRunnerScriptWithTheFilter() throws Exception {
        Path script = dir.resolve("target/pyz-test/pyz_unittest.py");
        TestCommand c = TestCommand.unittest(run("AreaTest#test_x", List.of()), python, archive, script);
        assertEquals(List.of("/usr/bin/python3", archive.toString(), script.toString(),
                dir.resolve("src/test/python").toString(), dir.resolve("target/surefire-reports/TEST-app.xml").toString(),
                "app", "--filter", "AreaTest#test_x"), c.argv());
    }

    @Test
    void integrationTestsGetTheAppAndNotTheSources() throws Exception {
        Path app = Files.writeString(Files.createDirectories(dir.resolve("target")).resolve("app.pyz"), "");
        Files.createDirectories(dir.resolve("src/integration-test/python"));
        TestRun it = new TestRunBuilder(TestSettings.builder(dir.resolve("cache")), TestRun.Mode.INTEGRATION, dir,
                dir.resolve("target"), "app").testDirectory(dir.resolve("src/integration-test/python"))
                .sourceDirectory(dir.resolve("src/main/python")).app(null, List.of(app)).build();
        TestCommand c = TestCommand.pytest(it, python, archive, false);
        assertEquals(app.toString(), c.environment().get("PYZ_APP"));
        assertEquals(python.toString(), c.environment().get("PYZ_PYTHON"));
        // the app the tests start inherits no path: it runs what it ships
        assertEquals("", c.environment().get("PYTHONPATH"));
        assertTrue(c.argv().contains("--junitxml=" + dir.resolve("target/failsafe-reports/TEST-app-it.xml")));
    }
}

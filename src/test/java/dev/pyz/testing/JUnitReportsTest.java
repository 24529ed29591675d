package dev.pyz.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyz.PyzException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitReportsTest {
    @TempDir
    Path dir;

    @Test
    void readsPytestsReportWithEveryOutcome() throws Exception {
        // what pytest 8 writes with --junitxml (a <testsuites> root), shortened
        Path report = Files.writeString(dir.resolve("TEST-app.xml"), """
                <?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="app" errors="1" failures="1"
                skipped="1" tests="5" time="0.251" timestamp="2026-11-29T10:00:00" hostname="h">
                <testcase classname="test_calc" name="test_adds" time="0.001" />
                <testcase classname="test_calc" name="test_fails" time="0.002"><failure message="assert 1 == 2">def
                test_fails(): ...</failure></testcase>
                <testcase classname="test_calc" name="test_skipped" time="0.000"><skipped type="pytest.skip"
                message="later">test_calc.py:20: later</skipped></testcase>
                <testcase classname="" name="test_broken" time="0.000"><error message="collection failure">ImportError
                </error></testcase>
                <testcase classname="test_calc.TestX" name="test_param[1-2]" time="0.010" />
                </testsuite></testsuites>
                """);
        TestSummary s = JUnitReports.read(report);
        assertEquals(5, s.tests());
        assertEquals(1, s.failures());
        assertEquals(1, s.errors());
        assertEquals(1, s.skipped());
        assertEquals(0.251, s.seconds(), 1e-9);
        assertTrue(s.hasFailures());
        assertEquals(List.of(new TestSummary.Failed("test_calc.test_fails", "failure", "assert 1 == 2"),
                new TestSummary.Failed("test_broken", "error", "collection failure")), s.failed());
        assertEquals("Tests run: 5, Failures: 1, Errors: 1, Skipped: 1, Time elapsed: 0.25 s", s.line());
    }

    @Test
    void countsTheCasesNotTheSuitesAttributes() throws Exception {
        Path report = Files.writeString(dir.resolve("r.xml"), "<testsuite name=\"x\" tests=\"99\" failures=\"7\">"
                + "<testcase classname=\"a\" name=\"b\"/></testsuite>");
        TestSummary s = JUnitReports.read(report);
        assertEquals(1, s.tests());
        assertEquals(0, s.failures());
        assertTrue(!s.hasFailures());
    }

    @Test
    void anUnreadableReportIsNamed() throws Exception {
        Path report = Files.writeString(dir.resolve("r.xml"), "<testsuite><testcase");
        String message = assertThrows(PyzException.class, () -> JUnitReports.read(report)).getMessage();
        assertTrue(message.startsWith(report + ": not a readable JUnit XML report ("), message);
    }

    @Test
    void refusesDocumentTypeDeclarations() throws Exception {
        // no entity expansion from a report: a test could write anything there
        Path report = Files.writeString(dir.resolve("r.xml"), "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM"
                + " \"file:///etc/passwd\">]><testsuite><testcase name=\"&x;\"/></testsuite>");
        assertThrows(PyzException.class, () -> JUnitReports.read(report));
    }
}

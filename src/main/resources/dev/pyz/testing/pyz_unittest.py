"""Runs a folder's unittest tests and writes a JUnit XML report, as Maven's surefire does for Java tests.

Usage: python pyz_unittest.py TEST_DIR REPORT_XML SUITE_NAME [--filter PATTERN]...

Discovers the tests of TEST_DIR (test*.py, TEST_DIR on sys.path first), runs them with unittest's text
runner (its usual output), and writes REPORT_XML: one <testsuite> named SUITE_NAME with one <testcase>
per test (classname, name, time) and its <failure>, <error> or <skipped>. A PATTERN keeps the tests whose
id (package.module.Class.test_method) matches it as a glob, or contains it ('Class#method' reads as
'Class.method'). Exit status: 0 when every test passed, 1 when one failed or erred, 5 when no test ran
(as pytest). Standard library only; Python 3.8 and later.
"""
import fnmatch
import io
import os
import sys
import time
import traceback
import unittest
from xml.sax.saxutils import escape, quoteattr


class RecordingResult(unittest.TextTestResult):
    """The text runner's result that also records each test's outcome and duration for the report."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = []  # (test id, outcome, message, detail, seconds)
        self._started = {}

    def startTest(self, test):
        self._started[test.id()] = time.perf_counter()
        super().startTest(test)

    def _record(self, test, outcome, message="", detail=""):
        started = self._started.pop(test.id(), None)
        seconds = time.perf_counter() - started if started is not None else 0.0
        self.cases.append((test.id(), outcome, message, detail, seconds))

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record(test, "passed")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record(test, "failure", _message(err), self.failures[-1][1])

    def addError(self, test, err):
        super().addError(test, err)
        # an error outside a test (a module that fails to import, setUpClass) is reported as that "test"
        self._record(test, "error", _message(err), self.errors[-1][1])

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:  # each failing subtest is a case of its own; the test then reports no success
            failed = issubclass(err[0], test.failureException)
            detail = (self.failures if failed else self.errors)[-1][1]
            self.cases.append((subtest.id(), "failure" if failed else "error", _message(err), detail, 0.0))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._record(test, "skipped", reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._record(test, "passed")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._record(test, "failure", "unexpected success (the test is marked expectedFailure)")


def _message(err):
    kind, value, _ = err
    text = "".join(traceback.format_exception_only(kind, value)).strip()
    return text.splitlines()[0] if text else kind.__name__


def selected(suite, patterns):
    """The tests of suite whose id matches one of patterns (all of them without patterns)."""
    tests = []
    for test in _flatten(suite):
        test_id = test.id()
        if not patterns or any(_matches(test_id, p) for p in patterns):
            tests.append(test)
    return unittest.TestSuite(tests)


def _flatten(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            for test in _flatten(item):
                yield test
        else:
            yield item


FAILED_IMPORT = "unittest.loader._FailedTest."


def _matches(test_id, pattern):
    pattern = pattern.replace("#", ".")
    if test_id.startswith(FAILED_IMPORT):  # a module that failed to import: matched by the module's name
        test_id = test_id[len(FAILED_IMPORT):]
        return fnmatch.fnmatchcase(test_id, pattern) or pattern in test_id or test_id in pattern
    return fnmatch.fnmatchcase(test_id, pattern) or pattern in test_id


def split_id(test_id):
    """(classname, name) of a test id: package.module.Class and test_method (a subtest's parameters,
    "test_method (i=1)", stay with its name)."""
    if test_id.startswith(FAILED_IMPORT):  # unittest's stand-in for a module that failed to import
        return test_id[len(FAILED_IMPORT):], "import"
    base, space, params = test_id.partition(" ")
    if "." not in base:
        return base, test_id
    head, _, tail = base.rpartition(".")
    return head, tail + space + params


def _xml(text):
    """Text that XML 1.0 can hold: control characters other than tab and line breaks written as \\xNN."""
    return "".join(c if c in "\t\n\r" or ord(c) >= 0x20 and c not in "\ufffe\uffff" else "\\x%02x" % ord(c)
                   for c in text)


def report(cases, suite_name, seconds):
    """The JUnit XML text for the recorded cases."""
    counts = {"failure": 0, "error": 0, "skipped": 0}
    lines = []
    for test_id, outcome, message, detail, took in cases:
        if outcome in counts:
            counts[outcome] += 1
        classname, name = split_id(test_id)
        head = '  <testcase classname=%s name=%s time="%.3f"' % (quoteattr(_xml(classname)), quoteattr(_xml(name)), took)
        if outcome == "passed":
            lines.append(head + "/>")
        elif outcome == "skipped":
            lines.append(head + ">\n    <skipped message=%s/>\n  </testcase>" % quoteattr(_xml(message)))
        else:
            lines.append(head + ">\n    <%s message=%s>%s</%s>\n  </testcase>"
                         % (outcome, quoteattr(_xml(message)), escape(_xml(detail)), outcome))
    header = ('<testsuite name=%s tests="%d" failures="%d" errors="%d" skipped="%d" time="%.3f">'
              % (quoteattr(_xml(suite_name)), len(cases), counts["failure"], counts["error"], counts["skipped"], seconds))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join([header] + lines + ["</testsuite>"]) + "\n"


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 4
    test_dir, report_file, suite_name = argv[:3]
    rest = argv[3:]
    patterns = [rest[i + 1] for i in range(len(rest) - 1) if rest[i] == "--filter"]
    test_dir = os.path.abspath(test_dir)
    sys.path.insert(0, test_dir)
    suite = unittest.defaultTestLoader.discover(test_dir, top_level_dir=test_dir)
    suite = selected(suite, patterns)
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=RecordingResult)
    started = time.perf_counter()
    result = runner.run(suite)
    seconds = time.perf_counter() - started
    folder = os.path.dirname(os.path.abspath(report_file))
    if not os.path.isdir(folder):
        os.makedirs(folder)
    temp = report_file + ".tmp"
    with io.open(temp, "w", encoding="utf-8", errors="backslashreplace") as f:
        f.write(report(result.cases, suite_name, seconds))
    os.replace(temp, report_file)
    if not result.cases:
        return 5
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

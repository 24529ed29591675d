"""Tests of the unittest runner that pyz:test uses when the project declares no pytest
(src/main/resources/dev/pyz/testing/pyz_unittest.py): run by a real interpreter on generated tests."""
import sys

sys.dont_write_bytecode = True

import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import textwrap  # noqa: E402
import unittest  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "main", "resources", "dev",
                      "pyz", "testing", "pyz_unittest.py")

TESTS = textwrap.dedent('''
    import unittest
    import helper

    class Arithmetic(unittest.TestCase):
        def test_adds(self):
            self.assertEqual(helper.VALUE + 1, 3)

        def test_fails(self):
            self.assertEqual(1, 2, "one is not <two> & \\x1b[31mred\\x1b[0m")

        def test_errs(self):
            raise ValueError("broken")

        @unittest.skip("not on Tuesdays")
        def test_skipped(self):
            pass

        def test_sub(self):
            for i in range(3):
                with self.subTest(i=i):
                    self.assertNotEqual(i, 1)

        @unittest.expectedFailure
        def test_expected(self):
            self.assertTrue(False)
''')


class UnittestRunnerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pyz-unittest-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.tests = os.path.join(self.tmp, "tests")
        os.makedirs(os.path.join(self.tests, "pkg"))
        with open(os.path.join(self.tests, "test_math.py"), "w") as f:
            f.write(TESTS)
        with open(os.path.join(self.tests, "helper.py"), "w") as f:
            f.write("VALUE = 2\n")
        self.report = os.path.join(self.tmp, "reports", "TEST-demo.xml")

    def run_runner(self, *args):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        p = subprocess.run([sys.executable, RUNNER, self.tests, self.report, "demo"] + list(args),
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, env=env,
                           cwd=self.tmp, timeout=120)
        return p.returncode, p.stdout

    def cases(self):
        suite = ET.parse(self.report).getroot()
        self.assertEqual("testsuite", suite.tag)
        found = {}
        for case in suite.iter("testcase"):
            kinds = [child.tag for child in case]
            found[case.get("classname") + "." + case.get("name")] = (kinds[0] if kinds else "passed", case)
        return suite, found

    def test_reports_every_outcome_like_surefire(self):
        code, out = self.run_runner()
        self.assertEqual(1, code, out)
        self.assertIn("FAILED (failures=2, errors=1, skipped=1", out)  # unittest's own summary, as usual
        suite, found = self.cases()
        self.assertEqual("demo", suite.get("name"))
        self.assertEqual(("6", "2", "1", "1"), (suite.get("tests"), suite.get("failures"), suite.get("errors"),
                                                suite.get("skipped")))
        self.assertEqual("passed", found["test_math.Arithmetic.test_adds"][0])
        self.assertEqual("passed", found["test_math.Arithmetic.test_expected"][0])
        self.assertEqual("error", found["test_math.Arithmetic.test_errs"][0])
        self.assertEqual("skipped", found["test_math.Arithmetic.test_skipped"][0])
        self.assertEqual("not on Tuesdays", found["test_math.Arithmetic.test_skipped"][1][0].get("message"))
        kind, case = found["test_math.Arithmetic.test_fails"]
        self.assertEqual("failure", kind)
        message = case[0].get("message")
        self.assertTrue(message.startswith("AssertionError: 1 != 2 : one is not <two> & \\x1b[31mred"), message)
        self.assertIn('test_math.py", line 10, in test_fails', case[0].text)
        self.assertEqual("failure", found["test_math.Arithmetic.test_sub (i=1)"][0])
        self.assertNotIn("test_math.Arithmetic.test_sub", found)  # a test whose subtest failed did not pass

    def test_filters_by_glob_or_part_of_the_id(self):
        code, out = self.run_runner("--filter", "Arithmetic#test_adds", "--filter", "*.test_sk*")
        self.assertEqual(0, code, out)
        _, found = self.cases()
        self.assertEqual(["test_math.Arithmetic.test_adds", "test_math.Arithmetic.test_skipped"], sorted(found))

    def test_no_test_is_exit_5_with_an_empty_report(self):
        code, out = self.run_runner("--filter", "nothing_matches")
        self.assertEqual(5, code, out)
        suite, found = self.cases()
        self.assertEqual("0", suite.get("tests"))
        self.assertEqual({}, found)

    def test_a_module_that_does_not_import_is_an_error(self):
        with open(os.path.join(self.tests, "test_broken.py"), "w") as f:
            f.write("import no_such_module_here\n")
        code, out = self.run_runner()
        self.assertEqual(1, code, out)
        _, found = self.cases()
        errors = [name for name, (kind, _) in found.items() if kind == "error" and "test_broken" in name]
        self.assertEqual(["test_broken.import"], errors)  # named after the module, not unittest's stand-in
        # a filter naming the module, or a test in it, keeps its import error: it is not "no test matches"
        for pattern in ("test_broken*", "test_broken.BrokenTest.test_x"):
            code, out = self.run_runner("--filter", pattern)
            self.assertEqual(1, code, out)
            self.assertEqual(["test_broken.import"], sorted(self.cases()[1]), pattern)

    def test_the_message_is_the_first_line_of_a_long_assertion(self):
        with open(os.path.join(self.tests, "test_text.py"), "w") as f:
            f.write("import unittest\n\nclass Text(unittest.TestCase):\n    def test_lines(self):\n"
                    "        self.assertEqual('a\\nb\\n', 'a\\nc\\n')\n")
        self.run_runner("--filter", "Text")
        kind, case = self.cases()[1]["test_text.Text.test_lines"]
        self.assertEqual("failure", kind)
        self.assertEqual("AssertionError: 'a\\nb\\n' != 'a\\nc\\n'", case[0].get("message"))


if __name__ == "__main__":
    unittest.main()

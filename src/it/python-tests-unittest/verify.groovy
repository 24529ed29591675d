String log = new File(basedir, 'build.log').getText('UTF-8')

// both runs used unittest (no pytest among the wheels) and wrote the same report
assert log.contains(' with unittest (') : 'pyz:test did not fall back to unittest'
assert log.contains('Tests run: 4, Failures: 1, Errors: 0, Skipped: 1') : 'no surefire-like summary'

// 1: the failure was a warning; 2: it failed the build, naming the test and its message
assert log.contains('[WARNING] There are test failures in the tests: 1 failed, 0 erred, of 4')
assert log.contains('FAILED shapes_tests.test_area.AreaTest.test_square_is_wrong: AssertionError: 10 != 9 : a deliberate failure')
assert log =~ /\[ERROR\] Failed to execute goal .*:test .*There are test failures in the tests/ : 'the failure did not fail the build'

def report = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/surefire-reports/TEST-python-tests-unittest.xml'))
assert report.name() == 'testsuite' && report.@tests.text() == '4' && report.@failures.text() == '1' && report.@skipped.text() == '1'
def failed = report.testcase.find { it.@name.text() == 'test_square_is_wrong' }
assert failed.failure.@message.text().contains('a deliberate failure')
assert failed.failure.text().contains('test_area.py", line 15, in test_square_is_wrong')
return true

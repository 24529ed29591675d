def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)

String log = new File(basedir, 'build.log').getText('UTF-8')

// 1: the unit tests ran with pytest in xdist workers (-n auto), against the sources and the wheels; the
// integration tests ran against the built .pyz (native wheel extracted, no test wheel inside)
assert log.contains('Running the tests in ') && log.contains(' with pytest (') : 'pyz:test did not run pytest'
assert log =~ /created: \d+\/\d+ workers|\d+ workers? \[\d+ items?\]/ : 'pytest-xdist started no workers'
assert log.contains('Tests run: 5, Failures: 0, Errors: 0, Skipped: 1') : "no surefire-like summary of the unit tests (or the project folder's conftest.py was not loaded)"
assert log.contains('Running the integration tests in ') : 'pyz:integration-test did not run'
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0') : 'no summary of the integration tests'
def it = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/failsafe-reports/TEST-python-tests-it.xml'))
def itCases = it.'**'.findAll { it.name() == 'testcase' }.collect { it.@name.text() }.sort()
assert itCases == ['test_the_app_carries_no_test_wheel', 'test_the_built_app_runs_with_its_native_wheel_extracted'] : itCases

// the app itself runs outside the tests too
File pyz = py.pyz(basedir, 'app')
py.expectLines(py.expectExit(py.python(basedir, pyz, ['1', '2']), 0), ['Hello, calc!', 'sum=3', 'native_exists=True'])

// 2: -DskipTests skipped both goals
assert log.contains('Tests are skipped.') && log.contains('Integration tests are skipped.')

// 4: -Dtest ran the one test: the last unit report lists it alone
def unit = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/surefire-reports/TEST-python-tests.xml'))
def cases = unit.'**'.findAll { it.name() == 'testcase' }.collect { it.@name.text() }
assert cases == ['test_adds_numbers'] : cases
// class names as CI servers show them: the module under the test folder, not the folder's path
assert unit.'**'.find { it.name() == 'testcase' }.@classname.text() == 'test_calc'
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')

// 3: a filter that selects nothing fails the build, naming it
assert log.contains('No tests ran: no test matches -Dtest=no_such_test') : 'a filter that selects nothing did not fail'

// 5: the failing pytest test failed the build, named with its message, and its report lists it
assert log.contains('There are test failures in the tests: 1 failed, 0 erred, of 2') : 'a failing pytest test did not fail the build'
assert log.contains('FAILED test_wrong.test_adds_wrongly: AssertionError: two and two') : 'the failed test is not named'
def failing = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/failing-reports/TEST-python-tests.xml'))
assert failing.'**'.find { it.name() == 'testcase' && it.@name.text() == 'test_adds_wrongly' }.failure.size() == 1

// the tests wrote no bytecode into the source tree
assert !new File(basedir, 'src/test/python/__pycache__').exists()
assert !new File(basedir, 'src/main/python/calc/__pycache__').exists()
return true

// The first build failed naming the wheel and the missing requirement, like pip check; the second
// (dependencyCheck=warn) built the zipapp and logged the same line as a warning.
String log = new File(basedir, 'build.log').getText('UTF-8')
String line = 'Trans-B 2.0 requires trans-c==3.0, which is not bundled'
def errors = log.readLines().findAll { it.startsWith('[ERROR]') }.join('\n')
assert errors.contains(line) : "the failure does not list the missing requirement:\n${errors}"
def warnings = log.readLines().findAll { it.startsWith('[WARNING]') }.join('\n')
assert warnings.contains('-Dpyz.dependencyCheck=warn builds anyway') || log.contains(line) : warnings
assert log.readLines().findAll { it.contains(line) }.size() >= 2 : 'the warn build did not list it again'
assert new File(basedir, 'target/app.pyz').file : 'the warn build made no zipapp'
return true

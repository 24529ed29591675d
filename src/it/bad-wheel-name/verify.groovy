def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// badname-1.0-py3-none-any.whl says "Name: othername" in its METADATA: the build fails, says which
// wheel and what disagrees, and leaves no zipapp behind.
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD FAILURE')
def errors = log.readLines().findAll { it.startsWith('[ERROR]') }.join('\n')
assert errors.contains('badname') : "the error does not name the wheel:\n${errors}"
assert errors.contains('othername') : "the error does not say what METADATA says:\n${errors}"
assert !new File(basedir, 'target/app.pyz').exists() : 'a zipapp was left behind'
return true

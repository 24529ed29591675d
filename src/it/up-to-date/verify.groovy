def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// build.log holds the three invocations of invoker.properties, in order.
String log = new File(basedir, 'build.log').getText('UTF-8')
def built = log.readLines().findAll { it.contains('[INFO] Built ') }
def skipped = log.readLines().findAll { it.contains('Nothing to do') }
assert built.size() == 2 : "expected builds 1 and 3 to build, got:\n${built.join('\n')}"
assert skipped.size() == 1 : "expected build 2 to find the zipapp up to date, got:\n${skipped.join('\n')}"

File installed = new File(localRepositoryPath.toString(), 'it/pyz/up-to-date/1.0/up-to-date-1.0.pyz')
assert installed.file : 'the up-to-date zipapp was not attached (install did not carry it)'
def r = py.expectExit(py.python(basedir, installed, ['two']), 0)
py.expectLines(r, ['hello-module name=__main__', 'args=two'])

File pyz = py.pyz(basedir, 'app')
assert py.manifest(pyz).entry.name == 'greet.cli:main'
r = py.expectExit(py.python(basedir, pyz, ['three']), 0)
py.expectLines(r, ['argv0=greet.cli:main', 'args=three'])
return true

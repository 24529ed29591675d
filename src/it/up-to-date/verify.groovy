// Loads the shared helpers (src/it/tools/ItSupport.groovy) from the source tree above this clone.
File tools = null
for (File d = basedir.canonicalFile; d != null && tools == null; d = d.parentFile) {
    if (new File(d, "src/it/tools/ItSupport.groovy").file) tools = new File(d, "src/it/tools")
}
assert tools != null : "src/it/tools/ItSupport.groovy not found above ${basedir}"
def py = evaluate(new File(tools, "ItSupport.groovy"))


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

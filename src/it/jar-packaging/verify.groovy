def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// A jar project: the jar as usual, and the .pyz attached next to it (installed under the same coordinates).
File pyz = py.pyz(basedir, 'app')
assert new File(basedir, 'target/app.jar').file
def r = py.expectExit(py.python(basedir, pyz, ['j']), 0)
py.expectLines(r, ['hello-module name=__main__', 'args=j'])

File dir = new File(localRepositoryPath.toString(), 'it/pyz/jar-packaging/1.0')
assert new File(dir, 'jar-packaging-1.0.jar').file : "jar not installed; ${dir} holds ${dir.list()}"
File installed = new File(dir, 'jar-packaging-1.0.pyz')
assert installed.file : "pyz not installed; ${dir} holds ${dir.list()}"
assert installed.bytes == pyz.bytes
return true

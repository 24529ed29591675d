// Loads the shared helpers (src/it/tools/ItSupport.groovy) from the source tree above this clone.
File tools = null
for (File d = basedir.canonicalFile; d != null && tools == null; d = d.parentFile) {
    if (new File(d, "src/it/tools/ItSupport.groovy").file) tools = new File(d, "src/it/tools")
}
assert tools != null : "src/it/tools/ItSupport.groovy not found above ${basedir}"
def py = evaluate(new File(tools, "ItSupport.groovy"))


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

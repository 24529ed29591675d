// Loads the shared helpers (src/it/tools/ItSupport.groovy) from the source tree above this clone.
File tools = null
for (File d = basedir.canonicalFile; d != null && tools == null; d = d.parentFile) {
    if (new File(d, "src/it/tools/ItSupport.groovy").file) tools = new File(d, "src/it/tools")
}
assert tools != null : "src/it/tools/ItSupport.groovy not found above ${basedir}"
def py = evaluate(new File(tools, "ItSupport.groovy"))


// mvn install: both zipapps (no classifier, classifier cli) land in the local repository as .pyz.
File dir = new File(localRepositoryPath.toString(), 'it/pyz/install-attaches/1.0')
File plain = new File(dir, 'install-attaches-1.0.pyz')
File cli = new File(dir, 'install-attaches-1.0-cli.pyz')
assert plain.file : "${plain} not installed; ${dir} holds ${dir.list()}"
assert cli.file : "${cli} not installed; ${dir} holds ${dir.list()}"
assert plain.bytes == py.pyz(basedir, 'app').bytes
assert cli.bytes == py.pyz(basedir, 'app-cli').bytes

def r = py.expectExit(py.python(basedir, plain, ['i']), 0)
py.expectLines(r, ['hello-module name=__main__', 'args=i'])
r = py.expectExit(py.python(basedir, cli, ['Repo']), 0)
py.expectLines(r, ['argv0=greet-cli', 'Hello, Repo!'])
return true

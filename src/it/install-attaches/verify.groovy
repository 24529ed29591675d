def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


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

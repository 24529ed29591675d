def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)

// A user site-packages (PYTHONUSERBASE) stands for what is installed on the machine: a module, a distribution
// and a copy of greet that says it is the host's.
File userBase = new File(basedir, 'target/userbase')
def probe = py.run(basedir, [py.PYTHON, '-c', 'import site; print(site.getusersitepackages())'],
        [PYTHONUSERBASE: userBase.path])
File site = new File(py.lines(py.expectExit(probe, 0))[0])
new File(site, 'hostdist-1.0.dist-info').mkdirs()
new File(site, 'hostonly.py').text = "WHERE = 'host'\n"
new File(site, 'greet.py').text = "def greet(name):\n    return 'host greet'\n"
new File(site, 'hostdist-1.0.dist-info/METADATA').text = 'Metadata-Version: 2.1\nName: hostdist\nVersion: 1.0\n'
def env = [PYTHONUSERBASE: userBase.path, PYZ_INTERPRETER: '1']
String check = '''
import greet
from importlib import metadata
try:
    import hostonly; host = hostonly.WHERE
except ImportError:
    host = 'none'
print(host, greet.greet('x'), sorted(d.metadata['Name'] for d in metadata.distributions() if d.metadata['Name'] != 'pip'))
'''
// the default: isolated, as in a fresh virtual environment
py.expectLines(py.expectExit(py.python(basedir, py.pyz(basedir, 'app'), ['-c', check], env), 0),
        ["none Hello, x! ['greet']"])
assert py.manifest(py.pyz(basedir, 'app')).inherit_path == 'false'
// inheritPath=fallback: the machine's packages after the bundled ones (greet stays the bundled one)
def fallback = py.python(basedir, py.pyz(basedir, 'app-fallback'), ['-c', check], env)
assert py.lines(py.expectExit(fallback, 0))[0].startsWith("host Hello, x! [") : fallback.out
assert fallback.out.contains("'hostdist'")
// PYZ_INHERIT_PATH=prefer at run time: before them (the host's greet wins)
def prefer = py.python(basedir, py.pyz(basedir, 'app'), ['-c', check], env + [PYZ_INHERIT_PATH: 'prefer'])
assert py.lines(py.expectExit(prefer, 0))[0].startsWith('host host greet [') : prefer.out
return true

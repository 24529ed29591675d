def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)

// No setting: the build reads the wheels' code, finds the two that take their own folder as a directory,
// extracts them (one log line each, with the module and the evidence) and leaves greet in the archive.
String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Extracting tmplreader-1.0-py3-none-any.whl at run time: tmplreader/__init__.py takes its location'
        + ' from __file__ and lists a folder (listdir) (zipSafeWheels keeps it in the archive)') :
        "no reason logged for tmplreader:\n${log}"
assert log.contains('Extracting pluginlister-1.0-py3-none-any.whl at run time: pluginlister/plugins/__init__.py uses'
        + " its package's folder as a path (__path__[...])") : "no reason logged for pluginlister:\n${log}"
assert !log.contains('Extracting greet') : 'greet is zip-safe'
assert log.contains('Importing tmplreader-1.0-py3-none-any.whl from the archive (zipSafeWheels) although') : log

File pyz = py.pyz(basedir, 'app')
for (int run = 1; run <= 2; run++) { // the first run extracts, the second reuses
    def r = py.expectExit(py.python(basedir, pyz, []), 0)
    py.expectLines(r, ['hello from a template beside the module', 'templates=hello.txt,other.txt',
                       'plugins=alpha,beta', 'Hello, zip-safety!'])
}
def m = py.manifest(pyz)
assert m.wheels.findAll { it.extract }*.name == ['pluginlister', 'tmplreader']

// Kept in the archive on purpose, it fails, and the last line says which wheel to extract and how.
def r = py.python(basedir, py.pyz(basedir, 'app-inzip'), [])
assert r.code == 1 : "expected a failure:\n${r.out}\n${r.err}"
assert r.err.contains("open(os.path.join(HERE, 'templates', 'hello.txt')) as f:") : "no source line:\n${r.err}"
assert r.err.contains('is inside the archive, where files cannot be opened or listed by path: tmplreader-1.0-py3-none-any.whl'
        + ' reads files beside its modules. Rebuild with it extracted to disk: <extractWheels><extractWheel>tmplreader'
        + '</extractWheel></extractWheels> (-Dpyz.extractWheels=tmplreader)') : "no advice:\n${r.err}"
return true

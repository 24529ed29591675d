def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// The project's src/main/python: a package (myapp) at the root of the archive and a __main__.py
// that is the entry point (no main, no script); it returns len(args) as the exit status.

File pyz = py.pyz(basedir, 'app')
def r = py.expectExit(py.python(basedir, pyz, ['a', 'b']), 2)
py.expectLines(r, ['main name=__main__', 'Hello, source!', 'args=a|b', 'core=myapp.core'])

def m = py.manifest(pyz)
assert m.entry == [kind: 'source', path: '.pyz/app_main.py']
assert m.build.timestamp == '2026-01-02T03:04:06Z'

def names = py.entries(pyz)
['myapp/', 'myapp/__init__.py', 'myapp/core.py', 'myapp/core.pyc', '.pyz/app_main.py', '.pyz/app_main.pyc',
 '.pyz/manifest.json', '__main__.py'].each {
    assert names.contains(it) : "${it} missing from ${names}"
}
// only what sourceIncludes selects, less sourceExcludes and Maven's default excludes (core.py~)
['NOTES.md', 'myapp/tests/', 'myapp/tests/test_core.py', 'myapp/core.py~'].each {
    assert !names.contains(it) : "${it} is in ${names}"
}
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] sourceIncludes: lib/** selects no file of ') : 'no warning for an include that selects nothing'
// the launcher is last, followed by its bytecode (python3 is on the PATH of the build)
assert names.last() == '__main__.pyc' && names[-2] == '__main__.py' : names.takeRight(3)

// The project's entries carry project.build.outputTimestamp in UTC, the wheels' ones 1980-01-01.
new java.util.zip.ZipFile(pyz).withCloseable { z ->
    assert z.getEntry('myapp/core.py').timeLocal == java.time.LocalDateTime.of(2026, 1, 2, 3, 4, 6)
    assert z.getEntry('.deps/greet-1.0-py3-none-any.whl/greet/cli.py').timeLocal == java.time.LocalDateTime.of(1980, 1, 1, 0, 0, 0)
}
return true

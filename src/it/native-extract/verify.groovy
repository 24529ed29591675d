def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// nativepkg ships a (dummy) _native.so: the wheel is extracted under PYZ_ROOT and imported from
// there, so nativepkg.__file__ is outside the archive and _native.so sits next to it. greet, a pure
// wheel, is still imported from the archive.
File pyz = py.pyz(basedir, 'app')
File root = new File(basedir, 'target/pyz-root')   // ItSupport sets PYZ_ROOT to this

def where = { Map r ->
    String line = py.lines(r).find { it.startsWith('file=') }
    assert line != null : "no file= line in:\n${r.out}"
    return new File(line.substring('file='.length()))
}

def r = py.expectExit(py.python(basedir, pyz, [], [PYZ_ROOT: root.path]), 0)
py.expectLines(r, ['native_exists=True'])
File init = where(r)
assert init.canonicalPath.startsWith(new File(root, 'wheels').canonicalPath + File.separator) :
        "nativepkg.__file__ ${init} is not under ${root}/wheels"
assert !init.path.contains('app.pyz') : "nativepkg.__file__ ${init} points into the archive"
assert init.file : "${init} does not exist"
File so = new File(init.parentFile, '_native.so')
assert so.file : "${so} was not extracted"
assert new String(so.bytes, 'ISO-8859-1').startsWith('\u007fELF not really a shared object')

// $PYZ_ROOT/wheels/<sha256 of the wheel>/
def m = py.manifest(pyz)
def nat = m.wheels.find { it.file == 'nativepkg-1.0-py3-none-any.whl' }
assert nat.extract == true
assert m.wheels.find { it.file == 'greet-1.0-py3-none-any.whl' }.extract == false
assert init.canonicalPath.startsWith(new File(root, "wheels/${nat.sha256}").canonicalPath + File.separator)

// A second start reuses the extracted wheel.
r = py.expectExit(py.python(basedir, pyz, [], [PYZ_ROOT: root.path]), 0)
assert where(r).canonicalPath == init.canonicalPath

// Another PYZ_ROOT is honoured.
File root2 = new File(basedir, 'target/pyz-root-2')
r = py.expectExit(py.python(basedir, pyz, [], [PYZ_ROOT: root2.path]), 0)
assert where(r).canonicalPath.startsWith(root2.canonicalPath + File.separator)

// The pure wheel is imported from inside the archive.
r = py.expectExit(py.python(basedir, pyz, ['-c', 'import greet; print("greet=" + greet.__file__)'],
        [PYZ_ROOT: root.path, PYZ_INTERPRETER: '1']), 0)
String greetFile = py.lines(r).find { it.startsWith('greet=') }
assert greetFile != null && greetFile.contains('app.pyz') : "greet not imported from the archive: ${greetFile}"
return true

def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// No main, no script, no __main__.py: the zipapp is a Python interpreter with the wheels importable.
File pyz = py.pyz(basedir, 'app')

// -c: greet (plain), datalib_extra (from datalib's .data/purelib, folded to the root), the namespace
// package acme split across two wheels, tagged (a wheel with a build tag); argv like python's.
def r = py.expectExit(py.python(basedir, pyz, ['-c', '''
import sys, greet, datalib, datalib_extra, acme.one, acme.two, tagged
print(greet.greet("interp"))
print(datalib.NAME + ": " + datalib_extra.extra())
print("acme=" + acme.one.WHO + "+" + acme.two.WHO)
print(tagged.TAGGED)
print("argv=" + "|".join(sys.argv))
''', 'a1', 'a2']), 0)
py.expectLines(r, ['Hello, interp!', 'datalib: extra from purelib', 'acme=one+two', 'tagged 0.3 build 7', 'argv=-c|a1|a2'])

// -c with an exit status
py.expectExit(py.python(basedir, pyz, ['-c', 'import sys; sys.exit(3)']), 3)

// a script file with arguments: runs as __main__, sys.argv[0] is the script
File script = new File(basedir, 'target/script.py')
script.setText('''import os, sys, greet
print("script argv0=" + os.path.basename(sys.argv[0]))
print("name=" + __name__)
print("args=" + "|".join(sys.argv[1:]))
print(greet.greet("file"))
''', 'UTF-8')
r = py.expectExit(py.python(basedir, pyz, [script.path, 'p', 'q r']), 0)
py.expectLines(r, ['script argv0=script.py', 'name=__main__', 'args=p|q r', 'Hello, file!'])

// -m a module of a wheel
r = py.expectExit(py.python(basedir, pyz, ['-m', 'greet.hello', 'm1']), 0)
py.expectLines(r, ['hello-module name=__main__', 'args=m1'])

def m = py.manifest(pyz)
assert m.entry == [kind: 'interpreter']
assert m.wheels*.file == ['acme_one-1.0-py3-none-any.whl', 'acme_two-1.0-py3-none-any.whl',
                          'datalib-1.0-py3-none-any.whl', 'greet-1.0-py3-none-any.whl',
                          'tagged-0.3-7-py2.py3-none-any.whl']
def tagged = m.wheels.find { it.file.startsWith('tagged-') }
assert tagged.tags == ['py2-none-any', 'py3-none-any']
assert tagged.requires_python == null
assert m.wheels.every { it.extract == false }

def names = py.entries(pyz)
assert names.contains('.deps/datalib-1.0-py3-none-any.whl/datalib_extra.py')
assert !names.any { it.contains('.data/purelib') } : "purelib not folded: ${names.findAll { it.contains('.data/') }}"
assert names.contains('.deps/datalib-1.0-py3-none-any.whl/bin/datalib-tool')
assert names.contains('.deps/acme_one-1.0-py3-none-any.whl/acme/')
assert names.contains('.deps/acme_two-1.0-py3-none-any.whl/acme/')
// the launcher is last, followed by its bytecode (python3 is on the PATH of the build)
assert names.last() == '__main__.pyc' && names[-2] == '__main__.py' : names.takeRight(3)
return true

def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// main = greet.hello: runs like `python -m greet.hello`, arguments passed through.
File pyz = py.pyz(basedir, 'app')
def r = py.expectExit(py.python(basedir, pyz, ['x', 'y z']), 0)
py.expectLines(r, ['hello-module name=__main__', 'Hello, module!', 'args=x|y z'])

def m = py.manifest(pyz)
assert m.format == 2
assert m.entry == [kind: 'module', module: 'greet.hello']
assert m.wheels*.file == ['greet-1.0-py3-none-any.whl']
assert m.wheels[0].requires_python == '>=3.8'
assert m.build.project == 'it.pyz:module-entry:1.0'

// The shebang line, then the zip; the file is executable as it is.
String head = pyz.withInputStream { new String(it.readNBytes(23), 'UTF-8') }
assert head == '#!/usr/bin/env python3\n' : "unexpected start of ${pyz}: ${head}"
assert pyz.canExecute() : "${pyz} is not executable"
r = py.expectExit(py.run(basedir, [pyz.path, 'direct']), 0)
py.expectLines(r, ['hello-module name=__main__', 'args=direct'])
return true

def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// main = greet.cli:exit_code: called with no arguments, its return value (7) is the exit status.
File pyz = py.pyz(basedir, 'app')
def r = py.expectExit(py.python(basedir, pyz, []), 7)
py.expectLines(r, ['exit_code called, argv0=greet.cli:exit_code'])

def m = py.manifest(pyz)
assert m.entry == [kind: 'callable', module: 'greet.cli', attr: 'exit_code', name: 'greet.cli:exit_code']
return true

def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// script = greet-cli, a console script of the greet wheel (greet.cli:main): sys.argv[0] names the
// script (its path in the child interpreter's bin/, which runs it again), the arguments are passed through, main()'s 0 is the exit status.
File pyz = py.pyz(basedir, 'app')
def r = py.expectExit(py.python(basedir, pyz, ['World', 'a b', '--flag']), 0)
py.expectLines(r, ['argv0=greet-cli', 'args=World|a b|--flag', 'Hello, World!'])

def m = py.manifest(pyz)
assert m.entry.kind == 'callable'
assert m.entry.module == 'greet.cli'
assert m.entry.attr == 'main'
assert m.entry.name == 'greet-cli'
return true

// Loads the shared helpers (src/it/tools/ItSupport.groovy) from the source tree above this clone.
File tools = null
for (File d = basedir.canonicalFile; d != null && tools == null; d = d.parentFile) {
    if (new File(d, "src/it/tools/ItSupport.groovy").file) tools = new File(d, "src/it/tools")
}
assert tools != null : "src/it/tools/ItSupport.groovy not found above ${basedir}"
def py = evaluate(new File(tools, "ItSupport.groovy"))


// script = greet-cli, a console script of the greet wheel (greet.cli:main): sys.argv[0] is the
// script's name, the arguments are passed through, main()'s 0 is the exit status.
File pyz = py.pyz(basedir, 'app')
def r = py.expectExit(py.python(basedir, pyz, ['World', 'a b', '--flag']), 0)
py.expectLines(r, ['argv0=greet-cli', 'args=World|a b|--flag', 'Hello, World!'])

def m = py.manifest(pyz)
assert m.entry.kind == 'callable'
assert m.entry.module == 'greet.cli'
assert m.entry.attr == 'main'
assert m.entry.name == 'greet-cli'
return true

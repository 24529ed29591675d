// Loads the shared helpers (src/it/tools/ItSupport.groovy) from the source tree above this clone.
File tools = null
for (File d = basedir.canonicalFile; d != null && tools == null; d = d.parentFile) {
    if (new File(d, "src/it/tools/ItSupport.groovy").file) tools = new File(d, "src/it/tools")
}
assert tools != null : "src/it/tools/ItSupport.groovy not found above ${basedir}"
def py = evaluate(new File(tools, "ItSupport.groovy"))


// main = greet.cli:exit_code: called with no arguments, its return value (7) is the exit status.
File pyz = py.pyz(basedir, 'app')
def r = py.expectExit(py.python(basedir, pyz, []), 7)
py.expectLines(r, ['exit_code called, argv0=greet.cli:exit_code'])

def m = py.manifest(pyz)
assert m.entry == [kind: 'callable', module: 'greet.cli', attr: 'exit_code', name: 'greet.cli:exit_code']
return true

// Loads the shared helpers (src/it/tools/ItSupport.groovy) from the source tree above this clone.
File tools = null
for (File d = basedir.canonicalFile; d != null && tools == null; d = d.parentFile) {
    if (new File(d, "src/it/tools/ItSupport.groovy").file) tools = new File(d, "src/it/tools")
}
assert tools != null : "src/it/tools/ItSupport.groovy not found above ${basedir}"
def py = evaluate(new File(tools, "ItSupport.groovy"))


// Only trans_b is declared; trans_c comes through trans_b's POM and is importable.
File pyz = py.pyz(basedir, 'app')
def r = py.expectExit(py.python(basedir, pyz, []), 0)
py.expectLines(r, ['b uses c 42'])

def m = py.manifest(pyz)
assert m.wheels*.file == ['trans_b-2.0-py3-none-any.whl', 'trans_c-3.0-py3-none-any.whl']
assert m.wheels*.version == ['2.0', '3.0']
assert m.wheels*.dist_info == ['trans_b-2.0.dist-info', 'trans_c-3.0.dist-info']
return true

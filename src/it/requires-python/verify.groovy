// Loads the shared helpers (src/it/tools/ItSupport.groovy) from the source tree above this clone.
File tools = null
for (File d = basedir.canonicalFile; d != null && tools == null; d = d.parentFile) {
    if (new File(d, "src/it/tools/ItSupport.groovy").file) tools = new File(d, "src/it/tools")
}
assert tools != null : "src/it/tools/ItSupport.groovy not found above ${basedir}"
def py = evaluate(new File(tools, "ItSupport.groovy"))


// future_only says Requires-Python >=4: the build works, but the zipapp stops before importing
// anything, with one message that names the wheel.
File pyz = py.pyz(basedir, 'app')
def r = py.python(basedir, pyz, [])
assert r.code != 0 : "the zipapp started on an interpreter that future_only does not accept:\n${r.out}"
assert !r.out.contains('hello-module') : 'the entry point ran'
assert r.err.contains('future_only') : "the message does not name the wheel:\n${r.err}"
assert r.err.contains('>=4') : "the message does not give the requirement:\n${r.err}"
assert !r.err.contains('greet-1.0') : "the message names a wheel that fits:\n${r.err}"
return true

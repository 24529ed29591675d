def py = evaluate(new File(itTools, "ItSupport.groovy")) // the ITs' shared helpers (src/it/tools; see the POM)


// future_only says Requires-Python >=3.99 and the build targets 3.99: the build works, but the zipapp
// stops before importing anything, with one message that names the wheel.
File pyz = py.pyz(basedir, 'app')
def r = py.python(basedir, pyz, [])
assert r.code != 0 : "the zipapp started on an interpreter that future_only does not accept:\n${r.out}"
assert !r.out.contains('hello-module') : 'the entry point ran'
assert r.err.contains('future_only') : "the message does not name the wheel:\n${r.err}"
assert r.err.contains('>=3.99') : "the message does not give the requirement:\n${r.err}"
assert !r.err.contains('greet-1.0') : "the message names a wheel that fits:\n${r.err}"
return true
